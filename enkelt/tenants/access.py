"""The one scoping mechanism: load a municipality (or its object) and authorise in one step.

Every view that takes a municipality slug goes through `municipality_view`; every
object is loaded through `get_scoped_or_404`, which filters by the municipality
before looking up the key. Missing and forbidden give the same 404, so a user of
another municipality cannot even learn that an object exists.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from enkelt.tenants.models import Membership, Municipality

M = TypeVar("M", bound=Model)

ViewFunc = Callable[..., HttpResponse]


def membership_of(user: Any) -> Membership | None:
    """The user's membership, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_enkelt_membership"):
        membership = (
            Membership.objects.select_related("municipality", "unit").filter(user=user).first()
        )
        user._enkelt_membership = membership
        # Templates reach it as `user.membership.municipality`: answer from the same row.
        user._state.fields_cache["membership"] = membership
    return user._enkelt_membership  # type: ignore[no-any-return]


def is_staff_of(user: Any, municipality: Municipality) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.municipality_id == municipality.pk


def get_municipality_or_404(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def get_scoped_or_404(queryset: QuerySet[M], municipality: Municipality, **lookup: Any) -> M:
    """Fetch one row of `municipality`; another municipality's row is simply not found."""
    return get_object_or_404(queryset.filter(municipality=municipality), **lookup)


def municipality_view(*, staff: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """Resolve `municipality_slug` from the URL into `request.municipality`.

    With `staff=True` the caller must be a member of that municipality (or the
    view answers 404, the same as for a municipality that does not exist;
    anonymous callers are sent to log in).
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, municipality_slug: str, *args: Any, **kwargs: Any):
            municipality = get_municipality_or_404(municipality_slug)
            if staff:
                if not request.user.is_authenticated:
                    from django.contrib.auth.views import redirect_to_login

                    return redirect_to_login(request.get_full_path())
                if not is_staff_of(request.user, municipality):
                    raise Http404
            request.municipality = municipality  # type: ignore[attr-defined]
            return view(request, municipality, *args, **kwargs)

        wrapper.enkelt_scope = "staff" if staff else "public"  # type: ignore[attr-defined]
        return wrapper

    return decorator
