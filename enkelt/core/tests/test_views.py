"""Health endpoints, error pages (JSON under the APIs, DKFDS HTML elsewhere), database down."""

import json
from unittest import mock

import pytest
from django.db import OperationalError, connection


def test_healthz_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_works_with_database_access_blocked(client):
    # No `db` fixture: pytest-django raises on any database access.
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_ok_with_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_readyz_503_when_database_unreachable(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_api_404_is_json(client, db):
    response = client.get("/api/v1/does-not-exist/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message"]
    assert b"<html" not in response.content


def test_open311_404_is_a_georeport_error_list(client, db):
    response = client.get("/open311/v2/nothing.json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, list)
    assert body[0]["code"] == 404
    assert body[0]["description"]
    assert b"<html" not in response.content


@pytest.mark.parametrize("path", ["/findes-ikke/", "/a/b/c/"])
def test_page_404_is_dkfds_html(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "<html" in body
    assert "dkfds" in body
    assert "404" in body


@pytest.mark.urls("enkelt.core.tests.urls_dbdown")
def test_database_error_in_a_view_gives_503_page(client, db):
    response = client.get("/test/database-down/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "503" in body
    assert "Traceback" not in body
    assert "Connection refused" not in body


@pytest.mark.urls("enkelt.core.tests.urls_dbdown")
def test_database_error_under_open311_gives_503_json(client, db):
    response = client.get("/open311/test/database-down/")
    assert response.status_code == 503
    assert json.loads(response.content)["code"] == "service_unavailable"


def test_accessibility_statement_renders(client, db):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert '<html lang="da">' in response.content.decode()
