"""The instance front page, a municipality's public page and the staff home."""

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enkelt.core.public_cache import public_page_cache
from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality
from enkelt.tenants.selectors import municipality_list, unit_tree

# Unit changes show on the public page after at most this long.
PUBLIC_TREE_CACHE_SECONDS = 300


def instance_home(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/instance_home.html", {"municipalities": municipality_list()})


@public_page_cache
@municipality_view()
def municipality_home(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    # The tree is a callable so that the template's fragment cache (the busiest public
    # page) skips the query and the rendering when it holds the fragment.
    return render(
        request,
        "tenants/municipality_home.html",
        {
            "municipality": municipality,
            "tree": partial(unit_tree, municipality=municipality, public_only=True),
            "tree_cache_seconds": PUBLIC_TREE_CACHE_SECONDS,
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
