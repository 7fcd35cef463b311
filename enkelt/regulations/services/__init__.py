"""Writes on the rule registry. Each service is atomic and records an audit event on the rule.

Callers load objects scoped to the municipality first; the services check again
that every object passed in belongs to `municipality` (`RegulationError
(WRONG_MUNICIPALITY)` otherwise). The denormalised burden columns on `Rule` are
written here and nowhere else: every change of activities or tariffs recomputes
them from `burden.py`.
"""

from enkelt.regulations.services.ledger import offset_entry_record
from enkelt.regulations.services.registry import (
    ActivityData,
    activity_add,
    activity_delete,
    activity_set,
    activity_update,
    burden_snapshot_take,
    job_family_tariff_create,
    rule_create,
    rule_refresh_burden,
    rule_update,
)

__all__ = [
    "ActivityData",
    "activity_add",
    "activity_delete",
    "activity_set",
    "activity_update",
    "burden_snapshot_take",
    "job_family_tariff_create",
    "offset_entry_record",
    "rule_create",
    "rule_refresh_burden",
    "rule_update",
]
