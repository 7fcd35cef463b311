"""Pure outcome arithmetic: change per factor, goal met, follow-up due dates and compliance.

No database here: callers pass plain values, so the rules can be tested by hand
and by property. Intake is compared with the *latest* later assessment (a
follow-up, or the discharge when that is the latest).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"


class Trend(StrEnum):
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    WORSENED = "worsened"


@dataclass(frozen=True)
class FactorChange:
    intake: int
    latest: int
    goal: int | None
    change: int  # latest - intake, in scale units (signed, not direction-adjusted)
    trend: Trend
    goal_met: bool | None  # None: no goal was set at intake


def trend_of(change: int, direction: str) -> Trend:
    if change == 0:
        return Trend.UNCHANGED
    better = change < 0 if direction == LOWER_IS_BETTER else change > 0
    return Trend.IMPROVED if better else Trend.WORSENED


def goal_met(latest: int, goal: int | None, direction: str) -> bool | None:
    """Met when the latest value is at the goal or on its better side."""
    if goal is None:
        return None
    return latest <= goal if direction == LOWER_IS_BETTER else latest >= goal


def factor_change(*, intake: int, latest: int, goal: int | None, direction: str) -> FactorChange:
    change = latest - intake
    return FactorChange(
        intake=intake,
        latest=latest,
        goal=goal,
        change=change,
        trend=trend_of(change, direction),
        goal_met=goal_met(latest, goal, direction),
    )


# ---------------------------------------------------------------------------
# Follow-up rhythm
# ---------------------------------------------------------------------------


class DueStatus(StrEnum):
    UPCOMING = "upcoming"  # the window has not opened yet
    DUE = "due"  # inside the window (due date ± tolerance)
    OVERDUE = "overdue"  # the window has closed without a follow-up


def next_due(*, last_assessed: date, interval_days: int) -> date:
    """The next follow-up is due one interval after the latest assessment."""
    return last_assessed + timedelta(days=interval_days)


def due_status(*, due: date, tolerance_days: int, today: date) -> DueStatus:
    if today < due - timedelta(days=tolerance_days):
        return DueStatus.UPCOMING
    if today <= due + timedelta(days=tolerance_days):
        return DueStatus.DUE
    return DueStatus.OVERDUE


class Compliance(StrEnum):
    MET = "met"  # a follow-up inside intake + interval ± tolerance
    MISSED = "missed"  # the window closed (or the course ended after it opened) without one
    PENDING = "pending"  # the window is still open, or has not opened
    NOT_APPLICABLE = "not_applicable"  # the course ended before the window opened


def first_follow_up_compliance(
    *,
    intake: date,
    follow_ups: list[date],
    interval_days: int,
    tolerance_days: int,
    today: date,
    ended_on: date | None = None,
) -> Compliance:
    """Was the first follow-up made within intake + interval ± tolerance?"""
    due = intake + timedelta(days=interval_days)
    opens = due - timedelta(days=tolerance_days)
    closes = due + timedelta(days=tolerance_days)
    if any(opens <= d <= closes for d in follow_ups):
        return Compliance.MET
    if ended_on is not None and ended_on < opens:
        return Compliance.NOT_APPLICABLE
    if today > closes or (ended_on is not None and ended_on <= closes):
        return Compliance.MISSED
    return Compliance.PENDING
