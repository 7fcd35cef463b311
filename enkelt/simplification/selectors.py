"""Reads of simplification cases; each takes the municipality explicitly.

The list pages and the funnel run a constant number of queries whatever the
data size: relations are joined or prefetched, and the funnel is one aggregate.
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Lower, NullIf, Trim

from enkelt.audit.models import AuditEvent
from enkelt.regulations.models import Rule
from enkelt.regulations.models.registry import STATE_ORIGINS
from enkelt.simplification.models import (
    Campaign,
    Case,
    ExemptionApplication,
    Flag,
    Outcome,
    Stage,
)
from enkelt.submissions.models import Submission
from enkelt.tenants.models import Municipality, Unit

ZERO = Decimal("0")


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class CaseFilters:
    stage: str | None = None
    outcome: str | None = None
    unit: Unit | None = None
    campaign: Campaign | None = None
    q: str | None = None


def case_list(*, municipality: Municipality, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Cases newest flag first, with rule, unit, campaign and the number of flags."""
    f = filters or CaseFilters()
    cases = Case.objects.filter(municipality=municipality)
    if f.stage:
        cases = cases.filter(stage=f.stage)
    if f.outcome:
        cases = cases.filter(outcome=f.outcome)
    if f.unit is not None:
        cases = cases.filter(rule__owner_unit=f.unit)
    if f.campaign is not None:
        cases = cases.filter(campaign=f.campaign)
    if f.q:
        cases = cases.filter(rule__title__icontains=f.q.strip())
    return (
        cases.select_related("rule", "rule__owner_unit", "campaign")
        .annotate(flag_count=Count("flags"))
        .order_by("-flagged_on", "-id")
    )


def case_get(*, municipality: Municipality, public_id: Any) -> Case | None:
    key = _uuid(public_id)
    if key is None:
        return None
    return (
        Case.objects.filter(municipality=municipality, public_id=key)
        .select_related(
            "municipality",
            "rule",
            "rule__municipality",
            "rule__owner_unit",
            "campaign",
            "decided_by",
            "selected_by",
        )
        .first()
    )


@dataclass
class CaseDetail:
    flags: list[Flag]
    applications: list[ExemptionApplication]
    scenario_lines: list[Any]
    audit: list[AuditEvent] = field(default_factory=list)


def case_detail(*, case: Case) -> CaseDetail:
    flags = list(
        Flag.objects.filter(municipality_id=case.municipality_id, case=case).select_related(
            "submission", "flagged_by"
        )
    )
    applications = list(
        ExemptionApplication.objects.filter(municipality_id=case.municipality_id, case=case)
    )
    scenario = getattr(case, "scenario", None) if hasattr(case, "scenario") else None
    lines = list(scenario.activities.all()) if scenario is not None else []
    audit = list(
        AuditEvent.objects.filter(
            municipality_id=case.municipality_id,
            content_type__app_label="simplification",
            content_type__model="case",
            object_id=str(case.pk),
        ).order_by("-created_at")[:50]
    )
    return CaseDetail(flags=flags, applications=applications, scenario_lines=lines, audit=audit)


def case_for_rule(*, municipality: Municipality, rule: Rule) -> Case | None:
    return (
        Case.objects.filter(municipality=municipality, rule=rule)
        .annotate(flag_count=Count("flags"))
        .first()
    )


def flags_of_submission(*, municipality: Municipality, submission: Submission) -> QuerySet[Flag]:
    return Flag.objects.filter(municipality=municipality, submission=submission).select_related(
        "case", "case__rule"
    )


def rules_matching(*, municipality: Municipality, q: str, limit: int = 20) -> list[Rule]:
    """Rules whose title contains `q`, for linking a submission (shortest titles first)."""
    text = (q or "").strip()
    if not text:
        return []
    return list(
        Rule.objects.filter(municipality=municipality, title__icontains=text).order_by(
            "title", "id"
        )[:limit]
    )


def rule_get_for_link(*, municipality: Municipality, public_id: Any) -> Rule | None:
    key = _uuid(public_id)
    if key is None:
        return None
    return Rule.objects.filter(municipality=municipality, public_id=key).first()


# ---------------------------------------------------------------------------
# Funnel
# ---------------------------------------------------------------------------

FUNNEL_STEPS = (
    "flagged",
    "selected",
    *Outcome.values,
)


@dataclass(frozen=True)
class Funnel:
    flagged: int
    selected: int
    abolished: int
    streamlined: int
    kept: int
    escalated: int
    not_handled: int
    awaiting_decision: int
    expected_freed_hours_per_year: Decimal
    realised_freed_hours_per_year: Decimal

    @property
    def freed_hours_per_year(self) -> Decimal:
        """What the contract calls freed hours: realised where recorded (follow-up)."""
        return self.realised_freed_hours_per_year

    def steps(self) -> list[tuple[str, int]]:
        return [(name, getattr(self, name)) for name in FUNNEL_STEPS]


