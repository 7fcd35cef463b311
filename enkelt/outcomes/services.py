"""Writes of outcome documentation: starting a course and recording an assessment.

Keyword-only, atomic, each with an audit event. Callers load objects scoped to
the municipality; the services check again that they belong to it. Bad input
raises Django's `ValidationError` by field (`scores`, `goals`, `date`, `kind`),
which the form and the API show as field errors.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.outcomes.models import Assessment, AssessmentScheme, Course, Kind, Score
from enkelt.tenants.models import Municipality, Unit

NOTE_MAX_LENGTH = 5_000


def _same_municipality(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj.municipality_id != municipality.pk:
            raise ValidationError(_("The object belongs to another municipality."))


@transaction.atomic
def course_start(
    *,
    actor: Any,
    municipality: Municipality,
    unit: Unit,
    scheme: AssessmentScheme,
    started_on: date,
) -> Course:
    """A new course with a fresh random pseudonym (never derived from who the citizen is)."""
    _same_municipality(municipality, unit, scheme)
    course = Course.objects.create(
        municipality=municipality, unit=unit, scheme=scheme, started_on=started_on
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=course,
        verb="outcomes.course_started",
        after={"unit": unit.pk, "scheme": scheme.pk, "started_on": started_on},
    )
    return course


def _check_scores(
    scheme: AssessmentScheme,
    factor_ids: list[int],
    values: Mapping[int, int],
    goals: Mapping[int, int | None],
    kind: str,
) -> None:
    errors: dict[str, list[str]] = {}
    low, high = scheme.scale_min, scheme.scale_max
    missing = [pk for pk in factor_ids if values.get(pk) is None]
    unknown = set(values) - set(factor_ids)
    out_of_range = [v for v in values.values() if v is not None and not low <= v <= high]
    if missing or unknown:
        errors["scores"] = [_("Give a value for every factor of the scheme.")]
    elif out_of_range:
        errors["scores"] = [
            _("Values must be between %(min)s and %(max)s.") % {"min": low, "max": high}
        ]
    set_goals = {pk: g for pk, g in goals.items() if g is not None}
    if set_goals and kind != Kind.INTAKE:
        errors["goals"] = [_("Goals are set at intake only.")]
    elif set(set_goals) - set(factor_ids) or any(not low <= g <= high for g in set_goals.values()):
        errors["goals"] = [
            _("Goals must be between %(min)s and %(max)s.") % {"min": low, "max": high}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_record(
    *,
    actor: Any,
    municipality: Municipality,
    course: Course,
    kind: str,
    date: date,
    scores: Mapping[int, int],
    goals: Mapping[int, int | None] | None = None,
    note: str = "",
) -> Assessment:
    """Record one assessment: a value per factor (keys are Factor pks), goals at intake.

    The intake comes first and only once; later assessments fall on or after it;
    a discharge ends the course and nothing follows it. Dates in the future are refused.
    """
    _same_municipality(municipality, course)
    course = Course.objects.select_for_update().select_related("scheme").get(pk=course.pk)
    scheme = course.scheme
    if kind not in Kind.values:
        raise ValidationError({"kind": [_("Unknown kind of assessment.")]})
    existing = list(Assessment.objects.filter(course=course).values_list("kind", "date"))
    intake_date = next((d for k, d in existing if k == Kind.INTAKE), None)
    if kind == Kind.INTAKE and intake_date is not None:
        raise ValidationError({"kind": [_("The course already has its intake assessment.")]})
    if kind != Kind.INTAKE and intake_date is None:
        raise ValidationError({"kind": [_("Record the intake assessment first.")]})
    if any(k == Kind.DISCHARGE for k, _d in existing):
        raise ValidationError({"kind": [_("The course has ended with a discharge assessment.")]})
    if date > timezone.localdate():
        raise ValidationError({"date": [_("The date cannot be in the future.")]})
    if date < course.started_on or (intake_date is not None and date < intake_date):
        raise ValidationError({"date": [_("The date cannot be before the course's intake.")]})
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": [_("The note is too long.")]})
    factor_ids = list(scheme.factors.values_list("pk", flat=True))
    goals = goals or {}
    _check_scores(scheme, factor_ids, scores, goals, kind)

    assessment = Assessment.objects.create(
        municipality=municipality,
        course=course,
        kind=kind,
        date=date,
        assessed_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    Score.objects.bulk_create(
        Score(assessment=assessment, factor_id=pk, value=scores[pk], goal=goals.get(pk))
        for pk in factor_ids
    )
    if kind == Kind.DISCHARGE:
        Course.objects.filter(pk=course.pk).update(ended_on=date)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=assessment,
        verb="outcomes.assessment_recorded",
        after={"course": course.pseudonym, "kind": kind, "date": date},
    )
    return assessment
