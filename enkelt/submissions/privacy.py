"""GDPR for submissions: retention, and a citizen's right of access and erasure.

What counts as the submitter's personal data of a submission:

- the contact details (`contact_name`, `contact_email`, `contact_phone`) and the
  link to the submitting user account (`submitted_by`);
- the submitter's own free text (`title`, `description`, `suggestion`), which
  may name people, addresses or CPR numbers: it is replaced by the public copy,
  in which personal data was masked when the submission arrived (`masking.py`);
- the photos (they may show people or number plates; they were stored
  re-encoded, without EXIF or GPS metadata, and are now deleted with their files);
- the e-mail addresses of citizens following the submission.

What stays, so that the anonymous statistics still add up: the row itself with
its municipality, kind, category, unit, status, channel, dates, deadline,
location (the place of a fault, not of a person) and the answers to the
category's questions; the history of status changes.

Retention (`retention_erase`) erases that data on submissions closed or
rejected more than `ENKELT_RETENTION_DAYS` days ago (default 365). It runs as the
`erase_expired_personal_data` task or the `enkelt_retention` command (daily,
from a systemd timer or cron). A citizen's request is served by
`citizen_data_export` / `citizen_data_erase` (the `enkelt_citizen_data` command
and two admin actions on submissions).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from enkelt.audit.services import audit_record
from enkelt.submissions.models import Follower, Photo, Submission
from enkelt.submissions.services import Actor
from enkelt.tenants.models import Municipality

DEFAULT_RETENTION_DAYS = 365
CLOSED_STATUSES = (Submission.Status.CLOSED, Submission.Status.REJECTED)


def retention_days() -> int:
    return int(getattr(settings, "ENKELT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def retention_due(
    *, now: datetime.datetime | None = None, days: int | None = None
) -> QuerySet[Submission]:
    """Submissions closed (or rejected) before the cut-off whose data is not yet erased.

    The closing time is the last status change into a closed status; without such
    an event (e.g. imported rows) the last update of the row counts.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=retention_days() if days is None else days
    )
    return (
        Submission.objects.filter(status__in=CLOSED_STATUSES, personal_data_erased_at__isnull=True)
        .annotate(
            closed_at=Coalesce(
                Max("events__created_at", filter=Q(events__status_to__in=CLOSED_STATUSES)),
                "updated_at",
            )
        )
        .filter(closed_at__lt=cutoff)
    )


def _erase(*, actor: Actor, submission: Submission, reason: str) -> None:
    """Erase one submission's personal data (see the module doc); inside a transaction."""
    photos = list(Photo.objects.filter(submission=submission))
    before = {
        "contact": bool(
            submission.contact_name or submission.contact_email or submission.contact_phone
        ),
        "photos": len(photos),
    }
    submission.contact_name = ""
    submission.contact_email = ""
    submission.contact_phone = ""
    submission.submitted_by = None
    submission.title = submission.public_title or submission.category.name_da
    submission.description = submission.public_description
    submission.suggestion = submission.public_suggestion
    submission.personal_data_erased_at = timezone.now()
    submission.save(
        update_fields=[
            "contact_name",
            "contact_email",
            "contact_phone",
            "submitted_by",
            "title",
            "description",
            "suggestion",
            "personal_data_erased_at",
            "updated_at",
        ]
    )
    Follower.objects.filter(submission=submission).delete()
    names = [photo.image.name for photo in photos if photo.image]
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    storage = Photo._meta.get_field("image").storage  # type: ignore[attr-defined]

    def delete_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)  # files go only when the erasure is committed
    audit_record(
        actor=actor,
        municipality=submission.municipality,
        obj=submission,
        verb="submission.personal_data_erased",
        before=before,
        after={"reason": reason},
    )


