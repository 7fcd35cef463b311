"""Backup and restore of one municipality or of the whole instance (reliability.md, "Nothing lost").

An archive is one `.tar.gz` file:

- `manifest.json`: format version, scope (`instance` or `municipality` and its
  slug), creation time, and per model the row count and a SHA-256 over its rows;
- `data/<app_label>.<model>.jsonl`: the rows, one JSON object a line (Django's
  serialisation with exact timestamps, foreign keys to content types, permissions and users by
  natural key, primary keys kept);
- `media/<name>`: every file a stored row refers to (photos, attachments).

A municipality's export is its `Municipality` row, every row of every model with
a `municipality` foreign key to it, the rows that depend on those (models
without their own `municipality` field, such as many-to-many tables), and the
users those rows point at. The whole instance is every model except what
`migrate` recreates (content types, permissions) and sessions.

Restoring loads an archive in one transaction, with foreign-key checks deferred
to the end, then resets the sequences. A municipality archive is restored into
a database that does not hold that municipality, or replaces it (`replace=True`
deletes the municipality's rows first); an instance archive needs an empty
database, or `replace=True`, which flushes everything first.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import io
import json
import tarfile
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from enkelt.tenants.models import Municipality

FORMAT_VERSION = 1
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    """An archive that cannot be written or restored; the message says why."""


@dataclass
class ModelDump:
    label: str
    lines: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.lines)).encode()).hexdigest()


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _all_models() -> list[type[models.Model]]:
    """Every model with a table (a model whose migration has not run yet is skipped)."""
    tables = set(connection.introspection.table_names())
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if model_label(m) not in EXCLUDED_MODELS
        and not m._meta.proxy
        and m._meta.managed
        and m._meta.db_table in tables
    ]


def _municipality_field(model: type[models.Model]) -> models.ForeignKey[Any, Any] | None:
    try:
        candidate = model._meta.get_field("municipality")
    except Exception:  # FieldDoesNotExist
        return None
    if isinstance(candidate, models.ForeignKey) and candidate.related_model is Municipality:
        return candidate
    return None


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def municipality_querysets(municipality: Municipality) -> dict[str, models.QuerySet[Any]]:
    """Every row that belongs to `municipality`, per model label (see the module doc)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    scoped: dict[type[models.Model], models.QuerySet[Any]] = {
        Municipality: Municipality.objects.filter(pk=municipality.pk)
    }
    candidates = [m for m in _all_models() if m is not Municipality and m is not user_model]
    for model in candidates:
        if _municipality_field(model) is not None:
            scoped[model] = model._default_manager.filter(municipality=municipality)
    # Dependent rows: no municipality of their own, but a foreign key into the scope.
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in scoped:
                continue
            links = [f for f in _foreign_keys(model) if f.related_model in scoped]
            if not links:
                continue
            condition = models.Q()
            for link in links:
                target = scoped[link.related_model]  # type: ignore[index]
                condition |= models.Q(**{f"{link.name}__in": target.values("pk")})
            scoped[model] = model._default_manager.filter(condition)
            changed = True
    # The users those rows point at (memberships, authors, case workers).
    user_ids: set[Any] = set()
    for model, queryset in scoped.items():
        for fk in _foreign_keys(model):
            if fk.related_model is user_model:
                user_ids.update(
                    v for v in queryset.values_list(fk.attname, flat=True) if v is not None
                )
    result = {model_label(m): qs for m, qs in scoped.items()}
    result[model_label(user_model)] = user_model._default_manager.filter(pk__in=user_ids)
    return result


def instance_querysets() -> dict[str, models.QuerySet[Any]]:
    return {model_label(m): m._default_manager.all() for m in _all_models()}


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _dump(label: str, queryset: models.QuerySet[Any]) -> tuple[ModelDump, set[str]]:
    dump = ModelDump(label)
    files: set[str] = set()
    model = queryset.model
    file_fields = _file_fields(model)
    objects = queryset.order_by("pk").iterator(chunk_size=2000)

    def rows() -> Iterator[models.Model]:
        for obj in objects:
            for file_field in file_fields:
                name = getattr(obj, file_field.attname)
                if name:
                    files.add(str(name))
            yield obj

    records = serializers.serialize(
        "python", rows(), use_natural_foreign_keys=True, use_natural_primary_keys=False
    )
    dump.lines = [json.dumps(record, cls=_ExactEncoder) for record in records]
    return dump, files


class _ExactEncoder(json.JSONEncoder):
    """JSON without loss: full microseconds (Django's encoder keeps milliseconds only)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID | datetime.timedelta):
            return str(o) if not isinstance(o, datetime.timedelta) else o.total_seconds()
        if isinstance(o, bytes | memoryview):
            return bytes(o).hex()
        return super().default(o)


def safe_media_name(name: str) -> str:
    """A stored file name as a relative path without `..`; anything else is refused."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise BackupError(f"unsafe file name in the archive: {name!r}")
    return str(path)


