"""Models of the rule registry: rules, activities, tariffs, snapshots and the offset ledger."""

from enkelt.regulations.models.imports import RuleImport
from enkelt.regulations.models.ledger import OffsetEntry
from enkelt.regulations.models.registry import (
    Activity,
    BurdenSnapshot,
    JobFamilyTariff,
    Rule,
)

__all__ = ["Activity", "BurdenSnapshot", "JobFamilyTariff", "OffsetEntry", "Rule", "RuleImport"]
