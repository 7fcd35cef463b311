"""The figures of the council one-pager and the managers' views, read from the other apps.

Every function takes the municipality explicitly and runs a fixed number of
aggregate queries whatever the data size (performance.md: ≤ 15 queries for the
whole page). `unit_ids` narrows a figure to a part of the organisation (a
manager's unit and everything below it); None means the whole municipality.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from enkelt.goals.models import Indicator
from enkelt.goals.selectors import indicator_queryset, status_counts, with_status
from enkelt.outcomes.models import AssessmentScheme
from enkelt.outcomes.selectors import SUPPRESSION_THRESHOLD, outcome_aggregates
from enkelt.simplification.models import Case, ExemptionApplication, Outcome, Stage
from enkelt.simplification.selectors import Funnel, funnel
from enkelt.strategy.models import Initiative, ReviewItem, ReviewRound, StrategyPlan
from enkelt.submissions import pipeline
from enkelt.submissions.models import Submission
from enkelt.tenants.models import Municipality, Unit

ZERO = Decimal("0")
TOP_CATEGORIES = 5
RED_LIMIT = 10
ACTION_LIMIT = 10


@dataclass(frozen=True)
class Period:
    """Inclusive dates; the default is this year to date."""

    date_from: datetime.date
    date_to: datetime.date

    @classmethod
    def year_to_date(cls, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(datetime.date(today.year, 1, 1), today)


@dataclass(frozen=True)
class CategoryCount:
    """One of the most used categories of the period."""

    category_id: int
    code: str
    name_da: str
    name_en: str
    count: int

    @property
    def name(self) -> str:
        """In the active language; Danish when no English name is given."""
        from django.utils.translation import get_language

        english = (get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name_da


@dataclass(frozen=True)
class SubmissionFigures:
    received: int
    answered: int
    answered_on_time: int
    open: int
    overdue: int
    top_categories: list[CategoryCount]

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.answered_on_time / self.answered) if self.answered else None


@dataclass(frozen=True)
class PortfolioFigures:
    plan: StrategyPlan | None
    total: int
    status_counts: dict[str, int]
    rag_counts: dict[str, int]
    red: list[Initiative]


@dataclass(frozen=True)
class OutcomeFactor:
    label: str
    n: int
    share_improved: Decimal | None


@dataclass(frozen=True)
class OutcomeHeadline:
    """Courses with intake in the period and the share improved per factor (n ≥ 5 only)."""

    scheme: AssessmentScheme | None
    courses: int | None  # None: fewer than the threshold, not shown
    factors: list[OutcomeFactor] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    municipality: Municipality
    period: Period
    submissions: SubmissionFigures
    funnel: Funnel
    portfolio: PortfolioFigures
    goals: dict[str, int]
    outcomes: OutcomeHeadline
    unit_ids: frozenset[int] | None = None
    indicators: list[Indicator] = field(default_factory=list, repr=False)


def _day_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as [start, end) in local time, so that the created_at index can be used."""
    start = timezone.make_aware(datetime.datetime.combine(period.date_from, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(period.date_to + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def unit_subtree(*, municipality: Municipality, root: Unit) -> frozenset[int]:
    """The ids of `root` and every unit below it (one query)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.filter(municipality=municipality).values_list(
        "pk", "parent_id"
    ):
        children[parent_id].append(pk)
    found: set[int] = set()
    stack = [root.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return frozenset(found)


def submission_figures(
    *,
    municipality: Municipality,
    period: Period,
    unit_ids: frozenset[int] | None = None,
    today: datetime.date | None = None,
) -> SubmissionFigures:
    """Submissions received in the period; answered (and on time: answered no later than the
    due date, or with no due date) among them; open and overdue today, whenever they came
    in. One query."""
    today = today or timezone.localdate()
    start, end = _day_bounds(period)
    in_period = Q(created_at__gte=start, created_at__lt=end)
    is_open = Q(status__in=sorted(pipeline.OPEN_STATUSES))
    scope = Submission.objects.filter(municipality=municipality)
    if unit_ids is not None:
        scope = scope.filter(unit_id__in=unit_ids)
    answered = in_period & Q(answered_at__isnull=False)
    on_time = answered & (Q(due_at__isnull=True) | Q(answered_at__date__lte=F("due_at")))
    # One pass over the municipality's rows, grouped by category: the period's figures,
    # open/overdue as of today whenever they came in, and the top categories from the
    # same groups (two separate scans cost twice as much at a million submissions).
    rows = list(
        scope.filter(in_period | is_open)
        .order_by()
        .values("category_id", "category__code", "category__name_da", "category__name_en")
        .annotate(
            received=Count("id", filter=in_period),
            answered=Count("id", filter=answered),
            on_time=Count("id", filter=on_time),
            open=Count("id", filter=is_open),
            overdue=Count("id", filter=is_open & Q(due_at__lt=today)),
        )
    )
    top = sorted(
        (r for r in rows if r["received"]), key=lambda r: (-r["received"], r["category__name_da"])
    )[:TOP_CATEGORIES]
    return SubmissionFigures(
        received=sum(r["received"] for r in rows),
        answered=sum(r["answered"] for r in rows),
        answered_on_time=sum(r["on_time"] for r in rows),
        open=sum(r["open"] for r in rows),
        overdue=sum(r["overdue"] for r in rows),
        top_categories=[
            CategoryCount(
                r["category_id"],
                r["category__code"],
                r["category__name_da"],
                r["category__name_en"],
                r["received"],
            )
            for r in top
        ],
    )


def funnel_figures(
    *, municipality: Municipality, period: Period, unit_ids: frozenset[int] | None = None
) -> Funnel:
    """The simplification funnel of the period; for a subtree, by the rules' owner units."""
    return funnel(
        municipality=municipality,
        date_from=period.date_from,
        date_to=period.date_to,
        unit_ids=unit_ids,
    )


def portfolio_figures(
    *, municipality: Municipality, unit_ids: frozenset[int] | None = None
) -> PortfolioFigures:
    """Status and red/amber/green counts of the current plan's initiatives, and the red ones.

    The current plan is the one the portfolio page shows by default (latest start).
    Two queries: the plan with its counts, and the red initiatives.
    """
    mine = Q()
    if unit_ids is not None:
        mine = Q(areas__programmes__initiatives__owner_unit_id__in=unit_ids)
    field = "areas__programmes__initiatives"
    status = f"{field}__status"
    rag = f"{field}__rag"
    plan = (
        StrategyPlan.objects.filter(municipality=municipality)
        .annotate(
            n_total=Count(field, filter=mine),
            **{
                f"s_{v}": Count(field, filter=mine & Q(**{status: v}))
                for v in Initiative.Status.values
            },
            **{f"r_{v}": Count(field, filter=mine & Q(**{rag: v})) for v in Initiative.Rag.values},
        )
        .first()
    )
    if plan is None:
        return PortfolioFigures(None, 0, {}, {}, [])
    row: dict[str, int] = {
        name: getattr(plan, name)
        for name in (
            "n_total",
            *(f"s_{v}" for v in Initiative.Status.values),
            *(f"r_{v}" for v in Initiative.Rag.values),
        )
    }
    initiatives = Initiative.objects.filter(municipality=municipality, programme__area__plan=plan)
    if unit_ids is not None:
        initiatives = initiatives.filter(owner_unit_id__in=unit_ids)
    red = list(
        initiatives.filter(rag=Initiative.Rag.RED)
        .select_related("owner_unit")
        .order_by("title", "id")[:RED_LIMIT]
    )
    return PortfolioFigures(
        plan=plan,
        total=row["n_total"],
        status_counts={s: row[f"s_{s}"] for s in Initiative.Status.values},
        rag_counts={r: row[f"r_{r}"] for r in Initiative.Rag.values},
        red=red,
    )


def indicators_with_status(
    *, municipality: Municipality, unit_ids: frozenset[int] | None = None
) -> list[Indicator]:
    """Indicators with `.evaluation` (goals' formula); of a subtree by the agreement's unit."""
    indicators = indicator_queryset(municipality=municipality)
    if unit_ids is not None:
        indicators = indicators.filter(goal__agreement__unit_id__in=unit_ids)
    return with_status(indicators.order_by("title", "id"))


def outcome_headline(
    *,
    municipality: Municipality,
    period: Period,
    unit: Unit | None = None,
    today: datetime.date | None = None,
) -> OutcomeHeadline:
    """The first assessment scheme's aggregates; every group under the threshold is left out,
    whoever looks (the one-pager is read by politicians and printed)."""
    scheme = (
        AssessmentScheme.objects.filter(municipality=municipality)
        .prefetch_related("factors")
        .first()
    )
    if scheme is None:
        return OutcomeHeadline(None, None)
    aggregates = outcome_aggregates(
        municipality=municipality,
        scheme=scheme,
        unit=unit,
        period_from=period.date_from,
        period_to=period.date_to,
        open_unit_ids=frozenset(),
        today=today or timezone.localdate(),
    )
    scope = aggregates.scope
    courses = scope.courses if scope.courses >= SUPPRESSION_THRESHOLD else None
    factors = [
        OutcomeFactor(str(factor.label), cell.n, cell.share_improved)
        for factor, cell in scope.cell_list(aggregates.factors)
        if cell.n >= SUPPRESSION_THRESHOLD
    ]
    return OutcomeHeadline(scheme, courses, factors)


def overview(
    *,
    municipality: Municipality,
    period: Period,
    unit: Unit | None = None,
    today: datetime.date | None = None,
) -> Overview:
    """Everything on the one-pager, for the whole municipality or `unit` and below."""
    unit_ids = unit_subtree(municipality=municipality, root=unit) if unit is not None else None
    indicators = indicators_with_status(municipality=municipality, unit_ids=unit_ids)
    return Overview(
        municipality=municipality,
        period=period,
        submissions=submission_figures(
            municipality=municipality, period=period, unit_ids=unit_ids, today=today
        ),
        funnel=funnel_figures(municipality=municipality, period=period, unit_ids=unit_ids),
        portfolio=portfolio_figures(municipality=municipality, unit_ids=unit_ids),
        goals=status_counts(indicators),
        outcomes=outcome_headline(municipality=municipality, period=period, unit=unit, today=today),
        unit_ids=unit_ids,
        indicators=indicators,
    )


# ---------------------------------------------------------------------------
# What needs a manager's action
# ---------------------------------------------------------------------------

# Words in an indicator's free-text frequency (Danish or English) → days between measurements.
FREQUENCY_DAYS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"halvår|half[- ]?year|semi[- ]?annual|biannual", re.I), 183),
    (re.compile(r"kvartal|quarter", re.I), 92),
    (re.compile(r"måned|maaned|month", re.I), 31),
    (re.compile(r"uge|week", re.I), 7),
    (re.compile(r"dag|daily|day", re.I), 1),
    (re.compile(r"år|aar|year|annual", re.I), 366),
)


