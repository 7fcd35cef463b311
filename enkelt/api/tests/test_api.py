"""REST API: token, scoping by municipality, errors, pagination and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.accounts.tests.factories import TEST_PASSWORD
from enkelt.tenants.models import Role, Unit
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def leder(db):
    municipality = MunicipalityFactory(slug="demo-a", name="Demo A")
    unit = UnitFactory(municipality=municipality, name="Vej og Park", slug="vej-og-park")
    return MembershipFactory(
        municipality=municipality, unit=unit, role=Role.LEADER, user__username="leder"
    ).user


@pytest.fixture
def other(db):
    municipality = MunicipalityFactory(slug="demo-b", name="Demo B")
    UnitFactory(municipality=municipality, name="Fremmed Enhed", slug="fremmed")
    return municipality


def test_token_for_valid_credentials(api, leder):
    response = api.post(
        "/api/v1/auth/token/", {"username": "leder", "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) == 40
    # The token authenticates the API.
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/units/").status_code == 200


def test_token_wrong_password_is_401_json(api, leder):
    response = api.post(
        "/api/v1/auth/token/", {"username": "leder", "password": "forkert"}, format="json"
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["code"] == "invalid_credentials"
    assert body["message"]
    assert "token" not in body


def test_token_missing_fields_is_400_with_fields(api, db):
    response = api.post("/api/v1/auth/token/", {"username": "x"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "password" in body["fields"]


def test_token_endpoint_is_throttled(api, leder):
    statuses = [
        api.post(
            "/api/v1/auth/token/", {"username": "leder", "password": "forkert"}, format="json"
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_anonymous_gets_401_or_403_json(api, db):
    response = api.get("/api/v1/units/")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_units_scoped_to_own_municipality(api, leder, other):
    api.force_authenticate(leder)
    response = api.get("/api/v1/units/")
    assert response.status_code == 200
    names = [u["name"] for u in response.json()["results"]]
    assert names == ["Vej og Park"]
    assert response.json()["results"][0].keys() >= {"slug", "name", "kind", "parent"}


def test_units_of_other_municipality_404_json(api, leder, other):
    api.force_authenticate(leder)
    for slug in ("demo-b", "findes-ikke"):
        response = api.get("/api/v1/units/", {"municipality": slug})
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": response.json()["message"]}
        assert "Fremmed" not in response.content.decode()


def test_unit_detail_of_other_municipality_404(api, leder, other):
    api.force_authenticate(leder)
    foreign = Unit.objects.get(slug="fremmed")
    response = api.get(f"/api/v1/units/{foreign.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_municipalities_lists_only_own(api, leder, other):
    api.force_authenticate(leder)
    response = api.get("/api/v1/municipalities/")
    assert [m["slug"] for m in response.json()["results"]] == ["demo-a"]
    assert api.get("/api/v1/municipalities/demo-b/").status_code == 404
    assert api.get("/api/v1/municipalities/", {"municipality": "demo-b"}).status_code == 404
    assert api.get("/api/v1/municipalities/", {"municipality": "demo-a"}).status_code == 200


def test_page_size_is_capped_at_200(api, leder):
    municipality = leder.membership.municipality
    Unit.objects.bulk_create(
        Unit(municipality=municipality, name=f"Enhed {i:03}", slug=f"enhed-{i}", kind="department")
        for i in range(205)
    )
    api.force_authenticate(leder)
    response = api.get("/api/v1/units/", {"page_size": 1000})
    body = response.json()
    assert body["count"] == 206
    assert len(body["results"]) == 200
    assert body["next"] is not None
    default = api.get("/api/v1/units/").json()
    assert len(default["results"]) == 50


def _count_queries(api, user, path):
    # A fresh user object, so no membership is cached from an earlier request.
    api.force_authenticate(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_units_list_query_count_does_not_grow(api, leder):
    municipality = leder.membership.municipality
    parent = Unit.objects.get(slug="vej-og-park")
    for _ in range(4):
        UnitFactory(municipality=municipality, parent=parent)
    few = _count_queries(api, leder, "/api/v1/units/")
    for _ in range(45):
        UnitFactory(municipality=municipality, parent=parent)
    many = _count_queries(api, leder, "/api/v1/units/")
    assert Unit.objects.filter(municipality=municipality).count() == 50
    assert few == many
    assert many <= 4


def test_schema_is_served_as_json(api, leder):
    api.force_authenticate(leder)
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/units/" in schema["paths"]
