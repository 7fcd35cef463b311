"""`/api/v1/examples/`: public, read-only, searchable in Danish, filters, municipality scoping."""

import pytest

from enkelt.catalog.tests.factories import ExampleFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/examples/"


def test_anonymous_lists_published_examples_with_contract_fields(client):
    ExampleFactory(title="Forenkling af bevillinger", outcome="mixed")
    ExampleFactory(title="Kladde", published=False, published_at=None)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    for key in ("title", "municipality_name", "summary", "relation", "strategy_type", "outcome"):
        assert key in row
    assert row["outcome"] == "mixed"


def test_q_searches_in_danish_with_snippets_and_filters(client):
    ExampleFactory(title="Færre regler i dagtilbud", relation="municipality_citizens")
    ExampleFactory(title="Reglerne for bevillinger", relation="council_administration")
    ExampleFactory(title="Noget andet")
    body = client.get(URL, {"q": "regel"}).json()
    assert {r["title"] for r in body["results"]} == {
        "Færre regler i dagtilbud",
        "Reglerne for bevillinger",
    }
    body = client.get(URL, {"q": "regel", "relation": "council_administration"}).json()
    assert [r["title"] for r in body["results"]] == ["Reglerne for bevillinger"]
    assert client.get(URL, {"relation": "nonsense"}).status_code == 400


def test_retrieve_and_unpublished_is_404(client):
    shown = ExampleFactory()
    hidden = ExampleFactory(published=False, published_at=None)
    assert client.get(f"{URL}{shown.public_id}/").json()["id"] == str(shown.public_id)
    assert client.get(f"{URL}{hidden.public_id}/").status_code == 404


def test_municipality_parameter_only_for_own_municipality(client, member, municipality):
    other = MunicipalityFactory(slug="anden")
    ExampleFactory(title="Vores", municipality=municipality)
    ExampleFactory(title="Deres", municipality=other)
    client.force_login(member(Role.EMPLOYEE))
    body = client.get(URL, {"municipality": municipality.slug}).json()
    assert [r["title"] for r in body["results"]] == ["Vores"]
    assert client.get(URL, {"municipality": other.slug}).status_code == 404


def test_writes_are_not_allowed(client, member):
    client.force_login(member(Role.ADMINISTRATOR))
    assert client.post(URL, {"title": "x"}).status_code in (403, 405)


def test_list_query_count_is_constant(client, django_assert_max_num_queries):
    for n in range(30):
        ExampleFactory(title=f"Forenkling {n}")
    with django_assert_max_num_queries(5):
        body = client.get(URL, {"q": "forenkling", "page_size": 20}).json()
    assert body["count"] == 30 and len(body["results"]) == 20
