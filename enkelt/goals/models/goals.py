"""Goals on dialogue-based agreements, their indicators, milestones and measurements.

The golden thread: every goal links to exactly one of an initiative, a programme,
a development area or a parent goal, or is marked local. `services.goal_create`
checks it with a readable message; the check constraint below keeps a bad write
elsewhere from landing in the database.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality

LINK_FIELDS = ("initiative", "programme", "area", "parent_goal")


def _exactly_one_link() -> models.Q:
    """Exactly one of the four links is set, or none and the goal is local."""
    present = {name: models.Q(**{f"{name}__isnull": False}) for name in LINK_FIELDS}
    absent = {name: models.Q(**{f"{name}__isnull": True}) for name in LINK_FIELDS}
    options = []
    for chosen in LINK_FIELDS:
        q = present[chosen] & models.Q(is_local=False)
        for other in LINK_FIELDS:
            if other != chosen:
                q &= absent[other]
        options.append(q)
    local = models.Q(is_local=True)
    for name in LINK_FIELDS:
        local &= absent[name]
    options.append(local)
    condition = options[0]
    for option in options[1:]:
        condition |= option
    return condition


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    PERCENTAGE_POINTS = "percentage_points", _("percentage points")
    COUNT = "count", _("count")
    DKK = "dkk", _("DKK")
    DAYS = "days", _("days")
    SCORE = "score", _("score")


class Direction(models.TextChoices):
    UP = "up", _("higher is better")
    DOWN = "down", _("lower is better")


class StatusChoice(models.TextChoices):
    GREEN = "green", _("on track")
    AMBER = "amber", _("at risk")
    RED = "red", _("off track")


class Rating(models.TextChoices):
    MET = "met", _("on track")
    PARTLY = "partly", _("partly on track")
    NOT_MET = "not_met", _("not on track")


class Goal(PublicIdModel):
    """One goal in an agreement (about five clear, measurable goals per service area)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="goals", verbose_name=_("municipality")
    )
    agreement = models.ForeignKey(
        "strategy.Agreement",
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    initiative = models.ForeignKey(
        "strategy.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("initiative"),
    )
    programme = models.ForeignKey(
        "strategy.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("programme"),
    )
    area = models.ForeignKey(
        "strategy.DevelopmentArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("development area"),
    )
    parent_goal = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_goals",
        verbose_name=_("parent goal"),
    )
    is_local = models.BooleanField(_("local goal"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_goals",
        verbose_name=_("owner"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["agreement", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(condition=_exactly_one_link(), name="goal_golden_thread"),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(PublicIdModel):
    """How a goal is measured: definition, unit, direction, baseline and target."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("municipality"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("goal"),
    )
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    frequency = models.CharField(_("frequency"), max_length=100, blank=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_change = models.DecimalField(
        _("target change"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Instead of a target value: the change from the baseline, e.g. 3 for +3 pp."),
    )
    target_date = models.DateField(_("target date"))
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.05"),
        help_text=_("Green within one tolerance of the expected progress, amber within two."),
    )
    status_override = models.CharField(
        _("status set by hand"), max_length=5, choices=StatusChoice.choices, blank=True
    )
    override_comment = models.TextField(_("reason for the status set by hand"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_indicators",
        verbose_name=_("owner"),
    )

    class Meta:
        ordering = ["municipality", "title", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=False)
                | models.Q(target_change__isnull=False),
                name="indicator_has_target",
            ),
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=models.Q(status_override="") | ~models.Q(override_comment=""),
                name="indicator_override_needs_comment",
            ),
            models.CheckConstraint(
                condition=models.Q(tolerance__gte=0), name="indicator_tolerance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(TimeStampedModel):
    """An interim point on the target path."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("indicator")
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="milestone_one_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.date}"


class Measurement(TimeStampedModel):
    """One value of the series (period date, value, optional numerator and denominator)."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    numerator = models.DecimalField(
        _("numerator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    preliminary = models.BooleanField(_("preliminary"), default=False)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="measurement_one_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.date}: {self.value}"


class MeetingAssessment(TimeStampedModel):
    """The assessment of one goal at one dialogue meeting."""

    meeting = models.ForeignKey(
        "strategy.DialogueMeeting",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("meeting"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("goal")
    )
    assessment = models.TextField(_("assessment"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)

    class Meta:
        ordering = ["meeting", "goal"]
        verbose_name = _("meeting assessment")
        verbose_name_plural = _("meeting assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "goal"], name="assessment_one_per_goal_and_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.goal}"


class FreedHoursAllocation(PublicIdModel):
    """Hours freed by a simplification case, back to the core task of an initiative or goal."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    case = models.ForeignKey(
        "simplification.Case",
        on_delete=models.PROTECT,
        related_name="freed_hours_allocations",
        verbose_name=_("simplification case"),
    )
    initiative = models.ForeignKey(
        "strategy.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="freed_hours_allocations",
        verbose_name=_("initiative"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="freed_hours_allocations",
        verbose_name=_("goal"),
    )
    hours_per_year = models.DecimalField(_("hours per year"), max_digits=12, decimal_places=2)
    note = models.TextField(_("what the hours go to"), blank=True)

    class Meta:
        ordering = ["municipality", "-created_at", "id"]
        verbose_name = _("freed hours allocation")
        verbose_name_plural = _("freed hours allocations")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(initiative__isnull=False) & models.Q(goal__isnull=True))
                | (models.Q(initiative__isnull=True) & models.Q(goal__isnull=False)),
                name="freed_hours_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_year__gt=0), name="freed_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.hours_per_year}"
