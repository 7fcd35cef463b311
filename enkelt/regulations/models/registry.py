"""Rules, the activities that carry their burden, job-family tariffs and burden snapshots.

The burden columns on `Rule` (`hours_per_year`, `cost_per_year`, `fte`) are a
denormalised copy of `burden.rule_burden(rule)`, kept up to date only by
`services.py`, so that the registry can be sorted by burden over 100,000 rules
with an index instead of an aggregate. Everything municipality-owned carries its
municipality and unique constraints include it (reliability.md).
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit

ZERO = Decimal("0")
ONE = Decimal("1")

STATE_ORIGINS = frozenset({"state_law", "executive_order", "state_guidance", "eu"})


def _burden_field(label: Any, decimal_places: int) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=16, decimal_places=decimal_places, default=ZERO, editable=False
    )


class JobFamilyTariff(TimeStampedModel):
    """An hourly tariff for one job family and year: wage * (1 + overhead)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="job_family_tariffs",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("job family"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    hourly_wage = models.DecimalField(
        _("hourly wage (DKK)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    overhead_share = models.DecimalField(
        _("overhead share"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.25"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("0.25 means 25 % on top of the wage."),
    )

    class Meta:
        ordering = ["municipality", "name", "-year"]
        verbose_name = _("job-family tariff")
        verbose_name_plural = _("job-family tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "year"], name="tariff_family_year_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(hourly_wage__gte=0) & models.Q(overhead_share__gte=0),
                name="tariff_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def tariff(self) -> Decimal:
        return self.hourly_wage * (ONE + self.overhead_share)


class Rule(PublicIdModel):
    """A rule, requirement or obligation the municipality's staff must follow."""

    class Kind(models.TextChoices):
        INTERNAL_RULE = "internal_rule", _("internal rule")
        DOCUMENTATION_REQUIREMENT = "documentation_requirement", _("documentation requirement")
        REPORTING_OBLIGATION = "reporting_obligation", _("reporting obligation")
        APPROVAL_REQUIREMENT = "approval_requirement", _("approval requirement")
        PROCEDURE = "procedure", _("procedure")
        FORM = "form", _("form")
        CONTROL = "control", _("control")

    class Origin(models.TextChoices):
        COUNCIL = "council", _("city council")
        COMMITTEE = "committee", _("committee")
        ADMINISTRATION = "administration", _("administration")
        INSTITUTION = "institution", _("institution")
        STATE_LAW = "state_law", _("state law")
        EXECUTIVE_ORDER = "executive_order", _("executive order")
        STATE_GUIDANCE = "state_guidance", _("state guidance")
        EU = "eu", _("EU")
        KL_AGREEMENT = "kl_agreement", _("KL / agreement")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        UNDER_REVIEW = "under_review", _("under review")
        SIMPLIFIED = "simplified", _("simplified")
        ABOLISHED = "abolished", _("abolished")
        SUSPENDED_ON_TRIAL = "suspended_on_trial", _("suspended on trial")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="rules", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    origin = models.CharField(_("origin"), max_length=40, choices=Origin.choices)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    legal_reference_url = models.URLField(
        _("link to the legal source"),
        max_length=500,
        blank=True,
        help_text=_("For state rules: a Retsinformation/ELI address."),
    )
    purpose = models.TextField(_("purpose (why does this rule exist?)"), blank=True)
    text = models.TextField(_("rule text"), blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_rules",
        verbose_name=_("owner unit"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_rules",
        verbose_name=_("owner"),
    )
    applies_to = models.ManyToManyField(
        Unit, blank=True, related_name="applicable_rules", verbose_name=_("applies to")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE
    )
    review_by = models.DateField(_("review by"), null=True, blank=True)
    hours_per_year = _burden_field(_("hours per year"), 2)
    cost_per_year = _burden_field(_("DKK per year"), 2)
    fte = _burden_field(_("full-time equivalents"), 4)

    class Meta:
        ordering = ["municipality", "title", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        indexes = [
            models.Index(fields=["municipality", "-hours_per_year", "id"], name="rule_hours_idx"),
            models.Index(fields=["municipality", "-cost_per_year", "id"], name="rule_cost_idx"),
            models.Index(fields=["municipality", "-fte", "id"], name="rule_fte_idx"),
            models.Index(fields=["municipality", "title", "id"], name="rule_title_idx"),
            models.Index(fields=["municipality", "status", "kind"], name="rule_status_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_year__gte=0)
                & models.Q(cost_per_year__gte=0)
                & models.Q(fte__gte=0),
                name="rule_burden_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_state_origin(self) -> bool:
        return self.origin in STATE_ORIGINS


class Activity(TimeStampedModel):
    """One administrative activity a rule demands (collect, fill in, approve, archive…)."""

    class Source(models.TextChoices):
        INTERVIEW = "interview", _("interview")
        TIME_REGISTRATION = "time_registration", _("time registration")
        SYSTEM_LOG = "system_log", _("system log")
        ESTIMATE = "estimate", _("estimate")

    class Confidence(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="activities", verbose_name=_("rule")
    )
    name = models.CharField(_("activity"), max_length=200)
    population = models.DecimalField(
        _("population (cases, persons or units per occurrence)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    frequency_per_year = models.DecimalField(
        _("frequency per year"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(ZERO)],
        help_text=_("May be below 1: every second year is 0.5."),
    )
    minutes_per_occurrence = models.DecimalField(
        _("minutes per occurrence"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    job_family = models.ForeignKey(
        JobFamilyTariff,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("job family"),
    )
    hourly_tariff = models.DecimalField(
        _("hourly tariff override (DKK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Leave empty to use the job family's or the municipality's tariff."),
    )
    external_cost_per_occurrence = models.DecimalField(
        _("external cost per occurrence (DKK)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    business_as_usual_share = models.DecimalField(
        _("business-as-usual share"),
        max_digits=5,
        decimal_places=4,
        default=ZERO,
        validators=[MinValueValidator(ZERO), MaxValueValidator(ONE)],
        help_text=_("The share that would be done anyway without the rule (0 to 1)."),
    )
    source = models.CharField(
        _("source of the numbers"), max_length=20, choices=Source.choices, default=Source.ESTIMATE
    )
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["rule", "sort_order", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(business_as_usual_share__gte=0)
                & models.Q(business_as_usual_share__lte=1),
                name="activity_bau_share_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=models.Q(population__gte=0)
                & models.Q(frequency_per_year__gte=0)
                & models.Q(minutes_per_occurrence__gte=0)
                & models.Q(external_cost_per_occurrence__gte=0),
                name="activity_parameters_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BurdenSnapshot(TimeStampedModel):
    """A measured burden at one moment; reductions are computed from these, never typed."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("baseline")
        UPDATE = "update", _("update")
        BEFORE_DECISION = "before_decision", _("before a decision")
        AFTER_DECISION = "after_decision", _("after a decision")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("rule")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    taken_at = models.DateTimeField(_("taken at"), db_index=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    hours_per_year = models.DecimalField(_("hours per year"), max_digits=16, decimal_places=2)
    cost_per_year = models.DecimalField(_("DKK per year"), max_digits=16, decimal_places=2)
    fte = models.DecimalField(_("full-time equivalents"), max_digits=16, decimal_places=4)
    activities = models.JSONField(_("activity parameters"), default=list, blank=True)

    class Meta:
        ordering = ["rule", "-taken_at", "-id"]
        verbose_name = _("burden snapshot")
        verbose_name_plural = _("burden snapshots")
        indexes = [models.Index(fields=["rule", "kind", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.rule} · {self.get_kind_display()} · {self.taken_at:%Y-%m-%d}"


# Module-level names of the choice sets, for drf-spectacular's ENUM_NAME_OVERRIDES.
RuleKind = Rule.Kind
RuleStatus = Rule.Status
