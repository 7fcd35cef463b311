"""GDPR: retention erases the submitter's data of long-closed submissions; citizens' requests."""

import datetime
import io
import json

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from enkelt.audit.models import AuditEvent
from enkelt.submissions.models import Follower, Photo, Submission, SubmissionEvent
from enkelt.submissions.photos import photos_attach
from enkelt.submissions.privacy import (
    citizen_data_erase,
    citizen_data_export,
    retention_due,
    retention_erase,
)
from enkelt.submissions.services import submission_create, submission_transition
from enkelt.submissions.tasks import erase_expired_personal_data
from enkelt.submissions.tests.factories import MembershipFactory, UserFactory
from enkelt.submissions.uploads import process_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, "JPEG")
    return out.getvalue()


def make(municipality, category, *, email="anna@example.test", status=None, days_ago=0):
    worker = MembershipFactory.create(municipality=municipality).user
    submission = submission_create(
        actor=None,
        municipality=municipality,
        category=category,
        title="Hul ud for Anna Jensens hus",
        description="Ring til mig på 12345678, CPR 010203-1234",
        lat="55.716",
        lon="11.713",
        contact_name="Anna Jensen",
        contact_email=email,
        contact_phone="12345678",
    )
    photos_attach(
        actor=worker,
        municipality=municipality,
        submission=submission,
        images=[process_image(io.BytesIO(jpeg()))],
    )
    Follower.objects.create(
        municipality=municipality, submission=submission, email="nabo@example.test"
    )
    if status:
        submission_transition(
            actor=worker,
            municipality=municipality,
            submission=submission,
            to_status=status,
            reason="spam" if status == Submission.Status.REJECTED else "",
        )
    if days_ago:
        past = timezone.now() - datetime.timedelta(days=days_ago)
        SubmissionEvent.objects.filter(submission=submission).update(created_at=past)
        Submission.objects.filter(pk=submission.pk).update(updated_at=past, created_at=past)
    return Submission.objects.get(pk=submission.pk)


def assert_erased(submission: Submission) -> None:
    submission.refresh_from_db()
    assert submission.personal_data_erased_at is not None
    assert (submission.contact_name, submission.contact_email, submission.contact_phone) == (
        "",
        "",
        "",
    )
    assert "12345678" not in submission.description
    assert "010203-1234" not in submission.description
    assert submission.description == submission.public_description
    assert not Photo.objects.filter(submission=submission).exists()
    assert not Follower.objects.filter(submission=submission).exists()


def test_retention_erases_only_long_closed_submissions(
    settings, municipality, category, django_capture_on_commit_callbacks
):
    settings.ENKELT_RETENTION_DAYS = 30
    old_closed = make(municipality, category, status="closed", days_ago=40)
    old_rejected = make(municipality, category, status="rejected", days_ago=40)
    recent_closed = make(municipality, category, status="closed", days_ago=10)
    old_open = make(municipality, category, days_ago=400)
    photo_names = [p.image.name for p in Photo.objects.filter(submission=old_closed)]
    assert set(retention_due()) == {old_closed, old_rejected}

    with django_capture_on_commit_callbacks(execute=True):
        assert retention_erase() == 2

    assert_erased(old_closed)
    assert_erased(old_rejected)
    assert not any(default_storage.exists(name) for name in photo_names)
    for untouched in (recent_closed, old_open):
        untouched.refresh_from_db()
        assert untouched.contact_email == "anna@example.test"
        assert untouched.personal_data_erased_at is None
        assert Photo.objects.filter(submission=untouched).count() == 1
    # The anonymous statistics stay: the rows, their category, status, dates and place.
    old_closed.refresh_from_db()
    assert (old_closed.status, old_closed.category, old_closed.lat) == (
        "closed",
        category,
        old_closed.lat,
    )
    assert Submission.objects.filter(municipality=municipality).count() == 4
    assert AuditEvent.objects.filter(verb="submission.personal_data_erased").count() == 2
    # Running again erases nothing more.
    assert retention_erase() == 0


def test_retention_command_and_task(settings, municipality, category):
    settings.ENKELT_RETENTION_DAYS = 30
    due = make(municipality, category, status="closed", days_ago=40)
    out = io.StringIO()
    call_command("enkelt_retention", "--dry-run", stdout=out)
    assert "1 submissions" in out.getvalue()
    call_command("enkelt_retention", "--days", "50", stdout=io.StringIO())
    due.refresh_from_db()
    assert due.personal_data_erased_at is None
    call_command("enkelt_retention", stdout=out)
    assert_erased(due)
    second = make(municipality, category, status="closed", days_ago=40)
    assert erase_expired_personal_data.call() == 1
    assert_erased(second)


def test_citizen_export_contains_their_data_only(municipality, category):
    mine = make(municipality, category)
    make(municipality, category, email="someone@example.test")
    data = citizen_data_export(email="ANNA@example.test")
    assert [s["tracking_code"] for s in data["submissions"]] == [mine.tracking_code]
    assert data["submissions"][0]["contact_phone"] == "12345678"
    assert len(data["submissions"][0]["photos"]) == 1
    json.dumps(data)  # JSON-ready
    follows = citizen_data_export(email="nabo@example.test")["following"]
    assert len(follows) == 2


def test_citizen_erase_by_request(municipality, category):
    mine = make(municipality, category, status="in_progress")
    other = make(municipality, category, email="someone@example.test")
    counts = citizen_data_erase(actor=None, email="anna@example.test")
    assert counts["submissions"] == 1
    assert_erased(mine)
    other.refresh_from_db()
    assert other.contact_email == "someone@example.test"
    assert citizen_data_export(email="anna@example.test")["submissions"] == []


def test_citizen_data_command(municipality, category, tmp_path):
    make(municipality, category)
    target = tmp_path / "anna.json"
    call_command(
        "enkelt_citizen_data",
        "export",
        "anna@example.test",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    assert json.loads(target.read_text())["submissions"][0]["contact_name"] == "Anna Jensen"
    out = io.StringIO()
    call_command("enkelt_citizen_data", "erase", "anna@example.test", stdout=out)
    assert "1 submissions" in out.getvalue()
    assert not Submission.objects.filter(contact_email="anna@example.test").exists()


def test_admin_actions_export_and_erase(client, municipality, category):
    submission = make(municipality, category)
    admin_user = UserFactory.create(is_superuser=True, is_staff=True)
    Authenticator.objects.create(
        user=admin_user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(admin_user)
    url = reverse("admin:submissions_submission_changelist")
    response = client.post(
        url, {"action": "export_submitter_data", "_selected_action": [submission.pk]}
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)[0]["submissions"][0]["contact_email"] == (
        "anna@example.test"
    )
    response = client.post(
        url, {"action": "erase_submitter_data", "_selected_action": [submission.pk]}
    )
    assert response.status_code == 302
    assert_erased(submission)
