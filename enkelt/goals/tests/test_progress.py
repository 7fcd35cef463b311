"""The progress formula (domain.md): worked example, descending, milestones, override."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enkelt.goals import progress as p

BASE = p.Point(date(2024, 1, 1), Decimal("84.0"))
TARGET = p.Point(date(2028, 1, 1), Decimal("87.0"))


def test_worked_example_is_amber() -> None:
    target = p.target_value(baseline=Decimal("84.0"), target_value=None, target_change=Decimal("3"))
    assert target == Decimal("87.0")
    result = p.evaluate(
        baseline=BASE,
        target=p.Point(date(2028, 1, 1), target),
        current=p.Point(date(2026, 1, 1), Decimal("85.3")),
    )
    assert round(result.progress * 100) == 43
    # 2024-01-01 → 2026-01-01 is 731 days of 1461: time is counted in days.
    assert result.expected == Decimal(731) / Decimal(1461)
    assert round(result.expected * 100) == 50
    assert result.status == "amber"


def test_thresholds_of_worked_example() -> None:
    expected = Decimal("0.5")
    assert p.status_for(progress=Decimal("0.45"), expected=expected) == "green"
    assert p.status_for(progress=Decimal("0.44"), expected=expected) == "amber"
    assert p.status_for(progress=Decimal("0.40"), expected=expected) == "amber"
    assert p.status_for(progress=Decimal("0.39"), expected=expected) == "red"


def test_tolerance_is_configurable() -> None:
    result = p.evaluate(
        baseline=BASE,
        target=TARGET,
        current=p.Point(date(2026, 1, 1), Decimal("85.3")),
        tolerance=Decimal("0.1"),
    )
    assert result.status == "green"


def test_descending_indicator() -> None:
    # Waiting days: 40 → 20 over two years; 30 after one year is on track.
    base = p.Point(date(2024, 1, 1), Decimal(40))
    target = p.Point(date(2026, 1, 1), Decimal(20))
    p.check_direction(direction="down", baseline=base.value, target=target.value)
    on_track = p.evaluate(
        baseline=base, target=target, current=p.Point(date(2025, 1, 1), Decimal(30))
    )
    assert on_track.progress == Decimal("0.5")
    assert on_track.status == "green"
    worse = p.evaluate(baseline=base, target=target, current=p.Point(date(2025, 1, 1), Decimal(42)))
    assert worse.progress < 0
    assert worse.status == "red"


def test_direction_must_match_target() -> None:
    with pytest.raises(p.FormulaError):
        p.check_direction(direction="down", baseline=Decimal(40), target=Decimal(50))
    with pytest.raises(p.FormulaError):
        p.check_direction(direction="up", baseline=Decimal(40), target=Decimal(30))


def test_interim_milestone_sets_expected() -> None:
    # A slow start: the milestone expects only +0.5 pp by 2026-01-01.
    milestone = p.Point(date(2026, 1, 1), Decimal("84.5"))
    result = p.evaluate(
        baseline=BASE,
        target=TARGET,
        current=p.Point(date(2026, 1, 1), Decimal("85.3")),
        milestones=[milestone],
    )
    assert result.expected == Decimal("0.5") / Decimal(3)
    assert result.status == "green"
    # Between milestone and target the path is interpolated in days.
    value = p.path_value(baseline=BASE, target=TARGET, on=date(2027, 1, 1), milestones=[milestone])
    assert Decimal("85.7") < value < Decimal("85.8")


def test_override_needs_a_comment() -> None:
    with pytest.raises(p.FormulaError):
        p.evaluate(
            baseline=BASE,
            target=TARGET,
            current=p.Point(date(2026, 1, 1), Decimal("85.3")),
            status_override="green",
        )
    result = p.evaluate(
        baseline=BASE,
        target=TARGET,
        current=p.Point(date(2026, 1, 1), Decimal("85.3")),
        status_override="green",
        override_comment="New measuring method from 2026; figures not comparable.",
    )
    assert result.status == "green"
    assert result.computed_status == "amber"
    assert result.overridden


def test_invalid_targets() -> None:
    with pytest.raises(p.FormulaError):
        p.progress(baseline=Decimal(1), target=Decimal(1), current=Decimal(2))
    with pytest.raises(p.FormulaError):
        p.expected_progress(baseline=TARGET, target=BASE, on=date(2025, 1, 1))
    with pytest.raises(p.FormulaError):
        p.target_value(baseline=Decimal(1), target_value=None, target_change=None)


decimals = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
days = st.integers(min_value=1, max_value=5000)


@given(
    baseline=decimals, change=decimals, current=decimals, span=days, elapsed=st.integers(-100, 6000)
)
def test_properties(
    baseline: Decimal, change: Decimal, current: Decimal, span: int, elapsed: int
) -> None:
    if change == 0:
        return
    start = date(2024, 1, 1)
    base = p.Point(start, baseline)
    target = p.Point(start + timedelta(days=span), baseline + change)
    on = start + timedelta(days=elapsed)
    expected = p.expected_progress(baseline=base, target=target, on=on)
    assert 0 <= expected <= 1
    actual = p.progress(baseline=baseline, target=baseline + change, current=current)
    # Reaching the target is progress 1, standing still is 0, whatever the direction.
    assert p.progress(baseline=baseline, target=baseline + change, current=baseline + change) == 1
    assert p.progress(baseline=baseline, target=baseline + change, current=baseline) == 0
    status = p.status_for(progress=actual, expected=expected)
    if actual >= expected:
        assert status == "green"
    # Mirroring the series (a descending indicator) keeps progress unchanged.
    mirrored = p.progress(baseline=-baseline, target=-(baseline + change), current=-current)
    assert mirrored == actual


@given(
    a=st.decimals(min_value=-1, max_value=2, places=3),
    b=st.decimals(min_value=-1, max_value=2, places=3),
    expected=st.decimals(min_value=0, max_value=1, places=3),
)
def test_status_is_monotone(a: Decimal, b: Decimal, expected: Decimal) -> None:
    order = {"red": 0, "amber": 1, "green": 2}
    low, high = sorted([a, b])
    assert (
        order[p.status_for(progress=low, expected=expected)]
        <= order[p.status_for(progress=high, expected=expected)]
    )


@given(span=days, cut=st.integers(min_value=1, max_value=4999), value=decimals)
def test_milestone_path_passes_through_milestone(span: int, cut: int, value: Decimal) -> None:
    if cut >= span:
        return
    start = date(2024, 1, 1)
    base = p.Point(start, Decimal(0))
    target = p.Point(start + timedelta(days=span), Decimal(100))
    milestone = p.Point(start + timedelta(days=cut), value)
    assert (
        p.path_value(baseline=base, target=target, on=milestone.on, milestones=[milestone]) == value
    )
