"""Municipality scoping for the REST API: the `municipality` query parameter.

A staff user sees only their own municipality; naming another (or one that does not
exist) answers 404, the same for both.
"""

from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Municipality


def municipalities_visible_to(user: Any) -> QuerySet[Municipality]:
    membership = membership_of(user)
    if membership is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(pk=membership.municipality_id)


def resolve_municipality(request: Request) -> Municipality:
    """The municipality named by `?municipality=<slug>`, or the caller's own."""
    visible = municipalities_visible_to(request.user)
    slug = request.query_params.get("municipality")
    municipality = visible.filter(slug=slug).first() if slug else visible.first()
    if municipality is None:
        raise NotFound(code="not_found")
    return municipality


class MunicipalityScopedMixin:
    """For viewsets whose model has a `municipality` foreign key."""

    request: Any  # set by DRF; typed loosely to fit both View and APIView

    def get_municipality(self) -> Municipality:
        if not hasattr(self, "_municipality"):
            self._municipality = resolve_municipality(self.request)
        return self._municipality

    def scope(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(municipality=self.get_municipality())
