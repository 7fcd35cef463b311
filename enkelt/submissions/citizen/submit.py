"""Sending a finished draft: the submission and its photos in one transaction.

`report_submit` is the journey's one write. The draft's idempotency key makes
it safe to call twice: a second call (double click, refresh, two racing
requests) finds the submission of the first and attaches nothing again.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enkelt.submissions.abuse import submission_flag_for_moderation
from enkelt.submissions.citizen.photo_store import photo_store_delete, photo_store_load
from enkelt.submissions.models import Category, Submission
from enkelt.submissions.photos import photos_attach
from enkelt.submissions.services import Actor, submission_create
from enkelt.submissions.uploads import ProcessedImage
from enkelt.tenants.models import Municipality


@dataclass(frozen=True)
class ReportInput:
    """What the draft holds, as the service wants it."""

    category: Category
    title: str
    description: str
    suggestion: str
    answers: dict[str, Any]
    address: str
    postal_code: str
    lat: str
    lon: str
    contact_name: str
    contact_email: str
    contact_phone: str
    is_anonymous: bool
    employee_mode: str
    channel: str
    photos: list[dict[str, Any]]
    idempotency_key: str
    spam_note: str = ""


def _load_photos(photos: list[dict[str, Any]]) -> list[ProcessedImage]:
    images = []
    for photo in photos:
        image = photo_store_load(
            str(photo.get("name", "")),
            width=int(photo.get("width", 0)),
            height=int(photo.get("height", 0)),
        )
        if image is None:
            message = _("A photo has expired. Add it again.")
            raise ValidationError({"photos": ValidationError(message, code="photo_expired")})
        images.append(image)
    return images


def report_submit(
    *, actor: Actor, municipality: Municipality, report: ReportInput, language: str | None = None
) -> Submission:
    """Create the submission, attach the draft's photos and, for suspect input, flag it.

    Raises the ValidationError of `submission_create` (keyed by field) or
    `photos` when a draft photo has gone; nothing is stored then. The draft's
    photo files are deleted once the transaction has committed.
    """
    if report.category.photo_required and not report.photos:
        message = _("This category needs a photo.")
        raise ValidationError({"photos": ValidationError(message, code="photo_required")})
    already = Submission.objects.filter(
        municipality=municipality, idempotency_key=report.idempotency_key
    ).first()
    if already is not None:
        return already
    images = _load_photos(report.photos)
    with transaction.atomic():
        submission = submission_create(
            actor=actor,
            municipality=municipality,
            category=report.category,
            title=report.title,
            description=report.description,
            suggestion=report.suggestion,
            lat=report.lat or None,
            lon=report.lon or None,
            address=report.address,
            postal_code=report.postal_code,
            contact_name=report.contact_name,
            contact_email=report.contact_email,
            contact_phone=report.contact_phone,
            is_anonymous=report.is_anonymous,
            employee_mode=report.employee_mode,
            channel=report.channel,
            answers=report.answers,
            idempotency_key=report.idempotency_key,
            language=language,
        )
        # A racing twin may have created it meanwhile: its photos are already there.
        if images and not submission.photos.exists():
            photos_attach(
                actor=actor, municipality=municipality, submission=submission, images=images
            )
        if report.spam_note and not submission.needs_moderation:
            submission_flag_for_moderation(
                actor=actor, municipality=municipality, submission=submission, note=report.spam_note
            )
    names = [str(p.get("name", "")) for p in report.photos]
    transaction.on_commit(lambda: photo_store_delete(names))
    return submission
