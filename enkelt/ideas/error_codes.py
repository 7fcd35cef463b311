"""Domain errors of idea development, each with a stable machine-readable code.

Services raise `IdeaError` when a well-formed request is not allowed in the
current state; malformed input raises Django's `ValidationError` keyed by field.
"""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class IdeaErrorCode(StrEnum):
    WRONG_MUNICIPALITY = "wrong_municipality"
    NOT_AN_IDEA = "not_an_idea"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REASON_REQUIRED = "reason_required"
    INVALID_STAGE = "invalid_stage"
    NOT_A_GUIDE = "not_a_guide"
    NOT_STAFF = "not_staff"
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    ALREADY_CONVERTED = "already_converted"
    SCALE_BELOW_SCORES = "scale_below_scores"


MESSAGES: dict[IdeaErrorCode, Promise] = {
    IdeaErrorCode.WRONG_MUNICIPALITY: _("The object belongs to another municipality."),
    IdeaErrorCode.NOT_AN_IDEA: _("The submission is not an idea."),
    IdeaErrorCode.TRANSITION_NOT_ALLOWED: _(
        "The idea cannot move to that stage from its current stage."
    ),
    IdeaErrorCode.REASON_REQUIRED: _("Write why the idea is not pursued."),
    IdeaErrorCode.INVALID_STAGE: _("Unknown stage."),
    IdeaErrorCode.NOT_A_GUIDE: _("The person is not an idea guide for this idea."),
    IdeaErrorCode.NOT_STAFF: _("The person must be an employee of the same municipality."),
    IdeaErrorCode.EMPTY_TEXT: _("Write a text."),
    IdeaErrorCode.TEXT_TOO_LONG: _("The text is too long."),
    IdeaErrorCode.SCORE_OUT_OF_RANGE: _("The score must be between 1 and the highest score."),
    IdeaErrorCode.ALREADY_CONVERTED: _("The idea has already become an initiative or a case."),
    IdeaErrorCode.SCALE_BELOW_SCORES: _(
        "Ideas already have higher scores on this criterion; the highest score cannot be lower."
    ),
}

CONFLICTS = frozenset(
    {
        IdeaErrorCode.TRANSITION_NOT_ALLOWED,
        IdeaErrorCode.ALREADY_CONVERTED,
    }
)


class IdeaError(Exception):
    """A refused domain operation. `code` is stable; `message` is translated when shown."""

    def __init__(self, code: IdeaErrorCode, message: str | Promise | None = None) -> None:
        self.code = code
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(str(code))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
