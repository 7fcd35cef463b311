"""Read-side queries of the goals app. Lists run a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from enkelt.goals import progress as formula
from enkelt.goals.models import FreedHoursAllocation, Goal, Indicator, Measurement, Milestone
from enkelt.strategy.models import Agreement, DialogueMeeting, Initiative
from enkelt.tenants.models import Municipality


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's latest value and what the formula makes of it."""

    latest_date: date | None
    latest_value: Decimal | None
    target: Decimal
    progress: Decimal | None
    expected: Decimal | None
    status: str  # green, amber, red or "" (no measurement yet)
    computed_status: str
    overridden: bool

    @property
    def progress_percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)

    @property
    def expected_percent(self) -> int | None:
        return None if self.expected is None else round(self.expected * 100)


def indicator_target(indicator: Indicator) -> Decimal:
    return formula.target_value(
        baseline=indicator.baseline_value,
        target_value=indicator.target_value,
        target_change=indicator.target_change,
    )


def evaluate(
    indicator: Indicator,
    *,
    latest: tuple[date, Decimal] | None,
    milestones: list[Milestone],
) -> IndicatorStatus:
    target = indicator_target(indicator)
    if latest is None:
        status = indicator.status_override
        return IndicatorStatus(None, None, target, None, None, status, "", bool(status))
    result = formula.evaluate(
        baseline=formula.Point(indicator.baseline_date, indicator.baseline_value),
        target=formula.Point(indicator.target_date, target),
        current=formula.Point(*latest),
        milestones=[formula.Point(m.date, m.value) for m in milestones],
        tolerance=indicator.tolerance,
        status_override=indicator.status_override,
        override_comment=indicator.override_comment or "-",
    )
    return IndicatorStatus(
        latest[0],
        latest[1],
        target,
        result.progress,
        result.expected,
        result.status,
        result.computed_status,
        result.overridden,
    )


def _latest(field: str) -> Subquery:
    return Subquery(
        Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date").values(field)[:1]
    )


def indicator_queryset(*, municipality: Municipality) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(municipality=municipality)
        .select_related("goal__agreement")
        .annotate(latest_date=_latest("date"), latest_value=_latest("value"))
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("date")))
    )


def with_status(indicators: Any) -> list[Indicator]:
    """Attach `.evaluation` to each indicator from `indicator_queryset` (no extra queries)."""
    result = []
    for indicator in indicators:
        latest = (
            (indicator.latest_date, indicator.latest_value)
            if getattr(indicator, "latest_date", None) is not None
            else None
        )
        indicator.evaluation = evaluate(  # type: ignore[attr-defined]
            indicator, latest=latest, milestones=list(indicator.milestones.all())
        )
        result.append(indicator)
    return result


def indicator_list(
    *,
    municipality: Municipality,
    status: str = "",
    agreement: Agreement | None = None,
    q: str = "",
) -> list[Indicator]:
    """Indicators with their evaluation, filtered; three queries whatever the count."""
    queryset = indicator_queryset(municipality=municipality)
    if agreement is not None:
        queryset = queryset.filter(goal__agreement=agreement)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(definition__icontains=q))
    indicators = with_status(queryset)
    if status == "none":
        return [i for i in indicators if not i.evaluation.status]  # type: ignore[attr-defined]
    if status:
        return [i for i in indicators if i.evaluation.status == status]  # type: ignore[attr-defined]
    return indicators


def indicator_get(*, municipality: Municipality, public_id: Any) -> Indicator | None:
    indicator = (
        indicator_queryset(municipality=municipality)
        .select_related("owner", "goal__agreement", "goal__owner")
        .filter(public_id=public_id)
        .first()
    )
    if indicator is not None:
        with_status([indicator])
    return indicator


def measurements_of(indicator: Indicator) -> list[Measurement]:
    return list(indicator.measurements.select_related("entered_by").order_by("date"))


def status_counts(indicators: list[Indicator]) -> dict[str, int]:
    counts = {"green": 0, "amber": 0, "red": 0, "none": 0}
    for indicator in indicators:
        counts[indicator.evaluation.status or "none"] += 1  # type: ignore[attr-defined]
    return counts


# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------


def agreement_tree(*, municipality: Municipality) -> list[tuple[Agreement, int]]:
    """Agreements in tree order (director → chief → leader) with their depth."""
    agreements = list(
        Agreement.objects.filter(municipality=municipality)
        .select_related("unit")
        .order_by("period_start", "title")
    )
    children: dict[int | None, list[Agreement]] = {}
    ids = {a.pk for a in agreements}
    for agreement in agreements:
        parent = agreement.parent_id if agreement.parent_id in ids else None
        children.setdefault(parent, []).append(agreement)
    order = {"director": 0, "chief": 1, "leader": 2}
    result: list[tuple[Agreement, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in sorted(children.get(parent, []), key=lambda a: (order[a.level], a.title)):
            result.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return result


def agreement_get(*, municipality: Municipality, public_id: Any) -> Agreement | None:
    return (
        Agreement.objects.filter(municipality=municipality, public_id=public_id)
        .select_related("unit", "parent")
        .prefetch_related(
            "parties",
            "children",
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related(
                    "initiative", "programme", "area", "parent_goal", "owner"
                ).annotate(
                    freed_hours=Coalesce(Sum("freed_hours_allocations__hours_per_year"), Decimal(0))
                ),
            ),
            Prefetch("goals__indicators", queryset=Indicator.objects.order_by("title", "id")),
            Prefetch(
                "meetings",
                queryset=DialogueMeeting.objects.prefetch_related("assessments__goal").order_by(
                    "held_on"
                ),
            ),
        )
        .first()
    )


def coverage(*, municipality: Municipality) -> tuple[int, int]:
    """(covered, active): active initiatives with at least one leader-level goal linked to
    them, directly or through a chain of parent goals (the golden thread)."""
    leader = Q(agreement__level="leader")
    direct = Goal.objects.filter(leader, initiative=OuterRef("pk"))
    via_one = Goal.objects.filter(leader, parent_goal__initiative=OuterRef("pk"))
    via_two = Goal.objects.filter(leader, parent_goal__parent_goal__initiative=OuterRef("pk"))
    active = Initiative.objects.filter(municipality=municipality, status="active")
    counted = active.annotate(
        covered=Exists(direct) | Exists(via_one) | Exists(via_two)
    ).values_list("covered", flat=True)
    flags = list(counted)
    return sum(1 for f in flags if f), len(flags)


def coverage_percent(*, municipality: Municipality) -> int | None:
    covered, active = coverage(municipality=municipality)
    return round(100 * covered / active) if active else None


def freed_hours_for_initiative(*, initiative: Initiative) -> list[FreedHoursAllocation]:
    return list(
        FreedHoursAllocation.objects.filter(initiative=initiative).select_related("case__rule")
    )


def freed_hours_for_goal(*, goal: Goal) -> list[FreedHoursAllocation]:
    return list(FreedHoursAllocation.objects.filter(goal=goal).select_related("case__rule"))
