"""The indicator progress formula (domain.md, "Goals, indicators, measurements").

Pure functions over ``Decimal`` and ``date``; no Django, no database::

    progress    = (current - baseline) / (target - baseline)
    expected(t) = (t - t_baseline) / (t_target - t_baseline)   (or the interim milestone)
    status      = green if progress >= expected - tol;
                  amber if progress >= expected - 2 * tol; else red

Time is measured in days. The direction (higher or lower is better) is carried
by the sign of ``target - baseline``, so a descending indicator whose value
falls towards its target gets positive progress. An interim milestone is a
(date, value) point on the way; expected progress is interpolated linearly
between the last milestone on or before ``t`` and the next one (or the target).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Status = Literal["green", "amber", "red"]
Direction = Literal["up", "down"]

DEFAULT_TOLERANCE = Decimal("0.05")
ZERO = Decimal(0)
ONE = Decimal(1)


class FormulaError(ValueError):
    """The inputs do not describe a valid target."""


@dataclass(frozen=True)
class Point:
    """A (date, value) point: a baseline, a milestone, a target or a measurement."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class Evaluation:
    """The result of evaluating an indicator at a measurement."""

    progress: Decimal
    expected: Decimal
    status: Status
    computed_status: Status
    overridden: bool


def progress(*, baseline: Decimal, target: Decimal, current: Decimal) -> Decimal:
    """Share of the way from baseline to target (may be < 0 or > 1)."""
    if target == baseline:
        raise FormulaError("target equals baseline")
    return (current - baseline) / (target - baseline)


def _days(start: date, end: date) -> int:
    return (end - start).days


def expected_progress(
    *,
    baseline: Point,
    target: Point,
    on: date,
    milestones: Sequence[Point] = (),
) -> Decimal:
    """Expected share of the way at date ``on``, clamped to [0, 1].

    Without milestones this is the share of elapsed time. With milestones the
    target path runs through them: between two consecutive path points the
    expected value is interpolated linearly in days, then expressed as a share
    of the way from baseline to target.
    """
    if target.on <= baseline.on:
        raise FormulaError("target date must be after baseline date")
    if target.value == baseline.value:
        raise FormulaError("target equals baseline")
    if on <= baseline.on:
        return ZERO
    if on >= target.on:
        return ONE
    inner = sorted((m for m in milestones if baseline.on < m.on < target.on), key=lambda m: m.on)
    if not inner:
        return Decimal(_days(baseline.on, on)) / Decimal(_days(baseline.on, target.on))
    value = path_value(baseline=baseline, target=target, on=on, milestones=inner)
    return progress(baseline=baseline.value, target=target.value, current=value)


def target_path(*, baseline: Point, target: Point, milestones: Sequence[Point] = ()) -> list[Point]:
    """The points of the target path: baseline, milestones in order, target."""
    inner = sorted((m for m in milestones if baseline.on < m.on < target.on), key=lambda m: m.on)
    return [baseline, *inner, target]


def path_value(
    *, baseline: Point, target: Point, on: date, milestones: Sequence[Point] = ()
) -> Decimal:
    """The expected indicator value at ``on`` along the target path."""
    path = target_path(baseline=baseline, target=target, milestones=milestones)
    if on <= path[0].on:
        return path[0].value
    for left, right in itertools.pairwise(path):
        if left.on <= on <= right.on:
            span = _days(left.on, right.on)
            if span == 0:
                return right.value
            share = Decimal(_days(left.on, on)) / Decimal(span)
            return left.value + (right.value - left.value) * share
    return path[-1].value


def status_for(
    *, progress: Decimal, expected: Decimal, tolerance: Decimal = DEFAULT_TOLERANCE
) -> Status:
    """Green within one tolerance of expected, amber within two, else red."""
    if tolerance < 0:
        raise FormulaError("tolerance must not be negative")
    if progress >= expected - tolerance:
        return "green"
    if progress >= expected - 2 * tolerance:
        return "amber"
    return "red"


def target_value(
    *, baseline: Decimal, target_value: Decimal | None, target_change: Decimal | None
) -> Decimal:
    """The target level: given directly, or the baseline plus a change (e.g. +3 pp)."""
    if target_value is not None:
        return target_value
    if target_change is not None:
        return baseline + target_change
    raise FormulaError("either a target value or a target change is needed")


def check_direction(*, direction: Direction, baseline: Decimal, target: Decimal) -> None:
    """An ascending indicator's target lies above its baseline; descending below."""
    if direction == "up" and target <= baseline:
        raise FormulaError("an ascending indicator needs a target above the baseline")
    if direction == "down" and target >= baseline:
        raise FormulaError("a descending indicator needs a target below the baseline")


def check_override(*, status_override: str, comment: str) -> None:
    """A manual status override needs a comment."""
    if status_override and not comment.strip():
        raise FormulaError("a manual status override needs a comment")


def evaluate(
    *,
    baseline: Point,
    target: Point,
    current: Point,
    milestones: Sequence[Point] = (),
    tolerance: Decimal = DEFAULT_TOLERANCE,
    status_override: str = "",
    override_comment: str = "",
) -> Evaluation:
    """Progress, expected progress and status at the ``current`` measurement."""
    check_override(status_override=status_override, comment=override_comment)
    actual = progress(baseline=baseline.value, target=target.value, current=current.value)
    expected = expected_progress(
        baseline=baseline, target=target, on=current.on, milestones=milestones
    )
    computed = status_for(progress=actual, expected=expected, tolerance=tolerance)
    final: Status = computed
    if status_override in ("green", "amber", "red"):
        final = status_override  # type: ignore[assignment]
    return Evaluation(
        progress=actual,
        expected=expected,
        status=final,
        computed_status=computed,
        overridden=final != computed or bool(status_override),
    )
