"""Running wrk and reading its output (the parsing is pure and unit-tested)."""

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.pyload import check_local
from bench.stats import LoadResult

# wrk's --latency table has 50/75/90/99 only; this script prints p95 (and the error counts)
# on one machine-readable line when the run is done. Latencies are in microseconds.
LUA_SCRIPT = """\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%.0f duration_us=%.0f p50_us=%.1f p95_us=%.1f "
    .. "connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_RESULT_LINE = re.compile(r"^BENCH_RESULT (.*)$", re.MULTILINE)


def find_wrk() -> str | None:
    return shutil.which("wrk")


def parse_duration_ms(text: str) -> float:
    """'812.00us' / '1.23ms' / '2.01s' / '1.50m' as printed by wrk, in milliseconds."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(us|ms|s|m|h)\s*", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk_output(output: str) -> LoadResult:
    """Read wrk's output: the BENCH_RESULT line of LUA_SCRIPT, else wrk's own text.

    Without the script line p95 is unknown (None); p50 then comes from --latency's table.
    """
    match = _RESULT_LINE.search(output)
    if match:
        fields = dict(pair.split("=", 1) for pair in match.group(1).split())
        values = {k: float(v) for k, v in fields.items()}
        duration_s = values["duration_us"] / 1_000_000
        requests = int(values["requests"])
        return LoadResult(
            requests=requests,
            duration_s=round(duration_s, 3),
            p50_ms=round(values["p50_us"] / 1000, 3),
            p95_ms=round(values["p95_us"] / 1000, 3),
            rps=round(requests / duration_s, 1) if duration_s > 0 else 0.0,
            errors=int(values["connect"] + values["read"] + values["write"] + values["timeout"]),
            non_2xx=int(values["status"]),
        )
    return _parse_wrk_text(output)


def _parse_wrk_text(output: str) -> LoadResult:
    total = re.search(r"(\d+) requests in ([0-9.]+\w+)", output)
    rps = re.search(r"Requests/sec:\s*([0-9.]+)", output)
    if not total or not rps:
        raise ValueError("wrk output has no request summary:\n" + output[-2000:])
    p50 = re.search(r"^\s*50%\s+(\S+)\s*$", output, re.MULTILINE)
    p95 = re.search(r"^\s*95%\s+(\S+)\s*$", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return LoadResult(
        requests=int(total.group(1)),
        duration_s=round(parse_duration_ms(total.group(2)) / 1000, 3),
        p50_ms=round(parse_duration_ms(p50.group(1)), 3) if p50 else None,
        p95_ms=round(parse_duration_ms(p95.group(1)), 3) if p95 else None,
        rps=float(rps.group(1)),
        errors=sum(int(n) for n in socket.groups()) if socket else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
    )


def wrk_command(
    wrk: str,
    url: str,
    *,
    duration_s: int,
    connections: int,
    script: Path,
    headers: Sequence[str] = (),
) -> list[str]:
    threads = max(1, min(2, connections))  # wrk needs connections >= threads
    return [
        wrk,
        *(arg for header in headers for arg in ("-H", header)),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration_s}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(script),
        url,
    ]


def run_wrk(
    wrk: str, url: str, *, duration_s: int, connections: int, headers: Sequence[str] = ()
) -> LoadResult:
    check_local(url)
    with tempfile.TemporaryDirectory(prefix="enkelt-bench-") as tmp:
        script = Path(tmp) / "p95.lua"
        script.write_text(LUA_SCRIPT)
        completed = subprocess.run(
            wrk_command(
                wrk,
                url,
                duration_s=duration_s,
                connections=connections,
                script=script,
                headers=headers,
            ),
            capture_output=True,
            text=True,
            timeout=duration_s + 30,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return parse_wrk_output(completed.stdout)
