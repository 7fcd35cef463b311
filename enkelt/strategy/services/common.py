"""Helpers shared by the strategy services."""

from typing import Any

from enkelt.strategy.errors import StrategyError, StrategyErrorCode
from enkelt.tenants.models import Membership, Municipality


def check_same_municipality(municipality: Municipality, *objects: Any) -> None:
    """Refuse objects (units, plans, users) that belong to another municipality."""
    for obj in objects:
        if obj is None:
            continue
        owner = getattr(obj, "municipality_id", None)
        if owner is None and hasattr(obj, "plan"):
            owner = obj.plan.municipality_id
        if owner is None and hasattr(obj, "area"):
            owner = obj.area.plan.municipality_id
        if owner is None and hasattr(obj, "get_username"):
            owner = (
                Membership.objects.filter(user=obj)
                .values_list("municipality_id", flat=True)
                .first()
            )
        if owner != municipality.pk:
            raise StrategyError(StrategyErrorCode.WRONG_MUNICIPALITY)


def plain(value: Any) -> Any:
    """A value as the audit trail stores it: related objects by primary key."""
    if hasattr(value, "pk"):
        return value.pk
    return value
