"""The user. Staff place (municipality, unit, role) lives in tenants.Membership."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: follow the browser."),
    )
    is_kl = models.BooleanField(
        _("national KL user"),
        default=False,
        help_text=_("Sees what municipalities escalate or publish, never their internal data."),
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
