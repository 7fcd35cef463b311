"""Reads of outcome documentation; each takes the municipality explicitly.

The course list, the due list and the aggregates run a constant number of
queries whatever the number of courses: scores are read as flat rows and the
arithmetic (`change`) runs in Python.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from enkelt.outcomes import change
from enkelt.outcomes.models import Assessment, AssessmentScheme, Course, Factor, Kind, Score
from enkelt.tenants.models import Municipality, Unit

SUPPRESSION_THRESHOLD = 5  # cells with fewer courses than this are not shown to outsiders


def scheme_list(*, municipality: Municipality) -> QuerySet[AssessmentScheme]:
    return AssessmentScheme.objects.filter(municipality=municipality)


def course_list(
    *, municipality: Municipality, units: Iterable[Unit] | None = None
) -> QuerySet[Course]:
    """Courses (of `units`, when given) with their assessments, newest start first."""
    courses = Course.objects.filter(municipality=municipality)
    if units is not None:
        courses = courses.filter(unit__in=list(units))
    return courses.select_related("unit", "scheme").prefetch_related(
        Prefetch("assessments", queryset=Assessment.objects.order_by("date", "id"))
    )


def course_get(*, municipality: Municipality, pseudonym: str) -> Course | None:
    return (
        Course.objects.filter(municipality=municipality, pseudonym=pseudonym)
        .select_related("unit", "scheme", "municipality")
        .first()
    )


# ---------------------------------------------------------------------------
# One course
# ---------------------------------------------------------------------------


@dataclass
class FactorRow:
    factor: Factor
    intake: int | None
    latest: int | None
    goal: int | None
    result: change.FactorChange | None


@dataclass
class CourseDetail:
    assessments: list[Assessment]
    factors: list[Factor]
    rows: list[FactorRow]
    latest: Assessment | None
    due: date | None
    due_status: change.DueStatus | None


def _latest_after_intake(
    assessments: list[Assessment],
) -> tuple[Assessment | None, Assessment | None]:
    intake = next((a for a in assessments if a.kind == Kind.INTAKE), None)
    later = [a for a in assessments if a.kind != Kind.INTAKE]
    return intake, (later[-1] if later else None)


def course_detail(*, course: Course, today: date) -> CourseDetail:
    scheme = course.scheme
    factors = list(scheme.factors.all())
    assessments = list(
        Assessment.objects.filter(municipality_id=course.municipality_id, course=course)
        .select_related("assessed_by")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("factor")))
        .order_by("date", "id")
    )
    intake, latest = _latest_after_intake(assessments)
    by_factor_intake = {s.factor_id: s for s in intake.scores.all()} if intake else {}
    by_factor_latest = {s.factor_id: s for s in latest.scores.all()} if latest else {}
    rows = []
    for factor in factors:
        first = by_factor_intake.get(factor.pk)
        last = by_factor_latest.get(factor.pk)
        result = None
        if first is not None and last is not None:
            result = change.factor_change(
                intake=first.value, latest=last.value, goal=first.goal, direction=scheme.direction
            )
        rows.append(
            FactorRow(
                factor=factor,
                intake=first.value if first else None,
                latest=last.value if last else None,
                goal=first.goal if first else None,
                result=result,
            )
        )
    due, status = _due(course, assessments, today)
    return CourseDetail(
        assessments=assessments,
        factors=factors,
        rows=rows,
        latest=latest,
        due=due,
        due_status=status,
    )


def _due(
    course: Course, assessments: list[Assessment], today: date
) -> tuple[date | None, change.DueStatus | None]:
    """The next follow-up of an open course that has had its intake."""
    if course.ended_on is not None or not any(a.kind == Kind.INTAKE for a in assessments):
        return None, None
    if any(a.kind == Kind.DISCHARGE for a in assessments):
        return None, None
    last = max(a.date for a in assessments)
    due = change.next_due(last_assessed=last, interval_days=course.scheme.follow_up_interval_days)
    status = change.due_status(
        due=due, tolerance_days=course.scheme.follow_up_tolerance_days, today=today
    )
    return due, status


@dataclass
class DueItem:
    course: Course
    due: date
    status: change.DueStatus
    last_assessed: date


def due_list(*, courses: Iterable[Course], today: date) -> list[DueItem]:
    """Open courses whose follow-up window has opened, most overdue first.

    `courses` come from `course_list` (assessments prefetched), so this adds no query.
    """
    items = []
    for course in courses:
        assessments = list(course.assessments.all())
        due, status = _due(course, assessments, today)
        if due is None or status is None or status == change.DueStatus.UPCOMING:
            continue
        items.append(
            DueItem(
                course=course,
                due=due,
                status=status,
                last_assessed=max(a.date for a in assessments),
            )
        )
    return sorted(items, key=lambda item: (item.due, item.course.pseudonym))


# ---------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Cell:
    """One aggregate cell: the courses of a group of units on one factor (or all factors)."""

    n: int = 0
    improved: int = 0
    unchanged: int = 0
    worsened: int = 0
    change_sum: int = 0
    goals_set: int = 0
    goals_met: int = 0
    suppressed: bool = False

    def add(self, result: change.FactorChange) -> None:
        self.n += 1
        self.change_sum += result.change
        if result.trend == change.Trend.IMPROVED:
            self.improved += 1
        elif result.trend == change.Trend.WORSENED:
            self.worsened += 1
        else:
            self.unchanged += 1
        if result.goal_met is not None:
            self.goals_set += 1
            self.goals_met += int(result.goal_met)

    @property
    def share_improved(self) -> Decimal | None:
        return _share(self.improved, self.n)

    @property
    def share_unchanged(self) -> Decimal | None:
        return _share(self.unchanged, self.n)

    @property
    def share_worsened(self) -> Decimal | None:
        return _share(self.worsened, self.n)

    @property
    def mean_change(self) -> Decimal | None:
        if not self.n:
            return None
        return (Decimal(self.change_sum) / self.n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def share_goals_met(self) -> Decimal | None:
        return _share(self.goals_met, self.goals_set)


@dataclass
class ComplianceCell:
    """First follow-ups due (window closed or met) and how many came in time."""

    n: int = 0
    met: int = 0
    suppressed: bool = False

    @property
    def share(self) -> Decimal | None:
        return _share(self.met, self.n)


@dataclass
class UnitAggregate:
    """A unit including its sub-units: one cell per factor, and follow-up compliance."""

    unit: Unit | None  # None: the whole municipality
    unit_ids: frozenset[int]
    cells: dict[int, Cell] = field(default_factory=dict)  # factor pk → cell
    courses: int = 0
    compliance: ComplianceCell = field(default_factory=ComplianceCell)
    suppressed: bool = False  # the course count itself

    def cell_list(self, factors: list[Factor]) -> list[tuple[Factor, Cell]]:
        return [(f, self.cells.get(f.pk, Cell())) for f in factors]


@dataclass
class Aggregates:
    scheme: AssessmentScheme
    factors: list[Factor]
    scope: UnitAggregate
    children: list[UnitAggregate]


def _descendants(units: list[Unit], root_id: int | None) -> dict[int | None, frozenset[int]]:
    """For the root and each of its direct children: the ids of the unit and every sub-unit."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit.pk)

    def subtree(unit_id: int) -> set[int]:
        found = {unit_id}
        for child in children.get(unit_id, []):
            found |= subtree(child)
        return found

    result: dict[int | None, frozenset[int]] = {}
    if root_id is None:
        result[None] = frozenset(u.pk for u in units)
        tops = children.get(None, [])
    else:
        result[root_id] = frozenset(subtree(root_id))
        tops = children.get(root_id, [])
    for top in tops:
        result[top] = frozenset(subtree(top))
    return result


