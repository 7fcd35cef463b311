"""Backup and restore round trips: one municipality and the whole instance."""

import hashlib
import io
import tarfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from enkelt.core.backup import (
    BackupError,
    backup_restore,
    backup_write,
    instance_querysets,
    municipality_querysets,
    safe_media_name,
)
from enkelt.submissions.models import Photo, Submission, SubmissionEvent
from enkelt.submissions.photos import photos_attach
from enkelt.submissions.services import submission_create
from enkelt.submissions.tests.factories import CategoryFactory, MembershipFactory
from enkelt.submissions.uploads import process_image
from enkelt.tenants.models import Membership, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg(colour: str = "red") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "JPEG")
    return out.getvalue()


def populate(municipality: Municipality) -> None:
    worker = MembershipFactory.create(municipality=municipality).user
    category = CategoryFactory.create(municipality=municipality)
    for index in range(3):
        submission = submission_create(
            actor=None,
            municipality=municipality,
            category=category,
            title=f"Hul nummer {index}",
            description="Et hul i vejen",
            lat="55.716",
            lon="11.713",
            contact_email=f"borger{index}@example.test",
        )
        image = process_image(io.BytesIO(jpeg()))
        photos_attach(
            actor=worker, municipality=municipality, submission=submission, images=[image]
        )


@pytest.fixture
def two_municipalities():
    first = Municipality.objects.create(slug="foerste", name="Første Kommune")
    second = Municipality.objects.create(slug="anden", name="Anden Kommune")
    populate(first)
    populate(second)
    return first, second


def fingerprint(querysets) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row's values, per model.

    Content types are compared by name: `migrate`/`flush` number them afresh.
    """
    types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
    result = {}
    for label, queryset in querysets.items():
        type_fields = [
            f.attname
            for f in queryset.model._meta.concrete_fields
            if f.is_relation and f.related_model is ContentType
        ]
        rows = []
        for row in queryset.order_by("pk").values():
            for name in type_fields:
                row[name] = types.get(row[name])
            rows.append(repr(sorted(row.items())))
        result[label] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def media_of(municipality: Municipality) -> dict[str, bytes]:
    files = {}
    for photo in Photo.objects.filter(municipality=municipality):
        with default_storage.open(photo.image.name, "rb") as handle:
            files[photo.image.name] = handle.read()
    return files


def test_municipality_round_trip_restores_every_row_and_file(two_municipalities):
    first, second = two_municipalities
    before = fingerprint(municipality_querysets(first))
    other_before = fingerprint(municipality_querysets(second))
    files_before = media_of(first)
    assert len(files_before) == 3
    assert before["submissions.submission"][0] == 3
    assert before["submissions.submissionevent"][0] >= 3
    assert before["tenants.membership"][0] == 1

    archive = io.BytesIO()
    manifest = backup_write(target=archive, municipality=first)
    assert manifest["scope"] == "municipality"
    assert len(manifest["media"]) == 3

    for name in files_before:
        default_storage.delete(name)
    archive.seek(0)
    restored = backup_restore(source=archive, replace=True)
    assert restored["loaded"]["submissions.submission"] == 3

    first = Municipality.objects.get(slug="foerste")
    assert fingerprint(municipality_querysets(first)) == before
    assert media_of(first) == files_before
    assert fingerprint(municipality_querysets(second)) == other_before


def test_municipality_restore_into_a_database_without_it(two_municipalities):
    first, _second = two_municipalities
    before = fingerprint(municipality_querysets(first))
    archive = io.BytesIO()
    backup_write(target=archive, municipality=first)
    # Remove the municipality completely (as on a fresh server), then restore.
    from enkelt.core.backup import _delete_municipality

    _delete_municipality(first)
    assert not Submission.objects.filter(municipality__slug="foerste").exists()
    archive.seek(0)
    backup_restore(source=archive)
    first = Municipality.objects.get(slug="foerste")
    assert fingerprint(municipality_querysets(first)) == before
    # The sequences were reset: new rows get fresh primary keys.
    populate(first)
    assert Submission.objects.filter(municipality=first).count() == 6


def test_restore_refuses_an_existing_municipality_without_replace(two_municipalities):
    first, _second = two_municipalities
    archive = io.BytesIO()
    backup_write(target=archive, municipality=first)
    archive.seek(0)
    with pytest.raises(BackupError, match="exists"):
        backup_restore(source=archive)


def test_instance_round_trip(two_municipalities):
    before = fingerprint(instance_querysets())
    files = {**media_of(two_municipalities[0]), **media_of(two_municipalities[1])}
    archive = io.BytesIO()
    manifest = backup_write(target=archive)
    assert manifest["scope"] == "instance"
    assert manifest["models"]["tenants.municipality"]["rows"] == 2
    archive.seek(0)
    backup_restore(source=archive, replace=True)
    assert fingerprint(instance_querysets()) == before
    restored = {}
    for municipality in Municipality.objects.all():
        restored.update(media_of(municipality))
    assert restored == files


def test_commands_round_trip(two_municipalities, tmp_path):
    first, _second = two_municipalities
    before = fingerprint(municipality_querysets(first))
    path = tmp_path / "foerste.tar.gz"
    out = io.StringIO()
    call_command("enkelt_backup", str(path), "--municipality", "foerste", stdout=out)
    assert "municipality foerste" in out.getvalue()
    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert "manifest.json" in names
    assert "data/submissions.submission.jsonl" in names
    assert sum(name.startswith("media/photos/") for name in names) == 3
    call_command("enkelt_restore", str(path), "--replace", stdout=io.StringIO())
    assert fingerprint(municipality_querysets(Municipality.objects.get(slug="foerste"))) == before
    with pytest.raises(CommandError):
        call_command("enkelt_restore", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("enkelt_backup", str(path), "--municipality", "ingen")


def test_a_tampered_archive_is_refused_and_nothing_is_loaded(two_municipalities):
    first, _second = two_municipalities
    archive = io.BytesIO()
    backup_write(target=archive, municipality=first)
    archive.seek(0)
    members = {}
    with tarfile.open(fileobj=archive, mode="r:gz") as source:
        for member in source:
            handle = source.extractfile(member)
            members[member.name] = handle.read() if handle else b""
    members["data/submissions.submission.jsonl"] += b'{"model": "submissions.submission"}\n'
    tampered = io.BytesIO()
    with tarfile.open(fileobj=tampered, mode="w:gz") as target:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            target.addfile(info, io.BytesIO(content))
    tampered.seek(0)
    events = SubmissionEvent.objects.count()
    with pytest.raises(BackupError, match="do not match"):
        backup_restore(source=tampered, replace=True)
    assert SubmissionEvent.objects.count() == events
    assert Membership.objects.filter(municipality=first).exists()
    with pytest.raises(BackupError):
        backup_restore(source=io.BytesIO(b"not an archive"))


@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "a/../../b", "a\\b", ""])
def test_unsafe_media_names_are_refused(name):
    with pytest.raises(BackupError):
        safe_media_name(name)
