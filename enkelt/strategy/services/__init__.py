"""State-changing operations of the strategy app. Keyword-only, typed, atomic, audited."""

from enkelt.strategy.services.agreements import (
    AGREEMENT_TRANSITIONS,
    agreement_create,
    agreement_set_state,
    dialogue_meeting_add,
)
from enkelt.strategy.services.portfolio import (
    area_create,
    initiative_create,
    initiative_update,
    plan_create,
    programme_create,
)
from enkelt.strategy.services.reviews import (
    review_item_decide,
    review_item_update,
    review_round_close,
    review_round_open,
    review_round_remind,
)

__all__ = [
    "AGREEMENT_TRANSITIONS",
    "agreement_create",
    "agreement_set_state",
    "area_create",
    "dialogue_meeting_add",
    "initiative_create",
    "initiative_update",
    "plan_create",
    "programme_create",
    "review_item_decide",
    "review_item_update",
    "review_round_close",
    "review_round_open",
    "review_round_remind",
]
