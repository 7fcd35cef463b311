"""Writes on submissions. Each service is atomic and records an audit event.

Callers (web views, the REST API, the Open311 adapter) load objects scoped to
the municipality first; the services check again that every object passed in
belongs to `municipality` and raise `SubmissionError(WRONG_MUNICIPALITY)`
otherwise, so a mistake in a caller cannot cross municipalities.

Malformed input raises Django's `ValidationError` keyed by field (answers to
extra questions as `answers.<code>`); a well-formed request the current state
does not allow raises `SubmissionError` with a stable code.

E-mails are enqueued with `transaction.on_commit`: a submission is committed
before anything leaves the system, and a rolled-back service sends nothing.
"""

from decimal import Decimal
from functools import partial
from typing import Any, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from enkelt.accounts.models import User
from enkelt.audit.services import audit_record
from enkelt.submissions import pipeline
from enkelt.submissions.deadlines import add_working_days
from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
from enkelt.submissions.intake import clean_new_submission, user_or_none
from enkelt.submissions.masking import mask_personal_data
from enkelt.submissions.models import Category, Submission, SubmissionEvent
from enkelt.submissions.routing import route
from enkelt.submissions.tasks import (
    send_follower_answer,
    send_submission_answer,
    send_submission_receipt,
)
from enkelt.submissions.tracking import tracking_code_new
from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Municipality, Unit

Actor: TypeAlias = User | AnonymousUser | None

Status = Submission.Status
EventKind = SubmissionEvent.Kind

NOTE_MAX_LENGTH = 10_000
TRACKING_CODE_ATTEMPTS = 5
IDEMPOTENCY_KEY_MAX_LENGTH = 200


def _check_municipality(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise SubmissionError(SubmissionErrorCode.WRONG_MUNICIPALITY)


def _event(
    submission: Submission,
    kind: str,
    actor: Actor,
    *,
    text: str = "",
    is_public: bool = False,
    status_from: str = "",
    status_to: str = "",
    related: Submission | None = None,
) -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        municipality_id=submission.municipality_id,
        submission=submission,
        kind=kind,
        actor=user_or_none(actor),
        text=text,
        is_public=is_public,
        status_from=status_from,
        status_to=status_to,
        related_submission=related,
    )


