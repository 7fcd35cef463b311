"""REST API: `cases/` (with `select` and `decide`), `exemptions/`, `funnel/`."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.simplification import services
from enkelt.simplification.models import ExemptionApplication, Outcome
from enkelt.simplification.tests.factories import (
    ActivityFactory,
    FlagFactory,
    HassleSubmissionFactory,
    case_in_state,
)
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(municipality):
    def make(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(MembershipFactory(municipality=municipality, role=role).user)
        return client

    return make


def test_case_list_has_the_contract_fields(api_as, municipality):
    case = case_in_state("flagged", municipality=municipality)
    submission = HassleSubmissionFactory(municipality=municipality)
    FlagFactory(case=case, submission=submission, suggestion="")
    response = api_as("employee").get("/api/v1/cases/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    expected = {
        "id", "rule", "stage", "outcome", "reason", "expected_freed_hours_per_year",
        "realised_freed_hours_per_year", "submissions",
    }  # fmt: skip
    assert expected <= set(row)
    assert row["id"] == str(case.public_id)
    assert row["rule"] == str(case.rule.public_id)
    assert row["outcome"] is None
    assert row["submissions"] == [str(submission.public_id)]


def test_case_list_query_count_does_not_grow(api_as, municipality):
    client = api_as("employee")
    for _ in range(2):
        FlagFactory(case=case_in_state("flagged", municipality=municipality))
    client.get("/api/v1/cases/")  # warm: content types, permissions
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/cases/")
    for _ in range(10):
        FlagFactory(case=case_in_state("kept", municipality=municipality))
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/cases/").status_code == 200
    assert len(many) == len(few)


def test_select_and_decide_with_a_scenario(api_as, municipality):
    case = case_in_state("flagged", municipality=municipality)
    activity = ActivityFactory(rule=case.rule)
    client = api_as("leader")
    url = f"/api/v1/cases/{case.public_id}/"
    assert client.post(url + "select/", {}, format="json").json()["stage"] == "selected"
    response = client.post(
        url + "decide/",
        {
            "outcome": "streamlined",
            "reason": "Kortere",
            "decision_level": "leader",
            "scenario": [
                {
                    "activity": activity.pk,
                    "population": "100",
                    "frequency_per_year": "12",
                    "minutes_per_occurrence": "10",
                    "business_as_usual_share": "0",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["outcome"] == "streamlined"
    assert body["expected_freed_hours_per_year"] == 400.0


def test_kept_without_reason_is_a_400_and_a_refused_transition_a_409(api_as, municipality):
    case = case_in_state("selected", municipality=municipality)
    client = api_as("chief")
    url = f"/api/v1/cases/{case.public_id}/decide/"
    response = client.post(url, {"outcome": "kept"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] in {"reason_required", "empty_text"}
    done = case_in_state("abolished", municipality=municipality)
    response = client.post(f"/api/v1/cases/{done.public_id}/select/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"


def test_employee_may_read_but_not_decide(api_as, municipality):
    case = case_in_state("selected", municipality=municipality)
    client = api_as("employee")
    assert client.get(f"/api/v1/cases/{case.public_id}/").status_code == 200
    response = client.post(
        f"/api/v1/cases/{case.public_id}/decide/", {"outcome": "abolished"}, format="json"
    )
    assert response.status_code == 403


def test_another_municipality_is_not_found(api_as, municipality):
    other = case_in_state("selected", municipality=MunicipalityFactory())
    client = api_as("leader")
    assert client.get(f"/api/v1/cases/{other.public_id}/").status_code == 404
    assert client.post(f"/api/v1/cases/{other.public_id}/select/").status_code == 404
    assert (
        client.get("/api/v1/funnel/", {"municipality": other.municipality.slug}).status_code == 404
    )


def test_exemptions(api_as, municipality):
    case = case_in_state("selected", municipality=municipality)
    services.case_decide(
        actor=None,
        municipality=municipality,
        case=case,
        outcome=Outcome.ESCALATED,
        exemption={"provision": "§ 3", "ministry": "Beskæftigelsesministeriet"},
    )
    response = api_as("employee").get("/api/v1/exemptions/", {"status": "pending"})
    [row] = response.json()["results"]
    application = ExemptionApplication.objects.get()
    assert row == {
        **row,
        "id": str(application.public_id),
        "case": str(case.public_id),
        "rule": str(case.rule.public_id),
        "ministry": "Beskæftigelsesministeriet",
        "provision": "§ 3",
        "status": "pending",
        "answer": "",
    }


def test_funnel_fields_and_filters(api_as, municipality, unit):
    case_in_state("flagged", municipality=municipality, rule__owner_unit=unit)
    done = case_in_state("streamlined", municipality=municipality)
    done.expected_freed_hours_per_year = Decimal("12.5")
    done.save()
    client = api_as("council_member")
    body = client.get("/api/v1/funnel/").json()
    assert body == {
        "flagged": 2, "selected": 1, "abolished": 0, "streamlined": 1, "kept": 0,
        "escalated": 0, "not_handled": 0, "awaiting_decision": 0,
        "freed_hours_per_year": {"expected": 12.5, "realised": 0.0},
    }  # fmt: skip
    assert client.get("/api/v1/funnel/", {"unit": unit.slug}).json()["flagged"] == 1
    assert client.get("/api/v1/funnel/", {"from": "2999-01-01"}).json()["flagged"] == 0
    bad = client.get("/api/v1/funnel/", {"from": "not a date"})
    assert bad.status_code == 400
    assert "from" in bad.json()["fields"]


def test_schema_documents_the_resources(api_as):
    schema = api_as("employee").get("/api/v1/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{id}/decide/",
        "/api/v1/cases/{id}/select/",
        "/api/v1/exemptions/",
        "/api/v1/funnel/",
    ):
        assert path in schema["paths"], path


def test_a_retried_select_with_the_same_idempotency_key_is_replayed(api_as, municipality):
    case = case_in_state("flagged", municipality=municipality)
    client = api_as("leader")
    url = f"/api/v1/cases/{case.public_id}/select/"
    first = client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="sel-1")
    again = client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="sel-1")
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert client.post(url, {}, format="json").status_code == 409
