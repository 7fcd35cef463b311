"""Errors raised by the strategy services, with a stable code for the API."""

from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class StrategyErrorCode(StrEnum):
    WRONG_MUNICIPALITY = "wrong_municipality"
    INVALID_TRANSITION = "invalid_transition"
    ROUND_CLOSED = "round_closed"
    STOP_NEEDS_REASON = "stop_needs_reason"
    NO_ACTIVE_INITIATIVES = "no_active_initiatives"
    WRONG_PLAN = "wrong_plan"
    PARENT_LEVEL = "parent_level"


MESSAGES: dict[StrategyErrorCode, Promise] = {
    StrategyErrorCode.WRONG_MUNICIPALITY: _("That object belongs to another municipality."),
    StrategyErrorCode.INVALID_TRANSITION: _("The agreement cannot move to that state from here."),
    StrategyErrorCode.ROUND_CLOSED: _("The review round is closed."),
    StrategyErrorCode.STOP_NEEDS_REASON: _("A decision to stop needs a reason."),
    StrategyErrorCode.NO_ACTIVE_INITIATIVES: _("The plan has no active initiatives to review."),
    StrategyErrorCode.WRONG_PLAN: _("The development area belongs to another plan."),
    StrategyErrorCode.PARENT_LEVEL: _(
        "The parent agreement must be one level up: a director agreement above a chief "
        "agreement, a chief agreement above a leader agreement."
    ),
}


class StrategyError(ValidationError):
    def __init__(self, code: StrategyErrorCode) -> None:
        super().__init__(str(MESSAGES[code]), code=str(code))
        self.error_code = code
