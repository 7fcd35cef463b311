"""The registry pages: list, detail, forms, roll-ups, candidates, priorities, ledger."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.regulations.models import Activity, OffsetEntry, Rule
from enkelt.regulations.services import ActivityData, rule_create
from enkelt.regulations.tests.factories import RuleFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _url(name, municipality, *args):
    return reverse(f"regulations:{name}", args=[municipality.slug, *args])


def _rule(municipality, actor, unit=None, **kwargs):
    return rule_create(
        actor=actor,
        municipality=municipality,
        title=kwargs.pop("title", "Dokumentation af hjemmebesøg"),
        kind="documentation_requirement",
        origin="council",
        owner_unit=unit,
        text=kwargs.pop("text", "Medarbejderen skal dokumentere hvert besøg."),
        activities=kwargs.pop(
            "activities",
            [ActivityData(name="Skrive notat", population=D(50), frequency_per_year=D(12),
                          minutes_per_occurrence=D(10))],
        ),
        **kwargs,
    )  # fmt: skip


def test_list_shows_rules_sorted_by_burden(client, municipality, leader, unit):
    small = _rule(municipality, leader, unit, title="Lille regel", activities=[])
    big = _rule(municipality, leader, unit, title="Stor regel")
    client.force_login(leader)
    response = client.get(_url("rule_list", municipality))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(big.title) < body.index(small.title)
    response = client.get(_url("rule_list", municipality), {"sort": "title", "q": "lille"})
    assert small.title in response.content.decode()
    assert big.title not in response.content.decode()


def test_list_query_count_is_constant(client, municipality, leader, unit):
    client.force_login(leader)
    url = _url("rule_list", municipality)
    RuleFactory.create_batch(3, municipality=municipality, owner_unit=unit)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"sort": "-flags"}).status_code == 200
    RuleFactory.create_batch(60, municipality=municipality, owner_unit=unit)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"sort": "-flags"}).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 12


def test_detail_shows_figures_explanation_history_and_panel(client, municipality, leader, unit):
    rule = _rule(municipality, leader, unit)
    client.force_login(leader)
    response = client.get(_url("rule_detail", municipality, rule.public_id))
    assert response.status_code == 200
    body = response.content.decode()
    # 50 x 12 x 10 min = 100 hours at 450 kr. = 45.000 kr.
    assert rule.hours_per_year == D("100.00") and rule.cost_per_year == D("45000.00")
    assert "rule.created" in body and "rule.burden_changed" in body
    assert "Skrive notat" in body
    assert "1924" in body.replace(".", "")
    assert "simplification/_rule_case_panel.html" not in body


def test_employee_views_but_cannot_change(client, municipality, leader, employee, unit):
    rule = _rule(municipality, leader, unit)
    client.force_login(employee)
    assert client.get(_url("rule_detail", municipality, rule.public_id)).status_code == 200
    assert client.get(_url("rule_edit", municipality, rule.public_id)).status_code == 403
    assert client.get(_url("rule_create", municipality)).status_code == 403


def test_leader_creates_and_edits_a_rule_and_activity(client, municipality, leader, unit):
    client.force_login(leader)
    response = client.post(
        _url("rule_create", municipality),
        {"title": "Ny regel", "kind": "form", "origin": "committee", "status": "active",
         "owner_unit": unit.pk, "new_requirement": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = Rule.objects.get(title="Ny regel")
    response = client.post(
        _url("activity_create", municipality, rule.public_id),
        {"name": "Udfylde skema", "population": "100", "frequency_per_year": "0.5",
         "minutes_per_occurrence": "6", "external_cost_per_occurrence": "0",
         "business_as_usual_share": "0", "source": "interview", "confidence": "high"},
    )  # fmt: skip
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.hours_per_year == D("5.00")
    activity = Activity.objects.get(rule=rule)
    response = client.post(
        _url("activity_edit", municipality, rule.public_id, activity.pk),
        {"name": "Udfylde skema", "population": "100", "frequency_per_year": "1",
         "minutes_per_occurrence": "6", "external_cost_per_occurrence": "0",
         "business_as_usual_share": "0.5", "source": "interview", "confidence": "high"},
    )  # fmt: skip
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.hours_per_year == D("5.00")
    response = client.post(
        _url("rule_edit", municipality, rule.public_id),
        {"title": "Ny regel", "kind": "form", "origin": "committee", "status": "abolished",
         "owner_unit": unit.pk},
    )  # fmt: skip
    assert response.status_code == 302
    kinds = list(OffsetEntry.objects.filter(rule=rule).values_list("kind", flat=True))
    assert sorted(kinds) == ["addition", "removal"]
    verbs = set(AuditEvent.objects.filter(object_id=str(rule.pk)).values_list("verb", flat=True))
    assert {"rule.created", "rule.burden_changed", "rule.updated"} <= verbs
    response = client.post(_url("activity_delete", municipality, rule.public_id, activity.pk))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.hours_per_year == 0


def test_rollups_candidates_priorities_ledger(client, municipality, leader, unit):
    _rule(municipality, leader, unit)
    RuleFactory(
        municipality=municipality,
        title="Umålt regel",
        text="Man skal udfylde skemaet. Det kræves. Man må ikke glemme det; alle er forpligtet.",
    )
    client.force_login(leader)
    response = client.get(_url("burden_overview", municipality))
    assert response.status_code == 200 and "Økonomi" in response.content.decode()
    response = client.get(_url("candidates", municipality))
    assert response.status_code == 200 and "Umålt regel" in response.content.decode()
    assert client.get(_url("priorities", municipality)).status_code == 200
    url = _url("offset_ledger", municipality) + f"?unit={unit.pk}&year=2026"
    response = client.post(url, {"kind": "addition", "hours_per_year": "12.5", "note": "Ny"})
    assert response.status_code == 302
    response = client.get(url)
    assert response.status_code == 200 and "12,5" in response.content.decode()


def test_council_member_sees_but_other_municipality_gets_404(client, municipality, leader, unit):
    rule = _rule(municipality, leader, unit)
    council = MembershipFactory(municipality=municipality, role=Role.COUNCIL_MEMBER).user
    client.force_login(council)
    assert client.get(_url("rule_detail", municipality, rule.public_id)).status_code == 200
    other = MembershipFactory(role=Role.LEADER).user
    client.force_login(other)
    assert client.get(_url("rule_detail", municipality, rule.public_id)).status_code == 404


def test_tariffs_page(client, municipality, leader, unit):
    chief = MembershipFactory(municipality=municipality, role=Role.CHIEF).user
    client.force_login(leader)
    url = _url("tariffs", municipality)
    assert client.get(url).status_code == 200
    data = {"name": "Pædagog", "year": "2026", "hourly_wage": "300", "overhead_share": "0.25"}
    assert client.post(url, data).status_code == 403
    client.force_login(chief)
    assert client.post(url, data).status_code == 302
    assert "375,00" in client.get(url).content.decode()
