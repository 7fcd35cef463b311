"""What the benchmark measures: endpoints with their budgets, and the data sets.

To add an endpoint, append an Endpoint to ENDPOINTS; its path may use `{placeholders}`
filled from the data set's `context` (for example the largest municipality's slug). The
floor must stay first: every other endpoint is reported as a ratio to it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

# The design's concurrency for the latency budgets (performance.md).
BUDGET_CONNECTIONS = 32


@dataclass(frozen=True)
class Budget:
    """A budget from docs performance.md: a description and the thresholds it is checked by."""

    description: str
    min_ratio_to_floor: float | None = None
    max_p95_ms: float | None = None
    max_queries: int | None = None

    def misses(
        self,
        *,
        p95_ms: float | None,
        ratio_to_floor: float | None,
        queries: list[int | None],
        failed_requests: int = 0,
    ) -> list[str]:
        """Why the measurement misses the budget; an empty list means it is met."""
        out: list[str] = []
        if failed_requests:
            out.append(f"{failed_requests} failed or non-2xx/3xx requests")
        if self.min_ratio_to_floor is not None:
            if ratio_to_floor is None:
                out.append("throughput ratio unknown")
            elif ratio_to_floor < self.min_ratio_to_floor:
                out.append(
                    f"throughput {ratio_to_floor:.0%} of floor < {self.min_ratio_to_floor:.0%}"
                )
        if self.max_p95_ms is not None:
            if p95_ms is None:
                out.append("p95 unknown")
            elif p95_ms > self.max_p95_ms:
                out.append(f"p95 {p95_ms:.0f} ms > {self.max_p95_ms:.0f} ms")
        if self.max_queries is not None:
            for count in queries:
                if count is not None and count > self.max_queries:
                    out.append(f"{count} SQL queries > {self.max_queries}")
        return out


@dataclass(frozen=True)
class MemoryBudget:
    description: str
    max_mb: float

    def misses(self, peak_mb: float | None) -> list[str]:
        if peak_mb is None:
            return ["worker peak RSS unknown"]
        if peak_mb > self.max_mb:
            return [f"worker peak RSS {peak_mb:.0f} MB > {self.max_mb:.0f} MB"]
        return []


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str  # may contain {placeholders} from DataSet.context
    budget: Budget
    count_queries: bool = True

    def resolve(self, context: Mapping[str, str]) -> str:
        return self.path.format(**context)


@dataclass(frozen=True)
class DataSet:
    name: str  # "small" or "full": data_size in the JSON
    description: str
    context: Mapping[str, str] = field(default_factory=dict)
    available: bool = True


FLOOR = Endpoint(
    "floor (bare Django view)",
    "/bench/floor",
    # The floor is the reference; it only has to answer without errors and touch no table.
    Budget("reference: constant response, no database", max_queries=0),
)

PUBLIC_PAGE_BUDGET = Budget(
    f"throughput >= 50% of floor; p95 <= 100 ms at {BUDGET_CONNECTIONS} concurrent clients",
    min_ratio_to_floor=0.5,
    max_p95_ms=100.0,
)

ENDPOINTS: list[Endpoint] = [
    FLOOR,
    Endpoint("municipality page", "/{municipality}/", PUBLIC_PAGE_BUDGET),
]

WORKER_MEMORY = MemoryBudget("server worker peak RSS <= 200 MB", max_mb=200.0)

DATA_SETS: dict[str, DataSet] = {
    # migrate + `manage.py enkelt_demo`: two municipalities, a few dozen units and users.
    "small": DataSet("small", "demo data (manage.py enkelt_demo)", {"municipality": "demo"}),
    # The bulk generator of performance.md (1,000,000 submissions, 98 municipalities, …)
    # comes later; until then `--full` stops with a message.
    "full": DataSet("full", "large generated data set (not implemented yet)", {}, available=False),
}


def ratio(rps: float | None, floor_rps: float | None) -> float | None:
    if rps is None or not floor_rps:
        return None
    return round(rps / floor_rps, 3)
