"""Isolation at scale: the isolation walker run on top of the generated 98 municipalities.

    python -m bench.isolation [--scale 0.01] [--seed 1]      (also run by `bench/run.py --full`)

`enkelt/tenants/tests/test_isolation.py` walks every URL pattern and every API operation
of the OpenAPI schema as staff of one municipality (B) pointed at another's (A) objects.
Here it runs unchanged, but its test database is a copy of the generated data set
(`CREATE DATABASE ... TEMPLATE`, then pytest-django's `--reuse-db`), so every page and
API operation is requested with 98 other municipalities' rows present: a query that
forgets its municipality filter, or a `.first()` that picks whichever tenant's row comes
first, now has other tenants' data to show. The plugin below adds those municipalities'
private e-mail domains (`@kommune-NN.example`, on every generated submission and staff
user) to the walker's private markers, so any such leak fails the walk.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
WALKER = "enkelt/tenants/tests/test_isolation.py"
ISOLATION_DB = "enkelt_bench_isolation"  # pytest-django uses test_<this>


def generated_markers(count: int = 98) -> list[str]:
    """Private strings of the generated municipalities (see bench/generate.py)."""
    return [f"@kommune-{i:02d}.example" for i in range(1, count + 1)]


@pytest.hookimpl(hookwrapper=True)
def pytest_pyfunc_call(pyfuncitem: Any) -> Any:
    """Plugin (`-p bench.isolation`): the walker's world also guards the generated data."""
    world = pyfuncitem.funcargs.get("world")
    if world is not None and hasattr(world, "private_markers"):
        world.private_markers.extend(generated_markers())
    yield


def copy_database(template: str, target: str) -> None:
    import psycopg
    from psycopg import sql

    from bench.database import PG_HOST, PG_PORT, PG_USER

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(template)
            )
        )


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    from bench.database import PG_HOST, PG_PORT, PG_USER

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def parse_summary(output: str) -> dict[str, int]:
    """Counts from pytest's last line, e.g. '812 passed, 3 skipped in 95.1s'."""
    counts: dict[str, int] = {}
    for number, word in re.findall(r"(\d+) (passed|failed|skipped|errors?|xfailed)", output):
        counts["errors" if word.startswith("error") else word] = int(number)
    return counts


def run_walker(template_db: str, *, timeout_s: float = 1800) -> dict[str, Any]:
    """The walker on a copy of `template_db`; returns counts, seconds and failing tests."""
    from bench.generate import bench_database_url

    copy_database(template_db, f"test_{ISOLATION_DB}")
    env = dict(os.environ, DATABASE_URL=bench_database_url(ISOLATION_DB))
    env.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's own (config.settings.test)
    started = time.monotonic()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            WALKER,
            "-p",
            "bench.isolation",
            "--reuse-db",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    counts = parse_summary(completed.stdout.strip().splitlines()[-1] if completed.stdout else "")
    failing = re.findall(r"^FAILED (\S+)", completed.stdout, re.MULTILINE)
    return {
        "walker": WALKER,
        "data_set": template_db,
        "passed": counts.get("passed", 0),
        "failed": counts.get("failed", 0) + counts.get("errors", 0),
        "skipped": counts.get("skipped", 0),
        "seconds": round(time.monotonic() - started, 1),
        "failing": failing[:50],
        "ok": completed.returncode == 0,
        "tail": "" if completed.returncode == 0 else completed.stdout[-3000:],
    }


def main(argv: list[str] | None = None) -> int:
    from bench.generate import FULL_DB, SMALL_SCALE, bench_database_url, ensure_database

    parser = argparse.ArgumentParser(description="The isolation walker on the generated data.")
    parser.add_argument("--scale", type=float, default=SMALL_SCALE)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    name = FULL_DB if args.scale == 1.0 else f"{FULL_DB}_small"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    ensure_database(bench_database_url(name), seed=args.seed, scale=args.scale)
    result = run_walker(name)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    sys.exit(main())
