"""Helpers shared by the registry's views."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from enkelt.regulations.models import Rule
from enkelt.regulations.selectors import rule_get
from enkelt.tenants.models import Municipality

VIEW = "regulations.view_rule"
ADD = "regulations.add_rule"
CHANGE = "regulations.change_rule"
EXPORT = "regulations.export_rules"
IMPORT = "regulations.import_rules"
LEDGER = "regulations.change_offset_ledger"


def require(request: HttpRequest, perm: str, municipality: Municipality) -> None:
    if not request.user.has_perm(perm, municipality):
        raise PermissionDenied


def get_rule(municipality: Municipality, rule_id: Any) -> Rule:
    rule = rule_get(municipality=municipality, public_id=rule_id)
    if rule is None:
        raise Http404
    return rule


def query_without(request: HttpRequest, *keys: str) -> str:
    copy = request.GET.copy()
    for key in keys:
        copy.pop(key, None)
    return copy.urlencode()
