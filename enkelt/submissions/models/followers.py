"""Citizens who follow a submission by e-mail and are told when it moves."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


class Follower(TimeStampedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("submission"),
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="da")
    unsubscribe_token = models.CharField(
        _("unsubscribe token"), max_length=64, default=new_unsubscribe_token, editable=False
    )

    class Meta:
        ordering = ["submission", "created_at"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "submission", "email"],
                name="follower_once_per_submission",
            ),
            models.UniqueConstraint(
                fields=["municipality", "unsubscribe_token"], name="follower_token_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.email
