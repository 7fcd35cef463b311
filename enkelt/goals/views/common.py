"""Helpers shared by the goals pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from enkelt.goals import selectors
from enkelt.goals.models import Indicator
from enkelt.tenants.models import Municipality

VIEW = "goals.view_goals"
MANAGE = "goals.manage_agreements"
MEASURE = "goals.enter_measurement"
ADD_GOAL = "goals.add_goal"


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_indicator(municipality: Municipality, indicator_id: Any) -> Indicator:
    indicator = selectors.indicator_get(municipality=municipality, public_id=indicator_id)
    if indicator is None:
        raise Http404
    return indicator
