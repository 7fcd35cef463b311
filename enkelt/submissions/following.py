"""Citizens following a submission by e-mail, and stopping again.

Anyone with the tracking code may follow a submission: the status page is
public to whoever holds the code, and following only sends what that page
shows (the public answer). Following twice with the same address is the same
as following once, so a double-clicked button or a refreshed page is harmless.
Every e-mail carries an unsubscribe link with the follower's random token.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
from enkelt.submissions.models import Follower, Submission
from enkelt.submissions.services import Actor, _language_code
from enkelt.tenants.models import Municipality


def _clean_email(email: str) -> str:
    address = (email or "").strip()
    if not address:
        raise ValidationError(
            {"email": ValidationError(_("Write your e-mail address."), code="required")}
        )
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            {"email": ValidationError(_("Write a valid e-mail address."), code="invalid")}
        ) from None
    local, _sep, domain = address.rpartition("@")
    # The domain is case-insensitive; the local part in practice too, but kept as typed.
    return f"{local}@{domain.lower()}"


def follower_create(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    email: str,
    language: str | None = None,
) -> Follower:
    """Follow `submission` at `email`; returns the existing follower when already following."""
    if submission.municipality_id != municipality.pk:
        raise SubmissionError(SubmissionErrorCode.WRONG_MUNICIPALITY)
    address = _clean_email(email)
    existing = Follower.objects.filter(
        municipality=municipality, submission=submission, email__iexact=address
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            follower = Follower.objects.create(
                municipality=municipality,
                submission=submission,
                email=address,
                language=_language_code(language),
            )
            audit_record(
                actor=actor,
                municipality=municipality,
                obj=submission,
                verb="submission.follower_added",
                after={"follower": follower.pk},
            )
    except IntegrityError:
        # A concurrent request with the same address won the race: use its row.
        return Follower.objects.get(municipality=municipality, submission=submission, email=address)
    return follower


def follower_get_by_token(*, municipality: Municipality, token: str) -> Follower | None:
    return (
        Follower.objects.select_related("submission")
        .filter(municipality=municipality, unsubscribe_token=token)
        .first()
    )


@transaction.atomic
def follower_delete(*, actor: Actor, municipality: Municipality, follower: Follower) -> None:
    """Stop sending e-mails to this follower; the address is deleted, not kept."""
    if follower.municipality_id != municipality.pk:
        raise SubmissionError(SubmissionErrorCode.WRONG_MUNICIPALITY)
    submission = follower.submission
    follower_id = follower.pk
    follower.delete()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.follower_removed",
        before={"follower": follower_id},
    )
