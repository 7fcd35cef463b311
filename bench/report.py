"""Result rows, the printed table and the JSON document (pure, unit-tested)."""

from dataclasses import dataclass, field
from typing import Any

from bench.endpoints import Budget, Endpoint, ratio
from bench.stats import LoadResult


@dataclass
class Row:
    """One endpoint's line in the table and in `results` of the JSON."""

    name: str
    path: str
    budget: str
    p50_ms: float | None
    p95_ms: float | None
    rps: float | None
    ratio_to_floor: float | None
    queries_small: int | None
    queries_full: int | None
    meets_budget: bool
    misses: list[str] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    non_2xx: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def evaluate(
    endpoint: Endpoint,
    path: str,
    load: LoadResult,
    *,
    floor_rps: float | None,
    queries_small: int | None,
    queries_full: int | None = None,
) -> Row:
    """A Row for `endpoint`, with its budget checked against the measurement."""
    budget: Budget = endpoint.budget
    row_ratio = ratio(load.rps, floor_rps)
    misses = budget.misses(
        p95_ms=load.p95_ms,
        ratio_to_floor=row_ratio,
        queries=[queries_small, queries_full],
        failed_requests=load.failed,
    )
    return Row(
        name=endpoint.name,
        path=path,
        budget=budget.description,
        p50_ms=load.p50_ms,
        p95_ms=load.p95_ms,
        rps=load.rps,
        ratio_to_floor=row_ratio,
        queries_small=queries_small,
        queries_full=queries_full,
        meets_budget=not misses,
        misses=misses,
        requests=load.requests,
        errors=load.errors,
        non_2xx=load.non_2xx,
    )


def _fmt(value: float | int | None, spec: str = "") -> str:
    return "-" if value is None else format(value, spec)


def format_table(rows: list[Row], memory: dict[str, Any]) -> str:
    headers = ["endpoint", "p50 ms", "p95 ms", "req/s", "x floor", "queries s/f", "budget"]
    lines = [
        [
            row.name,
            _fmt(row.p50_ms, ".1f"),
            _fmt(row.p95_ms, ".1f"),
            _fmt(row.rps, ".0f"),
            _fmt(row.ratio_to_floor, ".2f"),
            f"{_fmt(row.queries_small)}/{_fmt(row.queries_full)}",
            "met" if row.meets_budget else "MISSED: " + "; ".join(row.misses),
        ]
        for row in rows
    ]
    peak = memory.get("worker_peak_rss_mb")
    lines.append(
        [
            "worker peak RSS",
            "",
            "",
            "",
            "",
            "",
            ("met" if memory.get("meets_budget") else "MISSED: " + "; ".join(memory["misses"]))
            + f" ({_fmt(peak, '.0f')} MB of {memory['budget_mb']:.0f})",
        ]
    )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    right = {1, 2, 3, 4, 5}

    def render(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    out = [render(headers), render(["-" * w for w in widths])]
    out.extend(render(line) for line in lines)
    return "\n".join(out)
