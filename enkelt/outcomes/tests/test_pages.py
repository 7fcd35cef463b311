"""The course list with its due list, a course's page, the assessment form and aggregates."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enkelt.outcomes.models import Assessment, Kind
from enkelt.outcomes.tests.factories import CourseFactory, assess, course_with_change
from enkelt.tenants.models import Role


def login(client, user):
    if user.membership.role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    client.force_login(user)
    return client


@pytest.fixture
def open_course(municipality, offer, scheme):
    """Intake 190 days ago and no follow-up: overdue? no: due (window 152-212 days)."""
    today = timezone.localdate()
    course = CourseFactory(
        municipality=municipality, unit=offer, scheme=scheme, started_on=today - timedelta(250)
    )
    assess(course, Kind.INTAKE, today - timedelta(days=250), [3, 2], [1, None])
    return course


def url(name, municipality, *args):
    return reverse(f"outcomes:{name}", args=[municipality.slug, *args])


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        (Role.EMPLOYEE, "offer", 200),
        (Role.LEADER, "offer", 200),
        (Role.ADMINISTRATOR, "area", 200),
        (Role.EMPLOYEE, "other_offer", 404),  # staff of another unit: as if it did not exist
        (Role.LEADER, "area", 404),  # leader above the offer: aggregates only
        (Role.CHIEF, "area", 404),
        (Role.DIRECTOR, "area", 404),
        (Role.COUNCIL_MEMBER, "area", 404),
    ],
)
def test_course_page_access(
    client, request, municipality, open_course, member, role, where, status
):
    login(client, member(role, request.getfixturevalue(where)))
    for name in ("course_detail", "assessment_new"):
        response = client.get(url(name, municipality, open_course.pseudonym))
        assert response.status_code == status, name
        if status == 404:
            assert "Faktor 1" not in response.content.decode()  # no course data at all


def test_course_list_shows_own_offer_and_overdue_in_words(
    client, municipality, offer, other_offer, scheme, member, open_course
):
    theirs = CourseFactory(municipality=municipality, unit=other_offer, scheme=scheme)
    login(client, member(Role.EMPLOYEE, offer))
    response = client.get(url("course_list", municipality), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200
    assert open_course.pseudonym in body and theirs.pseudonym not in body
    assert 'data-due-status="overdue"' in body and "Overdue" in body


def test_course_list_forbidden_for_management(client, municipality, area, member):
    login(client, member(Role.DIRECTOR, area))
    assert client.get(url("course_list", municipality)).status_code == 403


def test_course_list_query_count_is_constant(client, municipality, offer, scheme, member):
    login(client, member(Role.EMPLOYEE, offer))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("course_list", municipality)).status_code == 200
        return len(queries)

    course_with_change(unit=offer, scheme=scheme, intake=[1, 1], latest=[0, 0])
    before = count()
    for _ in range(5):
        course_with_change(unit=offer, scheme=scheme, intake=[1, 1], latest=[0, 0])
    assert count() == before


def test_course_detail_shows_change_per_factor(client, municipality, offer, scheme, member):
    course = course_with_change(unit=offer, scheme=scheme, intake=[3, 1], latest=[1, 2],
                                goals=[2, None])  # fmt: skip
    login(client, member(Role.EMPLOYEE, offer))
    response = client.get(
        url("course_detail", municipality, course.pseudonym), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert "-2" in body and "+1" in body
    assert "Improved" in body and "Worsened" in body


def test_enter_a_follow_up(client, municipality, offer, member, open_course, scheme):
    login(client, member(Role.EMPLOYEE, offer))
    f1, f2 = scheme.factors.order_by("order")
    target = url("assessment_new", municipality, open_course.pseudonym)
    page = client.get(target)
    assert page.status_code == 200 and 'name="goal_1"' not in page.content.decode()
    today = timezone.localdate().isoformat()
    bad = client.post(target, {"kind": "follow_up", "date": today, "score_1": "9", "score_2": "1"})
    assert bad.status_code == 400
    assert not Assessment.objects.filter(course=open_course, kind=Kind.FOLLOW_UP).exists()
    response = client.post(
        target, {"kind": "follow_up", "date": today, "score_1": "1", "score_2": "2", "note": "ok"}
    )
    assert response.status_code == 302
    follow_up = Assessment.objects.get(course=open_course, kind=Kind.FOLLOW_UP)
    assert {s.factor_id: s.value for s in follow_up.scores.all()} == {f1.pk: 1, f2.pk: 2}


def test_intake_form_has_goals(client, municipality, offer, scheme, member):
    course = CourseFactory(municipality=municipality, unit=offer, scheme=scheme)
    login(client, member(Role.LEADER, offer))
    body = client.get(url("assessment_new", municipality, course.pseudonym)).content.decode()
    assert 'name="goal_1"' in body and 'value="intake"' in body


@pytest.mark.parametrize(
    ("role", "where", "hidden"),
    [
        (Role.COUNCIL_MEMBER, "area", True),
        (Role.LEADER, "area", True),  # leader above the small offer
        (Role.DIRECTOR, "area", True),
        (Role.EMPLOYEE, "other_offer", False),  # its own staff
        (Role.ADMINISTRATOR, "area", False),
    ],
)
def test_aggregate_page_suppresses_small_groups(
    client, request, municipality, offer, other_offer, scheme, member, role, where, hidden
):
    for _ in range(5):
        course_with_change(unit=offer, scheme=scheme, intake=[3, 3], latest=[2, 2])
    for _ in range(2):
        course_with_change(unit=other_offer, scheme=scheme, intake=[3, 3], latest=[1, 1])
    login(client, member(role, request.getfixturevalue(where)))
    response = client.get(
        url("aggregates", municipality), {"unit": other_offer.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert ("fewer than 5" in body) is hidden
    assert ("data-suppressed" in body) is hidden
    assert "<svg" in body and 'role="img"' in body


def test_aggregate_page_query_count_is_constant(client, municipality, area, offer, scheme, member):
    login(client, member(Role.DIRECTOR, area))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("aggregates", municipality), {"unit": area.pk}).status_code == 200
        return len(queries)

    course_with_change(unit=offer, scheme=scheme, intake=[1, 1], latest=[0, 0])
    before = count()
    for _ in range(6):
        course_with_change(unit=offer, scheme=scheme, intake=[1, 1], latest=[0, 0])
    assert count() == before


def test_start_a_course_in_the_own_offer(client, municipality, offer, scheme, member):
    from enkelt.outcomes.models import Course

    login(client, member(Role.EMPLOYEE, offer))
    response = client.post(
        url("course_list", municipality),
        {"scheme": scheme.pk, "started_on": timezone.localdate().isoformat()},
    )
    course = Course.objects.get(municipality=municipality)
    assert course.unit == offer
    assert response.status_code == 302
    assert response["Location"] == url("assessment_new", municipality, course.pseudonym)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    bad = client.post(url("course_list", municipality), {"scheme": scheme.pk, "started_on": future})
    assert bad.status_code == 400
    assert Course.objects.count() == 1
