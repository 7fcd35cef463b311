"""One place that shapes error responses: JSON under the APIs, DKFDS pages elsewhere.

API clients (REST and Open311) must never receive HTML or a stack trace, so the
format is chosen by path prefix, not by view.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import escape
from django.utils.translation import gettext as _

API_PREFIXES = ("/api/", "/open311/")
# Seconds a client should wait before retrying a 503 (database unreachable).
RETRY_AFTER_SECONDS = 10

ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}


def error_messages() -> dict[int, tuple[str, str]]:
    """Title and what to do, per status; translated at call time."""
    return {
        400: (_("The request could not be understood"), _("Check the address or the form.")),
        403: (
            _("You do not have access to this page"),
            _("Log in with a user who has access, or go back to the front page."),
        ),
        404: (
            _("The page could not be found"),
            _("Check the address, or go back to the front page."),
        ),
        405: (_("The request could not be understood"), _("Check the address or the form.")),
        429: (_("Too many attempts"), _("Wait a minute and try again.")),
        500: (
            _("Something went wrong on our side"),
            _("Try again in a moment. Nothing you sent has been half-saved."),
        ),
        503: (
            _("The service is temporarily unavailable"),
            _("We cannot reach the database right now. Try again in a minute."),
        ),
    }


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIXES)


def _error_page(request: HttpRequest, status: int, title: str, advice: str) -> str:
    """The DKFDS error page; for 5xx it must render even when the database is gone.

    Context processors read the session and the user (the database), so when the
    page with the request fails, it is rendered without it, and as a last resort
    as a bare page: the visitor always gets the clear message.
    """
    context = {"status": status, "title": title, "advice": advice, "plain": status >= 500}
    template = loader.get_template("core/error.html")
    if status < 500:
        return template.render(context, request)
    try:
        return template.render(context, request)
    except Exception:  # the error page itself must not fail
        try:
            return template.render(context)
        except Exception:  # nothing left to try but a bare page
            return (
                f'<!doctype html><html lang="da"><meta charset="utf-8"><title>{escape(title)}'
                f"</title><h1>{escape(title)}</h1><p>{escape(advice)}</p></html>"
            )


def error_response(request: HttpRequest, status: int) -> HttpResponse:
    title, advice = error_messages().get(status, error_messages()[500])
    response: HttpResponse
    if is_api_request(request):
        response = JsonResponse(
            {"code": ERROR_CODES.get(status, "error"), "message": f"{title}. {advice}"},
            status=status,
        )
    else:
        response = HttpResponse(_error_page(request, status, title, advice), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
