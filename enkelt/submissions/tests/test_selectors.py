from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enkelt.submissions.models import Submission, SubmissionEvent
from enkelt.submissions.selectors import (
    category_get,
    category_list,
    equirectangular_distance_m,
    inbox,
    nearby_duplicates,
    public_submissions,
    submission_get,
    submission_get_by_tracking_code,
    submission_history,
)
from enkelt.submissions.services import submission_add_note
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
Status = Submission.Status


def test_get_by_tracking_code_normalises_and_scopes(municipality):
    submission = SubmissionFactory.create(municipality=municipality, tracking_code="K7M-4QX")
    assert (
        submission_get_by_tracking_code(municipality=municipality, tracking_code=" k7m 4qx ")
        == submission
    )
    assert (
        submission_get_by_tracking_code(
            municipality=MunicipalityFactory.create(), tracking_code="K7M-4QX"
        )
        is None
    )
    assert (
        submission_get_by_tracking_code(municipality=municipality, tracking_code="nonsense") is None
    )


def test_get_by_public_id(municipality):
    submission = SubmissionFactory.create(municipality=municipality)
    assert submission_get(municipality=municipality, public_id=str(submission.public_id))
    assert (
        submission_get(municipality=MunicipalityFactory.create(), public_id=submission.public_id)
        is None
    )
    assert submission_get(municipality=municipality, public_id="not-a-uuid") is None


def test_history_public_only(municipality, case_worker):
    submission = SubmissionFactory.create(municipality=municipality)
    submission_add_note(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="offentlig",
        is_public=True,
    )
    submission_add_note(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="intern",
        is_public=False,
    )
    assert [e.text for e in submission_history(submission=submission, public_only=True)] == [
        "offentlig"
    ]
    assert [e.text for e in submission_history(submission=submission, public_only=False)] == [
        "offentlig",
        "intern",
    ]


def test_inbox_filters(municipality, case_worker):
    unit = UnitFactory.create(municipality=municipality)
    category = CategoryFactory.create(municipality=municipality, kind="hassle")
    today = date(2026, 3, 2)
    late = SubmissionFactory.create(municipality=municipality, due_at=today - timedelta(days=1))
    late_but_done = SubmissionFactory.create(
        municipality=municipality, status=Status.CLOSED, due_at=today - timedelta(days=1)
    )
    mine = SubmissionFactory.create(
        municipality=municipality,
        assignee=case_worker,
        unit=unit,
        due_at=today,
        title="Skraldespand væltet",
    )
    hassle = SubmissionFactory.create(
        municipality=municipality, category=category, status="in_progress"
    )
    SubmissionFactory.create()  # another municipality

    def ids(**filters):
        return {s.pk for s in inbox(municipality=municipality, **filters)}

    assert ids() == {late.pk, late_but_done.pk, mine.pk, hassle.pk}
    assert ids(unit=unit) == {mine.pk}
    assert ids(assignee=case_worker) == {mine.pk}
    assert ids(status="in_progress") == {hassle.pk}
    assert ids(status=["in_progress", "closed"]) == {hassle.pk, late_but_done.pk}
    assert ids(kind="hassle") == {hassle.pk} == ids(category=category)
    assert ids(overdue=True, today=today) == {late.pk}
    assert late.pk not in ids(overdue=False, today=today)
    assert ids(q="skraldespand") == {mine.pk}
    assert ids(q=mine.tracking_code.lower()) == {mine.pk}


def _inbox_queries(municipality) -> int:
    with CaptureQueriesContext(connection) as captured:
        for submission in inbox(municipality=municipality):
            # What an inbox row shows.
            _ = (
                submission.category.name,
                submission.unit.name,
                submission.tracking_code,
                submission.assignee and submission.assignee.username,
                submission.submitter_unit and submission.submitter_unit.name,
                submission.municipality.slug,
            )
    return len(captured)


