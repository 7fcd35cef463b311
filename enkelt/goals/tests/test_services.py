"""Golden thread, coverage, status override, freed hours, measurements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from enkelt.audit.models import AuditEvent
from enkelt.goals import selectors, services
from enkelt.goals.models import Goal
from enkelt.goals.tests.factories import (
    AgreementFactory,
    DialogueMeetingFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
)
from enkelt.simplification.tests.factories import case_in_state
from enkelt.strategy.tests.factories import InitiativeFactory, StrategyPlanFactory
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(municipality):
    director = AgreementFactory(municipality=municipality, level="director")
    chief = AgreementFactory(municipality=municipality, level="chief", parent=director)
    leader = AgreementFactory(municipality=municipality, level="leader", parent=chief)
    return director, chief, leader


def test_golden_thread_needs_exactly_one_link(municipality, chain):
    director, _, _ = chain
    initiative = InitiativeFactory(programme__area__plan__municipality=municipality)
    with pytest.raises(ValidationError) as error:
        services.goal_create(actor=None, municipality=municipality, agreement=director, title="x")
    assert error.value.code == "golden_thread"
    with pytest.raises(ValidationError):
        services.goal_create(
            actor=None,
            municipality=municipality,
            agreement=director,
            title="x",
            initiative=initiative,
            is_local=True,
        )
    with pytest.raises(ValidationError):
        services.goal_create(
            actor=None,
            municipality=municipality,
            agreement=director,
            title="x",
            initiative=initiative,
            programme=initiative.programme,
        )
    goal = services.goal_create(
        actor=None, municipality=municipality, agreement=director, title="x", initiative=initiative
    )
    assert AuditEvent.objects.filter(verb="goals.goal_created", object_id=str(goal.pk)).exists()


def test_golden_thread_in_the_database(municipality, chain):
    director, _, _ = chain
    initiative = InitiativeFactory(programme__area__plan__municipality=municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(
            municipality=municipality, agreement=director, title="none", is_local=False
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(
            municipality=municipality,
            agreement=director,
            title="two",
            initiative=initiative,
            is_local=True,
        )


def test_parent_goal_must_be_in_parent_agreement(municipality, chain):
    director, chief, leader = chain
    top = GoalFactory(agreement=director)
    services.goal_create(
        actor=None, municipality=municipality, agreement=chief, title="ok", parent_goal=top
    )
    with pytest.raises(ValidationError):
        services.goal_create(
            actor=None, municipality=municipality, agreement=leader, title="skip", parent_goal=top
        )


def test_goal_cannot_link_to_another_municipality(municipality, chain):
    director, _, _ = chain
    foreign = InitiativeFactory()
    with pytest.raises(ValidationError) as error:
        services.goal_create(
            actor=None, municipality=municipality, agreement=director, title="x", initiative=foreign
        )
    assert error.value.code == "wrong_municipality"


def test_coverage_counts_leader_goals_through_the_thread(municipality, chain):
    director, chief, leader = chain
    plan = StrategyPlanFactory(municipality=municipality)
    direct, threaded, chief_only, uncovered = (
        InitiativeFactory(programme__area__plan=plan) for _ in range(4)
    )
    InitiativeFactory(programme__area__plan=plan, status="done")  # not active: not counted
    # A leader goal straight on an initiative.
    GoalFactory(agreement=leader, initiative=direct, is_local=False)
    # Director goal → chief goal → leader goal.
    d_goal = GoalFactory(agreement=director, initiative=threaded, is_local=False)
    c_goal = GoalFactory(agreement=chief, parent_goal=d_goal, is_local=False)
    GoalFactory(agreement=leader, parent_goal=c_goal, is_local=False)
    # Only a chief goal: does not count.
    GoalFactory(agreement=chief, initiative=chief_only, is_local=False)
    assert selectors.coverage(municipality=municipality) == (2, 4)
    assert selectors.coverage_percent(municipality=municipality) == 50
    assert uncovered.status == "active"
    assert selectors.coverage(municipality=MunicipalityFactory()) == (0, 0)


def test_worked_example_through_the_selector(municipality):
    indicator = IndicatorFactory(municipality=municipality)
    MeasurementFactory(indicator=indicator)
    [row] = selectors.indicator_list(municipality=municipality)
    assert row.evaluation.status == "amber"
    assert row.evaluation.progress_percent == 43
    assert row.evaluation.expected_percent == 50


def test_latest_measurement_counts(municipality):
    indicator = IndicatorFactory(municipality=municipality)
    services.measurement_add(
        actor=None,
        municipality=municipality,
        indicator=indicator,
        date=datetime.date(2026, 1, 1),
        value=Decimal("85.3"),
    )
    services.measurement_add(
        actor=None,
        municipality=municipality,
        indicator=indicator,
        date=datetime.date(2025, 1, 1),
        value=Decimal("84.1"),
    )
    # Replacing the value for a date: one measurement per date, audited.
    services.measurement_add(
        actor=None,
        municipality=municipality,
        indicator=indicator,
        date=datetime.date(2026, 1, 1),
        value=Decimal("85.6"),
    )
    assert indicator.measurements.count() == 2
    assert AuditEvent.objects.filter(verb="goals.measurement_replaced").count() == 1
    found = selectors.indicator_get(municipality=municipality, public_id=indicator.public_id)
    assert found is not None
    assert found.evaluation.latest_value == Decimal("85.6")
    assert found.evaluation.status == "green"


def test_override_needs_a_comment(municipality):
    indicator = IndicatorFactory(municipality=municipality)
    MeasurementFactory(indicator=indicator)
    with pytest.raises(ValidationError):
        services.indicator_set_status_override(
            actor=None, municipality=municipality, indicator=indicator, status="green", comment=" "
        )
    services.indicator_set_status_override(
        actor=None,
        municipality=municipality,
        indicator=indicator,
        status="green",
        comment="Ny målemetode; tallene kan ikke sammenlignes.",
    )
    [row] = selectors.indicator_list(municipality=municipality)
    assert row.evaluation.status == "green"
    assert row.evaluation.computed_status == "amber"
    assert row.evaluation.overridden
    with pytest.raises(IntegrityError), transaction.atomic():
        type(indicator).objects.filter(pk=indicator.pk).update(override_comment="")


def test_indicator_direction_is_checked(municipality):
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=None,
            municipality=municipality,
            title="Ventetid",
            unit="days",
            direction="down",
            baseline_value=Decimal(30),
            baseline_date=datetime.date(2025, 1, 1),
            target_value=Decimal(40),
            target_date=datetime.date(2027, 1, 1),
        )
    indicator = services.indicator_create(
        actor=None,
        municipality=municipality,
        title="Ventetid",
        unit="days",
        direction="down",
        baseline_value=Decimal(30),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal(20),
        target_date=datetime.date(2027, 1, 1),
        milestones=[(datetime.date(2026, 1, 1), Decimal(28))],
    )
    services.indicator_update(
        actor=None, municipality=municipality, indicator=indicator, tolerance=Decimal("0.1")
    )
    indicator.refresh_from_db()
    assert indicator.tolerance == Decimal("0.1")
    assert indicator.milestones.count() == 1


def test_freed_hours_only_from_a_decided_case(municipality, chain):
    goal = GoalFactory(agreement=chain[2])
    flagged = case_in_state("flagged", municipality=municipality)
    with pytest.raises(ValidationError):
        services.freed_hours_allocate(
            actor=None,
            municipality=municipality,
            case=flagged,
            goal=goal,
            hours_per_year=Decimal(5),
        )
    decided = case_in_state("abolished", municipality=municipality)
    with pytest.raises(ValidationError):
        services.freed_hours_allocate(
            actor=None, municipality=municipality, case=decided, hours_per_year=Decimal(5)
        )
    services.freed_hours_allocate(
        actor=None, municipality=municipality, case=decided, goal=goal, hours_per_year=Decimal(5)
    )
    assert [a.hours_per_year for a in selectors.freed_hours_for_goal(goal=goal)] == [Decimal(5)]


def test_meeting_assessment(municipality, chain):
    goal = GoalFactory(agreement=chain[0])
    meeting = DialogueMeetingFactory(agreement=chain[0])
    services.meeting_assess(
        actor=None,
        municipality=municipality,
        meeting=meeting,
        goal=goal,
        assessment="Bagud",
        rating="partly",
    )
    services.meeting_assess(
        actor=None,
        municipality=municipality,
        meeting=meeting,
        goal=goal,
        assessment="Nu på vej",
        rating="met",
    )
    assert meeting.assessments.get().rating == "met"
    other = GoalFactory(agreement=chain[1])
    with pytest.raises(ValidationError):
        services.meeting_assess(
            actor=None,
            municipality=municipality,
            meeting=meeting,
            goal=other,
            assessment="x",
            rating="met",
        )
