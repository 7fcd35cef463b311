"""Open311 GeoReport v2 endpoints under /open311/v2/ (open311.md).

Every endpoint serves XML and JSON, chosen by the suffix (`format`). The
`open311_endpoint` decorator gives all of them the same behaviour: public scope
(only public data is ever shown), CSRF exemption (clients post without a
session), method checking, and errors as an Open311 error list in the requested
format — never an HTML page or a trace, whatever the client sent.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from enkelt.open311 import representation, selectors
from enkelt.open311.errors import (
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    SERVER_ERROR,
    SERVICE_UNAVAILABLE,
    Open311Error,
)
from enkelt.open311.params import (
    first,
    from_body_or_query,
    idempotency_key,
    new_request,
    request_body,
    requests_query,
    updates_query,
)
from enkelt.open311.rendering import JSON, XML, render, render_error
from enkelt.open311.submitting import service_request_create
from enkelt.submissions.models import Submission

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def open311_endpoint(*methods: str) -> Callable[[View], View]:
    """Public, CSRF-exempt, `methods` only (HEAD with GET), errors in the requested format."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, format: str = JSON, **kwargs: Any) -> HttpResponse:
            fmt = format if format in (XML, JSON) else JSON
            try:
                if request.method not in allowed:
                    response = render_error(
                        fmt, Open311Error(METHOD_NOT_ALLOWED, _("Method not allowed."))
                    )
                    response["Allow"] = ", ".join(sorted(allowed))
                    return response
                return view(request, fmt, **kwargs)
            except Open311Error as error:
                return render_error(fmt, error)
            except DatabaseError:
                logger.exception("open311: database error", extra={"path": request.path})
                return render_error(
                    fmt,
                    Open311Error(
                        SERVICE_UNAVAILABLE,
                        _("The service is temporarily unavailable. Try again in a minute."),
                    ),
                )
            except Exception:
                logger.exception("open311: unhandled error", extra={"path": request.path})
                return render_error(
                    fmt, Open311Error(SERVER_ERROR, _("Something went wrong on our side."))
                )

        exempt = csrf_exempt(wrapper)
        exempt.enkelt_scope = "public"  # type: ignore[attr-defined]
        return exempt

    return decorator


_PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000"


def _photo_url(request: HttpRequest) -> Callable[[Submission], str]:
    """The absolute address of a submission's first photo (see `selectors.FIRST_PHOTO`), or ''.

    A page holds up to 1,000 requests of one municipality: the address is reversed
    once per municipality with a placeholder id, then filled in per photo.
    """
    templates: dict[str, str] = {}

    def template(slug: str) -> str:
        if slug not in templates:
            try:
                path = reverse(
                    "submissions:photo",
                    kwargs={"municipality_slug": slug, "photo_id": _PLACEHOLDER_ID},
                )
            except NoReverseMatch:
                path = ""
            templates[slug] = request.build_absolute_uri(path) if path else ""
        return templates[slug]

    def url(submission: Submission) -> str:
        public_id = getattr(submission, selectors.FIRST_PHOTO, None)
        if public_id is None:
            return ""
        base = template(submission.municipality.slug)
        return base.replace(_PLACEHOLDER_ID, str(public_id)) if base else ""

    return url


@open311_endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Where the endpoint lives and what it speaks. A jurisdiction is optional here."""
    slug = first(request.GET, "jurisdiction_id")
    municipality = selectors.jurisdiction(slug) if slug else None
    contact = (municipality.contact_email if municipality else "") or ""
    own_path = reverse("open311:discovery", kwargs={"format": fmt})
    endpoint_url = request.build_absolute_uri(own_path.rsplit("/", 1)[0] + "/")
    document = representation.discovery(endpoint_url=endpoint_url, contact=contact)
    return render(fmt, "discovery", document)


@open311_endpoint("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    municipality = selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    categories = selectors.services(municipality=municipality)
    return render(fmt, "services", [representation.service(c) for c in categories])


@open311_endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    municipality = selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    category = selectors.service_get(municipality=municipality, code=service_code)
    return render(fmt, "service_definition", representation.service_definition(category))


@open311_endpoint("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET: public fault submissions, filtered. POST: a new report."""
    if request.method == "POST":
        return _create_request(request, fmt)
    municipality = selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    submissions = selectors.service_requests(
        municipality=municipality, query=requests_query(request.GET)
    )
    photo_url = _photo_url(request)
    return render(
        fmt,
        "service_requests",
        [representation.service_request(s, photo_url) for s in submissions],
    )


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    body, files = request_body(request)
    municipality = selectors.jurisdiction(from_body_or_query(request, body, "jurisdiction_id"))
    submission = service_request_create(
        municipality=municipality,
        api_key=from_body_or_query(request, body, "api_key"),
        new=new_request(body),
        files=files,
        idempotency_key=idempotency_key(request),
    )
    return render(fmt, "service_requests", [representation.created_request(submission)])


@open311_endpoint("GET")
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    municipality = selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    submission = selectors.service_request_get(
        municipality=municipality, service_request_id=service_request_id
    )
    document = [representation.service_request(submission, _photo_url(request))]
    return render(fmt, "service_requests", document)


@open311_endpoint("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    """Our services are realtime: no token is ever issued, so every token is unknown."""
    selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    raise Open311Error(NOT_FOUND, _("Unknown token."))


@open311_endpoint("GET")
def request_updates(request: HttpRequest, fmt: str) -> HttpResponse:
    """mySociety's extension: public status changes and updates since `start_date`."""
    municipality = selectors.jurisdiction(first(request.GET, "jurisdiction_id"))
    events = selectors.service_request_updates(
        municipality=municipality, query=updates_query(request.GET)
    )
    return render(
        fmt, "service_requests_updates", [representation.request_update(e) for e in events]
    )


@open311_endpoint("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
def not_found(request: HttpRequest, fmt: str) -> HttpResponse:
    """Anything else under /open311/v2/: an Open311 404 (never a redirect to a slash)."""
    raise Open311Error(NOT_FOUND, _("Unknown Open311 resource."))


def not_found_any_format(request: HttpRequest) -> HttpResponse:
    fmt = XML if request.path.endswith(".xml") else JSON
    return not_found(request, format=fmt)


not_found_any_format.enkelt_scope = "public"  # type: ignore[attr-defined]
not_found_any_format.csrf_exempt = True  # type: ignore[attr-defined]
