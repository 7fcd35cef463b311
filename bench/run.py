"""`make bench`: measure the bare-Django floor and key pages under concurrent load.

One run: prepare a database (fresh PostgreSQL `enkelt_bench`, else SQLite) with a data
set, count SQL queries per page in-process, start gunicorn as `make run` does, load each
endpoint from a separate process (wrk, else bench/pyload.py), read the workers' peak RSS,
stop the server, print a table and write bench/results/<date>-<sha>.json. See README.md.
"""

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `bench.*` importable
    sys.path.insert(0, str(REPO))

from bench.bodies import BODIES  # noqa: E402
from bench.database import Database, prepare_database  # noqa: E402
from bench.endpoints import (  # noqa: E402
    BUDGET_CONNECTIONS,
    DATA_SETS,
    ENDPOINTS,
    FLOOR,
    WORKER_MEMORY,
    DataSet,
    Endpoint,
)
from bench.generate import FULL_DB, SMALL_SCALE, bench_database_url  # noqa: E402
from bench.isolation import copy_database, drop_database, run_walker  # noqa: E402
from bench.queries import MARKER as QUERIES_MARKER  # noqa: E402
from bench.report import (  # noqa: E402
    IMPORT_RULES,
    Row,
    evaluate,
    format_table,
    import_row,
    skipped_row,
)
from bench.server import (  # noqa: E402
    WORKER_CLASS,
    WORKERS,
    Server,
    fetch_status,
    peak_rss_mb,
    sample_server_time,
    server_env,
    start_gunicorn,
    timed_download,
    wait_until_healthy,
)
from bench.stats import FLOOR_DRIFT_LIMIT, LoadResult, floor_drift_of  # noqa: E402
from bench.wrk import find_wrk, run_wrk  # noqa: E402

PY = sys.executable
VAR = REPO / "var"
RESULTS = REPO / "bench" / "results"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Enkelt benchmark (see bench/README.md).")
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--small",
        dest="data_size",
        action="store_const",
        const="small",
        help="demo data only (the default until the full data generator exists)",
    )
    size.add_argument(
        "--full",
        dest="data_size",
        action="store_const",
        const="full",
        help="the generated data set of performance.md (bench/generate.py, PostgreSQL "
        f"{FULL_DB}, reused when seed/scale match); query counts also on the 1/100 set",
    )
    parser.set_defaults(data_size="small")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="with --full: a fraction of the full size, for trying the run quickly (e.g. 0.01)",
    )
    parser.add_argument("--seed", type=int, default=1, help="with --full: the generator's seed")
    parser.add_argument(
        "--server-samples",
        type=int,
        default=20,
        help="dashboards: sequential requests whose Server-Timing gives the server time",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="do not profile the pages that miss a budget"
    )
    parser.add_argument(
        "--isolation",
        action="store_true",
        help="also run the isolation walker on the generated 98-municipality data set "
        "(bench/isolation.py; about 5 minutes)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per endpoint")
    parser.add_argument("--connections", type=int, default=BUDGET_CONNECTIONS)
    parser.add_argument(
        "--database-url",
        default=None,
        help="use this database as it is (default: recreate PostgreSQL enkelt_bench "
        "on 127.0.0.1, or SQLite under var/ when PostgreSQL is unreachable)",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--load-generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="auto: wrk when installed, else the Python fallback",
    )
    parser.add_argument("--output-dir", type=Path, default=RESULTS)
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a budget is missed"
    )
    args = parser.parse_args(argv)
    if args.duration < 1 or args.connections < 1 or args.warmup < 0:
        parser.error("--duration and --connections must be positive, --warmup >= 0")
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    return args


def run_step(label: str, command: list[str], env: dict[str, str], timeout_s: float) -> str:
    """Run a manage.py-like step; its output is shown only when it fails."""
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout_s, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{label} failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}"
        )
    log(f"{label}: done in {time.monotonic() - started:.1f} s")
    return completed.stdout


