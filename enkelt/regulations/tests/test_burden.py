"""The Standard Cost Model formula: hand-computed values and properties (hypothesis)."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enkelt.regulations import burden as scm
from enkelt.regulations.services import ActivityData, rule_create
from enkelt.regulations.tests.factories import JobFamilyTariffFactory

NORM = D("1924")


def test_simple_activity_by_hand():
    # given 120 cases a year, 30 minutes each, 450 kr./hour, nothing done anyway
    a = scm.ActivityInput(D(10), D(12), D(30), D(450))
    # when
    b = scm.activity_burden(a, annual_norm_hours=NORM)
    # then: price 225 kr., quantity 120, cost 27.000 kr., 60 hours, 60/1924 FTE
    assert b.price == D(225)
    assert b.quantity == D(120)
    assert b.cost_per_year == D(27000)
    assert b.hours_per_year == D(60)
    assert b.fte == D(60) / D(1924)


def test_frequency_below_one_business_as_usual_and_external_cost():
    # every second year (0.5) for 200 persons, 45 minutes, 500 kr./hour, 20 kr. postage,
    # 40 % would be done anyway
    a = scm.ActivityInput(D(200), D("0.5"), D(45), D(500), D(20), D("0.4"))
    b = scm.activity_burden(a, annual_norm_hours=NORM)
    # price = 500 x 45/60 + 20 = 395; quantity = 100
    assert b.price == D(395)
    assert b.quantity == D(100)
    # cost = 395 x 100 x 0.6 = 23.700; hours = 0.75 x 100 x 0.6 = 45
    assert b.cost_per_year == D(23700)
    assert b.hours_per_year == D(45)
    assert b.fte.quantize(D("0.0001")) == D("0.0234")


def test_explanation_shows_the_formula_with_numbers():
    a = scm.ActivityInput(D(200), D("0.5"), D(45), D(500), D(20), D("0.4"), tariff_source="x")
    lines = scm.activity_burden(a, annual_norm_hours=NORM).explanation()
    text = "\n".join(lines)
    assert "395" in text and "23" in text and "45" in text and "1" in text
    assert len(lines) == 6  # tariff, price, quantity, cost, hours, FTE


def test_total_and_zero():
    b1 = scm.Burden(D(1), D(2), D(3))
    assert scm.total([]) == scm.Burden.zero()
    assert scm.total([b1, b1]) == scm.Burden(D(2), D(4), D(6))
    assert scm.reduction(scm.Burden(D(100), D(0), D(0)), scm.Burden(D(75), D(0), D(0))) == D("0.25")
    assert scm.reduction(scm.Burden.zero(), scm.Burden.zero()) is None


@pytest.mark.django_db
def test_tariff_resolution_override_then_job_family_then_default(municipality, leader):
    # given a default of 450, a job family of 400 + 25 % = 500 and an override of 600
    municipality.default_hourly_tariff = D("450")
    municipality.save()
    family = JobFamilyTariffFactory(municipality=municipality, hourly_wage=D(400))
    one_hour = {"population": D(1), "frequency_per_year": D(1), "minutes_per_occurrence": D(60)}
    rule = rule_create(
        actor=leader,
        municipality=municipality,
        title="Tre tariffer",
        kind="procedure",
        origin="council",
        activities=[
            ActivityData(name="default", **one_hour),
            ActivityData(name="family", job_family=family, **one_hour),
            ActivityData(name="override", job_family=family, hourly_tariff=D(600), **one_hour),
        ],
    )
    # then each activity uses its own tariff, and the rule stores the sum
    tariffs = [a.hourly_tariff for a in scm.activity_inputs(rule)]
    assert tariffs == [D(450), D(500), D(600)]
    assert rule.hours_per_year == D("3.00")
    assert rule.cost_per_year == D("1550.00")
    assert rule.fte == (D(3) / NORM).quantize(D("0.0001"))
    assert scm.rule_burden(rule).cost_per_year == D(1550)


def test_norm_hours_setting(settings):
    settings.ENKELT_ANNUAL_NORM_HOURS = 1500
    assert scm.annual_norm_hours() == D(1500)


decimals = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
shares = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)
activities = st.builds(
    scm.ActivityInput,
    population=decimals,
    frequency_per_year=st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False),
    minutes_per_occurrence=decimals,
    hourly_tariff=st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False),
    external_cost_per_occurrence=decimals,
    business_as_usual_share=shares,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(activities, max_size=8))
def test_totals_are_the_sum_of_parts_and_never_negative_or_nan(inputs):
    parts = [scm.activity_burden(a, annual_norm_hours=NORM) for a in inputs]
    result = scm.total(parts)
    assert result.hours_per_year == sum((p.hours_per_year for p in parts), D(0))
    assert result.cost_per_year == sum((p.cost_per_year for p in parts), D(0))
    assert result.fte == sum((p.fte for p in parts), D(0))
    for figure in (
        result.hours_per_year,
        result.cost_per_year,
        result.fte,
        *[p.price for p in parts],
    ):
        assert figure.is_finite() and not figure.is_nan()
        assert figure >= 0


@settings(max_examples=100, deadline=None)
@given(activities)
def test_more_business_as_usual_never_increases_the_burden(a):
    full = scm.activity_burden(
        scm.ActivityInput(**{**a.__dict__, "business_as_usual_share": D(0)}), annual_norm_hours=NORM
    )
    part = scm.activity_burden(a, annual_norm_hours=NORM)
    assert part.hours_per_year <= full.hours_per_year
    assert part.cost_per_year <= full.cost_per_year
