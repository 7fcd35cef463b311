"""Plans, development areas, programmes and initiatives."""

from datetime import date
from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.strategy.models import DevelopmentArea, Initiative, Programme, StrategyPlan
from enkelt.strategy.services.common import check_same_municipality, plain
from enkelt.tenants.models import Municipality, Unit

INITIATIVE_FIELDS = (
    "title", "description", "owner_unit", "owner", "start", "end", "status", "rag", "rag_comment",
)  # fmt: skip


def _initiative_state(initiative: Initiative) -> dict[str, Any]:
    return {name: plain(getattr(initiative, name)) for name in INITIATIVE_FIELDS}


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    period_start: date,
    period_end: date | None = None,
    adopted_by: str = "",
    adopted_on: date | None = None,
) -> StrategyPlan:
    plan = StrategyPlan(
        municipality=municipality,
        title=title,
        period_start=period_start,
        period_end=period_end,
        adopted_by=adopted_by,
        adopted_on=adopted_on,
    )
    plan.full_clean()
    plan.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=plan,
        verb="strategy.plan_created",
        after={"title": title, "period_start": period_start, "period_end": period_end},
    )
    return plan


@transaction.atomic
def area_create(
    *,
    actor: Any,
    municipality: Municipality,
    plan: StrategyPlan,
    title: str,
    description: str = "",
    order: int = 0,
) -> DevelopmentArea:
    check_same_municipality(municipality, plan)
    area = DevelopmentArea(plan=plan, title=title, description=description, order=order)
    area.full_clean()
    area.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=area,
        verb="strategy.area_created",
        after={"plan": plan.pk, "title": title},
    )
    return area


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    municipality: Municipality,
    area: DevelopmentArea,
    title: str,
    description: str = "",
    order: int = 0,
) -> Programme:
    check_same_municipality(municipality, area.plan)
    programme = Programme(area=area, title=title, description=description, order=order)
    programme.full_clean()
    programme.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=programme,
        verb="strategy.programme_created",
        after={"area": area.pk, "title": title},
    )
    return programme


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    municipality: Municipality,
    programme: Programme,
    title: str,
    description: str = "",
    owner_unit: Unit | None = None,
    owner: Any = None,
    start: date | None = None,
    end: date | None = None,
    status: str = Initiative.Status.PLANNED,
    rag: str = Initiative.Rag.NOT_SET,
    rag_comment: str = "",
) -> Initiative:
    check_same_municipality(municipality, programme.area.plan, owner_unit, owner)
    initiative = Initiative(
        municipality=municipality,
        programme=programme,
        title=title,
        description=description,
        owner_unit=owner_unit,
        owner=owner,
        start=start,
        end=end,
        status=status,
        rag=rag,
        rag_comment=rag_comment,
    )
    initiative.full_clean()
    initiative.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=initiative,
        verb="strategy.initiative_created",
        after=_initiative_state(initiative),
    )
    return initiative


@transaction.atomic
def initiative_update(
    *, actor: Any, municipality: Municipality, initiative: Initiative, **changes: Any
) -> Initiative:
    """Change any of INITIATIVE_FIELDS; the audit trail records before and after."""
    check_same_municipality(municipality, initiative)
    unknown = set(changes) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"initiative_update got unexpected fields: {sorted(unknown)}")
    check_same_municipality(municipality, changes.get("owner_unit"), changes.get("owner"))
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = _initiative_state(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    after = _initiative_state(locked)
    if before != after:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=locked,
            verb="strategy.initiative_updated",
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return locked
