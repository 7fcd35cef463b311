"""Helpers shared by the strategy views."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from enkelt.strategy import selectors
from enkelt.strategy.models import Initiative, ReviewItem, ReviewRound
from enkelt.tenants.models import Municipality

VIEW = "strategy.view_portfolio"
MANAGE = "strategy.manage_portfolio"
CHANGE_INITIATIVE = "strategy.change_initiative"
MANAGE_ROUNDS = "strategy.manage_rounds"
UPDATE_ITEM = "strategy.update_review_item"
DECIDE = "strategy.decide"


def require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_initiative(municipality: Municipality, initiative_id: Any) -> Initiative:
    initiative = selectors.initiative_get(municipality=municipality, public_id=initiative_id)
    if initiative is None:
        raise Http404
    return initiative


def get_round(municipality: Municipality, round_id: Any) -> ReviewRound:
    review_round = selectors.round_get(municipality=municipality, public_id=round_id)
    if review_round is None:
        raise Http404
    return review_round


def get_item(municipality: Municipality, review_round: ReviewRound, item_id: Any) -> ReviewItem:
    item = selectors.review_item_get(
        municipality=municipality, review_round=review_round, public_id=item_id
    )
    if item is None:
        raise Http404
    return item


def labels(choices: Any) -> dict[str, str]:
    return {key: str(label) for key, label in choices}
