"""REST API: categories for staff, and the OpenAPI schema of the submissions endpoints."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.submissions.models import CategoryQuestion
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    MembershipFactory,
    MunicipalityFactory,
)
from enkelt.tenants.models import Role


@pytest.fixture
def api(municipality):
    client = APIClient()
    client.force_authenticate(
        MembershipFactory.create(municipality=municipality, role=Role.COUNCIL_MEMBER).user
    )
    return client


def test_categories_with_questions(api, municipality):
    category = CategoryFactory.create(
        municipality=municipality, code="huller", name_da="Huller", photo_required=True
    )
    CategoryQuestionFactory.create(
        category=category,
        code="dybde",
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST,
        choices=[{"key": "lav", "name_da": "Lav", "name_en": "Shallow"}],
    )
    CategoryFactory.create(municipality=municipality, is_active=False)
    response = api.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["code"] == "huller"
    assert row["name"] == "Huller"
    assert row["unit"] == category.unit.slug
    assert row["photo_required"] is True
    assert row["questions"][0]["code"] == "dybde"
    assert row["questions"][0]["choices"] == [{"key": "lav", "name": "Lav"}]
    assert api.get("/api/v1/categories/huller/").json()["kind"] == "fault"


def test_categories_of_another_municipality_are_404(api):
    other = CategoryFactory.create(municipality=MunicipalityFactory.create())
    response = api.get("/api/v1/categories/", {"municipality": other.municipality.slug})
    assert response.status_code == 404
    assert api.get(f"/api/v1/categories/{other.code}/").status_code == 404


def test_categories_query_count_is_constant(api, municipality):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/categories/").status_code == 200
        return len(queries)

    count()  # warm up: the caller's membership is cached on the user object
    for category in CategoryFactory.create_batch(2, municipality=municipality):
        CategoryQuestionFactory.create(category=category)
    few = count()
    for category in CategoryFactory.create_batch(10, municipality=municipality):
        CategoryQuestionFactory.create_batch(2, category=category)
    assert count() == few


def test_schema_documents_operations_and_examples(api):
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/submissions/"])
    assert "get" in paths["/api/v1/submissions/{id}/"]
    assert "get" in paths["/api/v1/categories/{category_code}/"]
    create = paths["/api/v1/submissions/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["examples"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    for name in ("transition", "answer", "assign", "merge"):
        operation = paths[f"/api/v1/submissions/{{id}}/{name}/"]["post"]
        assert operation["requestBody"]["content"]["application/json"]["examples"], name
        assert "200" in operation["responses"], name
    transition = paths["/api/v1/submissions/{id}/transition/"]["post"]
    assert "transition_not_allowed" in json.dumps(transition["responses"]["409"])
    listed = paths["/api/v1/submissions/"]["get"]
    assert {"status", "kind", "category", "unit", "q", "page_size", "municipality"} <= {
        p["name"] for p in listed["parameters"]
    }
