# ruff: noqa: RUF003
"""Every transition of the table, allowed and refused, through the services that make them."""

from decimal import Decimal

import pytest
from django.core import mail

from enkelt.simplification import pipeline, services
from enkelt.simplification.error_codes import SimplificationError, SimplificationErrorCode
from enkelt.simplification.models import Case, ExemptionApplication, Outcome, Stage
from enkelt.simplification.scenario import ScenarioChange
from enkelt.simplification.tests.factories import ActivityFactory, case_in_state
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PAIRS = [(a, b) for a in pipeline.STATES for b in pipeline.STATES if a != b]


def _go(case: Case, to_state: str, actor) -> Case:
    common = {"actor": actor, "municipality": case.municipality, "case": case}
    if to_state == pipeline.SELECTED:
        return services.case_select(**common)
    if to_state == pipeline.FLAGGED:
        return services.case_deselect(**common)
    return services.case_decide(**common, outcome=to_state, reason="Det giver mening")


@pytest.mark.parametrize(("from_state", "to_state"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_transition_follows_the_table(from_state, to_state):
    # given a case in `from_state`
    case = case_in_state(from_state)
    leader = MembershipFactory(municipality=case.municipality, role="leader").user

    # when a leader moves it to `to_state`
    if pipeline.can_transition(from_state, to_state):
        moved = _go(case, to_state, leader)
        # then it is there
        assert moved.state == to_state
        assert moved.stage == pipeline.stage_of(to_state)
        case.refresh_from_db()
        assert case.state == to_state
    else:
        with pytest.raises(SimplificationError) as refused:
            _go(case, to_state, leader)
        assert refused.value.code == SimplificationErrorCode.TRANSITION_NOT_ALLOWED
        case.refresh_from_db()
        assert case.state == from_state


def test_the_table_covers_every_state_and_final_outcomes_are_final():
    assert set(pipeline.ALLOWED_TRANSITIONS) == set(pipeline.STATES)
    for final in (Outcome.ABOLISHED, Outcome.STREAMLINED, Outcome.KEPT):
        assert pipeline.allowed_next(final) == []
    assert pipeline.allowed_outcomes(pipeline.SELECTED) == list(Outcome.values)


@pytest.mark.parametrize("reason", ["", "   "])
def test_kept_without_a_reason_is_refused(reason):
    case = case_in_state(pipeline.SELECTED)
    with pytest.raises(SimplificationError) as refused:
        services.case_decide(
            actor=None,
            municipality=case.municipality,
            case=case,
            outcome=Outcome.KEPT,
            reason=reason,
        )
    assert refused.value.code in {
        SimplificationErrorCode.REASON_REQUIRED,
        SimplificationErrorCode.EMPTY_TEXT,
    }
    case.refresh_from_db()
    assert case.stage == Stage.SELECTED


def test_kept_with_a_reason_is_decided():
    case = case_in_state(pipeline.SELECTED)
    services.case_decide(
        actor=None,
        municipality=case.municipality,
        case=case,
        outcome=Outcome.KEPT,
        reason="Kravet sikrer borgerens retssikkerhed.",
        decision_level="chief",
    )
    case.refresh_from_db()
    assert (case.stage, case.outcome, case.decision_level) == ("decided", "kept", "chief")
    assert case.expected_freed_hours_per_year is None


def test_escalated_creates_an_exemption_application():
    case = case_in_state(pipeline.SELECTED)
    services.case_decide(
        actor=None,
        municipality=case.municipality,
        case=case,
        outcome=Outcome.ESCALATED,
        exemption={"provision": "§ 12, stk. 2", "ministry": "Social- og Boligministeriet"},
    )
    application = ExemptionApplication.objects.get(case=case)
    assert application.rule_id == case.rule_id
    assert application.provision == "§ 12, stk. 2"
    assert application.status == ExemptionApplication.Status.PENDING


def test_expected_freed_hours_from_a_scenario_by_hand():
    # given two activities:
    #   A: 100 × 12 per year × 30 min, share 0    → 100·12·0.5·1   = 600 hours
    #   B: 40 × 0.5 per year × 90 min, share 0.25 → 40·0.5·1.5·0.75 = 22.5 hours
    case = case_in_state(pipeline.SELECTED)
    a = ActivityFactory(rule=case.rule)
    b = ActivityFactory(
        rule=case.rule,
        population=Decimal("40"),
        frequency_per_year=Decimal("0.5"),
        minutes_per_occurrence=Decimal("90"),
        business_as_usual_share=Decimal("0.25"),
    )
    # when A is cut to 10 minutes, 4 times a year, and B is left alone
    # A after: 100 · 4 · 10/60 = 66.666… hours → freed 600 − 66.67 = 533.33
    services.case_decide(
        actor=None,
        municipality=case.municipality,
        case=case,
        outcome=Outcome.STREAMLINED,
        scenario={
            a.pk: ScenarioChange(Decimal("100"), Decimal("4"), Decimal("10"), Decimal("0")),
        },
    )
    case.refresh_from_db()
    assert case.expected_freed_hours_per_year == Decimal("533.33")
    lines = {line.name: line for line in case.scenario.activities.all()}
    assert lines[b.name].hours_per_year == lines[b.name].baseline_hours_per_year == Decimal("22.5")
    assert lines[a.name].baseline_hours_per_year == Decimal("600")


def test_abolishing_without_a_scenario_frees_every_hour():
    case = case_in_state(pipeline.SELECTED)
    ActivityFactory(rule=case.rule)  # 600 hours
    services.case_decide(
        actor=None, municipality=case.municipality, case=case, outcome=Outcome.ABOLISHED
    )
    case.refresh_from_db()
    case.rule.refresh_from_db()
    assert case.expected_freed_hours_per_year == Decimal("600.00")
    assert case.rule.status == "abolished"


def test_a_scenario_with_a_negative_value_is_refused():
    case = case_in_state(pipeline.SELECTED)
    a = ActivityFactory(rule=case.rule)
    with pytest.raises(SimplificationError) as refused:
        services.case_decide(
            actor=None,
            municipality=case.municipality,
            case=case,
            outcome=Outcome.STREAMLINED,
            scenario={
                a.pk: ScenarioChange(Decimal("-1"), Decimal("1"), Decimal("1"), Decimal("0"))
            },
        )
    assert refused.value.code == SimplificationErrorCode.INVALID_SCENARIO
    assert not mail.outbox


def test_realised_hours_only_after_abolishing_or_streamlining():
    kept = case_in_state(Outcome.KEPT)
    with pytest.raises(SimplificationError) as refused:
        services.case_record_realised(
            actor=None, municipality=kept.municipality, case=kept, hours=Decimal("5")
        )
    assert refused.value.code == SimplificationErrorCode.NOT_DECIDED_TO_FREE_TIME
    done = case_in_state(Outcome.STREAMLINED)
    services.case_record_realised(
        actor=None,
        municipality=done.municipality,
        case=done,
        hours=Decimal("120.5"),
        used_for="Mere tid med borgerne",
    )
    done.refresh_from_db()
    assert done.realised_freed_hours_per_year == Decimal("120.50")
    assert done.freed_time_used_for == "Mere tid med borgerne"


def test_objects_of_another_municipality_are_refused():
    case = case_in_state(pipeline.FLAGGED)
    other = case_in_state(pipeline.FLAGGED)
    with pytest.raises(SimplificationError) as refused:
        services.case_select(actor=None, municipality=other.municipality, case=case)
    assert refused.value.code == SimplificationErrorCode.WRONG_MUNICIPALITY


def test_an_approved_trial_suspends_the_rule_and_a_rejection_needs_its_reason():
    from datetime import date

    from enkelt.simplification.exemptions import exemption_answer

    case = case_in_state(pipeline.SELECTED)
    services.case_decide(
        actor=None, municipality=case.municipality, case=case, outcome=Outcome.ESCALATED
    )
    application = ExemptionApplication.objects.get(case=case)
    with pytest.raises(SimplificationError):
        exemption_answer(
            actor=None, municipality=case.municipality, application=application, status="rejected"
        )
    exemption_answer(
        actor=None,
        municipality=case.municipality,
        application=application,
        status="approved",
        trial_start=date(2026, 8, 1),
        trial_end=date(2029, 7, 31),
    )
    case.rule.refresh_from_db()
    assert case.rule.status == "suspended_on_trial"
