"""Public list, map JSON and page per submission: masked text only, never private data."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.submissions import public
from enkelt.submissions.models import Submission
from enkelt.submissions.services import (
    submission_add_note,
    submission_answer,
    submission_create,
)
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    SubmissionFactory,
    UserFactory,
)
from enkelt.tenants.models import Role

PRIVATE = [
    "Privat Borgersen",
    "privat@example.org",
    "87654321",
    "010203-1234",
    "HEMMELIG-NOTE",
    "sagsbehandler-navn",
]


@pytest.fixture
def staff(municipality):
    user = UserFactory.create(username="sagsbehandler-navn", first_name="Sagsbehandler")
    return MembershipFactory.create(municipality=municipality, user=user, role=Role.EMPLOYEE).user


@pytest.fixture
def published(municipality, category, staff):
    """A public submission whose text holds personal data, with a note and an answer."""
    submission = submission_create(
        actor=None,
        municipality=municipality,
        category=category,
        title="Hul i vejen, ring 87654321",
        description="Mit CPR er 010203-1234, skriv til privat@example.org",
        lat="55.716",
        lon="11.713",
        address="Skolevej 12",
        contact_name="Privat Borgersen",
        contact_email="privat@example.org",
        contact_phone="87654321",
    )
    submission_add_note(
        actor=staff,
        municipality=municipality,
        submission=submission,
        text="HEMMELIG-NOTE",
        is_public=False,
    )
    submission_add_note(
        actor=staff,
        municipality=municipality,
        submission=submission,
        text="Vi kigger på det i næste uge.",
        is_public=True,
    )
    submission_answer(
        actor=staff, municipality=municipality, submission=submission, text="Hullet er lappet."
    )
    return submission


def list_url(municipality, **params):
    url = reverse("submissions:public_list", args=[municipality.slug])
    return url


def detail_url(submission):
    return reverse(
        "submissions:public_detail", args=[submission.municipality.slug, submission.public_id]
    )


def assert_no_private(body: str):
    leaked = [marker for marker in PRIVATE if marker in body]
    assert not leaked, leaked


# -- list ---------------------------------------------------------------------


def test_list_shows_masked_text_only(client, municipality, published):
    response = client.get(list_url(municipality))
    assert response.status_code == 200
    body = response.content.decode()
    assert published.public_title in body
    assert "[…]" in published.public_title
    assert detail_url(published) in body
    assert_no_private(body)


@pytest.mark.parametrize(
    "hidden",
    [
        {"is_hidden": True, "hidden_reason": "Krænkende"},
        {"needs_moderation": True},
        {"employee_mode": Submission.EmployeeMode.INTERNAL},
        {"status": "rejected", "rejection_reason": "spam"},
    ],
    ids=["hidden", "moderation", "internal", "spam"],
)
def test_list_and_detail_leave_out_non_public(client, municipality, category, hidden):
    shown = SubmissionFactory.create(
        municipality=municipality, category=category, title="Synlig henvendelse"
    )
    secret = SubmissionFactory.create(
        municipality=municipality, category=category, title="Usynlig henvendelse", **hidden
    )
    body = client.get(list_url(municipality)).content.decode()
    assert shown.public_title in body
    assert "Usynlig henvendelse" not in body
    assert client.get(detail_url(secret)).status_code == 404
    assert client.get(detail_url(shown)).status_code == 200


def test_list_filters_by_kind_and_category(client, municipality, category):
    idea_category = CategoryFactory.create(municipality=municipality, kind="idea")
    fault = SubmissionFactory.create(municipality=municipality, category=category, title="Fejl-A")
    idea = SubmissionFactory.create(
        municipality=municipality, category=idea_category, title="Ide-B"
    )
    url = list_url(municipality)

    body = client.get(url, {"kind": "idea"}).content.decode()
    assert idea.public_title in body and fault.public_title not in body
    body = client.get(url, {"category": category.code}).content.decode()
    assert fault.public_title in body and idea.public_title not in body
    # An unknown category is ignored with a message, not a server error.
    response = client.get(url, {"category": "findes-ikke"})
    assert response.status_code == 200
    assert fault.public_title in response.content.decode()


def test_list_is_paginated(client, municipality, category):
    SubmissionFactory.create_batch(25, municipality=municipality, category=category)
    first = client.get(list_url(municipality))
    assert len(first.context["rows"]) == 20
    second = client.get(list_url(municipality), {"page": 2})
    assert len(second.context["rows"]) == 5
    assert 'rel="prev"' in second.content.decode()


def test_list_query_count_is_constant(client, municipality, category):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(municipality)).status_code == 200
        return len(queries)

    SubmissionFactory.create_batch(5, municipality=municipality, category=category)
    few = count()
    for other in CategoryFactory.create_batch(3, municipality=municipality):
        SubmissionFactory.create_batch(5, municipality=municipality, category=other)
    assert count() == few


def test_map_shown_only_with_a_tile_url(client, municipality, settings):
    settings.ENKELT_MAP_TILE_URL = ""
    response = client.get(list_url(municipality))
    assert 'id="public-map"' not in response.content.decode()
    assert "leaflet" not in response.content.decode()

    settings.ENKELT_MAP_TILE_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    response = client.get(list_url(municipality), {"kind": "fault"})
    body = response.content.decode()
    assert 'id="public-map"' in body
    assert "map.json?kind=fault" in body
    # The tile server may serve images; nothing else is loosened.
    csp = response["Content-Security-Policy"]
    assert "https://*.tile.example.org" in csp.split("img-src")[1].split(";")[0]
    assert "script-src 'self'" in csp


# -- map JSON -------------------------------------------------------------------


def test_map_json_has_public_fields_only(client, municipality, published):
    response = client.get(reverse("submissions:public_map_json", args=[municipality.slug]))
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [11.713, 55.716]
    assert set(feature["properties"]) == {
        "id", "title", "kind", "category", "status", "status_label", "open", "created_at", "url",
    }  # fmt: skip
    assert feature["properties"]["title"] == published.public_title
    assert_no_private(response.content.decode())


def test_map_json_is_bounded(client, municipality, category, monkeypatch):
    monkeypatch.setattr(public, "MAP_MARKER_LIMIT", 3)
    SubmissionFactory.create_batch(5, municipality=municipality, category=category)
    SubmissionFactory.create(municipality=municipality, category=category, lat=None, lon=None)
    data = client.get(reverse("submissions:public_map_json", args=[municipality.slug])).json()
    assert len(data["features"]) == 3
    assert data["truncated"] is True


def test_map_json_filters(client, municipality, category):
    idea = SubmissionFactory.create(
        municipality=municipality,
        category=CategoryFactory.create(municipality=municipality, kind="idea"),
    )
    SubmissionFactory.create(municipality=municipality, category=category)
    url = reverse("submissions:public_map_json", args=[municipality.slug])
    data = client.get(url, {"kind": "idea"}).json()
    assert [f["properties"]["id"] for f in data["features"]] == [str(idea.public_id)]


# -- detail ---------------------------------------------------------------------


def test_detail_shows_public_text_answer_and_history(client, published):
    response = client.get(detail_url(published))
    assert response.status_code == 200
    body = response.content.decode()
    assert published.public_description in body
    assert "Hullet er lappet." in body
    assert "Vi kigger på det i næste uge." in body
    assert published.category.name in body
    assert_no_private(body)


def test_detail_of_pseudonymous_employee_says_an_employee(client, municipality, category):
    employee = MembershipFactory.create(
        municipality=municipality, user=UserFactory.create(first_name="Medarbejder-Navnesen")
    ).user
    submission = submission_create(
        actor=employee,
        municipality=municipality,
        category=category,
        title="Dobbeltregistrering",
        description="Vi taster det samme to gange.",
        lat="55.716",
        lon="11.713",
        employee_mode=Submission.EmployeeMode.PSEUDONYMOUS,
        channel=Submission.Channel.EMPLOYEE,
    )
    response = client.get(detail_url(submission), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "an employee" in body
    assert "Medarbejder-Navnesen" not in body
    assert employee.username not in body


def test_detail_404s(client, municipality, category):
    submission = SubmissionFactory.create(municipality=municipality, category=category)
    other = SubmissionFactory.create()  # another municipality
    assert client.get(detail_url(submission)).status_code == 200
    # another municipality's submission under this municipality's address
    url = reverse("submissions:public_detail", args=[municipality.slug, other.public_id])
    assert client.get(url).status_code == 404
    url = reverse("submissions:public_detail", args=[municipality.slug, uuid.uuid4()])
    assert client.get(url).status_code == 404
    url = reverse("submissions:public_detail", args=["findes-ikke", submission.public_id])
    assert client.get(url).status_code == 404
