"""Plans, development areas, programmes and initiatives."""

from datetime import date
from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.strategy.errors import StrategyError, StrategyErrorCode
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


PLAN_FIELDS = ("title", "period_start", "period_end", "adopted_by", "adopted_on")
AREA_FIELDS = ("title", "description", "order")
PROGRAMME_FIELDS = ("area", "title", "description", "order")


def _apply_changes(
    *,
    actor: Any,
    municipality: Municipality,
    obj: Any,
    fields: tuple[str, ...],
    changes: dict[str, Any],
    verb: str,
) -> None:
    """Set `changes` (only names in `fields`) on the locked `obj`, validate, save, and audit
    what changed; nothing is recorded when nothing changed."""
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"{verb} got unexpected fields: {sorted(unknown)}")
    before = {name: plain(getattr(obj, name)) for name in fields}
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    after = {name: plain(getattr(obj, name)) for name in fields}
    if before != after:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=obj,
            verb=verb,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )


@transaction.atomic
def plan_update(
    *, actor: Any, municipality: Municipality, plan: StrategyPlan, **changes: Any
) -> StrategyPlan:
    """Change any of PLAN_FIELDS (title, period, adopted by and on)."""
    check_same_municipality(municipality, plan)
    locked = StrategyPlan.objects.select_for_update().get(pk=plan.pk)
    _apply_changes(
        actor=actor, municipality=municipality, obj=locked, fields=PLAN_FIELDS,
        changes=changes, verb="strategy.plan_updated",
    )  # fmt: skip
    return locked


@transaction.atomic
def area_update(
    *, actor: Any, municipality: Municipality, area: DevelopmentArea, **changes: Any
) -> DevelopmentArea:
    """Change any of AREA_FIELDS; an area stays in its plan."""
    check_same_municipality(municipality, area.plan)
    locked = DevelopmentArea.objects.select_for_update().select_related("plan").get(pk=area.pk)
    _apply_changes(
        actor=actor, municipality=municipality, obj=locked, fields=AREA_FIELDS,
        changes=changes, verb="strategy.area_updated",
    )  # fmt: skip
    return locked


@transaction.atomic
def programme_update(
    *, actor: Any, municipality: Municipality, programme: Programme, **changes: Any
) -> Programme:
    """Change any of PROGRAMME_FIELDS; a new area must belong to the same plan."""
    check_same_municipality(municipality, programme.area.plan)
    new_area = changes.get("area")
    if new_area is not None and new_area.plan_id != programme.area.plan_id:
        raise StrategyError(StrategyErrorCode.WRONG_PLAN)
    locked = Programme.objects.select_for_update().select_related("area").get(pk=programme.pk)
    _apply_changes(
        actor=actor, municipality=municipality, obj=locked, fields=PROGRAMME_FIELDS,
        changes=changes, verb="strategy.programme_updated",
    )  # fmt: skip
    return locked