def test_inbox_query_count_does_not_grow(municipality):
    worker = MembershipFactory.create(municipality=municipality).user
    for n in range(5):
        SubmissionFactory.create(
            municipality=municipality,
            assignee=worker if n % 2 else None,
            submitter_unit=UnitFactory.create(municipality=municipality),
        )
    small = _inbox_queries(municipality)
    for n in range(25):
        SubmissionFactory.create(
            municipality=municipality,
            assignee=worker if n % 2 else None,
            category=CategoryFactory.create(municipality=municipality),
        )
    assert Submission.objects.filter(municipality=municipality).count() == 30
    assert _inbox_queries(municipality) == small == 1


def test_nearby_duplicates(municipality):
    category = CategoryFactory.create(municipality=municipality)
    base = SubmissionFactory.create(
        municipality=municipality,
        category=category,
        lat=Decimal("55.716000"),
        lon=Decimal("11.713000"),
    )
    # ~22 m north, ~31 m east, ~89 m north.
    near = SubmissionFactory.create(
        municipality=municipality,
        category=category,
        lat=Decimal("55.716200"),
        lon=Decimal("11.713000"),
    )
    east = SubmissionFactory.create(
        municipality=municipality,
        category=category,
        lat=Decimal("55.716000"),
        lon=Decimal("11.713500"),
    )
    far = SubmissionFactory.create(
        municipality=municipality,
        category=category,
        lat=Decimal("55.716800"),
        lon=Decimal("11.713000"),
    )
    SubmissionFactory.create(
        municipality=municipality,
        category=category,
        status=Status.CLOSED,
        lat=Decimal("55.716100"),
        lon=Decimal("11.713000"),
    )
    SubmissionFactory.create(
        municipality=municipality, lat=Decimal("55.716100"), lon=Decimal("11.713000")
    )  # another category
    found = nearby_duplicates(submission=base)
    assert [n.submission for n in found] == [near, east]
    assert 20 < found[0].distance_m < 25
    assert 29 < found[1].distance_m < 33
    assert far in [n.submission for n in nearby_duplicates(submission=base, radius_m=100)]
    assert nearby_duplicates(submission=SubmissionFactory.create(lat=None, lon=None)) == []


def test_equirectangular_distance():
    # One thousandth of a degree of latitude is about 111 m.
    assert 110 < equirectangular_distance_m(55.0, 11.0, 55.001, 11.0) < 112


def test_public_submissions(municipality):
    shown = SubmissionFactory.create(municipality=municipality)
    pseudonymous = SubmissionFactory.create(municipality=municipality, employee_mode="pseudonymous")
    duplicate = SubmissionFactory.create(
        municipality=municipality, status="rejected", rejection_reason="duplicate"
    )
    SubmissionFactory.create(municipality=municipality, is_hidden=True, hidden_reason="x")
    SubmissionFactory.create(municipality=municipality, employee_mode="internal")
    SubmissionFactory.create(municipality=municipality, status="rejected", rejection_reason="spam")
    SubmissionFactory.create()
    assert set(public_submissions(municipality=municipality)) == {shown, pseudonymous, duplicate}


def test_category_list(municipality):
    active = CategoryFactory.create(municipality=municipality, kind="idea")
    CategoryFactory.create(municipality=municipality, is_active=False)
    CategoryQuestionFactory.create(category=active)
    CategoryFactory.create()
    assert list(category_list(municipality=municipality)) == [active]
    assert list(category_list(municipality=municipality, kind="fault")) == []
    assert category_list(municipality=municipality, active_only=False).count() == 2
    assert category_get(municipality=municipality, code=active.code) == active


def test_events_carry_municipality(municipality, case_worker):
    submission = SubmissionFactory.create(municipality=municipality)
    submission_add_note(
        actor=case_worker,
        municipality=municipality,
        submission=submission,
        text="x",
        is_public=False,
    )
    assert SubmissionEvent.objects.get().municipality == municipality
