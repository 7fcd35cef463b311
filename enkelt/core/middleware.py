"""Turns an unreachable database into a clear 503 instead of a stack trace.

`ServerTimingMiddleware` is added only when ENKELT_BENCH is on (see bench/README.md).
"""

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from enkelt.core.errors import error_response

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Middleware further in (sessions, authentication) reads the database before any
        # view runs; process_exception does not see those failures, so they are caught here.
        try:
            return self.get_response(request)
        except Exception as exception:
            if not is_database_unavailable(exception):
                raise
            logger.error(
                "database unavailable", extra={"path": request.path, "error": repr(exception)[:300]}
            )
            return error_response(request, 503)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            logger.error(
                "database unavailable", extra={"path": request.path, "error": repr(exception)[:300]}
            )
            return error_response(request, 503)
        return None


def is_database_unavailable(exception: BaseException | None) -> bool:
    """The database cannot be reached (not: a query that is wrong)."""
    return isinstance(exception, OperationalError | InterfaceError) or (
        type(exception) is DatabaseError
    )


class ServerTimingMiddleware:
    """The benchmark's server time: `Server-Timing: app;dur=<ms>` on every response.

    Outermost in MIDDLEWARE, so it measures everything Django does for the request
    (not the server's queueing). Added only when ENKELT_BENCH is on, never in production.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