def outcome_aggregates(
    *,
    municipality: Municipality,
    scheme: AssessmentScheme,
    unit: Unit | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    open_unit_ids: frozenset[int] | None = None,
    today: date,
) -> Aggregates:
    """Aggregates for `unit` (with sub-units; None = the whole municipality) and its children.

    Courses count in the period when their intake falls in it. Each course is
    compared intake vs latest later assessment, per factor. Every cell (and each
    unit's course count) with n < SUPPRESSION_THRESHOLD is marked `suppressed`
    unless all its units are in `open_unit_ids` (the units whose individual
    courses the viewer may see; None = all, e.g. an administrator).
    Five queries whatever the data size.
    """
    units = list(Unit.objects.filter(municipality=municipality).only("pk", "parent_id", "name"))
    by_id = {u.pk: u for u in units}
    groups = _descendants(units, unit.pk if unit else None)
    root_key = unit.pk if unit else None
    scope_ids = groups[root_key]
    factors = list(scheme.factors.all())

    intakes = Assessment.objects.filter(
        municipality=municipality, course__scheme=scheme, course__unit_id__in=scope_ids,
        kind=Kind.INTAKE,
    )  # fmt: skip
    if period_from:
        intakes = intakes.filter(date__gte=period_from)
    if period_to:
        intakes = intakes.filter(date__lte=period_to)
    course_rows = list(
        intakes.values_list("course_id", "course__unit_id", "date", "course__ended_on")
    )
    course_ids = [row[0] for row in course_rows]
    assessment_rows = list(
        Assessment.objects.filter(municipality=municipality, course_id__in=course_ids)
        .values_list("pk", "course_id", "kind", "date")
        .order_by("course_id", "date", "id")
    )
    score_rows = list(
        Score.objects.filter(
            assessment__municipality=municipality, assessment__course_id__in=course_ids
        ).values_list("assessment_id", "factor_id", "value", "goal")
    )

    scores: dict[int, dict[int, tuple[int, int | None]]] = defaultdict(dict)
    for assessment_id, factor_id, value, goal in score_rows:
        scores[assessment_id][factor_id] = (value, goal)
    per_course: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
    for pk, course_id, kind, when in assessment_rows:
        per_course[course_id].append((pk, kind, when))

    aggregates = {
        key: UnitAggregate(unit=by_id.get(key) if key else unit, unit_ids=ids)
        for key, ids in groups.items()
    }
    if unit is None:
        aggregates[None].unit = None
    for course_id, unit_id, intake_date, ended_on in course_rows:
        rows = per_course.get(course_id, [])
        intake = next((r for r in rows if r[1] == Kind.INTAKE), None)
        later = [r for r in rows if r[1] != Kind.INTAKE]
        targets = [a for a in aggregates.values() if unit_id in a.unit_ids]
        status = change.first_follow_up_compliance(
            intake=intake_date,
            follow_ups=[r[2] for r in later],
            interval_days=scheme.follow_up_interval_days,
            tolerance_days=scheme.follow_up_tolerance_days,
            today=today,
            ended_on=ended_on,
        )
        for target in targets:
            target.courses += 1
            if status in (change.Compliance.MET, change.Compliance.MISSED):
                target.compliance.n += 1
                target.compliance.met += int(status == change.Compliance.MET)
        if intake is None or not later:
            continue
        first, last = scores.get(intake[0], {}), scores.get(later[-1][0], {})
        for factor in factors:
            if factor.pk not in first or factor.pk not in last:
                continue
            result = change.factor_change(
                intake=first[factor.pk][0],
                latest=last[factor.pk][0],
                goal=first[factor.pk][1],
                direction=scheme.direction,
            )
            for target in targets:
                target.cells.setdefault(factor.pk, Cell()).add(result)

    for aggregate in aggregates.values():
        _suppress(aggregate, open_unit_ids)
    scope = aggregates.pop(root_key)
    if open_unit_ids is not None and not scope.unit_ids <= open_unit_ids:
        _suppress_complements(scope, list(aggregates.values()), [f.pk for f in factors])
    children = sorted(aggregates.values(), key=lambda a: a.unit.name if a.unit is not None else "")
    return Aggregates(scheme=scheme, factors=factors, scope=scope, children=children)


