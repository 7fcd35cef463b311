"""Domain errors of the simplification app, each with a stable machine-readable code.

Services raise `SimplificationError` when a well-formed request is not allowed in
the current state; malformed input raises Django's `ValidationError` by field.
"""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SimplificationErrorCode(StrEnum):
    WRONG_MUNICIPALITY = "wrong_municipality"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REASON_REQUIRED = "reason_required"
    NOT_HASSLE = "not_hassle"
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    NOT_DECIDED_TO_FREE_TIME = "not_decided_to_free_time"
    NEGATIVE_HOURS = "negative_hours"
    UNKNOWN_ACTIVITY = "unknown_activity"
    INVALID_SCENARIO = "invalid_scenario"
    INVALID_PERIOD = "invalid_period"


MESSAGES: dict[SimplificationErrorCode, Promise] = {
    SimplificationErrorCode.WRONG_MUNICIPALITY: _("The object belongs to another municipality."),
    SimplificationErrorCode.TRANSITION_NOT_ALLOWED: _(
        "The case cannot move to that stage or outcome from where it is now."
    ),
    SimplificationErrorCode.REASON_REQUIRED: _(
        "Write the reason: a rule that is kept must be explained."
    ),
    SimplificationErrorCode.NOT_HASSLE: _("Only hassle submissions can be linked to rules."),
    SimplificationErrorCode.EMPTY_TEXT: _("Write a text."),
    SimplificationErrorCode.TEXT_TOO_LONG: _("The text is too long."),
    SimplificationErrorCode.NOT_DECIDED_TO_FREE_TIME: _(
        "Realised hours can only be recorded on a rule that was abolished or streamlined."
    ),
    SimplificationErrorCode.NEGATIVE_HOURS: _("Hours cannot be negative."),
    SimplificationErrorCode.UNKNOWN_ACTIVITY: _("The activity does not belong to the rule."),
    SimplificationErrorCode.INVALID_SCENARIO: _(
        "Scenario values must be zero or more, and the share between 0 and 1."
    ),
    SimplificationErrorCode.INVALID_PERIOD: _("The end date must not be before the start date."),
}


class SimplificationError(Exception):
    """A refused operation. `code` is stable; `message` is translated when shown."""

    def __init__(self, code: SimplificationErrorCode, message: str | Promise | None = None) -> None:
        self.code = code
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(str(code))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
