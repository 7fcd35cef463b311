"""The large data set of performance.md, bulk-loaded into PostgreSQL with COPY.

    python -m bench.generate --database-url postgres://postgres@127.0.0.1:5432/enkelt_bench_full
    python -m bench.generate --small --seed 7 --database-url ...

98 municipalities, the first (`kommune-01`) ten times larger than the others;
1,000,000 submissions (each with its history), 100,000 rules with 1-3 activities,
20,000 simplification cases, a strategy plan per municipality, 5,000 goals with
an indicator each and 100,000 measurements, 100,000 catalogue examples. `--small`
is 1/100 of every count except the municipalities (the isolation walk needs all
98). The same seed, scale and anchor date give the same rows (same checksums):
every value, primary keys, UUIDs and timestamps included, comes from seeded
generators, never from the clock or `uuid4`.

Columns not set here take the model field's default (or NULL / ""), read from
Django's model metadata, so every column a model requires is filled. The database
is created (dropped first) and migrated by `ensure_database`; a marker in its
comment (seed, scale, anchor, migrations) lets the next run reuse it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import hashlib
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 1
FULL_DB = "enkelt_bench_full"
SMALL_SCALE = 0.01
MUNICIPALITIES = 98
LARGE_FACTOR = 10
BENCH_PASSWORD = "bench"  # noqa: S105 - the generated staff users of a local benchmark
BENCH_OPEN311_KEY = "bench-open311-key"
UTC = dt.UTC

# The full counts of performance.md.
FULL_COUNTS = {
    "submissions": 1_000_000,
    "rules": 100_000,
    "cases": 20_000,
    "goals": 5_000,
    "measurements": 100_000,
    "examples": 100_000,
}

ROLES = (  # username suffix, role, where in the unit tree
    ("direktoer", "director", "core"),
    ("chef", "chief", "core"),
    ("leder", "leader", "department"),
    ("medarbejder", "employee", "department"),
    ("politiker", "council_member", "core"),
)

CORE_AREAS = ("Borger og Arbejdsmarked", "Børn og Unge", "Sundhed og Omsorg", "Teknik og Miljø")
DEPARTMENTS = ("Sekretariat", "Myndighed", "Drift")
CATEGORIES = (  # code, kind, Danish name
    ("huller-i-vejen", "fault", "Huller i vejen"),
    ("gadelys", "fault", "Gadelys i stykker"),
    ("affald", "fault", "Affald og henkastet skrald"),
    ("graffiti", "fault", "Graffiti"),
    ("skilte", "fault", "Skilte og afmærkning"),
    ("bureaukrati", "hassle", "Unødigt bureaukrati"),
    ("blanketter", "hassle", "Besværlige blanketter"),
    ("ideer", "idea", "Idé til forbedring"),
)
STATUSES = (  # status, weight
    ("received", 15),
    ("in_progress", 15),
    ("answered", 30),
    ("closed", 35),
    ("rejected", 5),
)
REJECTIONS = ("duplicate", "not_ours", "spam", "blank")
STREETS = ("Algade", "Østergade", "Vestergade", "Nørregade", "Søndergade", "Skolevej", "Kirkevej")
NOUNS = (
    "dokumentation", "registrering", "indberetning", "godkendelse", "kontrol", "skema",
    "blanket", "procedure", "tilsyn", "opfølgning", "handleplan", "ansøgning", "sagsbehandling",
    "mødeaktivitet", "rapportering", "journalisering", "visitation", "kvalitetsstandard",
    "forenkling", "tillid", "arbejdsgang", "selvbetjening", "tidsregistrering", "afrapportering",
)  # fmt: skip
ADJECTIVES = (
    "dobbelt", "manuel", "årlig", "månedlig", "digital", "fælles", "lokal", "unødvendig",
    "tung", "enkel", "ny", "samlet", "løbende", "forældet",
)  # fmt: skip
PLACES = (
    "daginstitutioner", "skoler", "plejecentre", "hjemmeplejen", "jobcentret", "vejafdelingen",
    "borgerservice", "biblioteket", "ældreområdet", "socialområdet", "tandplejen", "PPR",
)  # fmt: skip
VERBS = (
    "afskaffede", "forenklede", "samlede", "digitaliserede", "halverede", "droppede",
    "automatiserede", "uddelegerede",
)  # fmt: skip
RULE_KINDS = (
    "internal_rule", "documentation_requirement", "reporting_obligation",
    "approval_requirement", "procedure", "form", "control",
)  # fmt: skip
RULE_ORIGINS = (
    "council", "committee", "administration", "institution", "state_law",
    "executive_order", "state_guidance", "eu", "kl_agreement",
)  # fmt: skip
OUTCOMES = ("abolished", "streamlined", "kept", "escalated", "not_handled")
DECISION_LEVELS = ("leader", "chief", "directors", "committee", "council")
RELATIONS = ("council_administration", "administration_institutions", "municipality_citizens")
STRATEGY_TYPES = (
    "broad_simplification", "efficiency_strategy", "lean_workflows", "task_placement",
    "trust_in_employees", "digital_solutions", "innovation", "new_steering_models",
)  # fmt: skip
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass(frozen=True)
class Sizes:
    """Counts of one data set; `scale` 1.0 is performance.md's full size."""

    scale: float
    municipalities: int = MUNICIPALITIES
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        if not 0 < scale <= 1:
            raise ValueError(f"scale must be in (0, 1], got {scale}")
        return cls(scale, counts={k: max(1, round(v * scale)) for k, v in FULL_COUNTS.items()})

    def weights(self) -> list[int]:
        """The first municipality is LARGE_FACTOR times larger than each of the others."""
        return [LARGE_FACTOR] + [1] * (self.municipalities - 1)

    def split(self, total: int) -> list[int]:
        """`total` spread over the municipalities by weight (largest remainder; sums to total)."""
        weights = self.weights()
        whole = sum(weights)
        shares = [total * w // whole for w in weights]
        by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
        for i in by_remainder[: total - sum(shares)]:
            shares[i] += 1
        return shares


def tracking_code(municipality_index: int, n: int) -> str:
    """A unique, readable code per (municipality, n): n mapped through a bijection of 31^6."""
    space = len(TRACKING_ALPHABET) ** 6
    value = (n * 387_420_489 + municipality_index * 7_919) % space  # 387420489 = 3^18, coprime
    chars = []
    for _ in range(6):
        value, digit = divmod(value, len(TRACKING_ALPHABET))
        chars.append(TRACKING_ALPHABET[digit])
    return f"{''.join(chars[:3])}-{''.join(chars[3:])}"


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def rng_for(seed: int, table: str) -> random.Random:
    """One generator per table, so that a table's rows do not depend on the others."""
    return random.Random(f"{seed}:{table}")


# --- COPY with model metadata -------------------------------------------------------------


class Table:
    """COPY rows into a model's table: the given columns, then every other column's default."""

    def __init__(self, model: Any, given: Sequence[str]) -> None:
        self.model = model
        self.name: str = model._meta.db_table
        self.given = list(given)
        tail_columns: list[str] = []
        tail_values: list[Any] = []
        known = set(self.given)
        for f in model._meta.concrete_fields:
            if f.column in known:
                continue
            if f.primary_key:
                raise ValueError(f"{self.name}: give the primary key {f.column}")
            tail_columns.append(f.column)
            tail_values.append(self._default(f))
        self.columns = self.given + tail_columns
        self.tail = tuple(tail_values)

    def _default(self, f: Any) -> Any:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            raise ValueError(f"{self.name}: give {f.column} (timestamps come from the seed)")
        if f.has_default():
            default = f.default
            if callable(default):
                if default in (dict, list):
                    return json.dumps(default())
                raise ValueError(f"{self.name}: give {f.column} (its default is {default!r})")
            if isinstance(default, enum.Enum):
                default = default.value
            if f.get_internal_type() == "JSONField":
                return json.dumps(default)
            return default
        if f.null:
            return None
        if f.blank and f.get_internal_type() in {
            "CharField",
            "TextField",
            "SlugField",
            "EmailField",
            "URLField",
        }:
            return ""
        raise ValueError(f"{self.name}: column {f.column} is required")

    def copy(self, cursor: Any, rows: Iterable[Sequence[Any]]) -> int:
        from psycopg import sql

        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            [self.name],
        )
        existing = {row[0] for row in cursor.fetchall()}
        missing = [c for c in self.given if c not in existing]
        if missing:
            raise RuntimeError(f"{self.name} has no column {missing}: migrate first")
        # A field on the model that no migration has created yet (another app's work in
        # progress) is left out rather than failing the whole load.
        keep = [i for i, c in enumerate(self.columns) if c in existing]
        if len(keep) < len(self.columns):
            log(f"{self.name}: not in the table, skipped: {set(self.columns) - existing}")
        first_tail = len(self.given)
        tail = tuple(self.tail[i - first_tail] for i in keep if i >= first_tail)
        columns = [self.columns[i] for i in keep]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.name), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        count = 0
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row((*row, *tail))
                count += 1
        return count


