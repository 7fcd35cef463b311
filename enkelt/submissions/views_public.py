"""Public pages of a municipality's submissions: list with map, one page each, photos.

Only what `public.py` returns is shown, and only its `public_*` text (masked
for personal data). Names, e-mails, phone numbers, internal notes and staff
never appear; an employee's submission reads as "an employee". Every view is
wrapped by `municipality_view()`, so the isolation walker treats it as public.
"""

import uuid
from typing import Any, cast
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from enkelt.core.public_cache import public_page_cache
from enkelt.submissions import pipeline, public
from enkelt.submissions.models import Kind, Submission
from enkelt.submissions.selectors import category_list
from enkelt.tenants.access import is_staff_of, municipality_view
from enkelt.tenants.models import Municipality

PAGE_SIZE = 20
PHOTO_MAX_AGE = 3600  # seconds; a hidden submission's photos leave shared caches within it

# DKFDS badge variant per status.
STATUS_BADGES: dict[str, str] = {
    Submission.Status.RECEIVED: "badge-info",
    Submission.Status.IN_PROGRESS: "badge-warning",
    Submission.Status.ANSWERED: "badge-success",
    Submission.Status.CLOSED: "badge-success",
    Submission.Status.REJECTED: "badge-error",
}


class PublicFilterForm(forms.Form):
    """Kind and category; an unknown value is ignored (with a field message)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind, category = self.fields["kind"], self.fields["category"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(category, forms.ChoiceField)
        kind.choices = [("", _("All kinds")), *Kind.choices]
        category.choices = [("", _("All categories")), *[(c.code, c.name) for c in categories]]

    def filters(self) -> dict[str, str | None]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "kind": cleaned.get("kind") or None,
            "category_code": cleaned.get("category") or None,
        }


def _filter_form(request: HttpRequest, municipality: Municipality) -> PublicFilterForm:
    categories = list(category_list(municipality=municipality).prefetch_related(None))
    data = request.GET if any(k in request.GET for k in ("kind", "category")) else None
    return PublicFilterForm(data, categories=categories)


def _tile_source(tile_url: str) -> str:
    """The CSP source for the tile server (`{s}` subdomains become a wildcard)."""
    parts = urlsplit(tile_url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}" if parts.netloc else "'self'"


def _status_badge(submission: Submission) -> str:
    return STATUS_BADGES.get(submission.status, "")


@public_page_cache
@municipality_view()
def public_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = _filter_form(request, municipality)
    filters = form.filters()
    paginator = Paginator(
        public.public_submission_list(municipality=municipality, **filters), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tile_url = settings.ENKELT_MAP_TILE_URL
    markers_url = reverse("submissions:public_map_json", args=[municipality.slug])
    if query:
        markers_url += "?" + query.urlencode()
    response = render(
        request,
        "submissions/public/list.html",
        {
            "municipality": municipality,
            "form": form,
            "page": page,
            "rows": [(s, _status_badge(s)) for s in page.object_list],
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
            "querystring": query.urlencode(),
            "tile_url": tile_url,
            "markers_url": markers_url,
        },
    )
    if tile_url:
        response._csp_update = {"img-src": [_tile_source(tile_url)]}  # type: ignore[attr-defined]
    return response


@municipality_view()
def public_map_json(request: HttpRequest, municipality: Municipality) -> JsonResponse:
    """GeoJSON markers with public fields only, at most `public.MAP_MARKER_LIMIT`."""
    filters = _filter_form(request, municipality).filters()
    found = public.public_map_markers(municipality=municipality, **filters)
    markers = found[: public.MAP_MARKER_LIMIT]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(s.lon or 0), float(s.lat or 0)]},
            "properties": {
                "id": str(s.public_id),
                "title": s.public_title,
                "kind": s.kind,
                "category": s.category.name,
                "status": s.status,
                "status_label": s.get_status_display(),
                "open": pipeline.public_status(s.status) == pipeline.OPEN,
                "created_at": s.created_at.isoformat(),
                "url": reverse("submissions:public_detail", args=[municipality.slug, s.public_id]),
            },
        }
        for s in markers
    ]
    response = JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "truncated": len(found) > len(markers),
            "limit": public.MAP_MARKER_LIMIT,
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


@public_page_cache
@municipality_view()
def public_detail(
    request: HttpRequest, municipality: Municipality, submission_id: uuid.UUID
) -> HttpResponse:
    found = public.public_submission_page(municipality=municipality, public_id=submission_id)
    if found is None:
        raise Http404
    return render(
        request,
        "submissions/public/detail.html",
        {
            "municipality": municipality,
            "submission": found.submission,
            "status_badge": _status_badge(found.submission),
            "events": found.events,
            "photos": found.photos,
        },
    )


@municipality_view()
def photo(request: HttpRequest, municipality: Municipality, photo_id: uuid.UUID) -> HttpResponse:
    """The stored JPEG. Scope first: a superuser of another municipality is not staff here."""
    is_staff = is_staff_of(request.user, municipality) and request.user.has_perm(
        "submissions.view_inbox", municipality
    )
    found = public.photo_for_viewer(municipality=municipality, photo_id=photo_id, is_staff=is_staff)
    if found is None:
        raise Http404
    try:
        handle = found.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg", filename=f"{found.public_id}.jpg")
    response["Content-Disposition"] = f'inline; filename="{found.public_id}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    visibility = "private" if is_staff else "public"
    response["Cache-Control"] = f"{visibility}, max-age={PHOTO_MAX_AGE}"
    # municipality_view is typed for HttpResponse; a streamed file is just as good.
    return cast(HttpResponse, response)
