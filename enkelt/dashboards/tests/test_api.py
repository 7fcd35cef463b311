"""`GET /api/v1/overview/`: the one-pager's figures, scoped and documented."""

import pytest
from allauth.mfa.models import Authenticator
from rest_framework.test import APIClient

from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/overview/"


def _api(world, role, municipality=None):
    membership = MembershipFactory(municipality=municipality or world.a, role=role)
    if role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=membership.user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def test_overview_figures(world):
    response = _api(world, Role.COUNCIL_MEMBER).get(URL, {"from": "2026-01-01", "to": "2026-06-30"})
    assert response.status_code == 200
    data = response.json()
    assert data["municipality"] == "alfa"
    assert data["submissions"]["received"] == 6
    assert data["submissions"]["answered_on_time"] == 2
    assert data["submissions"]["top_categories"][0] == {
        "code": "veje", "name": world.veje.name_da, "count": 4,
    }  # fmt: skip
    assert data["funnel"]["abolished"] == 1
    assert data["funnel"]["freed_hours_per_year"] == {"expected": 15.0, "realised": 8.0}
    assert data["portfolio"]["rag"]["red"] == 1
    assert [i["title"] for i in data["portfolio"]["red"]] == ["Rød 0"]
    assert data["indicators"]["none"] == 1
    assert data["outcomes"] == {"scheme": None, "courses": None, "factors": []}


def test_scoping_and_permissions(world):
    assert _api(world, Role.EMPLOYEE).get(URL).status_code == 403
    assert _api(world, Role.COUNCIL_MEMBER).get(URL, {"municipality": "beta"}).status_code == 404
    assert _api(world, Role.DIRECTOR).get(URL, {"from": "not-a-date"}).status_code == 400
    assert APIClient().get(URL).status_code in (401, 403)


def test_schema_documents_overview_with_an_example(client, db):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/overview/"]["get"]
    content = operation["responses"]["200"]["content"]["application/json"]
    assert "examples" in content
    assert {"from", "to", "municipality"} <= {p["name"] for p in operation["parameters"]}
