"""The status page by tracking code, the lookup form, following and unsubscribing."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.audit.models import AuditEvent
from enkelt.submissions.following import follower_create
from enkelt.submissions.models import Follower
from enkelt.submissions.services import (
    submission_add_note,
    submission_answer,
    submission_create,
    submission_transition,
)
from enkelt.submissions.tests.factories import CategoryFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def staff(municipality):
    return MembershipFactory.create(
        municipality=municipality,
        user=UserFactory.create(username="sagsbehandler-xq", first_name="Sara", last_name="Qvist"),
    ).user


@pytest.fixture
def submission(municipality, category):
    return submission_create(
        actor=None,
        municipality=municipality,
        category=category,
        title="Hul ved skolen, ring 12345678",
        description="Dybt hul",
        address="Skolevej 3",
        contact_name="Bent Borgersen",
        contact_email="bent@example.test",
        contact_phone="+45 87 65 43 21",
    )


def status_url(municipality, code):
    return reverse(
        "submissions:status",
        kwargs={"municipality_slug": municipality.slug, "tracking_code": code},
    )


def lookup_url(municipality):
    return reverse("submissions:status_lookup", kwargs={"municipality_slug": municipality.slug})


def test_status_page_shows_public_history_and_answer_only(
    client_en, municipality, submission, staff
):
    submission_add_note(
        actor=staff, municipality=municipality, submission=submission,
        text="INTERNAL-NOTE-ZZ", is_public=False,
    )  # fmt: skip
    submission_add_note(
        actor=staff, municipality=municipality, submission=submission,
        text="We have looked at it", is_public=True,
    )  # fmt: skip
    submission_answer(
        actor=staff, municipality=municipality, submission=submission, text="Repaired today."
    )

    response = client_en.get(status_url(municipality, submission.tracking_code))

    html = response.content.decode()
    assert response.status_code == 200
    assert submission.public_title in html and "12345678" not in html  # masked copy
    assert submission.category.name in html
    assert "Answered" in html and "Repaired today." in html
    assert "We have looked at it" in html
    assert "Status changed to “answered”" in html
    for private in (
        "INTERNAL-NOTE-ZZ", "bent@example.test", "Borgersen", "87 65 43 21",
        "Skolevej", "sagsbehandler-xq", "Qvist", "Dybt hul",
    ):  # fmt: skip
        assert private not in html, private


def test_status_page_of_unknown_or_other_municipalitys_code_is_not_found(
    client, municipality, submission
):
    other = CategoryFactory.create()
    assert client.get(status_url(other.municipality, submission.tracking_code)).status_code == 404
    assert client.get(status_url(municipality, "AAA-AAA")).status_code == 404


def test_status_page_accepts_a_sloppily_typed_code(client, municipality, submission):
    sloppy = submission.tracking_code.replace("-", "").lower()
    response = client.get(status_url(municipality, sloppy))
    assert response["Location"] == status_url(municipality, submission.tracking_code)


def test_status_page_query_count_does_not_grow_with_history(
    client, municipality, submission, staff
):
    def note(n):
        for i in range(n):
            submission_add_note(
                actor=staff, municipality=municipality, submission=submission,
                text=f"Update {i}", is_public=True,
            )  # fmt: skip

    note(2)
    with CaptureQueriesContext(connection) as few:
        client.get(status_url(municipality, submission.tracking_code))
    note(15)
    with CaptureQueriesContext(connection) as many:
        response = client.get(status_url(municipality, submission.tracking_code))
    assert response.content.decode().count("Update 1") >= 6  # 1, 10..14 of the 17
    assert len(many) == len(few) <= 6, [q["sql"] for q in many.captured_queries]


def test_lookup_form_leads_to_the_status_page(client_en, municipality, submission):
    empty = client_en.get(lookup_url(municipality))
    assert empty.status_code == 200 and 'name="code"' in empty.content.decode()

    typed = submission.tracking_code.lower().replace("-", " ")
    response = client_en.get(lookup_url(municipality), {"code": typed})
    assert response["Location"] == status_url(municipality, submission.tracking_code)

    response = client_en.get(lookup_url(municipality), {"code": "ZZZ-ZZZ"})
    assert response.status_code == 200
    assert 'id="id_code_error"' in response.content.decode()
    assert "cannot find a report with that code" in response.content.decode()


def test_follow_twice_is_one_follower_and_audited(client_en, municipality, submission):
    page = status_url(municipality, submission.tracking_code)

    first = client_en.post(page, {"email": "nabo@Example.TEST"})
    second = client_en.post(page, {"email": "nabo@example.test"})

    assert first["Location"] == second["Location"] == page
    follower = Follower.objects.get()
    assert follower.email == "nabo@example.test" and follower.language == "en"
    assert AuditEvent.objects.filter(verb="submission.follower_added").count() == 1
    assert "You will receive an e-mail" in client_en.get(page).content.decode()


def test_follow_with_a_bad_address_shows_the_error_at_the_field(
    client_en, municipality, submission
):
    response = client_en.post(
        status_url(municipality, submission.tracking_code), {"email": "not-an-address"}
    )
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert not Follower.objects.exists()


def test_follower_receives_the_answer_with_an_unsubscribe_link(
    settings, municipality, submission, staff, django_capture_on_commit_callbacks
):
    settings.ENKELT_PUBLIC_URL = "https://enkelt.example"
    follower = follower_create(
        actor=None, municipality=municipality, submission=submission, email="nabo@example.test"
    )

    with django_capture_on_commit_callbacks(execute=True):
        submission_answer(
            actor=staff, municipality=municipality, submission=submission, text="Fixed."
        )

    to_follower = [m for m in mail.outbox if m.to == ["nabo@example.test"]]
    assert len(to_follower) == 1
    body = to_follower[0].body
    assert "Fixed." in body and submission.tracking_code in to_follower[0].subject
    unsubscribe = reverse(
        "submissions:unsubscribe",
        kwargs={"municipality_slug": municipality.slug, "token": follower.unsubscribe_token},
    )
    assert f"https://enkelt.example{unsubscribe}" in body
    assert "bent@example.test" not in body  # the submitter's details never go to followers


def test_unsubscribe_asks_first_then_deletes_the_follower(client_en, municipality, submission):
    follower = follower_create(
        actor=None, municipality=municipality, submission=submission, email="nabo@example.test"
    )
    page = reverse(
        "submissions:unsubscribe",
        kwargs={"municipality_slug": municipality.slug, "token": follower.unsubscribe_token},
    )

    asked = client_en.get(page)
    assert asked.status_code == 200 and "Stop the e-mails" in asked.content.decode()
    assert "nabo@example.test" not in asked.content.decode()
    assert Follower.objects.exists()  # a mail scanner following the link changes nothing

    done = client_en.post(page)

    assert "You no longer receive e-mails" in done.content.decode()
    assert not Follower.objects.exists()
    assert AuditEvent.objects.filter(verb="submission.follower_removed").count() == 1
    assert client_en.get(page).status_code == 404


def test_unsubscribe_token_of_another_municipality_is_not_found(client, municipality, submission):
    follower = follower_create(
        actor=None, municipality=municipality, submission=submission, email="nabo@example.test"
    )
    other = CategoryFactory.create().municipality
    page = reverse(
        "submissions:unsubscribe",
        kwargs={"municipality_slug": other.slug, "token": follower.unsubscribe_token},
    )
    assert client.post(page).status_code == 404
    assert Follower.objects.exists()


def test_status_page_after_rejection_shows_the_status_label(
    client_en, municipality, submission, staff
):
    submission_transition(
        actor=staff, municipality=municipality, submission=submission,
        to_status="rejected", reason="not_ours",
    )  # fmt: skip
    html = client_en.get(status_url(municipality, submission.tracking_code)).content.decode()
    assert "Rejected" in html and "Status changed to “rejected”" in html