def funnel(
    *,
    municipality: Municipality,
    date_from: date | None = None,
    date_to: date | None = None,
    unit: Unit | None = None,
    unit_ids: Collection[int] | None = None,
) -> Funnel:
    """Cases flagged in the period (by the owner unit of the rule): one aggregate query.

    `unit` keeps one owner unit's rules; `unit_ids` the rules owned by any of them
    (a leader's subtree on the dashboards).
    """
    cases = Case.objects.filter(municipality=municipality)
    if date_from:
        cases = cases.filter(flagged_on__gte=date_from)
    if date_to:
        cases = cases.filter(flagged_on__lte=date_to)
    if unit is not None:
        cases = cases.filter(rule__owner_unit=unit)
    if unit_ids is not None:
        cases = cases.filter(rule__owner_unit_id__in=unit_ids)
    decided = Q(stage=Stage.DECIDED)
    counts = {
        f"n_{outcome}": Count("id", filter=decided & Q(outcome=outcome))
        for outcome in Outcome.values
    }
    row = cases.aggregate(
        n_flagged=Count("id"),
        n_selected=Count("id", filter=Q(stage__in=[Stage.SELECTED, Stage.DECIDED])),
        n_awaiting=Count("id", filter=Q(stage=Stage.SELECTED)),
        expected=Coalesce(Sum("expected_freed_hours_per_year", filter=decided), ZERO),
        realised=Coalesce(Sum("realised_freed_hours_per_year", filter=decided), ZERO),
        **counts,
    )
    return Funnel(
        flagged=row["n_flagged"],
        selected=row["n_selected"],
        abolished=row["n_abolished"],
        streamlined=row["n_streamlined"],
        kept=row["n_kept"],
        escalated=row["n_escalated"],
        not_handled=row["n_not_handled"],
        awaiting_decision=row["n_awaiting"],
        expected_freed_hours_per_year=Decimal(row["expected"]),
        realised_freed_hours_per_year=Decimal(row["realised"]),
    )


# ---------------------------------------------------------------------------
# Public decisions, campaigns, exemption applications
# ---------------------------------------------------------------------------


def decision_list(*, municipality: Municipality, outcome: str | None = None) -> QuerySet[Case]:
    """Decided cases, newest decision first: what was decided and why (public)."""
    cases = Case.objects.filter(municipality=municipality, stage=Stage.DECIDED)
    if outcome:
        cases = cases.filter(outcome=outcome)
    return cases.select_related("rule", "rule__owner_unit").order_by("-decided_on", "-id")


def campaign_list(*, municipality: Municipality) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(municipality=municipality)
        .select_related("champion")
        .annotate(case_count=Count("cases"))
        .order_by("-opens_on", "-id")
    )


def campaign_get(*, municipality: Municipality, public_id: Any) -> Campaign | None:
    key = _uuid(public_id)
    if key is None:
        return None
    return Campaign.objects.filter(municipality=municipality, public_id=key).first()


def exemption_list(
    *, municipality: Municipality, status: str | None = None
) -> QuerySet[ExemptionApplication]:
    applications = ExemptionApplication.objects.filter(municipality=municipality)
    if status:
        applications = applications.filter(status=status)
    return applications.select_related("rule", "case").order_by("-created_at", "-id")


def exemption_get(*, municipality: Municipality, public_id: Any) -> ExemptionApplication | None:
    key = _uuid(public_id)
    if key is None:
        return None
    return (
        exemption_list(municipality=municipality)
        .select_related("case__rule", "rule__owner_unit")
        .filter(public_id=key)
        .first()
    )


def submissions_of_cases(cases: list[Case]) -> dict[int, list[uuid.UUID]]:
    """Case pk → public ids of its linked submissions, in one query."""
    result: dict[int, list[uuid.UUID]] = {case.pk: [] for case in cases}
    rows = (
        Flag.objects.filter(case__in=[c.pk for c in cases], submission__isnull=False)
        .order_by("case_id", "id")
        .values_list("case_id", "submission__public_id")
    )
    for case_id, public_id in rows:
        result[case_id].append(public_id)
    return result


def with_submission_ids(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Prefetch the flags that carry a submission (for the API's `submissions[]`)."""
    return cases.prefetch_related(
        Prefetch(
            "flags",
            queryset=Flag.objects.filter(submission__isnull=False)
            .select_related("submission")
            .only("id", "case_id", "submission__public_id"),
            to_attr="submission_flags",
        )
    )


# ---------------------------------------------------------------------------
# KL: the national list
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalRow:
    key: str
    title: str
    legal_reference: str
    municipalities: int
    escalated: int
    decided: int
    hours_per_year: Decimal
    cost_per_year: Decimal


def national_list(*, min_municipalities: int = 2, limit: int = 200) -> list[NationalRow]:
    """State-origin rules that municipalities have escalated or decided, grouped as one case.

    The same state rule is recognised by its legal reference (or, without one, its
    title), case and surrounding spaces ignored. Only escalated cases and published
    decisions count: what is merely flagged stays inside the municipality. One
    grouped query.
    """
    label = Coalesce(NullIf("rule__legal_reference", Value("")), "rule__title")
    key = Lower(Trim(label))
    rows = (
        Case.objects.filter(rule__origin__in=sorted(STATE_ORIGINS), stage=Stage.DECIDED)
        .annotate(key=key)
        .values("key")
        .annotate(
            municipalities=Count("municipality", distinct=True),
            escalated=Count("id", filter=Q(outcome=Outcome.ESCALATED)),
            decided=Count("id"),
            hours=Coalesce(Sum("rule__hours_per_year"), ZERO),
            cost=Coalesce(Sum("rule__cost_per_year"), ZERO),
            title=Max(label),
        )
        .filter(municipalities__gte=min_municipalities)
        .order_by("-municipalities", "-hours", "key")[:limit]
    )
    return [
        NationalRow(
            key=row["key"],
            title=row["title"],
            legal_reference=row["title"],
            municipalities=row["municipalities"],
            escalated=row["escalated"],
            decided=row["decided"],
            hours_per_year=Decimal(row["hours"]),
            cost_per_year=Decimal(row["cost"]),
        )
        for row in rows
    ]
