"""Reliability drills (`make drills`): a soak of the submission endpoints with faults injected.

What it does (reliability.md, "Load and faults"):

1. Creates its own PostgreSQL database (`enkelt_drills`), migrates it and loads the demo.
2. Starts gunicorn on a free loopback port with a few sync workers.
3. Runs a few clients for `--duration` seconds: half walk the citizen web form
   (kind → category → describe → location → photos → contact → review → receipt),
   half POST Open311 requests with an `Idempotency-Key`. A client that gets a
   connection error, a timeout or a 502/503 retries the *same* step with the
   same key (the web form's draft carries its own key) until it gets an answer.
4. During the soak: a database outage, then a SIGKILL of one gunicorn worker.
   `--outage restart` (default) restarts PostgreSQL (`pg_ctlcluster`, else
   `systemctl`/`service`): stop, check that `/readyz` answers 503, start.
   `--outage database` only closes this database to connections
   (`ALTER DATABASE … ALLOW_CONNECTIONS false` + `pg_terminate_backend`), which
   leaves other databases on the server alone; use it while developing.
5. Afterwards: every acknowledged submission is stored, nothing is stored twice,
   nothing is stored that was not acknowledged, clients saw only 2xx/3xx or
   clear retryable errors (503 with `Retry-After`), never a 500 and never a hang;
   `/readyz` said 503 during the outage and 200 after; the killed worker was replaced.

The result is printed and written to `var/drills/result.json`; the exit code is
non-zero when a check fails. `--short` is the bounded form run by `.ci/run`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_URL = os.environ.get("DRILLS_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("DRILLS_DB", "enkelt_drills")
MUNICIPALITY = "demo"
OPEN311_KEY = "demo-open311-key"
RETRYABLE = {502, 503, 504}
CLIENT_TIMEOUT = 30.0
MARKER = "drill"


def log(message: str) -> None:
    print(f"drills {time.strftime('%H:%M:%S')} {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(  # noqa: S603 - fixed command
        ["psql", f"{PG_URL}/{database}", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr.strip()}")
    return result.stdout.strip()


def server_env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"{PG_URL}/{DB_NAME}",
        ENKELT_DEMO="1",
        ENKELT_TASK_WORKER="0",
        ENKELT_SUBMISSION_RATE="1000000/1m",
        ENKELT_ALLOWED_HOSTS="127.0.0.1,localhost",
        ENKELT_LOG_LEVEL="WARNING",
    )
    return env


# ---------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------


@dataclass
class Tally:
    """What the clients saw; shared by the client threads under a lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    acknowledged_open311: dict[str, str] = field(default_factory=dict)  # key → request id
    acknowledged_web: set[str] = field(default_factory=set)  # tracking codes
    abandoned: int = 0
    retries: int = 0

    def saw(self, label: str) -> None:
        with self.lock:
            self.statuses[label] += 1

    def problem(self, text: str) -> None:
        with self.lock:
            if len(self.problems) < 50:
                self.problems.append(text)


class GiveUp(Exception):
    pass


def checked_request(
    session: requests.Session, tally: Tally, stop_at: float, method: str, url: str, **kwargs: Any
) -> requests.Response:
    """One step, retried (same arguments, so the same idempotency key) until it is answered."""
    delay = 0.2
    while True:
        try:
            response = session.request(
                method, url, timeout=CLIENT_TIMEOUT, allow_redirects=False, **kwargs
            )
        except requests.Timeout:
            tally.saw("timeout")
            tally.problem(f"hang: {method} {url} gave no answer within {CLIENT_TIMEOUT:.0f} s")
        except requests.ConnectionError:
            tally.saw("connection error")
        else:
            status = response.status_code
            tally.saw(str(status))
            if status not in RETRYABLE:
                if status >= 500 or status == 429:
                    tally.problem(f"{status} from {method} {url}: {response.text[:200]!r}")
                return response
            if status == 503:
                if not response.headers.get("Retry-After"):
                    tally.problem(f"503 without Retry-After from {method} {url}")
                if "json" not in response.headers.get("Content-Type", "") and "/open311/" in url:
                    tally.problem(f"503 from the API that is not JSON: {url}")
        with tally.lock:
            tally.retries += 1
        if time.monotonic() > stop_at:
            raise GiveUp(f"{method} {url}")
        time.sleep(delay)
        delay = min(delay * 2, 2.0)


