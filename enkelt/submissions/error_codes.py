"""Domain errors of the submissions app, each with a stable machine-readable code.

Services raise `SubmissionError` when a request is well-formed but not allowed in
the current state (a refused transition, a merge into itself, a unit of another
municipality). Malformed input (lengths, coordinates, missing fields) raises
Django's `ValidationError` instead, keyed by field, so that forms can show it
next to the field. API adapters map `SubmissionError.code` straight into their
JSON error body; the codes below never change meaning.
"""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SubmissionErrorCode(StrEnum):
    WRONG_MUNICIPALITY = "wrong_municipality"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REJECTION_REASON_REQUIRED = "rejection_reason_required"
    INVALID_STATUS = "invalid_status"
    ASSIGNEE_NOT_STAFF = "assignee_not_staff"
    NOTHING_TO_ASSIGN = "nothing_to_assign"
    MERGE_INTO_SELF = "merge_into_self"
    MERGE_INTO_MERGED = "merge_into_merged"
    ALREADY_MERGED = "already_merged"
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"


MESSAGES: dict[SubmissionErrorCode, Promise] = {
    SubmissionErrorCode.WRONG_MUNICIPALITY: _("The object belongs to another municipality."),
    SubmissionErrorCode.TRANSITION_NOT_ALLOWED: _(
        "The submission cannot move to that status from its current status."
    ),
    SubmissionErrorCode.REJECTION_REASON_REQUIRED: _("Choose a reason for the rejection."),
    SubmissionErrorCode.INVALID_STATUS: _("Unknown status."),
    SubmissionErrorCode.ASSIGNEE_NOT_STAFF: _(
        "The person must be an employee of the same municipality."
    ),
    SubmissionErrorCode.NOTHING_TO_ASSIGN: _("Choose a unit or a person."),
    SubmissionErrorCode.MERGE_INTO_SELF: _("A submission cannot be merged into itself."),
    SubmissionErrorCode.MERGE_INTO_MERGED: _(
        "The submission to merge into has itself been merged into another one."
    ),
    SubmissionErrorCode.ALREADY_MERGED: _("The submission has already been merged."),
    SubmissionErrorCode.EMPTY_TEXT: _("Write a text."),
    SubmissionErrorCode.TEXT_TOO_LONG: _("The text is too long."),
}


class SubmissionError(Exception):
    """A refused domain operation. `code` is stable; `message` is translated when shown."""

    def __init__(self, code: SubmissionErrorCode, message: str | Promise | None = None) -> None:
        self.code = code
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(str(code))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
