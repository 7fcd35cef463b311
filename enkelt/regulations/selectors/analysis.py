"""Where to look first: the candidate finder, prioritisation (burden times flags), offset ledger.

The candidate finder is deliberately cheap: for rules that have no measured
activities yet, it counts obligation words in the rule text ("skal", "må
ikke", "kræves", "forpligtet" and their inflections), so that the rules with
the most duties are measured first.
"""

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from enkelt.regulations.models import Activity, OffsetEntry, Rule
from enkelt.regulations.selectors.registry import flag_count_expression
from enkelt.tenants.models import Municipality, Unit

# Word -> pattern (whole words, case-insensitive; "forpligtet/forpligtede/forpligtelse").
OBLIGATION_WORDS: dict[str, re.Pattern[str]] = {
    "skal": re.compile(r"\bskal\b", re.IGNORECASE),
    "må ikke": re.compile(r"\bmå\s+ikke\b", re.IGNORECASE),
    "kræves": re.compile(r"\bkræve[sr]?\b", re.IGNORECASE),
    "forpligtet": re.compile(r"\bforpligte(?:t|de|lse|lser)?\b", re.IGNORECASE),
}


def count_obligation_words(text: str) -> Counter[str]:
    return Counter({word: len(p.findall(text or "")) for word, p in OBLIGATION_WORDS.items()})


@dataclass(frozen=True)
class Candidate:
    rule: Rule
    total: int
    words: dict[str, int]


def candidate_list(*, municipality: Municipality, limit: int = 50) -> list[Candidate]:
    """Unmeasured, not abolished rules ranked by how many obligation words their text has."""
    has_activity = Activity.objects.filter(rule=OuterRef("pk"))
    rules = (
        Rule.objects.filter(municipality=municipality)
        .exclude(status=Rule.Status.ABOLISHED)
        .exclude(Exists(has_activity))
        .exclude(text="")
        .select_related("owner_unit")
        .only("pk", "public_id", "title", "text", "kind", "origin", "owner_unit__name")
    )
    found = []
    for rule in rules.iterator(chunk_size=2000):
        counts = count_obligation_words(rule.text)
        total = sum(counts.values())
        if total:
            found.append(Candidate(rule=rule, total=total, words=dict(counts)))
    found.sort(key=lambda c: (-c.total, c.rule.title))
    return found[:limit]


def priority_list(*, municipality: Municipality, limit: int = 50) -> QuerySet[Rule]:
    """Rules ranked by burden times flags (hours per year times the number of flags)."""
    return (
        Rule.objects.filter(municipality=municipality)
        .exclude(status=Rule.Status.ABOLISHED)
        .select_related("owner_unit")
        .annotate(flag_count=flag_count_expression())
        .annotate(priority=F("hours_per_year") * F("flag_count"))
        .filter(flag_count__gt=0)
        .order_by("-priority", "-hours_per_year", "id")[:limit]
    )


@dataclass(frozen=True)
class LedgerBalance:
    unit: Unit
    year: int
    added: Decimal
    removed: Decimal

    @property
    def balance(self) -> Decimal:
        """Positive: the unit has added more hours than it removed ("one in" not offset)."""
        return self.added - self.removed

    @property
    def in_balance(self) -> bool:
        return self.balance <= 0


def offset_entries(*, municipality: Municipality, unit: Unit, year: int) -> QuerySet[OffsetEntry]:
    return OffsetEntry.objects.filter(
        municipality=municipality, unit=unit, year=year
    ).select_related("rule", "created_by")


def offset_balances(*, municipality: Municipality, year: int) -> list[LedgerBalance]:
    """Per unit with entries in `year`: hours added, removed, and the balance. Two queries."""
    zero = Decimal(0)
    rows = (
        OffsetEntry.objects.filter(municipality=municipality, year=year)
        .order_by()
        .values("unit")
        .annotate(
            added=Coalesce(Sum("hours_per_year", filter=_kind(OffsetEntry.Kind.ADDITION)), zero),
            removed=Coalesce(Sum("hours_per_year", filter=_kind(OffsetEntry.Kind.REMOVAL)), zero),
        )
    )
    units = Unit.objects.in_bulk([r["unit"] for r in rows])
    result = [
        LedgerBalance(unit=units[r["unit"]], year=year, added=r["added"], removed=r["removed"])
        for r in rows
    ]
    result.sort(key=lambda b: b.unit.name)
    return result


def _kind(kind: str) -> Q:
    return Q(kind=kind)
