"""WSGI entry point for gunicorn.

Garbage collection: a worker holds a large, long-lived heap (Django, every app's
modules, URL patterns, compiled templates). Python's full collection walks all of it,
and on the busiest pages that walk added 100-150 ms to every fifth request. Objects
that exist once the application is loaded, and once it has served its first request
(templates and URL resolvers are built lazily), live as long as the worker, so
`gc.freeze()` moves them out of the collector's way; a full collection then walks only
what requests allocate. Nothing is ever freed by this that would otherwise be freed.
"""

import gc
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django_application = get_wsgi_application()
gc.freeze()

_served_first = False


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    global _served_first
    response = django_application(environ, start_response)
    if not _served_first:
        _served_first = True
        gc.freeze()
    return response
