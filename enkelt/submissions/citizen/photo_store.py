"""Photos of an unfinished report, kept on disk until the report is sent.

The photo step processes each upload at once (so a bad file is refused while
the citizen is still on that step) and keeps the re-encoded JPEG under a
random name in `tmp/report-photos/` of the default storage (MEDIA_ROOT). The
session holds only the names. The files are deleted when the report is sent
or the photo removed; files of abandoned drafts are purged after
`MAX_AGE_SECONDS` whenever a new photo is stored.
"""

import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from enkelt.submissions.uploads import ProcessedImage

FOLDER = "tmp/report-photos"
MAX_AGE_SECONDS = 24 * 3600
_NAME_RE = re.compile(r"^[0-9a-f]{32}\.jpg$")


def _path(name: str) -> str:
    """Only names this module made are accepted: the session is not a path."""
    if not _NAME_RE.match(name or ""):
        raise ValueError(f"not a draft photo name: {name!r}")
    return f"{FOLDER}/{name}"


def photo_store_save(image: ProcessedImage) -> str:
    """Store the processed image; returns its random name."""
    photo_store_purge()
    name = f"{secrets.token_hex(16)}.jpg"
    default_storage.save(_path(name), ContentFile(image.content))
    return name


def photo_store_load(name: str, *, width: int, height: int) -> ProcessedImage | None:
    """The stored image, or None when it has gone (purged or already sent)."""
    try:
        path = _path(name)
    except ValueError:
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    return ProcessedImage(content=content, width=width, height=height)


def photo_store_delete(names: list[str]) -> None:
    for name in names:
        try:
            path = _path(name)
        except ValueError:
            continue
        default_storage.delete(path)


def photo_store_purge(max_age_seconds: int = MAX_AGE_SECONDS) -> int:
    """Delete draft photos older than `max_age_seconds`; returns how many."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = timezone.now() - timedelta(seconds=max_age_seconds)
    purged = 0
    for name in files:
        if not _NAME_RE.match(name):
            continue
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                purged += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return purged
