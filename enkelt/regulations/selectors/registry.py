"""The registry list, one rule with everything its page shows, and burden roll-ups.

The list is sorted on the stored burden columns (indexed with the municipality),
so a page costs the same with 100 or 100,000 rules. Flags come from the
simplification app when it provides them (`flag_count_expression`); without it
the flag count is 0 and sorting by flags falls back to burden.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from enkelt.audit.models import AuditEvent
from enkelt.audit.selectors import audit_events_for
from enkelt.regulations import burden as scm
from enkelt.regulations.models import Activity, BurdenSnapshot, JobFamilyTariff, Rule
from enkelt.tenants.models import Municipality, Unit

# Sort key (as in the address) -> ORDER BY. Ties break on id so pages never overlap.
SORTS: dict[str, tuple[str, ...]] = {
    "-hours": ("-hours_per_year", "-id"),
    "hours": ("hours_per_year", "id"),
    "-cost": ("-cost_per_year", "-id"),
    "cost": ("cost_per_year", "id"),
    "-fte": ("-fte", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "origin": ("origin", "title", "id"),
    "unit": ("owner_unit__name", "title", "id"),
    "-flags": ("-flag_count", "-hours_per_year", "-id"),
}
DEFAULT_SORT = "-hours"


@dataclass(frozen=True)
class RegistryFilters:
    kind: str | None = None
    origin: str | None = None
    status: str | None = None
    unit: Unit | None = None
    q: str | None = None
    sort: str = DEFAULT_SORT


def _rule_fk_path(model: Any) -> str | None:
    """How `model` reaches a Rule: a direct foreign key, or one hop through another model."""
    for field in model._meta.get_fields():
        if field.many_to_one and field.related_model is Rule:
            return str(field.name)
    for field in model._meta.get_fields():
        if field.many_to_one and field.related_model is not None:
            for inner in field.related_model._meta.get_fields():
                if inner.many_to_one and inner.related_model is Rule:
                    return f"{field.name}__{inner.name}"
    return None


def flag_count_expression() -> Any:
    """Number of flags on each rule, as a subquery; 0 when no app provides flags.

    The simplification app may provide a model `Flag` that reaches a rule by a
    foreign key (directly or through its case). Looked up at call time, so this
    app does not import the other.
    """
    try:
        flag = apps.get_model("simplification", "Flag")
    except LookupError:
        return Value(0, output_field=IntegerField())
    path = getattr(flag, "RULE_PATH", None) or _rule_fk_path(flag)
    if path is None:
        return Value(0, output_field=IntegerField())
    counts = (
        flag._default_manager.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def rule_list(
    *, municipality: Municipality, filters: RegistryFilters | None = None
) -> QuerySet[Rule]:
    """Rules of the municipality, filtered and sorted; one query per page (plus the count)."""
    f = filters or RegistryFilters()
    rules = Rule.objects.filter(municipality=municipality).select_related("owner_unit")
    if f.kind:
        rules = rules.filter(kind=f.kind)
    if f.origin:
        rules = rules.filter(origin=f.origin)
    if f.status:
        rules = rules.filter(status=f.status)
    if f.unit is not None:
        applies = Rule.applies_to.through.objects.filter(unit=f.unit).values("rule_id")
        rules = rules.filter(Q(owner_unit=f.unit) | Q(pk__in=applies))
    if f.q:
        q = f.q.strip()
        rules = rules.filter(
            Q(title__icontains=q) | Q(legal_reference__icontains=q) | Q(text__icontains=q)
        )
    rules = rules.annotate(flag_count=flag_count_expression())
    return rules.order_by(*SORTS.get(f.sort, SORTS[DEFAULT_SORT]))


def rule_get(*, municipality: Municipality, public_id: str | uuid.UUID) -> Rule | None:
    """One rule with its activities (and their tariffs) and units; None if not this
    municipality's or a malformed id."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        Rule.objects.filter(municipality=municipality, public_id=key)
        .select_related("municipality", "owner_unit", "owner")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("job_family").order_by("sort_order", "id"),
            ),
            "applies_to",
            Prefetch("snapshots", queryset=BurdenSnapshot.objects.select_related("taken_by")),
        )
        .annotate(flag_count=flag_count_expression())
        .first()
    )


def rule_history(*, rule: Rule, limit: int = 100) -> list[AuditEvent]:
    return list(audit_events_for(obj=rule)[:limit])


def rule_reduction(*, rule: Rule) -> Decimal | None:
    """Reduction in hours from the first baseline snapshot to the rule's current burden."""
    baseline = (
        BurdenSnapshot.objects.filter(rule=rule, kind=BurdenSnapshot.Kind.BASELINE)
        .order_by("taken_at", "id")
        .first()
    )
    if baseline is None:
        return None
    return scm.reduction(
        scm.Burden(baseline.hours_per_year, baseline.cost_per_year, baseline.fte),
        scm.Burden(rule.hours_per_year, rule.cost_per_year, rule.fte),
    )


@dataclass(frozen=True)
class RollupRow:
    key: str
    label: str
    rules: int
    hours_per_year: Decimal
    cost_per_year: Decimal
    fte: Decimal


ROLLUP_FIELDS = {"unit": "owner_unit", "origin": "origin", "kind": "kind"}


def _current(municipality: Municipality) -> QuerySet[Rule]:
    """Rules that still weigh: abolished ones no longer cost anything."""
    return Rule.objects.filter(municipality=municipality).exclude(status=Rule.Status.ABOLISHED)


def burden_rollup(*, municipality: Municipality, by: str) -> list[RollupRow]:
    """Burden summed by unit (owner unit), origin or kind, largest first; one query."""
    field = ROLLUP_FIELDS[by]
    rows = (
        _current(municipality)
        .order_by()
        .values(field)
        .annotate(
            rules=Count("pk"),
            hours=Sum("hours_per_year"),
            cost=Sum("cost_per_year"),
            fte_sum=Sum("fte"),
        )
        .order_by("-hours", field)
    )
    labels: dict[Any, str]
    if by == "unit":
        labels = dict(Unit.objects.filter(municipality=municipality).values_list("pk", "name"))
    else:
        labels = {k: str(v) for k, v in (Rule.Kind if by == "kind" else Rule.Origin).choices}
    return [
        RollupRow(
            key=str(row[field] or ""),
            label=labels.get(row[field], "") if row[field] else "",
            rules=row["rules"],
            hours_per_year=row["hours"] or Decimal(0),
            cost_per_year=row["cost"] or Decimal(0),
            fte=row["fte_sum"] or Decimal(0),
        )
        for row in rows
    ]


def municipality_burden(*, municipality: Municipality) -> RollupRow:
    totals = _current(municipality).aggregate(
        rules=Count("pk"),
        hours=Coalesce(Sum("hours_per_year"), Decimal(0)),
        cost=Coalesce(Sum("cost_per_year"), Decimal(0)),
        fte_sum=Coalesce(Sum("fte"), Decimal(0)),
    )
    return RollupRow(
        key=municipality.slug,
        label=municipality.name,
        rules=totals["rules"],
        hours_per_year=totals["hours"],
        cost_per_year=totals["cost"],
        fte=totals["fte_sum"],
    )


def tariff_list(*, municipality: Municipality) -> QuerySet[JobFamilyTariff]:
    return JobFamilyTariff.objects.filter(municipality=municipality).annotate(
        tariff_value=F("hourly_wage") * (1 + F("overhead_share"))
    )
