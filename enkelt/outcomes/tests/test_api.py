"""`/api/v1/assessments/`: contract fields, scoping, staff of the offer only, POST, aggregates."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from enkelt.outcomes.models import Assessment, Kind
from enkelt.outcomes.tests.factories import CourseFactory, course_with_change
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

URL = "/api/v1/assessments/"


@pytest.fixture
def api_as(member):
    def make(role: str, unit=None) -> APIClient:
        client = APIClient()
        client.force_authenticate(member(role, unit))
        return client

    return make


def test_list_has_the_contract_fields_and_only_own_offer(api_as, offer, other_offer, scheme):
    mine = course_with_change(unit=offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    theirs = course_with_change(unit=other_offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    response = api_as(Role.EMPLOYEE, offer).get(URL)
    assert response.status_code == 200
    results = response.json()["results"]
    assert {r["subject"] for r in results} == {mine.pseudonym}
    item = results[0]
    assert {"scheme", "subject", "kind", "date", "scores"} <= set(item)
    assert item["scheme"] == "aarhus" and item["kind"] in ("intake", "follow_up")
    assert {"factor", "value", "goal"} <= set(item["scores"][0])
    assert "note" not in item
    other = Assessment.objects.filter(course=theirs).first()
    assert api_as(Role.EMPLOYEE, offer).get(f"{URL}{other.public_id}/").status_code == 404


@pytest.mark.parametrize("role", [Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER])
def test_management_sees_no_individual_assessments(api_as, area, offer, scheme, role):
    course = course_with_change(unit=offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    client = api_as(role, area)
    assert client.get(URL).json()["results"] == []
    one = Assessment.objects.filter(course=course).first()
    assert client.get(f"{URL}{one.public_id}/").status_code == 404


def test_administrator_sees_all(api_as, area, offer, other_offer, scheme):
    course_with_change(unit=offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    course_with_change(unit=other_offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    assert api_as(Role.ADMINISTRATOR, area).get(URL).json()["count"] == 4


def test_other_municipality_is_not_found(api_as, offer):
    MunicipalityFactory(slug="andre")
    response = api_as(Role.EMPLOYEE, offer).get(URL, {"municipality": "andre"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_post_an_intake_with_goals(api_as, municipality, offer, scheme):
    course = CourseFactory(
        municipality=municipality, unit=offer, scheme=scheme,
        started_on=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    body = {
        "scheme": "aarhus",
        "subject": course.pseudonym,
        "kind": "intake",
        "date": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "scores": [{"factor": 1, "value": 3, "goal": 2}, {"factor": 2, "value": 1}],
    }
    client = api_as(Role.EMPLOYEE, offer)
    response = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 201, response.json()
    assert response.json()["scores"][0] == {"factor": 1, "label": "Faktor 1", "value": 3, "goal": 2}
    again = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201
    assert Assessment.objects.filter(course=course, kind=Kind.INTAKE).count() == 1

    out_of_range = {**body, "kind": "follow_up", "scores": [{"factor": 1, "value": 9},
                                                            {"factor": 2, "value": 1}]}  # fmt: skip
    response = client.post(URL, out_of_range, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_post_for_a_course_of_another_offer_is_refused(
    api_as, municipality, other_offer, offer, scheme
):
    course = CourseFactory(municipality=municipality, unit=other_offer, scheme=scheme)
    body = {"scheme": "aarhus", "subject": course.pseudonym, "kind": "intake",
            "date": course.started_on.isoformat(),
            "scores": [{"factor": 1, "value": 1}, {"factor": 2, "value": 1}]}  # fmt: skip
    response = api_as(Role.EMPLOYEE, offer).post(URL, body, format="json")
    assert response.status_code == 400
    assert "subject" in response.json()["fields"]
    assert not Assessment.objects.filter(course=course).exists()
    assert api_as(Role.DIRECTOR, offer).post(URL, body, format="json").status_code == 400


def test_aggregates_suppressed_for_council_members(api_as, area, offer, other_offer, scheme):
    for _ in range(5):
        course_with_change(unit=offer, scheme=scheme, intake=[3, 3], latest=[2, 2])
    course_with_change(unit=other_offer, scheme=scheme, intake=[3, 3], latest=[2, 2])
    response = api_as(Role.COUNCIL_MEMBER, area).get(f"{URL}aggregates/", {"unit": "dagtilbud"})
    assert response.status_code == 200
    data = response.json()
    assert data["scope"]["courses"] == 6
    assert data["scope"]["cells"][0]["n"] == 6 and not data["scope"]["cells"][0]["suppressed"]
    small = next(c for c in data["children"] if c["unit"] == "vuggestuen")
    assert small["courses"] is None and small["follow_up_compliance"] is None
    assert small["cells"][0] == {
        "factor": 1, "suppressed": True, "n": None, "share_improved": None,
        "share_unchanged": None, "share_worsened": None, "mean_change": None,
        "share_goals_met": None,
    }  # fmt: skip
    own = api_as(Role.EMPLOYEE, other_offer).get(f"{URL}aggregates/", {"unit": "vuggestuen"})
    assert own.json()["scope"]["cells"][0]["n"] == 1


def test_list_query_count_is_constant(api_as, offer, scheme):
    client = api_as(Role.EMPLOYEE, offer)
    course_with_change(unit=offer, scheme=scheme, intake=[3, 2], latest=[2, 2])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    count()  # warm up: the caller's membership is cached on the user
    before = count()
    for _ in range(4):
        course_with_change(unit=offer, scheme=scheme, intake=[3, 2], latest=[2, 2])
    assert count() == before


def test_unknown_staff_member_without_membership_is_refused(municipality):
    client = APIClient()
    client.force_authenticate(MembershipFactory(municipality=municipality).user)
    assert client.get(URL).status_code == 200
    anonymous = APIClient()
    assert anonymous.get(URL).status_code in (401, 403)
