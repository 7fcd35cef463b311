"""The benchmark's database: a fresh PostgreSQL database, or SQLite when it is unreachable."""

from dataclasses import dataclass
from pathlib import Path

BENCH_DB = "enkelt_bench"
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"


@dataclass(frozen=True)
class Database:
    url: str
    engine: str  # "postgresql" or "sqlite"
    note: str


def _fresh_postgres() -> Database:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=PG_HOST,
        port=PG_PORT,
        user=PG_USER,
        dbname="postgres",
        connect_timeout=3,
        autocommit=True,
    ) as conn:
        name = sql.Identifier(BENCH_DB)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return Database(
        f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}",
        "postgresql",
        f"fresh PostgreSQL database {BENCH_DB} on {PG_HOST}:{PG_PORT}",
    )


def _fresh_sqlite(var_dir: Path, reason: str) -> Database:
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return Database(
        f"sqlite:///{path}",
        "sqlite",
        f"PostgreSQL unreachable ({reason}); fell back to SQLite at {path} - "
        "numbers are NOT comparable with PostgreSQL runs",
    )


def prepare_database(database_url: str | None, var_dir: Path) -> Database:
    """The given URL as it is, else a freshly created enkelt_bench (dropped first)."""
    if database_url:
        engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
        return Database(database_url, engine, "given with --database-url (used as it is)")
    try:
        return _fresh_postgres()
    except Exception as exc:  # ImportError, OperationalError: any reason means no PostgreSQL
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _fresh_sqlite(var_dir, reason)
