"""Pure statistics and the result of one load run (no I/O, unit-tested)."""

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class LoadResult:
    """What a load generator (wrk or the Python fallback) measured for one URL."""

    requests: int  # completed requests with a response
    duration_s: float
    p50_ms: float | None
    p95_ms: float | None
    rps: float
    errors: int = 0  # connect/read/write errors and timeouts
    non_2xx: int = 0  # responses other than 2xx/3xx

    @property
    def failed(self) -> int:
        return self.errors + self.non_2xx

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LoadResult":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def percentile(samples: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile: the smallest sample with at least `pct` % of samples ≤ it.

    The same definition as wrk's HdrHistogram (minus its bucketing), so the Python load
    generator and wrk report comparable numbers. None for no samples.
    """
    if not 0 < pct <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {pct}")
    if not samples:
        return None
    ordered = sorted(samples)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def summarise(
    latencies_s: Sequence[float], duration_s: float, *, errors: int = 0, non_2xx: int = 0
) -> LoadResult:
    """Turn per-request latencies (seconds) of one run into a LoadResult (milliseconds)."""
    p50 = percentile(latencies_s, 50)
    p95 = percentile(latencies_s, 95)
    return LoadResult(
        requests=len(latencies_s),
        duration_s=round(duration_s, 3),
        p50_ms=None if p50 is None else round(p50 * 1000, 3),
        p95_ms=None if p95 is None else round(p95 * 1000, 3),
        rps=round(len(latencies_s) / duration_s, 1) if duration_s > 0 else 0.0,
        errors=errors,
        non_2xx=non_2xx,
    )


# Above this relative change of the floor between start and end, the run is flagged noisy.
FLOOR_DRIFT_LIMIT = 0.2


def floor_drift_of(before: float, after: float | None) -> float | None:
    """Relative change of the floor's throughput from the first to the last measurement."""
    if after is None or not before:
        return None
    return round(after / before - 1, 3)
