"""The staff pages: portfolio overview (filters, constant query count), initiative pages,
review round pages with updates, decisions and the PDF pack."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.strategy import services
from enkelt.strategy.models import Initiative, ReviewItem
from enkelt.strategy.tests.factories import InitiativeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _url(name, municipality, *args):
    return reverse(f"strategy:{name}", args=[municipality.slug, *args])


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_portfolio_overview_shows_the_plan_and_filters(
    client, council_member, municipality, initiative, other_initiative, unit
):
    client.force_login(council_member)
    response = client.get(_url("portfolio", municipality))
    body = response.content.decode()
    assert response.status_code == 200
    assert initiative.title in body and other_initiative.title in body
    assert initiative.programme.area.title in body
    # RAG shown as text, not colour alone
    assert "green (on track)" in body.lower() or "grøn" in body.lower()
    # council members read, but may not manage
    assert _url("initiative_create", municipality) not in body

    response = client.get(_url("portfolio", municipality), {"unit": unit.pk})
    body = response.content.decode()
    assert initiative.title in body and other_initiative.title not in body
    response = client.get(_url("portfolio", municipality), {"status": "done"})
    assert initiative.title not in response.content.decode()


def test_portfolio_overview_query_count_is_constant(client, director, municipality, plan, unit):
    client.force_login(director)
    programme = ProgrammeFactory.create(area__plan=plan)
    InitiativeFactory.create(programme=programme, owner_unit=unit, owner=director)
    url = _url("portfolio", municipality)
    small = _queries(client, url)
    for _ in range(3):
        other = ProgrammeFactory.create(area__plan=plan)
        InitiativeFactory.create_batch(5, programme=other, owner_unit=unit, owner=director)
    assert _queries(client, url) == small


def test_initiative_edit_by_the_owner_but_not_by_an_employee(
    client, leader, employee, municipality, initiative
):
    url = _url("initiative_edit", municipality, initiative.public_id)
    client.force_login(employee)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    response = client.post(url, {"status": "active", "rag": "red", "rag_comment": "Forsinket"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.rag, initiative.rag_comment) == ("red", "Forsinket")
    detail = client.get(_url("initiative_detail", municipality, initiative.public_id))
    assert "Forsinket" in detail.content.decode()


def test_initiative_create_for_directors(client, director, leader, municipality, programme, unit):
    url = _url("initiative_create", municipality)
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(director)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"programme": programme.pk, "title": "Ny indsats", "owner_unit": unit.pk,
         "status": "planned", "rag": "not_set"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Initiative.objects.filter(title="Ny indsats", municipality=municipality).exists()


def test_round_open_update_decide_and_pack(
    client, director, leader, municipality, initiative, other_initiative
):
    client.force_login(leader)
    assert client.get(_url("round_open", municipality)).status_code == 403
    client.force_login(director)
    response = client.post(
        _url("round_open", municipality), {"title": "Maj 2027", "deadline": "2027-05-07"}
    )
    assert response.status_code == 302
    item = ReviewItem.objects.get(initiative=initiative)
    review_round = item.round
    round_url = _url("round_detail", municipality, review_round.public_id)
    assert client.get(round_url).status_code == 200

    # the owner updates; another leader may not
    update_url = _url("review_item_update", municipality, review_round.public_id, item.public_id)
    client.force_login(leader)
    response = client.post(
        update_url,
        {"status": "active", "rag": "red", "progress": "Ingen fremdrift.",
         "proposed_decision": "stop"},
    )  # fmt: skip
    assert response.status_code == 302
    other_item = ReviewItem.objects.get(initiative=other_initiative)
    other_url = _url(
        "review_item_update", municipality, review_round.public_id, other_item.public_id
    )
    assert client.get(other_url).status_code == 403

    # the director records "stop": the reason is required
    decide_url = _url("review_item_decide", municipality, review_round.public_id, item.public_id)
    assert client.post(decide_url, {"decision": "stop"}).status_code == 403
    client.force_login(director)
    assert client.post(decide_url, {"decision": "stop", "reason": ""}).status_code == 400
    response = client.post(decide_url, {"decision": "stop", "reason": "Ingen effekt."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "stopped"

    response = client.get(_url("round_pack", municipality, review_round.public_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    assert (
        client.post(_url("round_remind", municipality, review_round.public_id)).status_code == 302
    )
    assert client.post(_url("round_close", municipality, review_round.public_id)).status_code == 302
    review_round.refresh_from_db()
    assert review_round.state == "closed"
    history = client.get(_url("initiative_detail", municipality, initiative.public_id))
    assert "Ingen effekt." in history.content.decode()


def test_round_detail_query_count_is_constant(client, director, municipality, plan, initiative):
    client.force_login(director)
    review_round = services.review_round_open(
        actor=director, municipality=municipality, plan=plan, title="Maj",
        deadline=datetime.date(2027, 5, 7),
    )  # fmt: skip
    url = _url("round_detail", municipality, review_round.public_id)
    small = _queries(client, url)
    services.review_round_close(
        actor=director, municipality=municipality, review_round=review_round
    )
    InitiativeFactory.create_batch(6, programme=initiative.programme, owner=director)
    bigger = services.review_round_open(
        actor=director, municipality=municipality, plan=plan, title="September",
        deadline=datetime.date(2027, 9, 7),
    )  # fmt: skip
    assert _queries(client, _url("round_detail", municipality, bigger.public_id)) == small


def test_demo_portfolio_overview_stays_within_the_dashboard_budget(client):
    """performance.md: the portfolio overview needs at most 15 SQL queries."""
    from enkelt.accounts.demo import load_demo as load_people
    from enkelt.strategy.demo import load_demo_strategy
    from enkelt.tenants.models import Municipality

    load_people()
    demo = Municipality.objects.get(slug="demo")
    load_demo_strategy(demo)
    client.force_login(demo.memberships.get(user__username="direktoer").user)
    assert _queries(client, _url("portfolio", demo)) <= 15
