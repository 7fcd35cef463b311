"""Read-only queries of the strategy app. Every query is scoped by municipality."""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from enkelt.strategy.models import (
    Agreement,
    DevelopmentArea,
    Initiative,
    Programme,
    ReviewItem,
    ReviewRound,
    StrategyPlan,
)
from enkelt.tenants.models import Municipality


@dataclass(frozen=True)
class PortfolioFilters:
    unit_id: int | None = None
    status: str = ""


@dataclass
class Portfolio:
    plan: StrategyPlan | None
    areas: list[DevelopmentArea] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    rag_counts: dict[str, int] = field(default_factory=dict)


def plan_list(*, municipality: Municipality) -> QuerySet[StrategyPlan]:
    return StrategyPlan.objects.filter(municipality=municipality)


def plan_current(*, municipality: Municipality) -> StrategyPlan | None:
    """The plan with the latest start (the one the portfolio overview shows by default)."""
    return plan_list(municipality=municipality).first()


def plan_get(*, municipality: Municipality, public_id: Any) -> StrategyPlan | None:
    try:
        UUID(str(public_id))
    except ValueError:
        return None
    return plan_list(municipality=municipality).filter(public_id=public_id).first()


def area_get(*, plan: StrategyPlan, pk: int) -> DevelopmentArea | None:
    """A development area of the plan (the plan is already scoped to the municipality)."""
    return DevelopmentArea.objects.filter(plan=plan, pk=pk).select_related("plan").first()


def programme_get(*, plan: StrategyPlan, pk: int) -> Programme | None:
    return Programme.objects.filter(area__plan=plan, pk=pk).select_related("area__plan").first()


def initiative_list(
    *, municipality: Municipality, filters: PortfolioFilters | None = None
) -> QuerySet[Initiative]:
    filters = filters or PortfolioFilters()
    qs = Initiative.objects.filter(municipality=municipality).select_related(
        "owner_unit", "owner", "programme__area"
    )
    if filters.unit_id:
        qs = qs.filter(owner_unit_id=filters.unit_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("programme__area__order", "programme__order", "programme_id", "title")


def initiative_get(*, municipality: Municipality, public_id: Any) -> Initiative | None:
    try:
        UUID(str(public_id))
    except ValueError:
        return None
    return (
        initiative_list(municipality=municipality)
        .select_related("programme__area__plan")
        .filter(public_id=public_id)
        .first()
    )


def portfolio_overview(
    *, municipality: Municipality, plan: StrategyPlan | None, filters: PortfolioFilters
) -> Portfolio:
    """The whole plan: areas → programmes → (filtered) initiatives, in a constant number of
    queries (plan, areas, programmes, initiatives with owner and unit, counts)."""
    if plan is None:
        return Portfolio(plan=None)
    initiatives = initiative_list(municipality=municipality, filters=filters).filter(
        programme__area__plan=plan
    )
    areas = list(
        DevelopmentArea.objects.filter(plan=plan).prefetch_related(
            Prefetch(
                "programmes",
                queryset=Programme.objects.order_by("order", "title").prefetch_related(
                    Prefetch("initiatives", queryset=initiatives, to_attr="shown_initiatives")
                ),
            )
        )
    )
    flat = [
        i
        for a in areas
        for p in a.programmes.all()
        for i in p.shown_initiatives  # type: ignore[attr-defined]
    ]
    counts = initiative_list(municipality=municipality, filters=filters).filter(
        programme__area__plan=plan
    )
    status_counts = dict(
        counts.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    rag_counts: dict[str, int] = {}
    for initiative in flat:
        rag_counts[initiative.rag] = rag_counts.get(initiative.rag, 0) + 1
    return Portfolio(
        plan=plan,
        areas=areas,
        initiatives=flat,
        status_counts=status_counts,
        rag_counts=rag_counts,
    )


def round_list(*, municipality: Municipality) -> QuerySet[ReviewRound]:
    return (
        ReviewRound.objects.filter(municipality=municipality)
        .select_related("plan")
        .annotate(
            n_items=Count("items", distinct=True),
            n_updated=Count("items", filter=Q(items__submitted_at__isnull=False), distinct=True),
            n_decided=Count("items", filter=~Q(items__decision=""), distinct=True),
        )
    )


def round_get(*, municipality: Municipality, public_id: Any) -> ReviewRound | None:
    try:
        UUID(str(public_id))
    except ValueError:
        return None
    return round_list(municipality=municipality).filter(public_id=public_id).first()


def round_items(*, review_round: ReviewRound) -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.filter(round=review_round, municipality_id=review_round.municipality_id)
        .select_related(
            "initiative__owner",
            "initiative__owner_unit",
            "initiative__programme__area",
            "updated_by",
            "decided_by",
        )
        .order_by(
            "initiative__programme__area__order",
            "initiative__programme__order",
            "initiative__title",
        )
    )


def review_item_get(
    *, municipality: Municipality, review_round: ReviewRound, public_id: Any
) -> ReviewItem | None:
    try:
        UUID(str(public_id))
    except ValueError:
        return None
    return (
        round_items(review_round=review_round)
        .filter(municipality=municipality, public_id=public_id)
        .first()
    )


def initiative_history(*, initiative: Initiative) -> QuerySet[ReviewItem]:
    """The initiative's items across rounds, newest round first."""
    return (
        ReviewItem.objects.filter(initiative=initiative, municipality_id=initiative.municipality_id)
        .select_related("round", "updated_by", "decided_by")
        .order_by("-round__deadline", "-id")
    )


def agreement_list(*, municipality: Municipality) -> QuerySet[Agreement]:
    return Agreement.objects.filter(municipality=municipality).select_related("unit", "parent")
