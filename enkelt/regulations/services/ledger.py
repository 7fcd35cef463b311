"""Writes on the offset ledger ("one in, one out" per unit and year)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.regulations.errors import RegulationError, RegulationErrorCode
from enkelt.regulations.models import OffsetEntry, Rule
from enkelt.tenants.models import Municipality, Unit


@transaction.atomic
def offset_entry_record(
    *,
    actor: Any,
    municipality: Municipality,
    unit: Unit,
    year: int,
    kind: str,
    hours_per_year: Decimal,
    rule: Rule | None = None,
    note: str = "",
) -> OffsetEntry:
    """Add hours (a new requirement) or subtract them (a removed one) for `unit` in `year`."""
    for obj in (unit, rule):
        if obj is not None and obj.municipality_id != municipality.pk:
            raise RegulationError(RegulationErrorCode.WRONG_MUNICIPALITY)
    if hours_per_year < 0:
        raise ValidationError({"hours_per_year": _("Hours cannot be negative.")})
    entry = OffsetEntry(
        municipality=municipality,
        unit=unit,
        year=year,
        kind=kind,
        rule=rule,
        hours_per_year=Decimal(hours_per_year).quantize(Decimal("0.01")),
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=entry,
        verb="offset.recorded",
        after={
            "unit": unit.pk,
            "year": year,
            "kind": kind,
            "hours_per_year": entry.hours_per_year,
            "rule": rule.pk if rule else None,
            "note": note,
        },
    )
    return entry
