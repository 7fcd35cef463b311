"""`/api/v1/rules/`: contract fields, filters, writes, permissions, scoping, query count."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.regulations.models import Rule
from enkelt.regulations.services import ActivityData, rule_create
from enkelt.regulations.tests.factories import RuleFactory
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CONTRACT = {"id", "title", "kind", "origin", "legal_reference", "owner_unit", "status",
            "activities", "burden"}  # fmt: skip
ACTIVITY_CONTRACT = {"name", "population", "frequency_per_year", "minutes_per_occurrence",
                     "hourly_tariff", "external_cost_per_occurrence",
                     "business_as_usual_share"}  # fmt: skip


@pytest.fixture
def api(leader):
    client = APIClient()
    client.force_authenticate(leader)
    return client


def _rule(municipality, leader, unit, title="Dobbelt attestation"):
    return rule_create(
        actor=leader, municipality=municipality, title=title, kind="approval_requirement",
        origin="council", owner_unit=unit, legal_reference="Regulativ § 4",
        activities=[ActivityData(name="Attestere", population=D(100), frequency_per_year=D(12),
                                 minutes_per_occurrence=D(3))],
    )  # fmt: skip


def test_list_and_detail_have_the_contract_fields(api, municipality, leader, unit):
    rule = _rule(municipality, leader, unit)
    data = api.get("/api/v1/rules/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) >= CONTRACT
    assert set(item["activities"][0]) >= ACTIVITY_CONTRACT
    assert item["id"] == str(rule.public_id) and item["owner_unit"] == "okonomi"
    assert item["burden"] == {"hours_per_year": 60.0, "cost_per_year": 27000.0, "fte": 0.0312}
    detail = api.get(f"/api/v1/rules/{rule.public_id}/").json()
    assert detail["title"] == "Dobbelt attestation"


def test_filters_and_sorting(api, municipality, leader, unit):
    _rule(municipality, leader, unit, "Stor")
    RuleFactory(municipality=municipality, title="Lille", kind="form")
    titles = [r["title"] for r in api.get("/api/v1/rules/").json()["results"]]
    assert titles == ["Stor", "Lille"]
    assert api.get("/api/v1/rules/", {"kind": "form"}).json()["count"] == 1
    assert api.get("/api/v1/rules/", {"unit": "okonomi"}).json()["count"] == 1
    assert api.get("/api/v1/rules/", {"sort": "title"}).json()["results"][0]["title"] == "Lille"
    response = api.get("/api/v1/rules/", {"kind": "nonsense"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_create_and_patch_recompute_the_burden(api, municipality):
    payload = {
        "title": "Ny blanket", "kind": "form", "origin": "committee", "owner_unit": "okonomi",
        "activities": [{"name": "Udfylde", "population": 10, "frequency_per_year": 0.5,
                        "minutes_per_occurrence": 30, "hourly_tariff": 600,
                        "business_as_usual_share": 0.5}],
    }  # fmt: skip
    response = api.post("/api/v1/rules/", payload, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    # 10 x 0.5 x 30/60 x 0.5 = 1.25 hours; 600 x 0.5 x 5 x 0.5 = 750 kr.
    assert created["burden"]["hours_per_year"] == 1.25
    assert created["burden"]["cost_per_year"] == 750.0
    response = api.patch(
        f"/api/v1/rules/{created['id']}/",
        {"status": "under_review", "activities": []},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "under_review"
    assert response.json()["burden"]["hours_per_year"] == 0
    assert Rule.objects.get().title == "Ny blanket"


def test_bad_input_is_a_json_error(api):
    response = api.post(
        "/api/v1/rules/",
        {"title": "x", "kind": "form", "origin": "eu", "owner_unit": "findes-ikke",
         "activities": [{"name": "a", "population": -1, "frequency_per_year": 1,
                         "minutes_per_occurrence": 1}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_employee_reads_but_cannot_write(municipality, employee):
    client = APIClient()
    client.force_authenticate(employee)
    assert client.get("/api/v1/rules/").status_code == 200
    response = client.post("/api/v1/rules/", {"title": "x", "kind": "form", "origin": "eu"})
    assert response.status_code == 403


def test_other_municipality_sees_nothing(municipality, leader, unit):
    rule = _rule(municipality, leader, unit)
    other = MembershipFactory(role="leader").user
    client = APIClient()
    client.force_authenticate(other)
    assert client.get("/api/v1/rules/").json()["count"] == 0
    assert client.get(f"/api/v1/rules/{rule.public_id}/").status_code == 404
    assert client.get("/api/v1/rules/", {"municipality": municipality.slug}).status_code == 404
    response = client.patch(f"/api/v1/rules/{rule.public_id}/", {"title": "x"}, format="json")
    assert response.status_code == 404


def test_list_query_count_is_constant(api, municipality, leader, unit):
    _rule(municipality, leader, unit)
    api.get("/api/v1/rules/")
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/rules/")
    for i in range(20):
        _rule(municipality, leader, unit, f"Regel {i}")
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/rules/")
    assert len(many) == len(few)


def test_schema_documents_rules_with_examples(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/rules/" in schema["paths"]
    assert "examples" in str(schema["paths"]["/api/v1/rules/"]["post"])
    assert "burden" in schema["components"]["schemas"]["RuleOutput"]["properties"]
