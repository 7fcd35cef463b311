"""Reads of municipalities and units; each takes the municipality explicitly."""

from django.db.models import QuerySet

from enkelt.tenants.models import Municipality, Unit


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.all()


def unit_list(*, municipality: Municipality, public_only: bool = False) -> QuerySet[Unit]:
    units = Unit.objects.filter(municipality=municipality).select_related("parent")
    if public_only:
        units = units.filter(is_public=True)
    return units


def unit_tree(*, municipality: Municipality, public_only: bool = False) -> list[dict]:
    """Units as nested dicts `{"unit": Unit, "children": [...]}`, in one query."""
    units = list(unit_list(municipality=municipality, public_only=public_only))
    children: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)

    def build(parent_id: int | None) -> list[dict]:
        return [{"unit": u, "children": build(u.pk)} for u in children.get(parent_id, [])]

    return build(None)
