"""The instance front page, a municipality's public page and the staff home."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality
from enkelt.tenants.selectors import municipality_list, unit_tree


def instance_home(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/instance_home.html", {"municipalities": municipality_list()})


@municipality_view()
def municipality_home(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(
        request,
        "tenants/municipality_home.html",
        {
            "municipality": municipality,
            "tree": unit_tree(municipality=municipality, public_only=True),
        },
    )


@municipality_view(staff=True)
def staff_home(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(
        request,
        "tenants/staff_home.html",
        {
            "municipality": municipality,
            "membership": membership_of(request.user),
            "tree": unit_tree(municipality=municipality),
        },
    )