def open311_client(
    base: str, service: str, tally: Tally, soak_until: float, stop_at: float
) -> None:
    session = requests.Session()
    while time.monotonic() < soak_until:
        key = uuid.uuid4().hex
        data = {
            "api_key": OPEN311_KEY,
            "jurisdiction_id": MUNICIPALITY,
            "service_code": service,
            "lat": "55.7160",
            "long": "11.7130",
            "description": f"{MARKER} {key} hul i asfalten",
            "email": "drill@example.test",
        }
        try:
            response = checked_request(
                session,
                tally,
                stop_at,
                "POST",
                f"{base}/open311/v2/requests.json",
                data=data,
                headers={"Idempotency-Key": key},
            )
        except GiveUp:
            with tally.lock:
                tally.abandoned += 1
            continue
        if response.status_code != 200:
            tally.problem(f"open311 POST answered {response.status_code}: {response.text[:200]}")
            continue
        request_id = str(response.json()[0]["service_request_id"])
        with tally.lock:
            tally.acknowledged_open311[key] = request_id


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY_RE = re.compile(r'name="key" value="([^"]+)"')
RECEIPT_RE = re.compile(r"/report/receipt/([^/]+)/")


def web_client(
    base: str, kind: str, category: str, tally: Tally, soak_until: float, stop_at: float
) -> None:
    prefix = f"{base}/{MUNICIPALITY}/report"
    while time.monotonic() < soak_until:
        session = requests.Session()
        session.headers["Accept-Language"] = "en"
        try:
            page = checked_request(session, tally, stop_at, "GET", f"{prefix}/{kind}/")
            match = CSRF_RE.search(page.text)
            if page.status_code != 200 or not match:
                tally.problem(f"web form start page answered {page.status_code}")
                continue
            csrf = {"X-CSRFToken": match.group(1), "Referer": f"{prefix}/"}
            marker = uuid.uuid4().hex
            steps: list[tuple[str, dict[str, str]]] = [
                (f"{prefix}/{kind}/", {"category": category}),
                (
                    f"{prefix}/step/describe/",
                    {"title": f"{MARKER} {marker}", "description": "Et hul i vejen"},
                ),
                (
                    f"{prefix}/step/location/",
                    {"address": "", "postal_code": "", "lat": "55.716", "lon": "11.713"},
                ),
                (f"{prefix}/step/photos/", {"action": "next"}),
                (f"{prefix}/step/contact/", {"contact_email": "drill@example.test"}),
            ]
            ok = True
            for url, data in steps:
                response = checked_request(
                    session, tally, stop_at, "POST", url, data=data, headers=csrf
                )
                if response.status_code != 302:
                    tally.problem(f"web step {url} answered {response.status_code}")
                    ok = False
                    break
            if not ok:
                continue
            review = checked_request(session, tally, stop_at, "GET", f"{prefix}/step/review/")
            key = KEY_RE.search(review.text)
            if review.status_code != 200 or not key:
                tally.problem(f"web review page answered {review.status_code} without a key")
                continue
            sent = checked_request(
                session,
                tally,
                stop_at,
                "POST",
                f"{prefix}/step/review/",
                data={"key": key.group(1)},
                headers=csrf,
            )
            receipt = RECEIPT_RE.search(sent.headers.get("Location", ""))
            if sent.status_code != 302 or not receipt:
                tally.problem(f"web send answered {sent.status_code}: {sent.text[:200]}")
                continue
            with tally.lock:
                tally.acknowledged_web.add(receipt.group(1))
        except GiveUp:
            with tally.lock:
                tally.abandoned += 1


# ---------------------------------------------------------------------------
# Faults
# ---------------------------------------------------------------------------


def pg_command(action: str) -> list[list[str]]:
    """Ways to stop/start the local PostgreSQL on Debian, tried in order."""
    return [
        ["pg_ctlcluster", "15", "main", action],
        ["systemctl", action, "postgresql"],
        ["service", "postgresql", action],
    ]


