"""State-changing operations of the strategy app. Keyword-only, typed, atomic, audited."""

from enkelt.strategy.services.agreements import (
    AGREEMENT_TRANSITIONS,
    agreement_create,
    agreement_set_state,
    agreement_update,
    dialogue_meeting_add,
)
from enkelt.strategy.services.portfolio import (
    area_create,
    area_update,
    initiative_create,
    initiative_update,
    plan_create,
    plan_update,
    programme_create,
    programme_update,
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
    "agreement_update",
    "area_create",
    "area_update",
    "dialogue_meeting_add",
    "initiative_create",
    "initiative_update",
    "plan_create",
    "plan_update",
    "programme_create",
    "programme_update",
    "review_item_decide",
    "review_item_update",
    "review_round_close",
    "review_round_open",
    "review_round_remind",
]