def retention_erase(
    *, now: datetime.datetime | None = None, days: int | None = None, batch_size: int = 500
) -> int:
    """Erase the personal data of every submission past the retention period; returns the count."""
    erased = 0
    while True:
        with transaction.atomic():
            # The due ids first (the query groups), then the rows locked by id.
            ids = list(
                retention_due(now=now, days=days)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            batch = list(
                Submission.objects.filter(pk__in=ids, personal_data_erased_at__isnull=True)
                .select_related("municipality", "category")
                .select_for_update(of=("self",))
                .order_by("pk")
            )
            for submission in batch:
                _erase(actor=None, submission=submission, reason="retention")
        erased += len(batch)
        if len(ids) < batch_size:
            return erased


def _citizen_submissions(*, email: str, municipality: Municipality | None) -> QuerySet[Submission]:
    rows = Submission.objects.filter(
        Q(contact_email__iexact=email) | Q(submitted_by__email__iexact=email)
    )
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    return rows.select_related("municipality", "category").order_by("created_at", "pk")


def citizen_data_export(*, email: str, municipality: Municipality | None = None) -> dict[str, Any]:
    """Everything stored about the citizen with this e-mail address, as JSON-ready data."""
    email = email.strip()
    if not email:
        raise ValueError("an e-mail address is needed")
    submissions = []
    for submission in _citizen_submissions(email=email, municipality=municipality).prefetch_related(
        "photos", "events"
    ):
        submissions.append(
            {
                "municipality": submission.municipality.slug,
                "tracking_code": submission.tracking_code,
                "created_at": submission.created_at.isoformat(),
                "status": submission.status,
                "category": submission.category.code,
                "title": submission.title,
                "description": submission.description,
                "suggestion": submission.suggestion,
                "address": submission.address,
                "postal_code": submission.postal_code,
                "lat": str(submission.lat) if submission.lat is not None else None,
                "lon": str(submission.lon) if submission.lon is not None else None,
                "contact_name": submission.contact_name,
                "contact_email": submission.contact_email,
                "contact_phone": submission.contact_phone,
                "answers": submission.answers,
                "public_answer": submission.public_answer,
                "photos": [photo.image.name for photo in submission.photos.all()],
                "history": [
                    {
                        "at": event.created_at.isoformat(),
                        "kind": event.kind,
                        "status": event.status_to,
                        "text": event.text,
                    }
                    for event in submission.events.all()
                    if event.is_public
                ],
            }
        )
    following = Follower.objects.filter(email__iexact=email).select_related(
        "submission", "municipality"
    )
    if municipality is not None:
        following = following.filter(municipality=municipality)
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "submissions": submissions,
        "following": [
            {
                "municipality": follower.municipality.slug,
                "tracking_code": follower.submission.tracking_code,
                "since": follower.created_at.isoformat(),
            }
            for follower in following
        ],
    }


@transaction.atomic
def citizen_data_erase(
    *, actor: Actor, email: str, municipality: Municipality | None = None
) -> dict[str, int]:
    """Erase the personal data of every submission of this citizen, and their follows."""
    email = email.strip()
    if not email:
        raise ValueError("an e-mail address is needed")
    submissions = list(
        _citizen_submissions(email=email, municipality=municipality).select_for_update(of=("self",))
    )
    for submission in submissions:
        _erase(actor=actor, submission=submission, reason="request")
    follows = Follower.objects.filter(email__iexact=email)
    if municipality is not None:
        follows = follows.filter(municipality=municipality)
    follow_count, _detail = follows.delete()
    return {"submissions": len(submissions), "follows": follow_count}


@transaction.atomic
def submitter_data_erase(*, actor: Actor, submission: Submission) -> dict[str, int]:
    """Erase one submission's submitter data, and everything else found by their e-mail."""
    email = submission.contact_email or (
        submission.submitted_by.email if submission.submitted_by else ""
    )
    counts = {"submissions": 0, "follows": 0}
    if email:
        counts = citizen_data_erase(actor=actor, email=email, municipality=None)
    submission.refresh_from_db()
    if submission.personal_data_erased_at is None or not email:
        _erase(actor=actor, submission=submission, reason="request")
        counts["submissions"] += 1
    return counts