def _suppress(aggregate: UnitAggregate, open_unit_ids: frozenset[int] | None) -> None:
    """Mark every small cell, unless the viewer may see each course behind it anyway."""
    if open_unit_ids is None or aggregate.unit_ids <= open_unit_ids:
        return
    aggregate.suppressed = 0 < aggregate.courses < SUPPRESSION_THRESHOLD
    for cell in aggregate.cells.values():
        cell.suppressed = 0 < cell.n < SUPPRESSION_THRESHOLD
    aggregate.compliance.suppressed = 0 < aggregate.compliance.n < SUPPRESSION_THRESHOLD


def _hide_until_safe(scope_n: int, scope_hidden: bool, parts: list[Any]) -> None:
    """Secondary suppression: the scope minus the shown parts must not be a small group.

    Otherwise a hidden small cell could be recovered by subtraction. The smallest
    shown parts are hidden as well until what is hidden adds up to 0 or ≥ 5.
    """
    if scope_hidden:
        return
    shown = sorted((p for p in parts if p.n and not p.suppressed), key=lambda p: p.n)
    hidden_n = scope_n - sum(p.n for p in shown)
    while 0 < hidden_n < SUPPRESSION_THRESHOLD and shown:
        part = shown.pop(0)
        part.suppressed = True
        hidden_n += part.n


@dataclass
class _CountPart:
    aggregate: UnitAggregate

    @property
    def n(self) -> int:
        return self.aggregate.courses

    @property
    def suppressed(self) -> bool:
        return self.aggregate.suppressed

    @suppressed.setter
    def suppressed(self, value: bool) -> None:
        self.aggregate.suppressed = value


def _suppress_complements(
    scope: UnitAggregate, children: list[UnitAggregate], factor_ids: list[int]
) -> None:
    _hide_until_safe(scope.courses, scope.suppressed, [_CountPart(c) for c in children])
    _hide_until_safe(
        scope.compliance.n, scope.compliance.suppressed, [c.compliance for c in children]
    )
    for factor_id in factor_ids:
        total = scope.cells.get(factor_id, Cell())
        parts = [c.cells.setdefault(factor_id, Cell()) for c in children]
        _hide_until_safe(total.n, total.suppressed, parts)
