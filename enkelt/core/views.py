"""Operational endpoints, error handlers and the accessibility statement."""

import sys

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from enkelt.core.errors import RETRY_AFTER_SECONDS, error_response


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches no database on purpose."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database means "not ready"
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: a constant through the full middleware stack, no database.

    Routed only when ENKELT_BENCH is true (see bench/README.md).
    """
    return HttpResponse("ok", content_type="text/plain")


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # An unreachable database that surfaced outside a view (e.g. in the session
    # middleware) is still a clear, retryable 503, not a 500.
    from enkelt.core.middleware import is_database_unavailable

    if is_database_unavailable(sys.exc_info()[1]):
        return error_response(request, 503)
    return error_response(request, 500)