def pg_control(action: str) -> str:
    for command in pg_command(action):
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)  # noqa: S603
        except (FileNotFoundError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return " ".join(command)
    raise RuntimeError(f"could not {action} PostgreSQL")


def wait_for_postgres(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            psql("SELECT 1")
            return
        except RuntimeError:
            time.sleep(0.5)
    raise RuntimeError("PostgreSQL did not come back")


def readyz(base: str) -> int:
    try:
        return requests.get(f"{base}/readyz", timeout=10).status_code
    except requests.RequestException:
        return 0


def poll_readyz(base: str, expected: int, timeout: float) -> list[int]:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = readyz(base)
        seen.append(status)
        if status == expected:
            break
        time.sleep(0.3)
    return seen


def database_outage(base: str, mode: str, down_seconds: float, result: dict[str, Any]) -> None:
    log(f"fault: database outage ({mode})")
    if mode == "restart":
        how = pg_control("stop")
        result["outage_command"] = how.replace("stop", "stop/start")
        try:
            seen = poll_readyz(base, 503, timeout=10)
            time.sleep(down_seconds)
        finally:
            pg_control("start")
            wait_for_postgres()
    else:
        psql(f"ALTER DATABASE {DB_NAME} ALLOW_CONNECTIONS false")
        psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 - our own name
            f"WHERE datname = '{DB_NAME}' AND pid <> pg_backend_pid()"
        )
        result["outage_command"] = "ALTER DATABASE … ALLOW_CONNECTIONS false + pg_terminate_backend"
        try:
            seen = poll_readyz(base, 503, timeout=10)
            time.sleep(down_seconds)
        finally:
            psql(f"ALTER DATABASE {DB_NAME} ALLOW_CONNECTIONS true")
    result["readyz_during_outage"] = seen
    after = poll_readyz(base, 200, timeout=30)
    result["readyz_after_outage"] = after
    log(f"readyz during the outage {seen[-3:]}, after {after[-1:]}")


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(  # noqa: S603 - fixed command
        ["pgrep", "-P", str(master)],  # noqa: S607 - procps from the PATH
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return sorted(int(pid) for pid in out.split())


def kill_worker(master: int, workers: int, result: dict[str, Any]) -> None:
    before = worker_pids(master)
    if not before:
        result["worker_respawned"] = False
        return
    victim = before[0]
    log(f"fault: SIGKILL to gunicorn worker {victim}")
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 20
    after: list[int] = []
    while time.monotonic() < deadline:
        after = worker_pids(master)
        if victim not in after and len(after) >= workers:
            break
        time.sleep(0.2)
    result["killed_worker"] = victim
    result["worker_respawned"] = victim not in after and len(after) >= workers


# ---------------------------------------------------------------------------
# The drill
# ---------------------------------------------------------------------------


def prepare_database(env: dict[str, str]) -> None:
    log(f"database {DB_NAME}: create, migrate, load the demo")
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    for command in (["migrate", "--noinput", "-v", "0"], ["enkelt_demo"]):
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603


def pick_categories(env: dict[str, str]) -> tuple[str, tuple[str, str]]:
    """An Open311 service and a web-form (kind, category) without required extra questions."""
    code = (
        "import json\n"
        "from enkelt.submissions.models import Category\n"
        "cats = [c for c in Category.objects.filter(municipality__slug='demo', is_active=True)"
        ".prefetch_related('questions')"
        " if not c.photo_required and not any(q.required for q in c.questions.all())]\n"
        "print(json.dumps([[c.code, c.kind, c.questions.exists()] for c in cats]))\n"
    )
    out = subprocess.run(  # noqa: S603 - fixed command
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    categories = json.loads(out.strip().splitlines()[-1])
    faults = [c for c in categories if c[1] == "fault"] or categories
    plain = [c for c in categories if not c[2]] or categories
    return faults[0][0], (plain[0][1], plain[0][0])


def stored_counts(env: dict[str, str]) -> dict[str, Any]:
    code = (
        "import json\n"
        "from django.db.models import Count\n"
        "from enkelt.submissions.models import Submission\n"
        "demo = Submission.objects.filter(municipality__slug='demo')\n"
        f"rows = demo.filter(title__startswith='{MARKER} ')"
        f" | demo.filter(description__startswith='{MARKER} ')\n"
        "rows = rows.distinct()\n"
        "keys = rows.filter(channel='open311').values_list('idempotency_key', flat=True)\n"
        "print(json.dumps({\n"
        " 'open311_keys': list(keys),\n"
        " 'web_codes': list(rows.filter(channel='web').values_list('tracking_code', flat=True)),\n"
        " 'web_titles_duplicated': list(rows.filter(channel='web').values('title')"
        ".annotate(n=Count('id')).filter(n__gt=1).values_list('title', flat=True)),\n"
        "}))\n"
    )
    out = subprocess.run(  # noqa: S603 - fixed command
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def start_server(
    env: dict[str, str], port: int, workers: int, log_path: Path
) -> subprocess.Popen[bytes]:
    log(f"gunicorn on 127.0.0.1:{port} with {workers} workers")
    handle = log_path.open("wb")
    server = subprocess.Popen(  # noqa: S603 - fixed command
        [
            GUNICORN,
            "config.wsgi",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log_path}")
        if readyz(base) == 200:
            return server
        time.sleep(0.3)
    server.terminate()
    server.wait(timeout=20)
    raise RuntimeError(f"gunicorn did not become ready; see {log_path}")


def run(args: argparse.Namespace) -> int:
    out_dir = ROOT / "var" / "drills"
    out_dir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    env = server_env(port)
    prepare_database(env)
    service, (kind, category) = pick_categories(env)
    log(f"open311 service {service!r}, web form {kind}/{category}")
    server = start_server(env, port, args.workers, out_dir / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    result: dict[str, Any] = {
        "duration_s": args.duration,
        "clients": args.clients,
        "workers": args.workers,
        "outage_mode": args.outage,
    }
    tally = Tally()
    try:
        started = time.monotonic()
        soak_until = started + args.duration
        stop_at = soak_until + 60  # retries of work begun during the soak may run a while longer
        threads = []
        for index in range(args.clients):
            if index % 2 == 0:
                target: Any = open311_client
                arguments: tuple[Any, ...] = (base, service, tally, soak_until, stop_at)
            else:
                target = web_client
                arguments = (base, kind, category, tally, soak_until, stop_at)
            thread = threading.Thread(target=target, args=arguments, daemon=True)
            thread.start()
            threads.append(thread)
        log(f"soak: {args.clients} clients for {args.duration} s")
        time.sleep(args.duration * 0.3)
        database_outage(base, args.outage, args.down, result)
        time.sleep(max(0.0, started + args.duration * 0.6 - time.monotonic()))
        kill_worker(server.pid, args.workers, result)
        for thread in threads:
            thread.join(timeout=max(1.0, stop_at + CLIENT_TIMEOUT - time.monotonic()))
        result["clients_finished"] = not any(t.is_alive() for t in threads)
        result["elapsed_s"] = round(time.monotonic() - started, 1)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    stored = stored_counts(env)
    acked_keys = set(tally.acknowledged_open311)
    stored_keys = stored["open311_keys"]
    stored_codes = stored["web_codes"]
    result.update(
        statuses=dict(tally.statuses),
        retries=tally.retries,
        abandoned=tally.abandoned,
        acknowledged={"open311": len(acked_keys), "web": len(tally.acknowledged_web)},
        stored={"open311": len(stored_keys), "web": len(stored_codes)},
        problems=tally.problems,
    )
    checks = {
        "some submissions acknowledged": len(acked_keys) > 0 and len(tally.acknowledged_web) > 0,
        "every acknowledged submission stored": acked_keys <= set(stored_keys)
        and tally.acknowledged_web <= set(stored_codes),
        "nothing stored that was not acknowledged": set(stored_keys) <= acked_keys
        and set(stored_codes) <= tally.acknowledged_web,
        "no duplicates": len(stored_keys) == len(set(stored_keys))
        and not stored["web_titles_duplicated"],
        "no 500, no hang, only clear retryable errors": not tally.problems,
        "no client gave up": tally.abandoned == 0 and result.get("clients_finished", False),
        "/readyz 503 during the outage": 503 in result.get("readyz_during_outage", []),
        "/readyz 200 after the outage": result.get("readyz_after_outage", [0])[-1] == 200,
        "killed worker replaced": bool(result.get("worker_respawned")),
    }
    result["checks"] = checks
    result["passed"] = all(checks.values())
    (out_dir / "result.json").write_text(json.dumps(result, indent=2, default=str) + "\n")
    print()
    print(f"{'check':<48} result")
    for name, ok in checks.items():
        print(f"{name:<48} {'ok' if ok else 'FAILED'}")
    print(
        f"acknowledged open311 {len(acked_keys)} web {len(tally.acknowledged_web)}; "
        f"stored open311 {len(stored_keys)} web {len(stored_codes)}; retries {tally.retries}"
    )
    print(f"statuses seen: {dict(sorted(tally.statuses.items()))}")
    for problem in tally.problems[:10]:
        print(f"  problem: {problem}")
    print(f"details: {out_dir / 'result.json'}")
    if not args.keep_database:
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return 0 if result["passed"] else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="bounded form for CI (~2 min)")
    parser.add_argument("--duration", type=float, default=600, help="soak seconds (default 600)")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--down", type=float, default=2.0, help="seconds the database stays down")
    parser.add_argument(
        "--outage",
        choices=["restart", "database"],
        default=os.environ.get("DRILLS_OUTAGE", "restart"),
        help="restart PostgreSQL, or only close this database to connections",
    )
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    if args.short:
        args.duration = min(args.duration, 45)
        args.clients = min(args.clients, 4)
        args.workers = min(args.workers, 2)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
