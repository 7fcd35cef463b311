"""KL's national list: the same state rule escalated or decided in several municipalities."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enkelt.simplification import selectors
from enkelt.simplification.views.common import NATIONAL, require


def national_list(request: HttpRequest) -> HttpResponse:
    """Only for KL users (403 for everyone else; anonymous callers too)."""
    require(request, NATIONAL)
    try:
        minimum = max(1, min(int(request.GET.get("min", "2")), 98))
    except ValueError:
        minimum = 2
    return render(
        request,
        "simplification/national.html",
        {"rows": selectors.national_list(min_municipalities=minimum), "minimum": minimum},
    )
