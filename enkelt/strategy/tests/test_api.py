"""The portfolio API: contract fields, writes, permissions, scoping."""

import pytest
from rest_framework.test import APIClient

from enkelt.strategy.models import Initiative, ReviewItem
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/"


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_reads_have_the_contract_fields(council_member, plan, initiative):
    api = _client(council_member)
    plans = api.get(BASE + "plans/").json()
    rows = plans["results"] if isinstance(plans, dict) else plans
    assert rows[0]["id"] == str(plan.public_id)
    areas = api.get(BASE + "areas/").json()
    assert (areas["results"] if isinstance(areas, dict) else areas)[0]["plan"] == str(
        plan.public_id
    )
    programmes = api.get(BASE + "programmes/").json()
    assert programmes["results"] if isinstance(programmes, dict) else programmes
    response = api.get(BASE + f"initiatives/{initiative.public_id}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "active"
    assert data["rag"] == "green"
    assert data["owner_unit"] == initiative.owner_unit.slug
    assert {"id", "programme", "area", "title", "owner", "start", "end", "rag_comment"} <= set(data)
    listed = api.get(BASE + "initiatives/", {"status": "stopped"}).json()
    assert (listed["results"] if isinstance(listed, dict) else listed) == []


def test_only_managers_create_initiatives(director, council_member, programme, unit):
    payload = {"programme": programme.pk, "title": "API-indsats", "owner_unit": unit.slug,
               "status": "active", "rag": "amber"}  # fmt: skip
    assert _client(council_member).post(BASE + "initiatives/", payload).status_code == 403
    response = _client(director).post(BASE + "initiatives/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["rag"] == "amber"
    bad = _client(director).post(BASE + "initiatives/", {**payload, "rag": "purple"})
    assert bad.status_code == 400


def test_owner_patches_status_and_rag(leader, employee, initiative):
    url = BASE + f"initiatives/{initiative.public_id}/"
    assert _client(employee).patch(url, {"rag": "red"}, format="json").status_code == 403
    response = _client(leader).patch(url, {"rag": "red", "rag_comment": "x"}, format="json")
    assert response.status_code == 200
    assert response.json()["rag"] == "red"


def test_review_round_through_the_api(director, leader, plan, initiative, other_initiative):
    api = _client(director)
    assert (
        _client(leader)
        .post(
            BASE + "reviews/",
            {"plan": str(plan.public_id), "title": "Maj", "deadline": "2027-05-07"},
        )
        .status_code
        == 403
    )
    response = api.post(
        BASE + "reviews/",
        {"plan": str(plan.public_id), "title": "Maj 2027", "deadline": "2027-05-07"},
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert len(data["items"]) == 2
    item = ReviewItem.objects.get(initiative=initiative)
    round_url = BASE + f"reviews/{data['id']}/"

    update = {"item": str(item.public_id), "status": "active", "rag": "red",
              "progress": "Forsinket", "proposed_decision": "stop"}  # fmt: skip
    assert _client(leader).post(round_url + "update/", update, format="json").status_code == 200
    other = ReviewItem.objects.get(initiative=other_initiative)
    denied = _client(leader).post(
        round_url + "update/", {**update, "item": str(other.public_id)}, format="json"
    )
    assert denied.status_code == 403

    decide = {"item": str(item.public_id), "decision": "stop"}
    assert _client(leader).post(round_url + "decide/", decide).status_code == 403
    assert api.post(round_url + "decide/", decide, format="json").status_code == 400
    response = api.post(round_url + "decide/", {**decide, "reason": "Ingen effekt"}, format="json")
    assert response.status_code == 200
    assert response.json()["decision"] == "stop"
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.STOPPED


def test_another_municipality_is_not_found(initiative, plan):
    stranger = MembershipFactory.create(role=Role.DIRECTOR).user
    api = _client(stranger)
    assert api.get(BASE + f"initiatives/{initiative.public_id}/").status_code == 404
    assert (
        api.get(BASE + "initiatives/", {"municipality": plan.municipality.slug}).status_code == 404
    )
    listed = api.get(BASE + "initiatives/").json()
    assert (listed["results"] if isinstance(listed, dict) else listed) == []


def test_schema_has_the_portfolio_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/api/v1/plans/", "/api/v1/areas/", "/api/v1/programmes/",
                 "/api/v1/initiatives/", "/api/v1/reviews/"):  # fmt: skip
        assert path in text
