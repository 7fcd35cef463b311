"""Outcome documentation: assessment schemes, courses per pseudonymous citizen, assessments.

A citizen is known here only by the course's random pseudonym; no CPR number is
stored. Should a municipality need to link a pseudonym to a CPR number, that
link belongs in a separate table (pseudonym → CPR) in its own app with its own
named rule (administrators only), an audit event on every read, and no foreign
key from anything that is aggregated — see docs/permissions.md.

Individual notes (`Assessment.note`) are never aggregated or exported.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel
from enkelt.tenants.models import Municipality, Unit

# Letters and digits that cannot be mistaken for each other when read aloud.
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PSEUDONYM_LENGTH = 8


def new_pseudonym() -> str:
    """A random pseudonym; never derived from a CPR number or a name."""
    return "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(PSEUDONYM_LENGTH))


class Direction(models.TextChoices):
    LOWER_IS_BETTER = "lower_is_better", _("lower is better")
    HIGHER_IS_BETTER = "higher_is_better", _("higher is better")


class AssessmentScheme(TimeStampedModel):
    """Factors on one scale, with its direction and the follow-up rhythm."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="assessment_schemes",
        verbose_name=_("municipality"),
    )
    slug = models.SlugField(_("short name"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    scale_min = models.SmallIntegerField(_("lowest value"), default=0)
    scale_max = models.SmallIntegerField(_("highest value"), default=4)
    direction = models.CharField(
        _("direction"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.LOWER_IS_BETTER,
    )
    value_labels = models.JSONField(
        _("labels per value"),
        default=dict,
        blank=True,
        help_text=_('For example {"0": "No problems", "4": "Severe problems"}.'),
    )
    follow_up_interval_days = models.PositiveSmallIntegerField(
        _("follow-up interval (days)"), default=182
    )
    follow_up_tolerance_days = models.PositiveSmallIntegerField(
        _("follow-up tolerance (± days)"), default=30
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="scheme_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="scheme_scale_max_above_min"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER_IS_BETTER

    def label_of(self, value: int | None) -> str:
        if value is None:
            return ""
        return str(self.value_labels.get(str(value), ""))


class Factor(TimeStampedModel):
    scheme = models.ForeignKey(
        AssessmentScheme,
        on_delete=models.CASCADE,
        related_name="factors",
        verbose_name=_("assessment scheme"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["scheme", "order"]
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "order"], name="factor_order_per_scheme"),
        ]

    def __str__(self) -> str:
        return self.label


class Course(TimeStampedModel):
    """One pseudonymous citizen's course in one offer (institution, unit)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="outcome_courses",
        verbose_name=_("municipality"),
    )
    pseudonym = models.CharField(
        _("pseudonym"), max_length=20, default=new_pseudonym, editable=False
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="outcome_courses", verbose_name=_("offer")
    )
    scheme = models.ForeignKey(
        AssessmentScheme,
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("assessment scheme"),
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "-started_on", "pseudonym"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "pseudonym"], name="course_pseudonym_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="course_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class Kind(models.TextChoices):
    INTAKE = "intake", _("intake")
    FOLLOW_UP = "follow_up", _("follow-up")
    DISCHARGE = "discharge", _("discharge")


class Assessment(PublicIdModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="outcome_assessments",
        verbose_name=_("municipality"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("course")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("For the staff of the offer; never aggregated.")
    )

    class Meta:
        ordering = ["course", "date", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(kind="intake"),
                name="one_intake_per_course",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "date"])]

    def __str__(self) -> str:
        return f"{self.course} · {self.get_kind_display()} · {self.date:%Y-%m-%d}"


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.PROTECT, related_name="scores", verbose_name=_("factor")
    )
    value = models.SmallIntegerField(_("value"))
    goal = models.SmallIntegerField(
        _("goal"), null=True, blank=True, help_text=_("Set at intake only.")
    )

    class Meta:
        ordering = ["assessment", "factor__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "factor"], name="one_score_per_factor_and_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factor}: {self.value}"
