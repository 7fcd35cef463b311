"""The pure outcome arithmetic: change, trend and goal met for both directions; follow-ups."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from enkelt.outcomes.change import (
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    Compliance,
    DueStatus,
    Trend,
    due_status,
    factor_change,
    first_follow_up_compliance,
    next_due,
)


def test_lower_is_better_by_hand():
    # intake 3, latest 1, goal 2 on a 0-4 scale where 0 = no problems
    result = factor_change(intake=3, latest=1, goal=2, direction=LOWER_IS_BETTER)
    assert result.change == -2
    assert result.trend == Trend.IMPROVED
    assert result.goal_met is True
    worse = factor_change(intake=1, latest=2, goal=1, direction=LOWER_IS_BETTER)
    assert (worse.change, worse.trend, worse.goal_met) == (1, Trend.WORSENED, False)
    at_goal = factor_change(intake=2, latest=2, goal=2, direction=LOWER_IS_BETTER)
    assert (at_goal.change, at_goal.trend, at_goal.goal_met) == (0, Trend.UNCHANGED, True)


def test_higher_is_better_by_hand():
    # a 1-10 scale where 10 is best
    result = factor_change(intake=4, latest=7, goal=6, direction=HIGHER_IS_BETTER)
    assert (result.change, result.trend, result.goal_met) == (3, Trend.IMPROVED, True)
    worse = factor_change(intake=8, latest=5, goal=9, direction=HIGHER_IS_BETTER)
    assert (worse.change, worse.trend, worse.goal_met) == (-3, Trend.WORSENED, False)
    short = factor_change(intake=4, latest=5, goal=6, direction=HIGHER_IS_BETTER)
    assert (short.trend, short.goal_met) == (Trend.IMPROVED, False)


def test_no_goal_means_goal_met_is_unknown():
    assert factor_change(intake=3, latest=0, goal=None, direction=LOWER_IS_BETTER).goal_met is None


values = st.integers(min_value=0, max_value=10)
directions = st.sampled_from([LOWER_IS_BETTER, HIGHER_IS_BETTER])


@given(values, values, st.one_of(st.none(), values), directions)
def test_properties(intake, latest, goal, direction):
    result = factor_change(intake=intake, latest=latest, goal=goal, direction=direction)
    assert result.change == latest - intake
    mirror = HIGHER_IS_BETTER if direction == LOWER_IS_BETTER else LOWER_IS_BETTER
    mirrored = factor_change(intake=intake, latest=latest, goal=goal, direction=mirror)
    # the same movement reads the other way round on a mirrored scale
    assert {result.trend, mirrored.trend} in (
        {Trend.UNCHANGED},
        {Trend.IMPROVED, Trend.WORSENED},
    )
    if goal is not None:
        assert result.goal_met is not None
        if latest != goal:
            assert result.goal_met != mirrored.goal_met
        else:
            assert result.goal_met and mirrored.goal_met
    # swapping intake and latest reverses the trend
    back = factor_change(intake=latest, latest=intake, goal=None, direction=direction)
    assert back.change == -result.change
    if result.trend == Trend.IMPROVED:
        assert back.trend == Trend.WORSENED


def test_next_due_and_status():
    due = next_due(last_assessed=date(2026, 1, 1), interval_days=182)
    assert due == date(2026, 7, 2)
    assert due_status(due=due, tolerance_days=30, today=date(2026, 6, 1)) == DueStatus.UPCOMING
    assert due_status(due=due, tolerance_days=30, today=date(2026, 6, 2)) == DueStatus.DUE
    assert due_status(due=due, tolerance_days=30, today=date(2026, 8, 1)) == DueStatus.DUE
    assert due_status(due=due, tolerance_days=30, today=date(2026, 8, 2)) == DueStatus.OVERDUE


def test_compliance_window_is_interval_plus_minus_tolerance():
    intake = date(2026, 1, 1)
    kwargs = {"intake": intake, "interval_days": 182, "tolerance_days": 30}
    today = date(2027, 1, 1)
    for offset, expected in [
        (151, Compliance.MISSED),
        (152, Compliance.MET),
        (182, Compliance.MET),
        (212, Compliance.MET),
        (213, Compliance.MISSED),
    ]:
        follow_up = intake + timedelta(days=offset)
        assert (
            first_follow_up_compliance(follow_ups=[follow_up], today=today, **kwargs) == expected
        ), offset
    assert (
        first_follow_up_compliance(follow_ups=[], today=date(2026, 7, 1), **kwargs)
        == Compliance.PENDING
    )
    assert (
        first_follow_up_compliance(follow_ups=[], today=today, ended_on=date(2026, 3, 1), **kwargs)
        == Compliance.NOT_APPLICABLE
    )