def backup_write(
    *, target: io.BufferedIOBase | Any, municipality: Municipality | None = None
) -> dict[str, Any]:
    """Write an archive of `municipality` (or the whole instance) to the binary file `target`."""
    querysets = municipality_querysets(municipality) if municipality else instance_querysets()
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "scope": "municipality" if municipality else "instance",
        "municipality": municipality.slug if municipality else None,
        "created_at": timezone.now().isoformat(),
        "models": {},
        "media": [],
    }
    media: set[str] = set()
    outermost = not connection.in_atomic_block
    with transaction.atomic(), tarfile.open(fileobj=target, mode="w:gz") as archive:
        if outermost and connection.vendor == "postgresql":  # one snapshot of every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for label, queryset in sorted(querysets.items()):
            dump, files = _dump(label, queryset)
            media |= files
            if not dump.lines:
                continue
            manifest["models"][label] = {"rows": len(dump.lines), "sha256": dump.digest}
            _add(archive, f"data/{label}.jsonl", ("\n".join(dump.lines) + "\n").encode())
        for name in sorted(media):
            if not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["media"].append({"name": name, "sha256": hashlib.sha256(content).hexdigest()})
            _add(archive, f"media/{safe_media_name(name)}", content)
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def _read_archive(source: Any) -> tuple[dict[str, Any], dict[str, bytes], dict[str, bytes]]:
    data: dict[str, bytes] = {}
    media: dict[str, bytes] = {}
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(fileobj=source, mode="r:gz") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                handle = archive.extractfile(member)
                content = handle.read() if handle else b""
                if member.name == "manifest.json":
                    manifest = json.loads(content)
                elif member.name.startswith("data/") and member.name.endswith(".jsonl"):
                    data[member.name[5:-6]] = content
                elif member.name.startswith("media/"):
                    media[safe_media_name(member.name[6:])] = content
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as error:
        raise BackupError(f"not a readable backup archive: {error}") from error
    if not manifest or manifest.get("format") != FORMAT_VERSION:
        raise BackupError("the archive has no manifest of a known format")
    return manifest, data, media


def _check_digests(manifest: dict[str, Any], data: dict[str, bytes]) -> None:
    for label, expected in manifest["models"].items():
        dump = ModelDump(label, [ln for ln in data.get(label, b"").decode().splitlines() if ln])
        if len(dump.lines) != expected["rows"] or dump.digest != expected["sha256"]:
            raise BackupError(f"the rows of {label} do not match the manifest")


def backup_restore(*, source: Any, replace: bool = False) -> dict[str, Any]:
    """Load an archive written by `backup_write`; returns its manifest."""
    manifest, data, media = _read_archive(source)
    _check_digests(manifest, data)
    slug = manifest.get("municipality")
    with transaction.atomic():
        if manifest["scope"] == "instance":
            if Municipality.objects.exists():
                if not replace:
                    raise BackupError("the database is not empty; restore with replace")
                # Fire deferred foreign-key checks first: PostgreSQL refuses to TRUNCATE
                # tables with pending trigger events in the same transaction.
                connection.check_constraints()
                call_command("flush", interactive=False, verbosity=0)
        else:
            existing = Municipality.objects.filter(slug=slug).first()
            if existing is not None:
                if not replace:
                    raise BackupError(f"municipality {slug!r} exists; restore with replace")
                _delete_municipality(existing)
        loaded = _load(data)
    for name, content in media.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
    manifest["loaded"] = loaded
    return manifest


def _delete_municipality(municipality: Municipality) -> None:
    """Delete every row of the municipality, dependents first (RESTRICT keeps them otherwise)."""
    querysets = municipality_querysets(municipality)
    user_label = model_label(apps.get_model(settings.AUTH_USER_MODEL))
    labels = [label for label in querysets if label not in (user_label, "tenants.municipality")]
    # Repeat until nothing is left: RESTRICT/PROTECT inside the tree need the right order.
    for _round in range(len(labels) + 1):
        remaining = []
        for label in labels:
            try:
                with transaction.atomic():
                    querysets[label].delete()
            except models.RestrictedError:
                remaining.append(label)
            except models.ProtectedError:
                remaining.append(label)
        labels = remaining
        if not labels:
            break
    Municipality.objects.filter(pk=municipality.pk).delete()


def _load(data: dict[str, bytes]) -> dict[str, int]:
    loaded: dict[str, int] = defaultdict(int)
    touched: set[type[models.Model]] = set()
    with connection.constraint_checks_disabled():
        for label in _load_order(data):
            records = [json.loads(line) for line in data[label].decode().splitlines() if line]
            for obj in serializers.deserialize("python", records, handle_forward_references=True):
                obj.save()
                touched.add(type(obj.object))
                loaded[label] += 1
    connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    statements = connection.ops.sequence_reset_sql(no_style(), list(touched))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return dict(loaded)


def _load_order(data: dict[str, bytes]) -> Iterable[str]:
    """Users and municipalities first (natural keys of users must resolve), then the rest."""
    user_label = model_label(apps.get_model(settings.AUTH_USER_MODEL))
    first = ["auth.group", user_label, "tenants.municipality"]
    return [label for label in first if label in data] + sorted(
        label for label in data if label not in first
    )
