"""Writes on municipalities, units and memberships; each records an audit event."""

from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.tenants.models import Membership, Municipality, Unit


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    municipality: Municipality,
    name: str,
    slug: str,
    kind: str,
    parent: Unit | None = None,
    is_public: bool = True,
    description: str = "",
) -> Unit:
    unit = Unit(
        municipality=municipality,
        name=name,
        slug=slug,
        kind=kind,
        parent=parent,
        is_public=is_public,
        description=description,
    )
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=unit,
        verb="unit.created",
        after={"name": name, "kind": kind, "parent": parent.pk if parent else None},
    )
    return unit


@transaction.atomic
def membership_set(
    *, actor: Any, municipality: Municipality, user: Any, unit: Unit | None, role: str
) -> Membership:
    """Give `user` one place in `municipality`; replaces any earlier place."""
    existing = Membership.objects.filter(user=user).first()
    before = (
        {"municipality": existing.municipality_id, "unit": existing.unit_id, "role": existing.role}
        if existing
        else None
    )
    membership = existing or Membership(user=user)
    membership.municipality = municipality
    membership.unit = unit
    membership.role = role
    membership.full_clean(exclude=["user"])
    membership.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=membership,
        verb="membership.set",
        before=before,
        after={"municipality": municipality.pk, "unit": unit.pk if unit else None, "role": role},
    )
    return membership
