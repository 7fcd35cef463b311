"""Campaigns, simplification cases, the flags that gather on them and decision scenarios.

One case per rule (a unique constraint on municipality and rule): every flag on a
rule, from a citizen's hassle submission or an employee, lands on the same case.
Stage and outcome move only through `services` along `pipeline.ALLOWED_TRANSITIONS`;
the constraints below keep the combinations the pipeline can produce, so that a
bad write elsewhere fails in the database.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import TimeStampedModel
from enkelt.tenants.models import Municipality


class Stage(models.TextChoices):
    FLAGGED = "flagged", _("flagged")
    SELECTED = "selected", _("selected")
    DECIDED = "decided", _("decided")


class Outcome(models.TextChoices):
    ABOLISHED = "abolished", _("abolished")
    STREAMLINED = "streamlined", _("streamlined")
    KEPT = "kept", _("kept")
    ESCALATED = "escalated", _("escalated")
    NOT_HANDLED = "not_handled", _("not handled")


class DecisionLevel(models.TextChoices):
    LEADER = "leader", _("leader")
    CHIEF = "chief", _("chief")
    DIRECTORS = "directors", _("directors")
    COMMITTEE = "committee", _("committee")
    COUNCIL = "council", _("city council")


class Campaign(TimeStampedModel):
    """A time-boxed, themed call for flags (after the UK Red Tape Challenge)."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="simplification_campaigns",
        verbose_name=_("municipality"),
    )
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open to"))
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("champion"),
    )
    decision_deadline = models.DateField(_("decision deadline"), null=True, blank=True)
    presume_abolish = models.BooleanField(
        _("abolish unless justified"),
        default=True,
        help_text=_("A flagged rule goes unless its owner gives a reason to keep it."),
    )

    class Meta:
        ordering = ["municipality", "-opens_on", "id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "public_id"], name="campaign_public_id_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="campaign_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.theme


class Case(TimeStampedModel):
    """One rule's way through the pipeline (forenklingssag)."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="simplification_cases",
        verbose_name=_("municipality"),
    )
    rule = models.ForeignKey(
        "regulations.Rule",
        on_delete=models.CASCADE,
        related_name="simplification_cases",
        verbose_name=_("rule"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("campaign"),
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.FLAGGED
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    flagged_on = models.DateField(_("flagged on"), db_index=True)
    selected_on = models.DateField(_("selected on"), null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("selected by"),
    )
    decision_level = models.CharField(
        _("decision level"), max_length=20, choices=DecisionLevel.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    implement_by = models.DateField(_("implement by"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    expected_freed_hours_per_year = models.DecimalField(
        _("expected freed hours per year"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    realised_freed_hours_per_year = models.DecimalField(
        _("realised freed hours per year"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    realised_recorded_on = models.DateField(_("realised hours recorded on"), null=True, blank=True)
    freed_time_used_for = models.TextField(_("what the freed time is used for"), blank=True)

    class Meta:
        ordering = ["municipality", "-flagged_on", "-id"]
        verbose_name = _("simplification case")
        verbose_name_plural = _("simplification cases")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "rule"], name="case_one_per_rule"),
            models.UniqueConstraint(
                fields=["municipality", "public_id"], name="case_public_id_per_municipality"
            ),
            models.CheckConstraint(
                condition=(models.Q(stage="decided") & ~models.Q(outcome=""))
                | (~models.Q(stage="decided") & models.Q(outcome="")),
                name="case_outcome_iff_decided",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="kept") | ~models.Q(reason=""),
                name="case_kept_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(realised_freed_hours_per_year__isnull=True)
                | models.Q(realised_freed_hours_per_year__gte=0),
                name="case_realised_hours_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "stage", "outcome"]),
            models.Index(fields=["municipality", "decided_on"]),
        ]

    def __str__(self) -> str:
        return str(self.rule)

    @property
    def state(self) -> str:
        """The pipeline state: the stage, or the outcome once decided (pipeline.py)."""
        return self.outcome if self.stage == Stage.DECIDED else self.stage


class Flag(TimeStampedModel):
    """A pointer at a rule: a citizen's hassle submission, or an employee's own flag."""

    # How the registry counts flags per rule (regulations.selectors.flag_count_expression).
    RULE_PATH = "case__rule"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="flags", verbose_name=_("case")
    )
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="simplification_flags",
        verbose_name=_("submission"),
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("flagged by"),
    )
    suggestion = models.TextField(_("suggestion"), blank=True)

    class Meta:
        ordering = ["case", "created_at", "id"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "case", "submission"],
                condition=models.Q(submission__isnull=False),
                name="flag_submission_once_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(submission__isnull=False) | ~models.Q(suggestion=""),
                name="flag_submission_or_suggestion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.submission or self.flagged_by or '-'}"


class Scenario(TimeStampedModel):
    """Changed activity parameters behind a decision; gives the expected freed hours."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="scenario", verbose_name=_("case")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["case"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return f"{self.case}"


class ScenarioActivity(TimeStampedModel):
    """One activity before (as measured when the scenario was saved) and after the change."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="activities", verbose_name=_("scenario")
    )
    activity = models.ForeignKey(
        "regulations.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity"),
    )
    name = models.CharField(_("activity"), max_length=200)
    baseline_hours_per_year = models.DecimalField(
        _("hours per year before"), max_digits=16, decimal_places=4
    )
    population = models.DecimalField(_("population"), max_digits=14, decimal_places=2)
    frequency_per_year = models.DecimalField(
        _("frequency per year"), max_digits=10, decimal_places=4
    )
    minutes_per_occurrence = models.DecimalField(
        _("minutes per occurrence"), max_digits=10, decimal_places=2
    )
    business_as_usual_share = models.DecimalField(
        _("business-as-usual share"), max_digits=5, decimal_places=4
    )
    hours_per_year = models.DecimalField(_("hours per year after"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["scenario", "id"]
        verbose_name = _("scenario activity")
        verbose_name_plural = _("scenario activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(population__gte=0)
                & models.Q(frequency_per_year__gte=0)
                & models.Q(minutes_per_occurrence__gte=0)
                & models.Q(business_as_usual_share__gte=0)
                & models.Q(business_as_usual_share__lte=1),
                name="scenario_activity_parameters_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name
