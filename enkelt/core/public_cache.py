"""Whole-page caching of the busiest public pages for visitors without a session.

A citizen who is not logged in gets the same page as every other such citizen in
the same language, so the rendered page is kept for a few seconds
(`ENKELT_PUBLIC_PAGE_CACHE_SECONDS`, 0 turns it off). Anyone with a session or a
pending message (staff, a citizen in the middle of a report) always gets a fresh
page. Django's cache middleware logic keys the page by URL and by the response's
`Vary` headers (language, cookies) and never stores a response that sets a cookie,
so nothing personal can be shared. A hidden or answered report shows on these
pages at most that many seconds late.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page

View = Callable[..., HttpResponse]


def _anonymous_visit(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and settings.CSRF_COOKIE_NAME not in cookies
    )


def public_page_cache(view: View) -> View:
    """Serve `view` from the cache for anonymous visitors (see the module's docstring)."""
    cached: dict[int, View] = {}

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = int(getattr(settings, "ENKELT_PUBLIC_PAGE_CACHE_SECONDS", 0))
        if seconds <= 0 or not _anonymous_visit(request):
            return view(request, *args, **kwargs)
        if seconds not in cached:
            cached[seconds] = cache_page(seconds, key_prefix="public-page")(view)
        return cached[seconds](request, *args, **kwargs)

    return wrapper
