"""The WSGI entry point: serves requests and keeps the loaded heap out of the collector's way."""

import gc
from unittest import mock

from django.test import RequestFactory


def test_wsgi_application_serves_and_freezes_the_heap_after_its_first_request(db):
    from config import wsgi

    assert gc.get_freeze_count() > 0  # frozen when the application was loaded
    wsgi._served_first = False
    environ = RequestFactory().get("/healthz").environ
    statuses: list[str] = []
    with mock.patch.object(wsgi.gc, "freeze") as freeze:
        for _ in range(3):
            body = b"".join(wsgi.application(environ, lambda s, h: statuses.append(s)))
            assert body
    assert statuses == ["200 OK"] * 3
    assert freeze.call_count == 1  # after the first request only
