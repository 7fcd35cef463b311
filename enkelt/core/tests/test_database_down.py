"""The database gone while the request is already in the middleware: a clear 503, never a 500.

The reliability drills (scripts/drills.py) found this: the session middleware
reads the database before any view runs, so `process_exception` never saw the
failure and the error page itself, reading the session again, failed too.
"""

import json
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client


@pytest.fixture
def browser(db):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32  # the session must be loaded from the database
    client.cookies["django_language"] = "en"
    return client


def session_down(*args, **kwargs):
    raise OperationalError("connection failed: database is not accepting connections")


@pytest.mark.parametrize("path", ["/", "/readyz", "/accessibility/"])
def test_session_middleware_failure_is_a_503_page_with_retry_after(browser, path):
    with mock.patch.object(SessionStore, "load", session_down):
        response = browser.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    body = response.content.decode()
    assert "Traceback" not in body
    assert "not accepting connections" not in body


def test_session_middleware_failure_under_the_api_is_json(browser):
    with mock.patch.object(SessionStore, "load", session_down):
        for path in ("/api/v1/units/", "/open311/v2/services.json?jurisdiction_id=demo"):
            response = browser.get(path)
            assert response.status_code == 503, path
            assert response["Content-Type"].startswith("application/json"), path
            assert response["Retry-After"].isdigit()
            assert json.loads(response.content)


def test_error_page_renders_even_when_its_context_fails(browser):
    from enkelt.core.errors import error_response

    request = mock.Mock(path="/x/", session=mock.Mock(), META={})
    with mock.patch(
        "enkelt.core.errors.loader.get_template",
        return_value=mock.Mock(render=mock.Mock(side_effect=OperationalError("down"))),
    ):
        response = error_response(request, 503)
    assert response.status_code == 503
    assert b"<h1>" in response.content
    assert response["Retry-After"].isdigit()
