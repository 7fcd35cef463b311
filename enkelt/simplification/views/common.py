"""Helpers shared by the simplification pages: permission checks and scoped lookups."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from enkelt.accounts.models import User
from enkelt.simplification import selectors
from enkelt.simplification.models import Case, ExemptionApplication
from enkelt.tenants.models import Municipality

VIEW = "simplification.view_case"
FLAG = "simplification.flag_rule"
DECIDE = "simplification.decide_case"
NATIONAL = "simplification.view_national_list"

PAGE_SIZE = 50


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def get_case(municipality: Municipality, case_id: Any) -> Case:
    case = selectors.case_get(municipality=municipality, public_id=case_id)
    if case is None:
        raise Http404
    return case


def get_exemption(municipality: Municipality, exemption_id: Any) -> ExemptionApplication:
    application = selectors.exemption_get(municipality=municipality, public_id=exemption_id)
    if application is None:
        raise Http404
    return application
