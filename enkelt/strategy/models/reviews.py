"""Review rounds of the portfolio (e.g. "May 2027") and their items.

Opening a round creates one item per active initiative and asks its owner for an
update; the directors then record a decision per item, which also sets the
initiative's status. Items are kept, so the history across rounds per initiative
is the list of its items.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel
from enkelt.strategy.models.portfolio import Initiative, StrategyPlan
from enkelt.tenants.models import Municipality


class Decision(models.TextChoices):
    CONTINUE = "continue", _("continue")
    ADJUST = "adjust", _("adjust")
    STOP = "stop", _("stop")
    START_NEW = "start_new", _("start new")


class ReviewRound(PublicIdModel):
    class State(models.TextChoices):
        OPEN = "open", _("open for updates")
        CLOSED = "closed", _("closed")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="review_rounds",
        verbose_name=_("municipality"),
    )
    plan = models.ForeignKey(
        StrategyPlan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=120)
    deadline = models.DateField(_("deadline for updates"))
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        ordering = ["municipality", "-deadline", "-id"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="strategy_round_title_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title


class ReviewItem(PublicIdModel):
    Decision = Decision

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="items", verbose_name=_("round")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="review_items",
        verbose_name=_("initiative"),
    )
    # The owner's update.
    status = models.CharField(
        _("status"), max_length=10, choices=Initiative.Status.choices, blank=True
    )
    rag = models.CharField(
        _("red/amber/green"), max_length=10, choices=Initiative.Rag.choices, blank=True
    )
    progress = models.TextField(_("progress"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    proposed_decision = models.CharField(
        _("proposed decision"), max_length=10, choices=Decision.choices, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    submitted_at = models.DateTimeField(_("update submitted"), null=True, blank=True)
    # The last day a reminder went to the owner: a scheduled reminder skips an owner
    # who was already reminded that day, so running it twice sends once.
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True)
    # The directors' decision.
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["round", "initiative__title", "id"]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "initiative"], name="strategy_item_initiative_per_round"
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="stop") | ~models.Q(decision_reason=""),
                name="strategy_item_stop_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.initiative}"
