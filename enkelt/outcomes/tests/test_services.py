"""Recording assessments: order of kinds, ranges, goals at intake only, audit, discharge."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enkelt.audit.models import AuditEvent
from enkelt.outcomes.models import Course, Kind, Score
from enkelt.outcomes.services import assessment_record, course_start
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory


@pytest.fixture
def course(municipality, offer, scheme, member):
    return course_start(
        actor=member(Role.EMPLOYEE, offer), municipality=municipality, unit=offer, scheme=scheme,
        started_on=timezone.localdate() - timedelta(days=400),
    )  # fmt: skip


def _ids(scheme):
    return list(scheme.factors.order_by("order").values_list("pk", flat=True))


def test_intake_then_follow_up_then_discharge(municipality, course, scheme):
    f1, f2 = _ids(scheme)
    start = course.started_on
    intake = assessment_record(
        actor=None, municipality=municipality, course=course, kind=Kind.INTAKE, date=start,
        scores={f1: 3, f2: 2}, goals={f1: 1, f2: None}, note="Kun til personalet",
    )  # fmt: skip
    assert Score.objects.get(assessment=intake, factor_id=f1).goal == 1
    assert AuditEvent.objects.filter(verb="outcomes.assessment_recorded").count() == 1
    assert "Kun til personalet" not in str(AuditEvent.objects.first().after)
    assessment_record(
        actor=None, municipality=municipality, course=course, kind=Kind.FOLLOW_UP,
        date=start + timedelta(days=182), scores={f1: 2, f2: 2},
    )  # fmt: skip
    assessment_record(
        actor=None, municipality=municipality, course=course, kind=Kind.DISCHARGE,
        date=start + timedelta(days=300), scores={f1: 1, f2: 1},
    )  # fmt: skip
    assert Course.objects.get(pk=course.pk).ended_on == start + timedelta(days=300)
    with pytest.raises(ValidationError, match=r"ended|afsluttet"):
        assessment_record(
            actor=None, municipality=municipality, course=course, kind=Kind.FOLLOW_UP,
            date=start + timedelta(days=301), scores={f1: 1, f2: 1},
        )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "scores", "goals", "field"),
    [
        (Kind.FOLLOW_UP, {0: 1, 1: 1}, {}, "kind"),  # intake first
        (Kind.INTAKE, {0: 5, 1: 1}, {}, "scores"),  # out of range
        (Kind.INTAKE, {0: -1, 1: 1}, {}, "scores"),
        (Kind.INTAKE, {0: 1}, {}, "scores"),  # a factor missing
        (Kind.INTAKE, {0: 1, 1: 1}, {0: 7}, "goals"),  # goal out of range
    ],
)
def test_refused_input(municipality, course, scheme, kind, scores, goals, field):
    ids = _ids(scheme)
    with pytest.raises(ValidationError) as error:
        assessment_record(
            actor=None, municipality=municipality, course=course, kind=kind,
            date=course.started_on, scores={ids[i]: v for i, v in scores.items()},
            goals={ids[i]: v for i, v in goals.items()},
        )  # fmt: skip
    assert field in error.value.message_dict


def test_goals_only_at_intake_and_dates_in_order(municipality, course, scheme):
    f1, f2 = _ids(scheme)
    start = course.started_on
    assessment_record(
        actor=None, municipality=municipality, course=course, kind=Kind.INTAKE, date=start,
        scores={f1: 3, f2: 2},
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        assessment_record(
            actor=None, municipality=municipality, course=course, kind=Kind.FOLLOW_UP,
            date=start + timedelta(days=10), scores={f1: 3, f2: 2}, goals={f1: 1},
        )  # fmt: skip
    assert "goals" in error.value.message_dict
    for when, kind in [
        (start - timedelta(days=1), Kind.FOLLOW_UP),
        (timezone.localdate() + timedelta(days=1), Kind.FOLLOW_UP),
    ]:
        with pytest.raises(ValidationError) as error:
            assessment_record(
                actor=None, municipality=municipality, course=course, kind=kind, date=when,
                scores={f1: 3, f2: 2},
            )  # fmt: skip
        assert "date" in error.value.message_dict
    with pytest.raises(ValidationError):
        assessment_record(
            actor=None, municipality=municipality, course=course, kind=Kind.INTAKE,
            date=start, scores={f1: 3, f2: 2},
        )  # fmt: skip


def test_other_municipality_refused(course, scheme):
    other = MunicipalityFactory(slug="fremmed")
    with pytest.raises(ValidationError):
        assessment_record(
            actor=None, municipality=other, course=course, kind=Kind.INTAKE,
            date=course.started_on, scores={},
        )  # fmt: skip
    with pytest.raises(ValidationError):
        course_start(
            actor=None, municipality=other, unit=UnitFactory(municipality=other),
            scheme=scheme, started_on=date(2026, 1, 1),
        )  # fmt: skip


def test_pseudonyms_are_random(course, municipality, offer, scheme):
    again = course_start(
        actor=None, municipality=municipality, unit=offer, scheme=scheme,
        started_on=course.started_on,
    )  # fmt: skip
    assert course.pseudonym != again.pseudonym
    assert len(course.pseudonym) == 8 and course.pseudonym.isalnum()
