"""Reads of the rule registry; each takes the municipality explicitly."""

from enkelt.regulations.selectors.analysis import (
    OBLIGATION_WORDS,
    Candidate,
    LedgerBalance,
    candidate_list,
    count_obligation_words,
    offset_balances,
    offset_entries,
    priority_list,
)
from enkelt.regulations.selectors.registry import (
    SORTS,
    RegistryFilters,
    RollupRow,
    burden_rollup,
    flag_count_expression,
    municipality_burden,
    rule_get,
    rule_history,
    rule_list,
    rule_reduction,
    tariff_list,
)

__all__ = [
    "OBLIGATION_WORDS",
    "SORTS",
    "Candidate",
    "LedgerBalance",
    "RegistryFilters",
    "RollupRow",
    "burden_rollup",
    "candidate_list",
    "count_obligation_words",
    "flag_count_expression",
    "municipality_burden",
    "offset_balances",
    "offset_entries",
    "priority_list",
    "rule_get",
    "rule_history",
    "rule_list",
    "rule_reduction",
    "tariff_list",
]
