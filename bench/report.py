"""Result rows, the printed table and the JSON document (pure, unit-tested)."""

from dataclasses import dataclass, field
from typing import Any

from bench.endpoints import Budget, Endpoint, ratio
from bench.stats import LoadResult, percentile


@dataclass
class Row:
    """One endpoint's line in the table and in `results` of the JSON."""

    name: str
    path: str
    budget: str
    p50_ms: float | None = None
    p95_ms: float | None = None
    rps: float | None = None
    ratio_to_floor: float | None = None
    queries_small: int | None = None
    queries_full: int | None = None
    meets_budget: bool = False
    misses: list[str] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    non_2xx: int = 0
    # Dashboards: server time (Server-Timing) of requests sent one at a time.
    server_p50_ms: float | None = None
    server_p95_ms: float | None = None
    # One timed operation: the large export's GET read to the end, or the rule import.
    download_s: float | None = None
    download_bytes: int | None = None
    download_lines: int | None = None  # a CSV's rows plus its header line
    # Why the endpoint was not measured (its URL does not resolve yet), else "".
    skipped: str = ""
    # A pyinstrument profile saved next to the results when the budget is missed.
    profile: str = ""

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
    server_ms: list[float] | None = None,
    download: tuple[int, float, int, int] | None = None,
) -> Row:
    """A Row for `endpoint`, with its budget checked against the measurement.

    `server_ms`: server times (Server-Timing) of sequential requests; `download`:
    (status, seconds, bytes, lines) of one timed GET (download endpoints have no load).
    """
    budget: Budget = endpoint.budget
    row_ratio = ratio(load.rps, floor_rps)
    server_p50 = percentile(server_ms, 50) if server_ms else None
    server_p95 = percentile(server_ms, 95) if server_ms else None
    # Where only the server time is judged, requests that timed out under 32 clients are
    # reported (p50/p95, errors) but are not a miss; a wrong status always is.
    failed = load.failed if budget.judges_load else load.non_2xx
    if download is not None and not 200 <= download[0] < 300:
        failed += 1
    completed = download is not None or load.requests or not budget.judges_load
    misses = [] if completed else ["no request completed in time"]
    misses += budget.misses(
        p95_ms=load.p95_ms,
        ratio_to_floor=row_ratio,
        queries=[queries_small, queries_full],
        failed_requests=failed,
        server_p95_ms=server_p95,
        download_s=download[1] if download else None,
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
        server_p50_ms=server_p50,
        server_p95_ms=server_p95,
        download_s=download[1] if download else None,
        download_bytes=download[2] if download else None,
        download_lines=download[3] if download else None,
    )


def skipped_row(endpoint: Endpoint, path: str, reason: str) -> Row:
    """An endpoint that could not be measured in this run, with the reason."""
    return Row(
        name=endpoint.name,
        path=path,
        budget=endpoint.budget.description,
        misses=[f"not measured: {reason}"],
        skipped=reason,
    )


def _fmt(value: float | int | None, spec: str = "") -> str:
    return "-" if value is None else format(value, spec)


def format_table(rows: list[Row], memory: dict[str, Any]) -> str:
    headers = [
        "endpoint",
        "p50 ms",
        "p95 ms",
        "req/s",
        "x floor",
        "server p95",
        "queries s/f",
        "budget",
    ]

    def verdict(row: Row) -> str:
        if row.skipped:
            return "SKIPPED: " + row.skipped
        if row.meets_budget:
            return "met"
        return "MISSED: " + "; ".join(row.misses)

    lines = [
        [
            row.name,
            _fmt(row.p50_ms, ".1f"),
            _fmt(row.p95_ms, ".1f"),
            _fmt(row.rps, ".0f"),
            _fmt(row.ratio_to_floor, ".2f"),
            f"{row.download_s:.1f} s"
            if row.download_s is not None
            else _fmt(row.server_p95_ms, ".1f"),
            f"{_fmt(row.queries_small)}/{_fmt(row.queries_full)}",
            verdict(row),
        ]
        for row in rows
    ]
    peak = memory.get("worker_peak_rss_mb")
    lines.append(
        [
            "worker peak RSS",
            *[""] * 6,
            ("met" if memory.get("meets_budget") else "MISSED: " + "; ".join(memory["misses"]))
            + f" ({_fmt(peak, '.0f')} MB of {memory['budget_mb']:.0f})",
        ]
    )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    right = {1, 2, 3, 4, 5, 6}

    def render(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    out = [render(headers), render(["-" * w for w in widths])]
    out.extend(render(line) for line in lines)
    return "\n".join(out)


IMPORT_RULES = 100_000
IMPORT_BUDGET_S = 60.0


def import_row(result: dict[str, Any]) -> Row:
    """The rule import (bench/import_rules.py): performance.md's "100,000 rules <= 60 s,
    with progress shown". `result` is its BENCH_IMPORT document, or `{"error": ...}`."""
    row = Row(
        name=f"import of {result.get('rules', IMPORT_RULES):,} rules (CSV)",
        path="bench/import_rules.py",
        budget=f"{IMPORT_RULES:,} rules from CSV <= {IMPORT_BUDGET_S:.0f} s, "
        "with progress after every batch",
        download_s=result.get("total_s"),
        download_bytes=result.get("bytes"),
        download_lines=result.get("rows"),
    )
    if "error" in result:
        row.misses = [f"not measured: {result['error']}"]
        return row
    if result["rules"] < IMPORT_RULES:
        row.misses.append(f"only {result['rules']:,} rules (the budget is for {IMPORT_RULES:,})")
    if result["total_s"] > IMPORT_BUDGET_S:
        row.misses.append(f"{result['total_s']:.0f} s > {IMPORT_BUDGET_S:.0f} s")
    if result["created_rules"] != result["rules"] or result["status"] != "done":
        row.misses.append(
            f"{result['created_rules']:,} of {result['rules']:,} rules created "
            f"(status {result['status']})"
        )
    batches = -(-result["rows"] // 1000)
    if result["progress_updates"] < batches:
        row.misses.append(
            f"progress stored {result['progress_updates']} times for {batches} batches"
        )
    row.meets_budget = not row.misses
    return row
