"""Catalogue pages: public search and detail, publishing a case in two clicks, KL's curation."""

import csv
import io
import json

import pytest
from django.urls import reverse

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.audit.models import AuditEvent
from enkelt.catalog.models import Example
from enkelt.catalog.tests.conftest import EN
from enkelt.catalog.tests.factories import ExampleFactory, TagFactory
from enkelt.simplification.models import Stage
from enkelt.simplification.tests.factories import CaseFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("catalog_public:search")


def test_search_page_is_public_and_highlights(client):
    ExampleFactory(title="Forenkling af indberetninger", summary="Forenklingen sparede tid.")
    ExampleFactory(title="Andet", summary="Intet om emnet.", what_was_done="", lessons="")
    ExampleFactory(title="Skjult forenkling", published=False, published_at=None)
    response = client.get(SEARCH, {"q": "forenklinger"}, **EN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Forenkling af indberetninger" in body
    assert "Skjult forenkling" not in body
    assert "<mark>Forenklingen</mark>" in body or "<mark>Forenkling" in body
    assert 'data-result-count="1"' in body


def test_search_page_filters_combine(client):
    tag = TagFactory(slug="ældre", name="Ældre")
    ExampleFactory(title="A", strategy_type="innovation", outcome="failure").tags.add(tag)
    ExampleFactory(title="B", strategy_type="innovation", outcome="success").tags.add(tag)
    ExampleFactory(title="C", strategy_type="lean_workflows", outcome="failure")
    response = client.get(
        SEARCH, {"strategy_type": "innovation", "outcome": "failure", "tag": "ældre"}, **EN
    )
    assert response.context["result"].total == 1
    assert response.context["result"].hits[0].example.title == "A"


def test_search_page_query_count_is_constant(client, django_assert_max_num_queries):
    for n in range(25):
        ExampleFactory(title=f"Forenkling {n}").tags.add(TagFactory(slug=f"t{n % 4}"))
    with django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "forenkling"}, **EN)
    assert response.context["result"].total == 25


def test_detail_shows_example_and_similar(client):
    example = ExampleFactory(title="Tillid i hjemmeplejen", strategy_type="trust_in_employees")
    similar = ExampleFactory(title="Selvstyrende teams", strategy_type="trust_in_employees")
    ExampleFactory(
        title="Noget digitalt", strategy_type="digital_solutions", relation="council_administration"
    )
    response = client.get(reverse("catalog_public:detail", args=[example.public_id]), **EN)
    assert response.status_code == 200
    assert [e.pk for e in response.context["similar"]] == [similar.pk]
    hidden = ExampleFactory(published=False, published_at=None)
    assert client.get(reverse("catalog_public:detail", args=[hidden.public_id])).status_code == 404


def test_open_data_csv_and_json_hold_only_published_examples(client):
    ExampleFactory(title="Offentlig", summary='Tekst; med, tegn "citat"')
    ExampleFactory(title="Kladde", published=False, published_at=None)
    response = client.get(reverse("catalog_public:open_data", args=["csv"]))
    assert response.status_code == 200 and response.streaming
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [r["title"] for r in rows] == ["Offentlig"]
    assert rows[0]["summary"] == 'Tekst; med, tegn "citat"'
    assert "published_by" not in rows[0]
    response = client.get(reverse("catalog_public:open_data", args=["json"]))
    data = json.loads(b"".join(response.streaming_content))
    assert [e["title"] for e in data["examples"]] == ["Offentlig"]
    assert client.get(reverse("catalog_public:open_data", args=["xml"])).status_code == 404


def _publish_url(case):
    return reverse("catalog:publish_case", args=[case.municipality.slug, case.public_id])


def test_leader_publishes_a_decided_case_in_two_clicks(client, member, decided_case):
    client.force_login(member(Role.LEADER))
    case_page = client.get(
        reverse(
            "simplification:case_detail",
            args=[decided_case.municipality.slug, decided_case.public_id],
        ),
        **EN,
    )
    assert _publish_url(decided_case) in case_page.content.decode()  # click 1: the link
    form = client.get(_publish_url(decided_case), **EN)
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["title"] == decided_case.rule.title
    assert "120" in initial["results"]
    assert initial["outcome"] == "success"
    data = dict(initial) | {"tags": "regler, tid"}
    response = client.post(_publish_url(decided_case), data, **EN)  # click 2: publish
    example = Example.objects.get(source_case=decided_case)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog_public:detail", args=[example.public_id])
    assert example.published and example.municipality == decided_case.municipality
    assert example.municipality_name == "Katalog Kommune"
    assert sorted(t.slug for t in example.tags.all()) == ["regler", "tid"]
    assert AuditEvent.objects.filter(verb="catalog.example_published").count() == 1
    # Visible to everyone, and a second publication only leads to the example.
    assert client.get(SEARCH, {"q": decided_case.rule.title}).context["result"].total >= 1
    again = client.get(_publish_url(decided_case))
    assert (
        again.status_code == 302 and Example.objects.filter(source_case=decided_case).count() == 1
    )


def test_employee_may_not_publish(client, member, decided_case):
    client.force_login(member(Role.EMPLOYEE))
    assert client.get(_publish_url(decided_case)).status_code == 403
    assert client.post(_publish_url(decided_case), {"title": "x"}).status_code == 403
    assert not Example.objects.exists()


def test_leader_of_another_municipality_cannot_publish(client, member, decided_case):
    other = MunicipalityFactory(slug="anden", name="Anden Kommune")
    client.force_login(member(Role.LEADER, other))
    assert client.get(_publish_url(decided_case)).status_code == 404
    # Not even through their own municipality's URL.
    url = reverse("catalog:publish_case", args=[other.slug, decided_case.public_id])
    assert client.get(url).status_code == 404
    assert not Example.objects.exists()


def test_undecided_case_cannot_be_published(client, member, municipality):
    case = CaseFactory(municipality=municipality, stage=Stage.FLAGGED)
    client.force_login(member(Role.LEADER))
    assert client.get(_publish_url(case)).status_code == 404


def test_kl_curates_and_unpublishes(client):
    example = ExampleFactory(title="Før")
    url = reverse("catalog_public:curate", args=[example.public_id])
    assert client.get(url).status_code == 302  # anonymous: log in
    client.force_login(KLUserFactory())
    form = client.get(url, **EN)
    assert form.status_code == 200
    data = dict(form.context["form"].initial) | {"title": "Efter", "published": ""}
    data["year"] = data["year"] or ""
    response = client.post(url, data, **EN)
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.title == "Efter" and not example.published and example.curated_at
    assert client.get(reverse("catalog_public:detail", args=[example.public_id])).status_code == 200
    client.logout()
    assert client.get(reverse("catalog_public:detail", args=[example.public_id])).status_code == 404


def test_staff_may_not_curate(client, member):
    example = ExampleFactory()
    client.force_login(member(Role.DIRECTOR))
    assert client.get(reverse("catalog_public:curate", args=[example.public_id])).status_code == 403