def frequency_days(frequency: str) -> int | None:
    """Days between two measurements as the frequency text says; None when it says nothing."""
    for pattern, days in FREQUENCY_DAYS:
        if pattern.search(frequency or ""):
            return days
    return None


def measurement_due(indicator: Indicator, today: datetime.date) -> bool:
    """Due when the interval of its frequency has passed since the latest measurement
    (or since the baseline, when nothing has been measured yet)."""
    days = frequency_days(indicator.frequency)
    if days is None:
        return False
    last = getattr(indicator, "latest_date", None) or indicator.baseline_date
    return last + datetime.timedelta(days=days) <= today


@dataclass(frozen=True)
class ActionList:
    overdue: list[Submission]
    overdue_count: int
    awaiting_decision: list[Case]
    review_items: list[ReviewItem]
    measurements_due: list[Indicator]


def needs_action(
    *,
    municipality: Municipality,
    unit_ids: frozenset[int] | None,
    user: Any,
    indicators: list[Indicator],
    overdue_count: int,
    today: datetime.date | None = None,
) -> ActionList:
    """Overdue submissions, cases awaiting a decision, review updates due in open rounds (of
    the subtree's initiatives or the user's own), measurements due. Three queries; the
    indicators come evaluated from the caller."""
    today = today or timezone.localdate()
    submissions = Submission.objects.filter(
        municipality=municipality, status__in=sorted(pipeline.OPEN_STATUSES), due_at__lt=today
    )
    cases = Case.objects.filter(municipality=municipality, stage=Stage.SELECTED)
    mine = Q(initiative__owner_id=user.pk)
    if unit_ids is not None:
        submissions = submissions.filter(unit_id__in=unit_ids)
        cases = cases.filter(rule__owner_unit_id__in=unit_ids)
        mine |= Q(initiative__owner_unit_id__in=unit_ids)
    else:
        mine = Q()
    overdue = list(
        submissions.select_related("category", "unit").order_by("due_at", "id")[:ACTION_LIMIT]
    )
    awaiting = list(cases.select_related("rule").order_by("selected_on", "id")[:ACTION_LIMIT])
    items = list(
        ReviewItem.objects.filter(
            mine,
            municipality=municipality,
            round__state=ReviewRound.State.OPEN,
            submitted_at__isnull=True,
        )
        .select_related("round", "initiative")
        .order_by("round__deadline", "initiative__title", "id")[:ACTION_LIMIT]
    )
    due = [i for i in indicators if measurement_due(i, today)]
    return ActionList(
        overdue=overdue,
        overdue_count=overdue_count,
        awaiting_decision=awaiting,
        review_items=items,
        measurements_due=due[:ACTION_LIMIT],
    )