def load_data_set(data_set: DataSet, env: dict[str, str]) -> None:
    run_step("migrate", [PY, "manage.py", "migrate", "--noinput", "-v", "0"], env, 300)
    if data_set.name == "small":
        run_step("demo data", [PY, "manage.py", "enkelt_demo"], env, 120)
    if not (VAR / "static" / "staticfiles.json").exists():
        # `make bench` has collected static files; a direct run may not have.
        run_step(
            "collectstatic", [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, 300
        )


def count_queries(paths: list[str], env: dict[str, str]) -> dict[str, dict[str, int]]:
    output = run_step("query counts", [PY, "-m", "bench.queries", *paths], env, 120)
    for line in reversed(output.splitlines()):
        if line.startswith(QUERIES_MARKER):
            result: dict[str, dict[str, int]] = json.loads(line[len(QUERIES_MARKER) :])
            return result
    raise RuntimeError("bench.queries printed no result:\n" + output[-2000:])


def generate(url: str, scale: float, seed: int, env: dict[str, str]) -> dict[str, Any]:
    """bench/generate.py into `url` (reused when its marker matches); its output streams."""
    command = [
        PY,
        "-m",
        "bench.generate",
        f"--scale={scale}",
        f"--seed={seed}",
        f"--database-url={url}",
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    last = ""
    for line in process.stdout:
        line = line.rstrip()
        if line.startswith("{"):
            last = line
        else:
            print(f"  {line}", flush=True)
    if process.wait(timeout=3600) != 0 or not last:
        raise RuntimeError(f"bench.generate failed ({process.returncode}) for {url}")
    marker: dict[str, Any] = json.loads(last)
    marker["seconds_this_run"] = round(time.monotonic() - started, 1)
    log(
        f"data set {url.rsplit('/', 1)[-1]} (scale {scale}): "
        f"{'reused' if marker['reused'] else 'generated'} in {marker['seconds_this_run']:.0f} s"
    )
    return marker


def query_items(context: dict[str, str]) -> list[str]:
    """What bench.queries is given: `[USER@]PATH` to count, `resolve:PATH` to check only."""
    items = []
    for e in ENDPOINTS:
        path = e.resolve(context)
        if not e.count_queries:
            items.append("resolve:" + path)
        else:
            user = e.username(context)
            items.append(f"{user}@{path}" if user else path)
    return items


def profile(jobs: dict[str, tuple[str, Path]], env: dict[str, str]) -> dict[str, str]:
    """pyinstrument profiles (bench/profile.py, one process): {name: (item, out)} -> paths."""
    if not jobs:
        return {}
    output = run_step(
        f"profiles of {len(jobs)} pages",
        [PY, "-m", "bench.profile", *(f"{out}::{item}" for item, out in jobs.values())],
        env,
        120 + 60 * len(jobs),
    )
    done = {line.split()[1] for line in output.splitlines() if line.startswith("BENCH_PROFILE ")}
    return {
        name: str(out.relative_to(REPO)) if out.is_relative_to(REPO) else str(out)
        for name, (_item, out) in jobs.items()
        if str(out) in done
    }


def measure(
    generator: str,
    url: str,
    duration_s: int,
    connections: int,
    *,
    body_file: Path | None = None,
    content_type: str = "",
    headers: list[str] | None = None,
) -> LoadResult:
    """Load `url` for `duration_s`; with `body_file`, POST it (Python generator only)."""
    headers = headers or []
    post: list[str] = [f"--header={h}" for h in headers]
    if body_file is not None:
        generator = "python"
        post += ["--method=POST", f"--body-file={body_file}", f"--content-type={content_type}"]
    if generator == "wrk":
        wrk = find_wrk()
        assert wrk is not None
        return run_wrk(wrk, url, duration_s=duration_s, connections=connections, headers=headers)
    completed = subprocess.run(
        [
            PY,
            "-m",
            "bench.pyload",
            url,
            f"--duration={duration_s}",
            f"--connections={connections}",
            *post,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=duration_s + 30,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"bench.pyload failed: {completed.stderr[-2000:]}")
    return LoadResult.from_dict(json.loads(completed.stdout.strip().splitlines()[-1]))


SESSION_FOR = """\
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(username={username!r})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def session_headers(username: str, env: dict[str, str]) -> list[str]:
    """A signed-in session of a demo user, as the Cookie header of every request."""
    code = SESSION_FOR.format(username=username)
    output = run_step(f"session for {username}", [PY, "manage.py", "shell", "-c", code], env, 60)
    return [f"Cookie: sessionid={output.strip().splitlines()[-1]}"]


SUBMISSION_COUNT = (
    "from enkelt.submissions.models import Submission; print(Submission.objects.count())"
)


def submission_count(env: dict[str, str]) -> int:
    output = run_step(
        "count submissions", [PY, "manage.py", "shell", "-c", SUBMISSION_COUNT], env, 60
    )
    return int(output.strip().splitlines()[-1])


def write_body(endpoint: Endpoint, context: dict[str, str]) -> tuple[Path, str]:
    """Build the endpoint's request body once, into var/, and return (file, content type)."""
    body, content_type = BODIES[endpoint.body](context)
    path = VAR / f"bench-body-{endpoint.body}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return path, content_type


def measure_post(
    endpoint: Endpoint,
    url: str,
    args: argparse.Namespace,
    env: dict[str, str],
    notes: list[str],
    context: dict[str, str],
) -> tuple[LoadResult, list[str]]:
    """Normal load, then a burst; returns the normal load and what went missing, if anything."""
    body_file, content_type = write_body(endpoint, context)
    normal = endpoint.connections or args.connections
    before = submission_count(env)
    result = measure(
        "python", url, args.duration, normal, body_file=body_file, content_type=content_type
    )
    log(
        f"{endpoint.name}: {normal} clients: {result.rps:.1f} req/s, "
        f"p95 {result.p95_ms or 0:.0f} ms, {result.failed} failed"
    )
    acknowledged = result.requests - result.non_2xx
    misses: list[str] = []
    if endpoint.burst_factor:
        burst_clients = normal * endpoint.burst_factor
        burst = measure(
            "python",
            url,
            args.duration,
            burst_clients,
            body_file=body_file,
            content_type=content_type,
        )
        acknowledged += burst.requests - burst.non_2xx
        log(
            f"{endpoint.name}: burst of {burst_clients} clients: {burst.rps:.1f} req/s, "
            f"p95 {burst.p95_ms or 0:.0f} ms, {burst.failed} failed or refused"
        )
        notes.append(
            f"{endpoint.name}: burst of {burst_clients} clients: {burst.requests} answered "
            f"(p95 {burst.p95_ms or 0:.0f} ms), {burst.non_2xx} refused, {burst.errors} errors"
        )
    stored = submission_count(env) - before
    log(f"{endpoint.name}: {acknowledged} acknowledged, {stored} stored")
    if stored < acknowledged:
        misses.append(f"{acknowledged - stored} acknowledged submissions were not stored")
    return result, misses


def measure_import(
    db: Database, data_set: DataSet, context: dict[str, str], env: dict[str, str]
) -> dict[str, Any]:
    """The rule import on a throwaway copy of the database (the server is stopped by now).

    With --full the copy is of the 1/100 generated set and the import goes to its second
    municipality; otherwise of the bench database (demo data). 100,000 rules either way.
    """
    template = f"{FULL_DB}_small" if data_set.name == "full" else db.url.rsplit("/", 1)[-1]
    municipality = context.get("small_municipality") or context["municipality"]
    target = "enkelt_bench_import"
    started = time.monotonic()
    try:
        copy_database(template, target)
        output = run_step(
            f"import of {IMPORT_RULES:,} rules into {municipality}",
            [PY, "-m", "bench.import_rules", "--municipality", municipality,
             "--rules", str(IMPORT_RULES)],
            dict(env, DATABASE_URL=bench_database_url(target)),
            600,
        )  # fmt: skip
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        return {"error": str(exc)[-300:]}
    finally:
        drop_database(target)
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH_IMPORT "):
            result: dict[str, Any] = json.loads(line[len("BENCH_IMPORT ") :])
            log(
                f"import: {result.get('rows', 0):,} rows checked in {result.get('check_s')} s, "
                f"imported in {result.get('import_s')} s ({time.monotonic() - started:.0f} s "
                "with the copy)"
            )
            return result
    return {"error": "bench.import_rules printed no result"}


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def git_sha() -> tuple[str, bool]:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(REPO), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    return sha, bool(git("status", "--porcelain", "--untracked-files=no"))


def machine() -> dict[str, Any]:
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        # The machine is shared: a high load before the run means noisy numbers.
        "loadavg_1m_before": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # so that `finally` stops the server


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    machine_info = machine()
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    started = time.monotonic()
    data_set = DATA_SETS[args.data_size]
    generator = args.load_generator
    if generator == "auto":
        generator = "wrk" if find_wrk() else "python"
    elif generator == "wrk" and not find_wrk():
        print(
            "wrk is not installed (apt-get install wrk), or use --load-generator python",
            file=sys.stderr,
        )
        return 2
    if not port_is_free(args.port):
        print(f"port {args.port} on 127.0.0.1 is in use; pick another with --port", file=sys.stderr)
        return 2

    notes: list[str] = []
    cores = machine_info["cores"] or 1
    if machine_info["loadavg_1m_before"] > cores / 2:
        notes.append(
            f"machine busy before the run (1-min load {machine_info['loadavg_1m_before']} "
            f"on {cores} cores): numbers are noisy"
        )
    generation: dict[str, Any] | None = None
    if data_set.name == "full":
        size_name = {1.0: FULL_DB, SMALL_SCALE: f"{FULL_DB}_small"}.get(
            args.scale, f"{FULL_DB}_{str(args.scale).replace('.', '_')}"
        )
        url = args.database_url or bench_database_url(size_name)
        if not url.startswith("postgres"):
            print("--full needs PostgreSQL (the generator loads with COPY)", file=sys.stderr)
            return 2
        db = Database(url, "postgresql", f"generated data set in {url.rsplit('/', 1)[-1]}")
        base_env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.local")
        marker = generate(url, args.scale, args.seed, base_env)
        small_url = bench_database_url(f"{FULL_DB}_small")
        small_marker = marker
        if args.scale != SMALL_SCALE:
            small_marker = generate(small_url, SMALL_SCALE, args.seed, base_env)
        env = server_env(dict(os.environ), db.url)
        small_env = server_env(dict(os.environ), small_url)
        context: dict[str, str] = dict(marker["context"])
        small_context: dict[str, str] = dict(small_marker["context"])
        generation = {
            "seed": args.seed,
            "scale": args.scale,
            "counts": marker["counts"],
            "reused": marker["reused"],
            "generation_seconds": marker.get("total_seconds"),
            "seconds_this_run": marker["seconds_this_run"],
            "small_scale": SMALL_SCALE,
        }
        if args.scale != 1.0:
            notes.append(f"--scale {args.scale}: NOT the full size of performance.md")
        if not (VAR / "static" / "staticfiles.json").exists():
            run_step(
                "collectstatic",
                [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                env,
                300,
            )
    else:
        db = prepare_database(args.database_url, VAR)
        env = small_env = server_env(dict(os.environ), db.url)
        context = small_context = dict(data_set.context)
    log(f"database: {db.note}")
    if db.engine != "postgresql":
        notes.append(db.note)
    why = " (chosen)" if args.load_generator != "auto" else ""
    if generator != "wrk":
        why = why or " (wrk not found)"
        notes.append(f"Python load generator{why}: lower absolute numbers than wrk")
    log(f"load generator: {generator}{why}")
    if args.connections != BUDGET_CONNECTIONS:
        notes.append(
            f"{args.connections} connections: the latency budgets are defined at "
            f"{BUDGET_CONNECTIONS}"
        )

    if data_set.name == "small":
        load_data_set(data_set, env)
    paths = {e.name: e.resolve(context) for e in ENDPOINTS}
    small_paths = {e.name: e.resolve(small_context) for e in ENDPOINTS}
    queries_small = count_queries(query_items(small_context), small_env)
    queries_full = count_queries(query_items(context), env) if data_set.name == "full" else None
    measured = queries_full if queries_full is not None else queries_small
    skipped: dict[str, str] = {}
    for e in ENDPOINTS:
        counted = measured.get(paths[e.name])
        if counted is not None and not counted.get("resolves", True):
            skipped[e.name] = f"{e.url_name or paths[e.name]} does not resolve yet"
            log(f"SKIP {e.name}: {skipped[e.name]}")
    users = sorted({e.username(context) for e in ENDPOINTS if e.user and e.name not in skipped})
    sessions = {u: session_headers(u, env) for u in users}

    loads: dict[str, LoadResult] = {}
    post_misses: dict[str, list[str]] = {}
    bad_status: dict[str, int] = {}
    server_ms: dict[str, list[float]] = {}
    downloads: dict[str, tuple[int, float, int, int]] = {}
    floor_after: LoadResult | None = None
    worker_rss: dict[int, float | None] = {}
    master_rss: float | None = None
    server: Server | None = None
    try:
        server = start_gunicorn(
            repo=REPO, env=env, port=args.port, log_path=VAR / "bench-gunicorn.log"
        )
        wait_until_healthy(server, timeout_s=60)
        log(f"gunicorn ({WORKERS} {WORKER_CLASS} workers) on {server.base_url}, pid {server.pid}")
        for endpoint in ENDPOINTS:
            if endpoint.name in skipped:
                continue
            url = server.url(paths[endpoint.name])
            if endpoint.method != "GET":
                loads[endpoint.name], post_misses[endpoint.name] = measure_post(
                    endpoint, url, args, env, notes, context
                )
                continue
            headers = sessions.get(endpoint.username(context), [])
            if endpoint.mode == "download":
                downloads[endpoint.name] = got = timed_download(url, headers=headers)
                log(
                    f"{endpoint.name}: HTTP {got[0]}, {got[3]:,} lines, {got[2]:,} bytes "
                    f"in {got[1]:.1f} s"
                )
                continue
            # A slow page's backlog (requests wrk gave up on) must drain before the next.
            fetch_status(server.url(paths[FLOOR.name]), timeout_s=600)
            status = fetch_status(url, headers=headers, timeout_s=60)
            if status != 200:
                bad_status[endpoint.name] = status
                log(f"WARNING {url} answers {status}: not loaded")
                continue
            if args.warmup:
                measure(generator, url, args.warmup, args.connections, headers=headers)
            loads[endpoint.name] = result = measure(
                generator, url, args.duration, args.connections, headers=headers
            )
            log(
                f"{endpoint.name}: {result.rps:.0f} req/s, p50 {result.p50_ms or 0:.1f} ms, "
                f"p95 {result.p95_ms or 0:.1f} ms, {result.failed} failed"
            )
            if endpoint.budget.max_server_ms is not None:
                # One client means nothing else running: requests wrk gave up on are still
                # queued at the server, and a floor request answered means they are done.
                fetch_status(server.url(paths[FLOOR.name]), timeout_s=600)
                server_ms[endpoint.name] = times = sample_server_time(
                    url, requests=args.server_samples, headers=headers
                )
                if times:
                    log(f"{endpoint.name}: server time max {max(times):.0f} ms (n={len(times)})")
        # The floor once more: if it drifted, the machine's load changed during the run.
        floor_after = measure(
            generator, server.url(paths[FLOOR.name]), args.duration, args.connections
        )
        log(f"floor again: {floor_after.rps:.0f} req/s")
        worker_rss = {pid: peak_rss_mb(pid) for pid in server.worker_pids()}
        master_rss = peak_rss_mb(server.pid)
    finally:
        if server is not None:
            server.stop()
            log(f"gunicorn stopped (log: {server.log_path.relative_to(REPO)})")

    floor_rps = loads[FLOOR.name].rps
    floor_drift = floor_drift_of(floor_rps, floor_after.rps if floor_after else None)
    if floor_drift is not None and abs(floor_drift) > FLOOR_DRIFT_LIMIT:
        notes.append(
            f"the floor moved {floor_drift:+.0%} between the start and the end of the load: "
            "the machine's load changed, ratios are unreliable"
        )
    sha, dirty = git_sha()
    now = datetime.now(tz=UTC)
    no_load = LoadResult(requests=0, duration_s=0.0, p50_ms=None, p95_ms=None, rps=0.0)
    rows: list[Row] = []
    to_profile: dict[str, tuple[str, Path]] = {}
    for endpoint in ENDPOINTS:
        path = paths[endpoint.name]
        if endpoint.name in skipped:
            rows.append(skipped_row(endpoint, path, skipped[endpoint.name]))
            continue
        counted_small = queries_small.get(small_paths[endpoint.name])
        counted_full = queries_full.get(path) if queries_full is not None else None
        for counted, where in ((counted_small, small_paths[endpoint.name]), (counted_full, path)):
            if counted and counted.get("queries") is not None and counted["status"] != 200:
                notes.append(f"{where} answered {counted['status']} to the test client")
        row = evaluate(
            endpoint,
            path,
            loads.get(endpoint.name, no_load),
            floor_rps=floor_rps,
            queries_small=counted_small.get("queries") if counted_small else None,
            queries_full=counted_full.get("queries") if counted_full else None,
            server_ms=server_ms.get(endpoint.name),
            download=downloads.get(endpoint.name),
        )
        if endpoint.name in bad_status:
            row.misses[0] = f"answers HTTP {bad_status[endpoint.name]}; not loaded"
            row.meets_budget = False
        if post_misses.get(endpoint.name):
            row.misses.extend(post_misses[endpoint.name])
            row.meets_budget = False
        missed_on_time = not row.meets_budget and endpoint.name not in bad_status
        if (
            missed_on_time
            and not args.no_profile
            and endpoint.method == "GET"
            and endpoint.mode == "load"
            and endpoint is not FLOOR
        ):
            user = endpoint.username(context)
            slug = "".join(c if c.isalnum() else "-" for c in endpoint.name.lower()).strip("-")
            out = args.output_dir / f"{now.date().isoformat()}-{sha}-profile-{slug}.txt"
            to_profile[endpoint.name] = (f"{user}@{path}" if user else path, out)
        rows.append(row)
    if db.engine == "postgresql":
        rows.append(import_row(measure_import(db, data_set, context, env)))
    try:
        profiles = profile(to_profile, env)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        profiles = {}
        notes.append(f"no profiles ({str(exc)[:300]})")
    for row in rows:
        row.profile = profiles.get(row.name, "")
    known = [mb for mb in worker_rss.values() if mb is not None]
    peak = max(known) if known else None
    memory_misses = WORKER_MEMORY.misses(peak)
    memory = {
        "budget": WORKER_MEMORY.description,
        "budget_mb": WORKER_MEMORY.max_mb,
        "worker_peak_rss_mb": peak,
        "workers_peak_rss_mb": sorted(known),
        "master_peak_rss_mb": master_rss,
        "meets_budget": not memory_misses,
        "misses": memory_misses,
    }

    machine_info["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
    document = {
        "sha": sha,
        "dirty": dirty,
        "date": now.date().isoformat(),
        "timestamp": now.isoformat(timespec="seconds"),
        "machine": machine_info,
        "data_size": data_set.name,
        "generation": generation,
        "database": {"engine": db.engine, "note": db.note},
        "server": {"kind": f"gunicorn {WORKER_CLASS}", "workers": WORKERS},
        "load_generator": generator,
        "load": {
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "results": [row.to_dict() for row in rows],
        "memory": memory,
        "floor_check": {
            "rps_before": floor_rps,
            "rps_after": floor_after.rps if floor_after else None,
            "drift": floor_drift,
        },
        # Skipped endpoints (URL not built yet) are listed in `notes`, not counted here.
        "all_budgets_met": all(row.meets_budget for row in rows if not row.skipped)
        and not memory_misses,
        "notes": notes,
    }
    if args.isolation:
        isolation_db = f"{FULL_DB}_small"
        if data_set.name == "small":  # the demo data has two municipalities: generate
            generate(bench_database_url(isolation_db), SMALL_SCALE, args.seed, dict(os.environ))
        log(f"isolation walker on {isolation_db} (98 municipalities) ...")
        walk = run_walker(isolation_db)
        log(
            f"isolation walker: {walk['passed']} passed, {walk['failed']} failed "
            f"in {walk['seconds']:.0f} s"
        )
        document["isolation"] = walk
        if not walk["ok"]:
            notes.append(
                f"isolation walker at scale: {walk['failed']} failed: "
                + ", ".join(walk["failing"][:5])
            )
    args.output_dir.mkdir(parents=True, exist_ok=True)
    out_path = args.output_dir / f"{document['date']}-{sha}.json"
    out_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    print()
    print(
        f"Enkelt bench  sha {sha}{' (dirty)' if dirty else ''}  data {data_set.name}  "
        f"db {db.engine}  {generator} {args.connections} connections x {args.duration} s  "
        f"gunicorn {WORKERS} {WORKER_CLASS} workers"
    )
    print(format_table(rows, memory))
    for note in notes:
        print(f"note: {note}")
    try:
        shown = out_path.relative_to(REPO)
    except ValueError:
        shown = out_path
    print(f"\nwritten {shown} in {time.monotonic() - started:.0f} s")
    return 1 if args.strict and not document["all_budgets_met"] else 0


if __name__ == "__main__":
    sys.exit(main())