def next_id(cursor: Any, table: str) -> int:
    from psycopg import sql

    cursor.execute(sql.SQL("SELECT coalesce(max(id), 0) + 1 FROM {}").format(sql.Identifier(table)))
    return int(cursor.fetchone()[0])


def reset_sequence(cursor: Any, table: str) -> None:
    from psycopg import sql

    cursor.execute(
        sql.SQL(
            "SELECT setval(pg_get_serial_sequence({name}, 'id'), "
            "(SELECT coalesce(max(id), 1) FROM {table}))"
        ).format(name=sql.Literal(table), table=sql.Identifier(table))
    )


# --- the data set --------------------------------------------------------------------------


@dataclass
class Municipality:
    index: int  # 1-based; 1 is the large one
    id: int
    slug: str
    name: str
    core_units: list[int] = field(default_factory=list)
    department_units: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)  # role suffix -> user id
    categories: list[tuple[int, str, str, int]] = field(
        default_factory=list
    )  # id, code, kind, unit
    rules: list[int] = field(default_factory=list)
    initiatives: list[int] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)


class Generator:
    def __init__(self, conn: Any, *, seed: int, scale: float, anchor: dt.date) -> None:
        self.conn = conn
        self.cursor = conn.cursor()
        self.seed = seed
        self.sizes = Sizes.for_scale(scale)
        self.anchor = anchor
        # Every timestamp lies before this instant (the anchor day, noon UTC).
        self.now = dt.datetime(anchor.year, anchor.month, anchor.day, 12, tzinfo=UTC)
        self.municipalities: list[Municipality] = []
        self.counts: dict[str, int] = {}
        self.context: dict[str, str] = {}

    def models(self) -> dict[str, Any]:
        from django.apps import apps

        return {m._meta.label: m for m in apps.get_models()}

    def when(self, rng: random.Random, days_back: int = 3 * 365) -> dt.datetime:
        return self.now - dt.timedelta(seconds=rng.randrange(days_back * 86_400))

    def copy(self, label: str, given: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        model = self.models()[label]
        table = Table(model, given)
        started = time.monotonic()
        count = table.copy(self.cursor, rows)
        if "id" in given:
            reset_sequence(self.cursor, table.name)
        self.counts[table.name] = self.counts.get(table.name, 0) + count
        log(f"{table.name}: {count:,} rows in {time.monotonic() - started:.1f} s")
        return count

    def ids(self, label: str) -> int:
        return next_id(self.cursor, self.models()[label]._meta.db_table)

    # -- tenants, users ----------------------------------------------------------------------

    def tenants(self) -> None:
        rng = rng_for(self.seed, "tenants")
        first = self.ids("tenants.Municipality")
        stamp = self.now - dt.timedelta(days=4 * 365)
        for i in range(1, self.sizes.municipalities + 1):
            name = "Storby Kommune" if i == 1 else f"Kommune {i:02d}"
            self.municipalities.append(Municipality(i, first + i - 1, f"kommune-{i:02d}", name))
        self.copy(
            "tenants.Municipality",
            ["id", "slug", "name", "inhabitants", "created_at", "updated_at"],
            (
                (
                    m.id,
                    m.slug,
                    m.name,
                    rng.randrange(400_000, 650_000)
                    if m.index == 1
                    else rng.randrange(5_000, 60_000),
                    stamp,
                    stamp,
                )
                for m in self.municipalities
            ),
        )
        unit_id = self.ids("tenants.Unit")
        units: list[tuple[Any, ...]] = []
        for m in self.municipalities:
            for a, area in enumerate(CORE_AREAS):
                core = unit_id
                unit_id += 1
                m.core_units.append(core)
                units.append((core, m.id, None, "core_area", area, f"omraade-{a + 1}"))
                for d, dept in enumerate(DEPARTMENTS):
                    m.department_units.append(unit_id)
                    units.append(
                        (
                            unit_id,
                            m.id,
                            core,
                            "department",
                            f"{dept}, {area}",
                            f"afd-{a + 1}-{d + 1}",
                        )
                    )
                    unit_id += 1
        self.copy(
            "tenants.Unit",
            [
                "id",
                "municipality_id",
                "parent_id",
                "kind",
                "name",
                "slug",
                "created_at",
                "updated_at",
            ],
            ((*u, stamp, stamp) for u in units),
        )

    def users(self) -> None:
        from django.contrib.auth.hashers import make_password

        # A fixed salt: the same seed gives the same rows (the password is `bench`).
        password = make_password(BENCH_PASSWORD, salt="enkeltbenchsalt")
        stamp = self.now - dt.timedelta(days=4 * 365)
        user_id = self.ids("accounts.User")
        users, memberships = [], []
        member_id = self.ids("tenants.Membership")
        for m in self.municipalities:
            for suffix, role, place in ROLES:
                unit = m.core_units[0] if place == "core" else m.department_units[0]
                m.users[suffix] = user_id
                users.append(
                    (
                        user_id,
                        password,
                        f"{m.slug}-{suffix}",
                        suffix.title(),
                        m.name,
                        f"{suffix}@{m.slug}.example",  # private, like the citizens' addresses
                    )
                )
                memberships.append((member_id, user_id, m.id, unit, role, stamp, stamp))
                user_id += 1
                member_id += 1
        self.copy(
            "accounts.User",
            ["id", "password", "username", "first_name", "last_name", "email", "date_joined"],
            ((*u, stamp) for u in users),
        )
        self.copy(
            "tenants.Membership",
            ["id", "user_id", "municipality_id", "unit_id", "role", "created_at", "updated_at"],
            memberships,
        )

    # -- submissions -------------------------------------------------------------------------

    def categories(self) -> None:
        stamp = self.now - dt.timedelta(days=4 * 365)
        category_id = self.ids("submissions.Category")
        rows = []
        for m in self.municipalities:
            for order, (code, kind, name) in enumerate(CATEGORIES):
                unit = m.department_units[order % len(m.department_units)]
                m.categories.append((category_id, code, kind, unit))
                rows.append((category_id, m.id, code, kind, name, unit, order, stamp, stamp))
                category_id += 1
        self.copy(
            "submissions.Category",
            [
                "id",
                "municipality_id",
                "code",
                "kind",
                "name_da",
                "unit_id",
                "sort_order",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        api_id = self.ids("open311.ApiKey")
        key_hash = hashlib.sha256(BENCH_OPEN311_KEY.encode()).hexdigest()
        large = self.municipalities[0]
        self.copy(
            "open311.ApiKey",
            ["id", "municipality_id", "name", "key_hash", "key_prefix", "created_at", "updated_at"],
            [(api_id, large.id, "Bench client", key_hash, BENCH_OPEN311_KEY[:8], stamp, stamp)],
        )

    def submissions(self) -> None:
        rng = rng_for(self.seed, "submissions")
        shares = self.sizes.split(self.sizes.counts["submissions"])
        statuses = [s for s, _ in STATUSES]
        weights = [w for _, w in STATUSES]
        first_id = self.ids("submissions.Submission")
        events: list[tuple[Any, ...]] = []
        sample: dict[str, str] = {}

        def rows() -> Iterator[tuple[Any, ...]]:
            sid = first_id
            for m, share in zip(self.municipalities, shares, strict=True):
                for n in range(share):
                    cat_id, _code, kind, unit = m.categories[rng.randrange(len(m.categories))]
                    status = rng.choices(statuses, weights)[0]
                    created = self.when(rng)
                    public_id = seeded_uuid(rng)
                    noun, adjective = rng.choice(NOUNS), rng.choice(ADJECTIVES)
                    title = f"{adjective.capitalize()} {noun} ved {rng.choice(STREETS)}"
                    description = (
                        f"Der er {adjective} {noun} ved {rng.choice(PLACES)}. Det har stået på "
                        f"i {rng.randrange(2, 30)} dage."
                    )
                    located = kind == "fault"
                    lat = Decimal(f"{rng.uniform(54.8, 57.6):.6f}") if located else None
                    lon = Decimal(f"{rng.uniform(8.2, 12.6):.6f}") if located else None
                    answered = created + dt.timedelta(days=rng.randrange(1, 20))
                    done = status in ("answered", "closed", "rejected")
                    code_ = tracking_code(m.index, n)
                    if not sample and m.index == 1 and status == "answered":
                        sample.update(tracking_code=code_, submission_id=str(public_id))
                    yield (
                        sid,
                        public_id,
                        m.id,
                        code_,
                        kind,
                        cat_id,
                        title,
                        description,
                        status,
                        rng.choice(REJECTIONS) if status == "rejected" else "",
                        lat,
                        lon,
                        f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                        f"{rng.randrange(1000, 9990)}",
                        title,
                        description,
                        "Tak for din henvendelse. Vi har rettet det." if done else "",
                        answered if done else None,
                        (created + dt.timedelta(days=14)).date(),
                        unit,
                        # Private: never on a public page nor to another municipality
                        # (bench/isolation.py looks for these addresses).
                        f"Borger {sid}",
                        f"borger{sid}@{m.slug}.example",
                        created,
                        answered if done else created,
                    )
                    events.append((m.id, sid, "created", "", "received", created))
                    if status != "received":
                        events.append((m.id, sid, "status_changed", "received", status, answered))
                    sid += 1

        self.copy(
            "submissions.Submission",
            [
                "id",
                "public_id",
                "municipality_id",
                "tracking_code",
                "kind",
                "category_id",
                "title",
                "description",
                "status",
                "rejection_reason",
                "lat",
                "lon",
                "address",
                "postal_code",
                "public_title",
                "public_description",
                "public_answer",
                "answered_at",
                "due_at",
                "unit_id",
                "contact_name",
                "contact_email",
                "created_at",
                "updated_at",
            ],
            rows(),
        )
        event_id = self.ids("submissions.SubmissionEvent")
        self.copy(
            "submissions.SubmissionEvent",
            [
                "id",
                "municipality_id",
                "submission_id",
                "kind",
                "status_from",
                "status_to",
                "created_at",
                "is_public",
            ],
            ((event_id + i, *e, True) for i, e in enumerate(events)),
        )
        self.context.update(sample)
        self.context["fault_service_code"] = CATEGORIES[0][0]

    # -- rules, cases ------------------------------------------------------------------------

    def rules(self) -> None:
        rng = rng_for(self.seed, "rules")
        shares = self.sizes.split(self.sizes.counts["rules"])
        rule_id = self.ids("regulations.Rule")
        activities: list[tuple[Any, ...]] = []
        activity_id = self.ids("regulations.Activity")

        def rows() -> Iterator[tuple[Any, ...]]:
            nonlocal rule_id, activity_id
            for m, share in zip(self.municipalities, shares, strict=True):
                for _ in range(share):
                    created = self.when(rng, 4 * 365)
                    hours = Decimal(0)
                    for a in range(rng.randrange(1, 4)):
                        population = Decimal(rng.randrange(1, 2_000))
                        frequency = Decimal(rng.choice((1, 2, 4, 12, 52)))
                        minutes = Decimal(rng.randrange(2, 240))
                        hours += minutes / 60 * population * frequency
                        activities.append(
                            (
                                activity_id,
                                m.id,
                                rule_id,
                                f"{rng.choice(NOUNS).capitalize()} ({a + 1})",
                                population,
                                frequency,
                                minutes,
                                a,
                                created,
                                created,
                            )
                        )
                        activity_id += 1
                    hours = hours.quantize(Decimal("0.01"))
                    m.rules.append(rule_id)
                    yield (
                        rule_id,
                        seeded_uuid(rng),
                        m.id,
                        f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} på "
                        f"{rng.choice(PLACES)} nr. {rule_id}",
                        rng.choice(RULE_KINDS),
                        rng.choice(RULE_ORIGINS),
                        rng.choice(m.core_units + m.department_units),
                        hours,
                        (hours * Decimal(450)).quantize(Decimal("0.01")),
                        (hours / Decimal(1924)).quantize(Decimal("0.0001")),
                        created,
                        created,
                    )
                    rule_id += 1

        self.copy(
            "regulations.Rule",
            [
                "id",
                "public_id",
                "municipality_id",
                "title",
                "kind",
                "origin",
                "owner_unit_id",
                "hours_per_year",
                "cost_per_year",
                "fte",
                "created_at",
                "updated_at",
            ],
            rows(),
        )
        self.copy(
            "regulations.Activity",
            [
                "id",
                "municipality_id",
                "rule_id",
                "name",
                "population",
                "frequency_per_year",
                "minutes_per_occurrence",
                "sort_order",
                "created_at",
                "updated_at",
            ],
            activities,
        )

    def cases(self) -> None:
        rng = rng_for(self.seed, "cases")
        shares = self.sizes.split(self.sizes.counts["cases"])
        case_id = self.ids("simplification.Case")

        def rows() -> Iterator[tuple[Any, ...]]:
            nonlocal case_id
            for m, share in zip(self.municipalities, shares, strict=True):
                for rule in rng.sample(m.rules, min(share, len(m.rules))):
                    flagged = self.when(rng, 2 * 365)
                    stage = rng.choices(("flagged", "selected", "decided"), (40, 25, 35))[0]
                    outcome = rng.choice(OUTCOMES) if stage == "decided" else ""
                    selected = flagged + dt.timedelta(days=rng.randrange(5, 60))
                    decided = selected + dt.timedelta(days=rng.randrange(5, 90))
                    freed = outcome in ("abolished", "streamlined")
                    yield (
                        case_id,
                        seeded_uuid(rng),
                        m.id,
                        rule,
                        stage,
                        outcome,
                        "Reglen sikrer retssikkerheden." if outcome == "kept" else "",
                        flagged.date(),
                        selected.date() if stage != "flagged" else None,
                        rng.choice(DECISION_LEVELS) if stage == "decided" else "",
                        decided.date() if stage == "decided" else None,
                        Decimal(rng.randrange(10, 2_000)) if freed else None,
                        flagged,
                        decided if stage == "decided" else flagged,
                    )
                    case_id += 1

        self.copy(
            "simplification.Case",
            [
                "id",
                "public_id",
                "municipality_id",
                "rule_id",
                "stage",
                "outcome",
                "reason",
                "flagged_on",
                "selected_on",
                "decision_level",
                "decided_on",
                "expected_freed_hours_per_year",
                "created_at",
                "updated_at",
            ],
            rows(),
        )

    # -- strategy, goals ---------------------------------------------------------------------

    def strategy(self) -> None:
        rng = rng_for(self.seed, "strategy")
        year = self.anchor.year
        stamp = self.now - dt.timedelta(days=300)
        plans: list[tuple[Any, ...]] = []
        areas: list[tuple[Any, ...]] = []
        programmes: list[tuple[Any, ...]] = []
        initiatives: list[tuple[Any, ...]] = []
        agreements: list[tuple[Any, ...]] = []
        plan_id = self.ids("strategy.StrategyPlan")
        area_id = self.ids("strategy.DevelopmentArea")
        programme_id = self.ids("strategy.Programme")
        initiative_id = self.ids("strategy.Initiative")
        agreement_id = self.ids("strategy.Agreement")
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for m in self.municipalities:
            plans.append(
                (
                    plan_id,
                    seeded_uuid(rng),
                    m.id,
                    f"Strategi {year}-{year + 3}",
                    start,
                    stamp,
                    stamp,
                )
            )
            for a in range(3):
                areas.append((area_id, plan_id, f"Udviklingsområde {a + 1}", a, stamp, stamp))
                for p in range(2):
                    programmes.append(
                        (programme_id, area_id, f"Program {a + 1}.{p + 1}", p, stamp, stamp)
                    )
                    for i in range(3):
                        status = rng.choice(("planned", "active", "active", "done"))
                        rag = rng.choice(("green", "amber", "red", "not_set"))
                        m.initiatives.append(initiative_id)
                        initiatives.append(
                            (
                                initiative_id,
                                seeded_uuid(rng),
                                m.id,
                                programme_id,
                                f"Indsats {a + 1}.{p + 1}.{i + 1}: {rng.choice(NOUNS)}",
                                rng.choice(m.core_units),
                                start,
                                end,
                                status,
                                rag,
                                stamp,
                                stamp,
                            )
                        )
                        initiative_id += 1
                    programme_id += 1
                area_id += 1
            plan_id += 1
            director = agreement_id
            agreements.append(
                (director, seeded_uuid(rng), m.id, "director", f"Direktionsaftale {year}",
                 m.core_units[0], None, start, end, "agreed", stamp, stamp)
            )  # fmt: skip
            agreement_id += 1
            m.agreements.append(director)
            for c, core in enumerate(m.core_units):
                chief = agreement_id
                agreements.append(
                    (chief, seeded_uuid(rng), m.id, "chief", f"Chefaftale {c + 1} {year}", core,
                     director, start, end, "agreed", stamp, stamp)
                )  # fmt: skip
                agreement_id += 1
                m.agreements.append(chief)
                for d in range(len(DEPARTMENTS)):
                    unit = m.department_units[c * len(DEPARTMENTS) + d]
                    agreements.append(
                        (agreement_id, seeded_uuid(rng), m.id, "leader",
                         f"Lederaftale {c + 1}.{d + 1} {year}", unit, chief, start, end,
                         "in_dialogue", stamp, stamp)
                    )  # fmt: skip
                    m.agreements.append(agreement_id)
                    agreement_id += 1
        stamps = ["created_at", "updated_at"]
        self.copy(
            "strategy.StrategyPlan",
            ["id", "public_id", "municipality_id", "title", "period_start", *stamps],
            plans,
        )
        self.copy("strategy.DevelopmentArea", ["id", "plan_id", "title", "order", *stamps], areas)
        self.copy("strategy.Programme", ["id", "area_id", "title", "order", *stamps], programmes)
        self.copy(
            "strategy.Initiative",
            [
                "id",
                "public_id",
                "municipality_id",
                "programme_id",
                "title",
                "owner_unit_id",
                "start",
                "end",
                "status",
                "rag",
                *stamps,
            ],
            initiatives,
        )
        self.copy(
            "strategy.Agreement",
            [
                "id",
                "public_id",
                "municipality_id",
                "level",
                "title",
                "unit_id",
                "parent_id",
                "period_start",
                "period_end",
                "state",
                *stamps,
            ],
            agreements,
        )

    def goals(self) -> None:
        rng = rng_for(self.seed, "goals")
        shares = self.sizes.split(self.sizes.counts["goals"])
        per_indicator = max(1, self.sizes.counts["measurements"] // self.sizes.counts["goals"])
        year = self.anchor.year
        stamp = self.now - dt.timedelta(days=300)
        goal_id = self.ids("goals.Goal")
        indicator_id = self.ids("goals.Indicator")
        goals, indicators, measurements = [], [], []
        for m, share in zip(self.municipalities, shares, strict=True):
            for g in range(share):
                goals.append(
                    (goal_id, seeded_uuid(rng), m.id, m.agreements[g % len(m.agreements)],
                     f"Mål {g + 1}: mindre {rng.choice(NOUNS)}",
                     m.initiatives[g % len(m.initiatives)], g, stamp, stamp)
                )  # fmt: skip
                baseline = Decimal(rng.randrange(20, 80))
                down = rng.random() < 0.5
                indicators.append(
                    (indicator_id, seeded_uuid(rng), m.id, goal_id,
                     f"Andel {rng.choice(NOUNS)} ({g + 1})", "percent", "down" if down else "up",
                     baseline, dt.date(year - 1, 1, 1), baseline + (-15 if down else 15),
                     dt.date(year + 1, 12, 31), stamp, stamp)
                )  # fmt: skip
                value = baseline
                for k in range(per_indicator):
                    day = dt.date(year - 1, 1, 1) + dt.timedelta(days=30 * k)
                    value += Decimal(rng.randrange(-3, 4))
                    measurements.append((indicator_id, day, value, stamp, stamp))
                goal_id += 1
                indicator_id += 1
        stamps = ["created_at", "updated_at"]
        self.copy(
            "goals.Goal",
            [
                "id",
                "public_id",
                "municipality_id",
                "agreement_id",
                "title",
                "initiative_id",
                "order",
                *stamps,
            ],
            goals,
        )
        self.copy(
            "goals.Indicator",
            [
                "id",
                "public_id",
                "municipality_id",
                "goal_id",
                "title",
                "unit",
                "direction",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                *stamps,
            ],
            indicators,
        )
        measurement_id = self.ids("goals.Measurement")
        self.copy(
            "goals.Measurement",
            ["id", "indicator_id", "date", "value", *stamps],
            ((measurement_id + i, *row) for i, row in enumerate(measurements)),
        )

    # -- catalogue ---------------------------------------------------------------------------

    def catalog_ready(self) -> bool:
        """The catalogue's Example model exists and is migrated here (it is built alongside)."""
        if "catalog.Example" not in self.models():
            return False
        table = self.models()["catalog.Example"]._meta.db_table
        self.cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        return bool(self.cursor.fetchone()[0])

    def examples(self) -> None:
        if not self.catalog_ready():
            log("catalog.Example is not there (yet): no catalogue examples")
            return
        rng = rng_for(self.seed, "examples")
        count = self.sizes.counts["examples"]
        example_id = self.ids("catalog.Example")
        names = [m.name for m in self.municipalities]

        def rows() -> Iterator[tuple[Any, ...]]:
            for i in range(count):
                verb, noun, place = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(PLACES)
                created = self.when(rng, 5 * 365)
                published = rng.random() < 0.9
                summary = (
                    f"Kommunen {verb} {rng.choice(ADJECTIVES)} {noun} på {place}, så "
                    f"medarbejderne fik {rng.randrange(2, 40)} timer mere om måneden til "
                    "kerneopgaven."
                )
                yield (
                    example_id + i,
                    seeded_uuid(rng),
                    f"{place.capitalize()} {verb} {noun}",
                    rng.choice(names),
                    rng.randrange(2015, self.anchor.year + 1),
                    summary,
                    f"Vi kortlagde {noun} og fjernede {rng.choice(ADJECTIVES)} "
                    f"{rng.choice(NOUNS)}.",
                    f"{rng.randrange(100, 20_000)} timer om året",
                    rng.choice(RELATIONS),
                    rng.choice(STRATEGY_TYPES),
                    rng.choices(("success", "mixed", "failure"), (70, 20, 10))[0],
                    published,
                    created if published else None,
                    created,
                    created,
                )

        self.copy(
            "catalog.Example",
            [
                "id",
                "public_id",
                "title",
                "municipality_name",
                "year",
                "summary",
                "what_was_done",
                "results",
                "relation",
                "strategy_type",
                "outcome",
                "published",
                "published_at",
                "created_at",
                "updated_at",
            ],
            rows(),
        )
        # The catalogue's trigger fills search_vector on COPY; should it be missing, the
        # same expression (danish configuration, weights A/B/C) is applied here.
        self.cursor.execute(
            """
            UPDATE catalog_example SET search_vector =
              setweight(to_tsvector('danish', coalesce(title, '')), 'A') ||
              setweight(to_tsvector('danish', coalesce(summary, '')), 'B') ||
              setweight(to_tsvector('danish', coalesce(what_was_done, '') || ' ' ||
                coalesce(results, '') || ' ' || coalesce(lessons, '') || ' ' ||
                coalesce(municipality_name, '')), 'C')
            WHERE search_vector IS NULL
            """
        )
        if self.cursor.rowcount:
            log(f"catalog_example: search_vector set by UPDATE on {self.cursor.rowcount:,} rows")

    # -- all -------------------------------------------------------------------------------------

    def run(self) -> dict[str, str]:
        self.cursor.execute("SET LOCAL synchronous_commit = off")
        for step in (
            self.tenants,
            self.users,
            self.categories,
            self.submissions,
            self.rules,
            self.cases,
            self.strategy,
            self.goals,
            self.examples,  # last: the catalogue app is the newest
        ):
            step()
        large = self.municipalities[0]
        self.context.update(
            municipality=large.slug,
            small_municipality=self.municipalities[1].slug,
            open311_key=BENCH_OPEN311_KEY,
            leader=f"{large.slug}-leder",
            chief=f"{large.slug}-chef",
            director=f"{large.slug}-direktoer",
            employee=f"{large.slug}-medarbejder",
            council_member=f"{large.slug}-politiker",
        )
        return self.context


def generate_into(
    conn: Any, *, seed: int, scale: float, anchor: dt.date
) -> tuple[dict[str, str], dict[str, int]]:
    """Fill an empty, migrated database through `conn` (psycopg); returns (context, counts).

    Runs in the caller's transaction; the caller commits (or a test rolls back).
    """
    generator = Generator(conn, seed=seed, scale=scale, anchor=anchor)
    context = generator.run()
    return context, generator.counts


def checksums(conn: Any, tables: Iterable[str]) -> dict[str, tuple[int, str]]:
    """(row count, md5 of every row in id order) per table: equal data, equal checksums."""
    from psycopg import sql

    out: dict[str, tuple[int, str]] = {}
    with conn.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), "
                    "md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.id), '')) FROM {} t"
                ).format(sql.Identifier(table))
            )
            count, digest = cursor.fetchone()
            out[table] = (int(count), str(digest))
    return out


