"""Case workers' services on top of `services.py`: templates, bulk actions, filters, moderation.

Each function is atomic and records an audit event (directly, or through the
service it calls). Bulk actions call the single-submission service once per
item inside one transaction; each call has its own savepoint (the services
are atomic), so a refused item is rolled back alone and reported, while the
others go through.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.audit.services import audit_record
from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
from enkelt.submissions.models import AnswerTemplate, SavedFilter, Submission, SubmissionEvent
from enkelt.submissions.services import (
    Actor,
    _check_municipality,
    _event,
    _lock,
    submission_answer,
    submission_assign,
    submission_transition,
)
from enkelt.tenants.models import Municipality, Unit

Status = Submission.Status

SAVED_FILTER_NAME_MAX = 100
SAVED_FILTER_QUERY_MAX = 1000


def _check_template(
    municipality: Municipality, submission: Submission, template: AnswerTemplate
) -> None:
    """A template must be the municipality's and either general or for the submission's category."""
    _check_municipality(municipality, template)
    if template.category_id is not None and template.category_id != submission.category_id:
        raise SubmissionError(
            SubmissionErrorCode.WRONG_MUNICIPALITY,
            message=_("The template belongs to another category."),
        )


@transaction.atomic
def submission_answer_compose(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    text: str | None = None,
    template: AnswerTemplate | None = None,
    set_status: str | None = None,
    reason: str | None = None,
) -> Submission:
    """Answer a submission, optionally from a template (like FixMyStreet's response templates).

    With a `template`, the text defaults to the template's in the submitter's
    language and the status (and rejection reason) to what the template sets;
    the case worker may have edited either. The template used is recorded in
    the audit trail.
    """
    if template is not None:
        _check_template(municipality, submission, template)
        if text is None or not text.strip():
            text = template.text_for(submission.language)
        if set_status is None:
            set_status = template.set_status
        if reason is None:
            reason = template.rejection_reason
    answered = submission_answer(
        actor=actor,
        municipality=municipality,
        submission=submission,
        text=text or "",
        set_status=set_status if set_status is not None else Status.ANSWERED,
        reason=reason or "",
    )
    if template is not None:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=submission,
            verb="submission.answered_with_template",
            after={"template": template.pk, "title": template.title, "status": answered.status},
        )
    return answered


@dataclass
class BulkResult:
    """Which submissions the bulk action changed and which it refused, with why."""

    done: list[Submission] = field(default_factory=list)
    failed: list[tuple[Submission, SubmissionError]] = field(default_factory=list)


def _bulk(submissions: list[Submission], call: Any) -> BulkResult:
    result = BulkResult()
    for submission in submissions:
        try:
            call(submission)
        except SubmissionError as error:
            result.failed.append((submission, error))
        else:
            result.done.append(submission)
    return result


@transaction.atomic
def submissions_bulk_assign(
    *,
    actor: Actor,
    municipality: Municipality,
    submissions: list[Submission],
    unit: Unit | None = None,
    assignee: User | None = None,
) -> BulkResult:
    return _bulk(
        submissions,
        lambda s: submission_assign(
            actor=actor, municipality=municipality, submission=s, unit=unit, assignee=assignee
        ),
    )


@transaction.atomic
def submissions_bulk_answer(
    *,
    actor: Actor,
    municipality: Municipality,
    submissions: list[Submission],
    template: AnswerTemplate,
) -> BulkResult:
    """Each submission gets the template's text in its submitter's language."""
    return _bulk(
        submissions,
        lambda s: submission_answer_compose(
            actor=actor, municipality=municipality, submission=s, template=template
        ),
    )


@transaction.atomic
def submissions_bulk_close(
    *, actor: Actor, municipality: Municipality, submissions: list[Submission]
) -> BulkResult:
    def close(submission: Submission) -> None:
        if submission.status == Status.CLOSED:
            return
        submission_transition(
            actor=actor, municipality=municipality, submission=submission, to_status=Status.CLOSED
        )

    return _bulk(submissions, close)


@transaction.atomic
def saved_filter_save(
    *, actor: User, municipality: Municipality, name: str, query: str
) -> SavedFilter:
    """Save (or overwrite, by name) the user's inbox query string."""
    name = name.strip()
    if not name:
        raise SubmissionError(SubmissionErrorCode.EMPTY_TEXT)
    if len(name) > SAVED_FILTER_NAME_MAX or len(query) > SAVED_FILTER_QUERY_MAX:
        raise SubmissionError(SubmissionErrorCode.TEXT_TOO_LONG)
    saved, created = SavedFilter.objects.update_or_create(
        municipality=municipality, user=actor, name=name, defaults={"query": query.lstrip("?")}
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=saved,
        verb="saved_filter.created" if created else "saved_filter.updated",
        after={"name": saved.name, "query": saved.query},
    )
    return saved


@transaction.atomic
def saved_filter_delete(
    *, actor: User, municipality: Municipality, saved_filter: SavedFilter
) -> None:
    _check_municipality(municipality, saved_filter)
    if saved_filter.user_id != actor.pk:
        raise PermissionDenied
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=saved_filter,
        verb="saved_filter.deleted",
        before={"name": saved_filter.name, "query": saved_filter.query},
    )
    saved_filter.delete()


@dataclass(frozen=True)
class RevealedIdentity:
    name: str
    username: str
    email: str
    unit: str


@transaction.atomic
def submission_reveal_identity(
    *, actor: User, municipality: Municipality, submission: Submission
) -> RevealedIdentity:
    """Who sent a pseudonymous employee submission. Administrators only; always audited.

    The permission is checked here too, not only in the view: revealing is the
    one read in the app that must never happen by a caller's mistake.
    """
    _check_municipality(municipality, submission)
    if not actor.has_perm("submissions.reveal_identity", municipality):
        raise PermissionDenied
    user = submission.submitted_by
    if submission.employee_mode != Submission.EmployeeMode.PSEUDONYMOUS or user is None:
        raise SubmissionError(
            SubmissionErrorCode.INVALID_STATUS,
            message=_("This submission is not pseudonymous."),
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.identity_revealed",
        after={"submitted_by": user.pk},
    )
    return RevealedIdentity(
        name=user.get_full_name(),
        username=user.get_username(),
        email=user.email,
        unit=submission.submitter_unit.name if submission.submitter_unit else "",
    )


@transaction.atomic
def submission_moderation_approve(
    *, actor: Actor, municipality: Municipality, submission: Submission, note: str = ""
) -> Submission:
    """A moderator lets a flagged submission through: it may be public from now on."""
    _check_municipality(municipality, submission)
    _lock(submission)
    before = {
        "needs_moderation": submission.needs_moderation,
        "moderation_note": submission.moderation_note,
    }
    submission.needs_moderation = False
    submission.moderation_note = ""
    submission.save(update_fields=["needs_moderation", "moderation_note", "updated_at"])
    _event(submission, SubmissionEvent.Kind.MODERATED, actor, text=note.strip()[:300])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.moderation_approved",
        before=before,
        after={"needs_moderation": False},
    )
    return submission
