"""Dialogue-based agreements: director → chief → leader, with dialogue meetings.

The state moves only through `services.agreement_set_state` and its transition
table. Goals on agreements live in the goals app. Unit and parent are RESTRICT: they
cannot be deleted under a live agreement, but deleting a whole municipality (which
cascades to its agreements too) works.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit


class Agreement(PublicIdModel):
    class Level(models.TextChoices):
        DIRECTOR = "director", _("director agreement")
        CHIEF = "chief", _("chief agreement")
        LEADER = "leader", _("leader agreement")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_DIALOGUE = "in_dialogue", _("in dialogue")
        AGREED = "agreed", _("agreed")
        MID_YEAR_FOLLOW_UP = "mid_year_follow_up", _("mid-year follow-up")
        CLOSED = "closed", _("closed")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("municipality"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        Unit, on_delete=models.RESTRICT, related_name="agreements", verbose_name=_("unit")
    )
    parties = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="agreements", blank=True, verbose_name=_("parties")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agreement"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)

    class Meta:
        ordering = ["municipality", "-period_start", "level", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"], name="strategy_agreement_title_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="strategy_agreement_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=["director", "chief", "leader"]),
                name="strategy_agreement_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    state__in=["draft", "in_dialogue", "agreed", "mid_year_follow_up", "closed"]
                ),
                name="strategy_agreement_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DialogueMeeting(TimeStampedModel):
    class Kind(models.TextChoices):
        START = "start", _("start meeting")
        MID_YEAR = "mid_year", _("mid-year meeting")
        END = "end", _("end meeting")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["agreement", "held_on", "id"]
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"], name="strategy_meeting_kind_per_agreement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.get_kind_display()}"