# --- the database ----------------------------------------------------------------------------


def default_anchor() -> dt.date:
    """The first day of the current month: reproducible within a month, never stale."""
    today = dt.datetime.now(tz=UTC).date()
    return today.replace(day=1)


def migrations_fingerprint() -> str:
    """Changes when any migration file changes: the schema the data was made for."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "enkelt").glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _admin_url(database_url: str) -> tuple[str, str]:
    """(URL of the `postgres` maintenance database, name of the target database)."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"not a PostgreSQL database URL: {database_url!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def _psycopg_url(url: str) -> str:
    return "postgresql" + url[len("postgres") :] if url.startswith("postgres://") else url


def read_marker(database_url: str) -> dict[str, Any] | None:
    import psycopg

    admin, name = _admin_url(database_url)
    with psycopg.connect(_psycopg_url(admin), autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    if row is None or not row[0]:
        return None
    try:
        marker: dict[str, Any] = json.loads(row[0])
    except ValueError:
        return None
    return marker


def wanted_marker(seed: int, scale: float, anchor: dt.date, catalog: bool) -> dict[str, Any]:
    return {
        "generator": GENERATOR_VERSION,
        # The generator's own code: a changed generator means new data.
        "code": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16],
        "seed": seed,
        "scale": scale,
        "anchor": anchor.isoformat(),
        "migrations": migrations_fingerprint(),
        "catalog": catalog,
    }


def _same(marker: dict[str, Any] | None, wanted: dict[str, Any]) -> bool:
    return marker is not None and all(marker.get(k) == v for k, v in wanted.items())


def ensure_database(
    database_url: str,
    *,
    seed: int,
    scale: float,
    anchor: dt.date | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """The generated data set in `database_url`, reused when its marker matches.

    Otherwise the database is dropped, created, migrated (manage.py migrate) and filled.
    Returns the marker: seed, scale, anchor, counts, context, seconds.
    """
    import django
    import psycopg
    from psycopg import sql

    django.setup()
    from django.apps import apps

    anchor = anchor or default_anchor()
    catalog = "catalog.Example" in {m._meta.label for m in apps.get_models()}
    wanted = wanted_marker(seed, scale, anchor, catalog)
    marker = read_marker(database_url)
    if not force and _same(marker, wanted):
        assert marker is not None
        log(f"reusing {database_url} (seed {seed}, scale {scale}, anchor {anchor})")
        return {**marker, "reused": True}
    admin, name = _admin_url(database_url)
    started = time.monotonic()
    with psycopg.connect(_psycopg_url(admin), autocommit=True, connect_timeout=5) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = dict(os.environ, DATABASE_URL=database_url)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--skip-checks", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if migrate.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{migrate.stdout}\n{migrate.stderr}")
    log(f"{name}: created and migrated in {time.monotonic() - started:.1f} s")
    loading = time.monotonic()
    with psycopg.connect(_psycopg_url(database_url)) as conn:
        context, counts = generate_into(conn, seed=seed, scale=scale, anchor=anchor)
        conn.commit()
    loaded = time.monotonic() - loading
    with psycopg.connect(_psycopg_url(database_url), autocommit=True) as conn:
        analysing = time.monotonic()
        conn.execute("VACUUM ANALYZE")
        log(f"VACUUM ANALYZE in {time.monotonic() - analysing:.1f} s")
    marker = {
        **wanted,
        "counts": counts,
        "context": context,
        "load_seconds": round(loaded, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "generated_at": dt.datetime.now(tz=UTC).isoformat(timespec="seconds"),
    }
    with psycopg.connect(_psycopg_url(admin), autocommit=True) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(json.dumps(marker))
            )
        )
    log(
        f"{name}: {sum(counts.values()):,} rows loaded in {loaded:.0f} s, "
        f"{marker['total_seconds']:.0f} s in all"
    )
    return {**marker, "reused": False}


def bench_database_url(name: str) -> str:
    from bench.database import PG_HOST, PG_PORT, PG_USER

    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the benchmark's large data set.")
    parser.add_argument("--small", action="store_true", help=f"1/{round(1 / SMALL_SCALE)} size")
    parser.add_argument("--scale", type=float, default=None, help="any fraction of the full size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anchor", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--database-url", default=None, help=f"default: PostgreSQL {FULL_DB}")
    parser.add_argument("--force", action="store_true", help="regenerate even if reusable")
    args = parser.parse_args(argv)
    scale = args.scale or (SMALL_SCALE if args.small else 1.0)
    url = args.database_url or bench_database_url(FULL_DB if scale == 1.0 else f"{FULL_DB}_small")
    if url.startswith("sqlite"):
        print("the generator needs PostgreSQL (COPY); give a postgres:// URL", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    marker = ensure_database(url, seed=args.seed, scale=scale, anchor=args.anchor, force=args.force)
    print(json.dumps({k: marker[k] for k in ("counts", "context", "total_seconds", "reused")}))
    return 0


if __name__ == "__main__":
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    sys.exit(main())
