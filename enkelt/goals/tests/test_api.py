"""REST API: `agreements/` and `indicators/` (with POSTed measurements)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.goals.tests.factories import (
    AgreementFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
)
from enkelt.strategy.tests.factories import InitiativeFactory
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(municipality):
    def make(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(MembershipFactory(municipality=municipality, role=role).user)
        return client

    return make


def test_indicator_has_the_contract_fields(api_as, municipality):
    indicator = IndicatorFactory(municipality=municipality)
    MeasurementFactory(indicator=indicator)
    response = api_as("council_member").get("/api/v1/indicators/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    expected = {
        "baseline_value", "baseline_date", "target_value", "target_date", "direction",
        "measurements", "progress", "expected_progress", "status",
    }  # fmt: skip
    assert expected <= set(row)
    assert row["id"] == str(indicator.public_id)
    assert row["target_value"] == 87.0
    assert row["direction"] == "up"
    assert row["status"] == "amber"
    assert round(row["progress"] * 100) == 43
    assert round(row["expected_progress"] * 100) == 50
    assert row["measurements"][0]["date"] == "2026-01-01"
    assert row["measurements"][0]["value"] == 85.3


def test_indicator_status_filter(api_as, municipality):
    MeasurementFactory(indicator=IndicatorFactory(municipality=municipality))
    IndicatorFactory(municipality=municipality)
    client = api_as("employee")
    assert client.get("/api/v1/indicators/", {"status": "amber"}).json()["count"] == 1
    assert client.get("/api/v1/indicators/", {"status": "none"}).json()["count"] == 1
    assert client.get("/api/v1/indicators/", {"status": "blue"}).status_code == 400


def test_post_measurement_changes_status(api_as, municipality):
    indicator = IndicatorFactory(municipality=municipality)
    MeasurementFactory(indicator=indicator)
    response = api_as("leader").post(
        f"/api/v1/indicators/{indicator.public_id}/measurements/",
        {"date": "2026-06-01", "value": 86.0},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "green"
    assert indicator.measurements.count() == 2


def test_post_measurement_needs_the_right(api_as, municipality):
    indicator = IndicatorFactory(municipality=municipality)
    for role in ("employee", "council_member"):
        response = api_as(role).post(
            f"/api/v1/indicators/{indicator.public_id}/measurements/",
            {"date": "2026-06-01", "value": 86.0},
            format="json",
        )
        assert response.status_code == 403
    bad = api_as("chief").post(
        f"/api/v1/indicators/{indicator.public_id}/measurements/",
        {"date": "nope", "value": 86.0},
        format="json",
    )
    assert bad.status_code == 400
    assert "code" in bad.json()


def test_other_municipality_is_404(api_as):
    foreign = IndicatorFactory(municipality=MunicipalityFactory())
    client = api_as("director")
    assert client.get(f"/api/v1/indicators/{foreign.public_id}/").status_code == 404
    response = client.post(
        f"/api/v1/indicators/{foreign.public_id}/measurements/",
        {"date": "2026-06-01", "value": 1},
        format="json",
    )
    assert response.status_code == 404
    agreement = AgreementFactory()
    assert client.get(f"/api/v1/agreements/{agreement.public_id}/").status_code == 404


def test_agreements_have_level_parent_and_goals(api_as, municipality):
    director = AgreementFactory(municipality=municipality)
    chief = AgreementFactory(municipality=municipality, level="chief", parent=director)
    initiative = InitiativeFactory(programme__area__plan__municipality=municipality)
    top = GoalFactory(agreement=director, initiative=initiative, is_local=False)
    goal = GoalFactory(agreement=chief, parent_goal=top, is_local=False)
    indicator = IndicatorFactory(municipality=municipality, goal=goal)
    client = api_as("council_member")
    rows = client.get("/api/v1/agreements/", {"level": "chief"}).json()["results"]
    [row] = rows
    assert row["level"] == "chief"
    assert row["parent"] == str(director.public_id)
    [g] = row["goals"]
    assert g["link"] == {"kind": "parent_goal", "id": str(top.public_id), "title": top.title}
    assert g["indicators"] == [str(indicator.public_id)]
    top_row = client.get(f"/api/v1/agreements/{director.public_id}/").json()
    assert top_row["parent"] is None
    assert top_row["goals"][0]["link"]["kind"] == "initiative"


def test_indicator_list_query_count_does_not_grow(api_as, municipality):
    client = api_as("employee")
    MeasurementFactory(indicator=IndicatorFactory(municipality=municipality))
    client.get("/api/v1/indicators/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/indicators/")
    for _ in range(8):
        indicator = IndicatorFactory(municipality=municipality)
        MeasurementFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=Decimal(84))
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/indicators/")
    assert len(many) == len(few)


def test_agreement_list_query_count_does_not_grow(api_as, municipality):
    client = api_as("employee")
    GoalFactory(agreement=AgreementFactory(municipality=municipality))
    client.get("/api/v1/agreements/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/agreements/")
    for _ in range(5):
        goal = GoalFactory(agreement=AgreementFactory(municipality=municipality))
        IndicatorFactory(municipality=municipality, goal=goal)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/agreements/")
    assert len(many) == len(few)


def test_schema_has_the_examples(api_as):
    response = api_as("employee").get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    text = response.content.decode()
    assert "/api/v1/indicators/{id}/measurements/" in text
    assert "expected_progress" in text