# ---------------------------------------------------------------------------
# KL: exemption application outcomes across municipalities
# ---------------------------------------------------------------------------


def exemption_outcomes() -> dict[str, int]:
    """Applications sent to a ministry (with a submission date), counted by answer across
    all municipalities: what a municipality has not sent stays inside it. One query."""
    rows = (
        ExemptionApplication.objects.filter(submitted_on__isnull=False)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(ExemptionApplication.Status.values, 0)
    for status, n in rows:
        counts[status] = n
    return counts


def exemption_municipalities() -> int:
    """How many municipalities have sent at least one application."""
    return (
        ExemptionApplication.objects.filter(submitted_on__isnull=False)
        .values("municipality_id")
        .distinct()
        .count()
    )


# ---------------------------------------------------------------------------
# Open data
# ---------------------------------------------------------------------------


def funnel_by_year(*, municipality: Municipality) -> list[dict[str, Any]]:
    """The funnel per calendar year of flagging (counts and freed hours only). One query."""
    from django.db.models.functions import ExtractYear

    decided = Q(stage=Stage.DECIDED)
    rows = (
        Case.objects.filter(municipality=municipality)
        .annotate(year=ExtractYear("flagged_on"))
        .order_by()
        .values("year")
        .annotate(
            flagged=Count("id"),
            selected=Count("id", filter=Q(stage__in=[Stage.SELECTED, Stage.DECIDED])),
            **{o: Count("id", filter=decided & Q(outcome=o)) for o in Outcome.values},
            expected_freed_hours_per_year=Coalesce(
                Sum("expected_freed_hours_per_year", filter=decided), ZERO
            ),
            realised_freed_hours_per_year=Coalesce(
                Sum("realised_freed_hours_per_year", filter=decided), ZERO
            ),
        )
        .order_by("year")
    )
    return list(rows)