def _language_code(language: str | None) -> str:
    """One of settings.LANGUAGES: the given or active language, else the default."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _lock(submission: Submission) -> None:
    """Reload `submission` under a row lock, so concurrent case workers take turns."""
    submission.refresh_from_db(from_queryset=Submission.objects.select_for_update())


def _validate_text(value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise SubmissionError(SubmissionErrorCode.EMPTY_TEXT)
    if len(text) > NOTE_MAX_LENGTH:
        raise SubmissionError(SubmissionErrorCode.TEXT_TOO_LONG)
    return text


@transaction.atomic
def submission_create(
    *,
    actor: Actor,
    municipality: Municipality,
    category: Category,
    title: str,
    description: str,
    suggestion: str = "",
    lat: Decimal | float | str | None = None,
    lon: Decimal | float | str | None = None,
    address: str = "",
    postal_code: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    is_anonymous: bool = False,
    employee_mode: str = "",
    channel: str = Submission.Channel.WEB,
    answers: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    language: str | None = None,
) -> Submission:
    """Store a new submission, routed to its unit, with its deadline and masked public copy.

    - A call with an `idempotency_key` already used in this municipality returns
      the submission stored then, unchanged, and sends nothing again.
    - Input is checked by `intake.clean_new_submission` (anonymity, location,
      lengths, extra questions). For `employee_mode` the employee's unit is
      recorded so that case workers of a pseudonymous submission see "an
      employee in unit X".
    - `language` is the submitter's (for e-mails); default: the active language.
    """
    if idempotency_key and len(idempotency_key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        message = _("The idempotency key is too long.")
        raise ValidationError({"idempotency_key": ValidationError(message, code="max_length")})
    if idempotency_key:
        existing = Submission.objects.filter(
            municipality=municipality, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing

    _check_municipality(municipality, category)
    cleaned = clean_new_submission(
        actor=actor,
        municipality=municipality,
        category=category,
        title=title,
        description=description,
        suggestion=suggestion,
        lat=lat,
        lon=lon,
        address=address,
        postal_code=postal_code,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        is_anonymous=is_anonymous,
        employee_mode=employee_mode,
        channel=channel,
        answers=answers,
    )
    submission = Submission(
        municipality=municipality,
        kind=category.kind,
        category=category,
        title=cleaned.title,
        description=cleaned.description,
        suggestion=cleaned.suggestion,
        channel=channel,
        lat=cleaned.lat,
        lon=cleaned.lon,
        address=cleaned.address,
        postal_code=cleaned.postal_code,
        contact_name=cleaned.contact_name,
        contact_email=cleaned.contact_email,
        contact_phone=cleaned.contact_phone,
        is_anonymous=cleaned.is_anonymous,
        language=_language_code(language),
        submitted_by=cleaned.submitted_by,
        submitter_unit=cleaned.submitter_unit,
        employee_mode=employee_mode,
        unit=route(category, cleaned.lat, cleaned.lon, cleaned.postal_code),
        public_title=mask_personal_data(cleaned.title),
        public_description=mask_personal_data(cleaned.description),
        public_suggestion=mask_personal_data(cleaned.suggestion),
        due_at=add_working_days(timezone.localdate(), category.deadline_working_days),
        answers=cleaned.answers,
        idempotency_key=idempotency_key or "",
    )
    for attempt in range(TRACKING_CODE_ATTEMPTS):
        submission.tracking_code = tracking_code_new()
        try:
            with transaction.atomic():
                submission.save()
            break
        except IntegrityError:
            # Either a concurrent retry with the same idempotency key won the
            # race (return its row), or the tracking code collided (draw again).
            if idempotency_key:
                existing = Submission.objects.filter(
                    municipality=municipality, idempotency_key=idempotency_key
                ).first()
                if existing is not None:
                    return existing
            if attempt == TRACKING_CODE_ATTEMPTS - 1:
                raise

    _event(submission, EventKind.CREATED, actor, is_public=True, status_to=submission.status)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.created",
        after={
            "tracking_code": submission.tracking_code,
            "category": category.code,
            "unit": submission.unit_id,
            "channel": channel,
            "status": submission.status,
            "employee_mode": employee_mode,
            "due_at": submission.due_at,
        },
    )
    if submission.contact_email:
        transaction.on_commit(partial(send_submission_receipt.enqueue, submission.pk), robust=True)
    return submission


def _apply_transition(*, actor: Actor, submission: Submission, to_status: str, reason: str) -> str:
    """Move `submission` (locked) to `to_status`, with its event; returns the old status."""
    if to_status not in Status.values:
        raise SubmissionError(SubmissionErrorCode.INVALID_STATUS)
    from_status = submission.status
    if not pipeline.can_transition(from_status, to_status):
        raise SubmissionError(SubmissionErrorCode.TRANSITION_NOT_ALLOWED)
    if to_status == Status.REJECTED:
        if reason not in Submission.RejectionReason.values:
            raise SubmissionError(SubmissionErrorCode.REJECTION_REASON_REQUIRED)
        submission.rejection_reason = reason
    else:
        submission.rejection_reason = ""
    if from_status == Status.REJECTED:
        # Undoing a rejection also undoes a merge: the submission stands alone again.
        submission.merged_into = None
    if to_status == Status.ANSWERED and submission.answered_at is None:
        submission.answered_at = timezone.now()
    submission.status = to_status
    submission.save(
        update_fields=["status", "rejection_reason", "merged_into", "answered_at", "updated_at"]
    )
    _event(
        submission,
        EventKind.STATUS_CHANGED,
        actor,
        is_public=True,
        status_from=from_status,
        status_to=to_status,
    )
    return from_status


@transaction.atomic
def submission_transition(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    to_status: str,
    reason: str = "",
    note: str = "",
    note_is_public: bool = False,
) -> Submission:
    """Move a submission along the pipeline (pipeline.ALLOWED_TRANSITIONS).

    A rejection needs a `reason` (Submission.RejectionReason). The status change
    itself is shown to the citizen; an optional `note` becomes a separate event,
    internal unless `note_is_public`.
    """
    _check_municipality(municipality, submission)
    _lock(submission)
    before = {"status": submission.status, "rejection_reason": submission.rejection_reason}
    _apply_transition(actor=actor, submission=submission, to_status=to_status, reason=reason)
    if note.strip():
        _event(
            submission,
            EventKind.PUBLIC_UPDATE if note_is_public else EventKind.INTERNAL_NOTE,
            actor,
            text=_validate_text(note),
            is_public=note_is_public,
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.transitioned",
        before=before,
        after={"status": submission.status, "rejection_reason": submission.rejection_reason},
    )
    return submission


def _enqueue_answer_emails(submission: Submission) -> None:
    """After commit: the answer to the submitter, every duplicate merged into it, and followers."""
    recipients = [submission] if submission.contact_email else []
    recipients += list(submission.duplicates.exclude(contact_email="").only("pk"))
    for recipient in recipients:
        transaction.on_commit(
            partial(send_submission_answer.enqueue, recipient.pk, submission.pk), robust=True
        )
    # Citizens following it by e-mail (following.py) receive the public answer too.
    for follower_id in submission.followers.values_list("pk", flat=True):
        transaction.on_commit(partial(send_follower_answer.enqueue, follower_id), robust=True)


@transaction.atomic
def submission_answer(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    text: str,
    set_status: str = Status.ANSWERED,
    reason: str = "",
) -> Submission:
    """Give the written answer the submitter (and merged submitters) receive by e-mail.

    The answer is published as written: staff write it for publication, so it
    is not masked. `set_status` (e.g. from an answer template) moves the
    submission if it is not already there; an empty value leaves the status.
    """
    _check_municipality(municipality, submission)
    _lock(submission)
    answer = _validate_text(text)
    before = {"status": submission.status, "public_answer": submission.public_answer}
    if set_status and set_status != submission.status:
        _apply_transition(actor=actor, submission=submission, to_status=set_status, reason=reason)
    submission.public_answer = answer
    submission.answered_at = timezone.now()
    submission.save(update_fields=["public_answer", "answered_at", "updated_at"])
    _event(submission, EventKind.ANSWERED, actor, text=answer, is_public=True)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.answered",
        before=before,
        after={"status": submission.status, "public_answer": answer},
    )
    _enqueue_answer_emails(submission)
    return submission


@transaction.atomic
def submission_assign(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    unit: Unit | None = None,
    assignee: User | None = None,
    clear_assignee: bool = False,
) -> Submission:
    """Hand a submission to another unit and/or a case worker.

    Both must belong to `municipality` (a user through their membership).
    `clear_assignee` removes the case worker, leaving the unit responsible.
    """
    _check_municipality(municipality, submission, unit)
    if unit is None and assignee is None and not clear_assignee:
        raise SubmissionError(SubmissionErrorCode.NOTHING_TO_ASSIGN)
    if assignee is not None:
        membership = membership_of(assignee)
        if membership is None or membership.municipality_id != municipality.pk:
            raise SubmissionError(SubmissionErrorCode.ASSIGNEE_NOT_STAFF)
    _lock(submission)
    before = {"unit": submission.unit_id, "assignee": submission.assignee_id}
    if unit is not None:
        submission.unit = unit
    if assignee is not None:
        submission.assignee = assignee
    elif clear_assignee:
        submission.assignee = None
    submission.save(update_fields=["unit", "assignee", "updated_at"])
    after = {"unit": submission.unit_id, "assignee": submission.assignee_id}
    _event(submission, EventKind.ASSIGNED, actor)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.assigned",
        before=before,
        after=after,
    )
    return submission


@transaction.atomic
def submission_add_note(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    text: str,
    is_public: bool,
) -> SubmissionEvent:
    """A public update (shown to the citizen) or an internal note (staff only)."""
    _check_municipality(municipality, submission)
    event = _event(
        submission,
        EventKind.PUBLIC_UPDATE if is_public else EventKind.INTERNAL_NOTE,
        actor,
        text=_validate_text(text),
        is_public=is_public,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.note_added",
        after={"event": event.pk, "is_public": is_public},
    )
    return event


@transaction.atomic
def submission_merge(
    *,
    actor: Actor,
    municipality: Municipality,
    duplicate: Submission,
    into: Submission,
) -> Submission:
    """Merge `duplicate` into `into`: the duplicate is rejected as such and points to `into`.

    The duplicate's submitter receives `into`'s answer: at once if it has been
    answered already, otherwise when it is. Chains are not allowed: `into` must
    not itself be merged. Returns the duplicate.
    """
    _check_municipality(municipality, duplicate, into)
    if duplicate.pk == into.pk:
        raise SubmissionError(SubmissionErrorCode.MERGE_INTO_SELF)
    # Lock in primary-key order so that two opposite merges cannot deadlock.
    for submission in sorted((duplicate, into), key=lambda s: s.pk):
        _lock(submission)
    if duplicate.merged_into_id is not None:
        raise SubmissionError(SubmissionErrorCode.ALREADY_MERGED)
    if into.merged_into_id is not None:
        raise SubmissionError(SubmissionErrorCode.MERGE_INTO_MERGED)
    before = {"status": duplicate.status, "merged_into": None}
    _apply_transition(
        actor=actor,
        submission=duplicate,
        to_status=Status.REJECTED,
        reason=Submission.RejectionReason.DUPLICATE,
    )
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _event(duplicate, EventKind.MERGED, actor, is_public=True, related=into)
    _event(into, EventKind.MERGED, actor, is_public=False, related=duplicate)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=duplicate,
        verb="submission.merged",
        before=before,
        after={"status": duplicate.status, "merged_into": into.pk},
    )
    if into.public_answer and duplicate.contact_email:
        transaction.on_commit(
            partial(send_submission_answer.enqueue, duplicate.pk, into.pk), robust=True
        )
    return duplicate


@transaction.atomic
def submission_set_hidden(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    is_hidden: bool,
    reason: str = "",
) -> Submission:
    """Hide a submission from the public pages and Open311 (moderation), or show it again.

    Hiding needs a reason, which is kept for staff and in the audit trail.
    """
    _check_municipality(municipality, submission)
    reason = reason.strip()
    if is_hidden and not reason:
        raise SubmissionError(SubmissionErrorCode.EMPTY_TEXT)
    if len(reason) > 300:
        raise SubmissionError(SubmissionErrorCode.TEXT_TOO_LONG)
    _lock(submission)
    before = {"is_hidden": submission.is_hidden, "hidden_reason": submission.hidden_reason}
    submission.is_hidden = is_hidden
    submission.hidden_reason = reason if is_hidden else ""
    submission.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    _event(submission, EventKind.MODERATED, actor, text=reason)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.hidden" if is_hidden else "submission.unhidden",
        before=before,
        after={"is_hidden": submission.is_hidden, "hidden_reason": submission.hidden_reason},
    )
    return submission
