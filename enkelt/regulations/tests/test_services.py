"""Services: burden kept up to date, snapshots, audit trail, offset ledger, scoping."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from enkelt.audit.models import AuditEvent
from enkelt.regulations import selectors, services
from enkelt.regulations.errors import RegulationError
from enkelt.regulations.models import BurdenSnapshot, OffsetEntry, Rule
from enkelt.regulations.services import ActivityData
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db

HOUR = ActivityData(name="En time", population=D(1), frequency_per_year=D(1),
                    minutes_per_occurrence=D(60))  # fmt: skip


def _create(municipality, actor, **kwargs):
    return services.rule_create(
        actor=actor, municipality=municipality, title=kwargs.pop("title", "Regel"),
        kind="form", origin="administration", **kwargs,
    )  # fmt: skip


def test_create_with_activities_stores_burden_baseline_and_audit(municipality, leader):
    rule = _create(municipality, leader, activities=[HOUR, HOUR])
    rule.refresh_from_db()
    assert (rule.hours_per_year, rule.cost_per_year) == (D("2.00"), D("900.00"))
    snapshot = BurdenSnapshot.objects.get(rule=rule)
    assert snapshot.kind == "baseline" and snapshot.hours_per_year == D("2.00")
    assert len(snapshot.activities) == 2
    verbs = list(AuditEvent.objects.filter(object_id=str(rule.pk)).values_list("verb", flat=True))
    assert sorted(verbs) == ["rule.burden_changed", "rule.created"]


def test_activity_changes_recompute_and_give_a_reduction(municipality, leader):
    rule = _create(municipality, leader, activities=[HOUR, HOUR])
    services.activity_set(actor=leader, municipality=municipality, rule=rule, activities=[HOUR])
    rule.refresh_from_db()
    assert rule.hours_per_year == D("1.00")
    assert selectors.rule_reduction(rule=rule) == D("0.5")
    kinds = sorted(BurdenSnapshot.objects.filter(rule=rule).values_list("kind", flat=True))
    assert kinds == ["baseline", "update"]
    event = AuditEvent.objects.filter(object_id=str(rule.pk), verb="rule.burden_changed").first()
    assert event.before["hours_per_year"] == "2.00" and event.after["hours_per_year"] == "1.00"


def test_snapshot_before_and_after_decision(municipality, leader):
    rule = _create(municipality, leader, activities=[HOUR])
    snap = services.burden_snapshot_take(
        actor=leader, municipality=municipality, rule=rule, kind="before_decision"
    )
    assert snap.kind == "before_decision" and snap.hours_per_year == D("1.00")


def test_abolishing_a_new_requirement_keeps_the_ledger_in_balance(municipality, leader, unit):
    rule = _create(municipality, leader, activities=[HOUR], owner_unit=unit, new_requirement=True)
    services.rule_update(actor=leader, municipality=municipality, rule=rule, status="abolished")
    year = OffsetEntry.objects.first().year
    [balance] = selectors.offset_balances(municipality=municipality, year=year)
    assert (balance.added, balance.removed, balance.balance) == (D(1), D(1), D(0))
    assert balance.in_balance


def test_objects_of_another_municipality_are_refused(municipality, leader):
    foreign_unit = UnitFactory(municipality=MunicipalityFactory())
    with pytest.raises(RegulationError):
        _create(municipality, leader, owner_unit=foreign_unit)
    rule = _create(municipality, leader)
    with pytest.raises(RegulationError):
        services.rule_update(
            actor=leader, municipality=MunicipalityFactory(), rule=rule, title="Nyt"
        )
    assert Rule.objects.count() == 1


def test_invalid_values_are_refused_and_nothing_is_written(municipality, leader):
    with pytest.raises(ValidationError):
        _create(municipality, leader, activities=[
            ActivityData(name="x", population=D(1), frequency_per_year=D(1),
                         minutes_per_occurrence=D(1), business_as_usual_share=D("1.5"))
        ])  # fmt: skip
    assert not Rule.objects.exists()


def test_rollups_and_candidates(municipality, leader, unit):
    _create(municipality, leader, activities=[HOUR], owner_unit=unit)
    _create(municipality, leader, title="Tekst", text="Man skal og skal. Det kræves.")
    [by_unit] = [r for r in selectors.burden_rollup(municipality=municipality, by="unit") if r.key]
    assert by_unit.hours_per_year == D(1) and by_unit.label == unit.name
    total = selectors.municipality_burden(municipality=municipality)
    assert total.rules == 2 and total.hours_per_year == D(1)
    [candidate] = selectors.candidate_list(municipality=municipality)
    assert candidate.total == 3 and candidate.words["skal"] == 2
    assert selectors.count_obligation_words("Du må  ikke; forpligtede")["må ikke"] == 1


def test_a_new_years_tariff_recomputes_the_rules_of_that_job_family(municipality, leader):
    # given a rule whose activity is priced by the 2025 tariff of a job family (400 x 1.25 = 500)
    old = services.job_family_tariff_create(
        actor=leader, municipality=municipality, name="Sagsbehandler", year=2025,
        hourly_wage=D(400),
    )  # fmt: skip
    rule = _create(municipality, leader, activities=[HOUR])
    activity = rule.activities.get()
    activity.job_family = old
    activity.save()
    services.rule_refresh_burden(rule=rule)
    assert rule.cost_per_year == D("500.00")
    untouched = _create(municipality, leader, title="Uden lønfamilie", activities=[HOUR])
    # when an older year is added nothing moves; when 2026 is added (480 x 1.25 = 600) it does
    services.job_family_tariff_create(
        actor=leader, municipality=municipality, name="Sagsbehandler", year=2024,
        hourly_wage=D(300),
    )  # fmt: skip
    rule.refresh_from_db()
    assert rule.cost_per_year == D("500.00")
    new = services.job_family_tariff_create(
        actor=leader, municipality=municipality, name="Sagsbehandler", year=2026,
        hourly_wage=D(480),
    )  # fmt: skip
    # then the rule's burden is recomputed at the new rate, and only that rule
    rule.refresh_from_db()
    activity.refresh_from_db()
    assert activity.job_family == new and rule.cost_per_year == D("600.00")
    before = untouched.cost_per_year
    untouched.refresh_from_db()
    assert untouched.cost_per_year == before
    event = AuditEvent.objects.get(verb="tariff.created", object_id=str(new.pk))
    assert event.after["rules_recomputed"] == 1
