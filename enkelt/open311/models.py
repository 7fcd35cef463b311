"""Open311 has no data of its own beyond the API keys that let clients post."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality


def hash_key(key: str) -> str:
    """Keys are stored hashed, like passwords: a leaked database leaks no key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(24)


class ApiKey(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="open311_keys",
        verbose_name=_("municipality"),
    )
    name = models.CharField(
        _("client"), max_length=200, help_text=_("Who uses this key, e.g. an app's name.")
    )
    key_hash = models.CharField(_("key (hashed)"), max_length=64, editable=False)
    key_prefix = models.CharField(_("key begins with"), max_length=8, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key_hash"], name="open311_key_unique_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    def set_key(self, key: str) -> None:
        self.key_hash = hash_key(key)
        self.key_prefix = key[:8]
