"""REST API for submissions: scoping, permissions, create with idempotency, actions, errors."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enkelt.api.models import IdempotencyRecord
from enkelt.submissions.models import AnswerTemplate, Submission, SubmissionEvent
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UnitFactory,
)
from enkelt.tenants.models import Role

URL = "/api/v1/submissions/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def worker(municipality):
    return MembershipFactory.create(municipality=municipality, role=Role.EMPLOYEE).user


@pytest.fixture
def as_worker(api, worker):
    api.force_authenticate(worker)
    return api


@pytest.fixture
def submission(municipality, category):
    return SubmissionFactory.create(
        municipality=municipality, category=category, contact_email="borger@example.org"
    )


def detail(submission, action=""):
    return f"{URL}{submission.public_id}/" + (f"{action}/" if action else "")


# -- reading ---------------------------------------------------------------


def test_list_has_the_contract_fields(as_worker, submission):
    response = as_worker.get(URL)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == str(submission.public_id)
    assert row["tracking_code"] == submission.tracking_code
    assert row["category"] == submission.category.code
    assert row["unit"] == submission.unit.slug
    assert row["lat"] == pytest.approx(55.716)
    for field in (
        "kind", "title", "description", "suggestion", "status", "public_answer",
        "lon", "address", "created_at", "answered_at", "assignee", "due_at", "channel",
        "employee_mode",
    ):  # fmt: skip
        assert field in row
    # Contact details stay out of the API.
    assert "borger@example.org" not in response.content.decode()


def test_retrieve_by_public_id(as_worker, submission):
    response = as_worker.get(detail(submission))
    assert response.status_code == 200
    assert response.json()["title"] == submission.title


def test_retrieve_unknown_or_malformed_id_is_404_json(as_worker, submission):
    for url in (f"{URL}{uuid.uuid4()}/", f"{URL}not-a-uuid/"):
        response = as_worker.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_other_municipality_is_404_json(as_worker, submission):
    other = MunicipalityFactory.create()
    foreign = SubmissionFactory.create(municipality=other)
    response = as_worker.get(URL, {"municipality": other.slug})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # Its submission is not found either, also for the POST actions.
    assert as_worker.get(detail(foreign)).status_code == 404
    response = as_worker.post(detail(foreign, "transition"), {"status": "closed"}, format="json")
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Submission.Status.RECEIVED


def test_own_municipality_by_parameter(as_worker, municipality, submission):
    response = as_worker.get(URL, {"municipality": municipality.slug})
    assert [r["id"] for r in response.json()["results"]] == [str(submission.public_id)]


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        (Role.EMPLOYEE, 200, 200),
        (Role.LEADER, 200, 200),
        (Role.ADMINISTRATOR, 200, 200),
        (Role.COUNCIL_MEMBER, 403, 403),
    ],
)
def test_permissions_per_role(api, municipality, submission, role, read, write):
    user = MembershipFactory.create(municipality=municipality, role=role).user
    api.force_authenticate(user)
    assert api.get(URL).status_code == read
    response = api.post(detail(submission, "transition"), {"status": "in_progress"}, format="json")
    assert response.status_code == write
    submission.refresh_from_db()
    expected = Submission.Status.IN_PROGRESS if write == 200 else Submission.Status.RECEIVED
    assert submission.status == expected


def test_anonymous_is_refused(api, submission):
    assert api.get(URL).status_code in (401, 403)
    assert api.post(detail(submission, "transition"), {"status": "closed"}).status_code in (
        401,
        403,
    )


def test_filters(as_worker, municipality, category):
    idea_category = CategoryFactory.create(municipality=municipality, kind="idea")
    fault = SubmissionFactory.create(
        municipality=municipality, category=category, title="Hul i asfalten"
    )
    idea = SubmissionFactory.create(
        municipality=municipality, category=idea_category, status="in_progress"
    )

    def ids(**params):
        response = as_worker.get(URL, params)
        assert response.status_code == 200, response.json()
        return {r["id"] for r in response.json()["results"]}

    assert ids(kind="idea") == {str(idea.public_id)}
    assert ids(status="in_progress") == {str(idea.public_id)}
    assert ids(category=category.code) == {str(fault.public_id)}
    assert ids(unit=idea_category.unit.slug) == {str(idea.public_id)}
    assert ids(q="asfalten") == {str(fault.public_id)}
    assert ids(q=fault.tracking_code) == {str(fault.public_id)}


def test_unknown_filter_values_are_400(as_worker, submission):
    response = as_worker.get(URL, {"category": "findes-ikke", "status": "mystery"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "status" in body["fields"]


def test_list_query_count_is_constant(as_worker, municipality, category, worker):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = as_worker.get(URL, {"page_size": 100})
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    count_queries()  # warm up: the caller's membership is cached on the user object
    SubmissionFactory.create_batch(5, municipality=municipality, category=category, assignee=worker)
    few, count = count_queries()
    assert count == 5
    other_category = CategoryFactory.create(municipality=municipality)
    SubmissionFactory.create_batch(
        35, municipality=municipality, category=other_category, assignee=worker
    )
    many, count = count_queries()
    assert count == 40
    assert few == many


def test_page_size_is_capped_at_200(as_worker, municipality, category):
    SubmissionFactory.create_batch(201, municipality=municipality, category=category)
    response = as_worker.get(URL, {"page_size": 1000})
    body = response.json()
    assert body["count"] == 201
    assert len(body["results"]) == 200
    assert body["next"]


# -- creating ---------------------------------------------------------------


def payload(category_, **extra):
    return {
        "category": category_.code,
        "title": "Væltet skilt",
        "description": "Skiltet ved rundkørslen er væltet. Ring 12345678.",
        "lat": 55.7161,
        "lon": 11.7132,
        "contact_email": "borger@example.org",
        **extra,
    }


def test_create(as_worker, municipality, category, mailoutbox):
    response = as_worker.post(URL, payload(category), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    stored = Submission.objects.get(public_id=body["id"])
    assert stored.channel == Submission.Channel.API
    assert body["channel"] == "api"
    assert stored.municipality == municipality
    assert body["tracking_code"] == stored.tracking_code
    # Staff see the original text; the public copy is masked.
    assert body["description"].endswith("12345678.")
    assert "12345678" not in stored.public_description


def test_create_twice_with_idempotency_key_makes_one(as_worker, category):
    headers = {"Idempotency-Key": "klient-42"}
    first = as_worker.post(URL, payload(category), format="json", headers=headers)
    second = as_worker.post(URL, payload(category), format="json", headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second["Idempotent-Replayed"] == "true"
    assert Submission.objects.count() == 1
    assert Submission.objects.get().idempotency_key == "klient-42"


def test_idempotency_key_reused_for_another_request_is_422(as_worker, category):
    headers = {"Idempotency-Key": "klient-43"}
    as_worker.post(URL, payload(category), format="json", headers=headers)
    response = as_worker.post(
        URL, payload(category, title="Noget andet"), format="json", headers=headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Submission.objects.count() == 1


def test_create_validation_errors_are_json(as_worker, category):
    response = as_worker.post(URL, payload(category, lat=40.0, lon=2.0, title=""), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "title" in body["fields"]
    # Errors found by the service (coordinates outside Denmark) look the same.
    response = as_worker.post(URL, payload(category, lat=40.0, lon=2.0), format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["lat"]
    response = as_worker.post(URL, payload(category, category="findes-ikke"), format="json")
    assert response.json()["fields"]["category"]
    assert Submission.objects.count() == 0


def test_create_error_is_not_stored_for_replay(as_worker, category):
    headers = {"Idempotency-Key": "retry-after-fix"}
    bad = as_worker.post(URL, payload(category, lat=40.0, lon=2.0), format="json", headers=headers)
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.exists()
    good = as_worker.post(URL, payload(category), format="json", headers=headers)
    assert good.status_code == 201


# -- actions ----------------------------------------------------------------


def test_transition_and_refused_transition(as_worker, submission):
    response = as_worker.post(
        detail(submission, "transition"),
        {"status": "rejected", "reason": "not_ours", "note": "Statsvej."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] == "not_ours"
    assert SubmissionEvent.objects.filter(
        submission=submission, kind="internal_note", text="Statsvej."
    ).exists()

    # rejected → answered is not in the pipeline
    response = as_worker.post(
        detail(submission, "transition"), {"status": "answered"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition_not_allowed"
    assert body["message"]


def test_transition_rejection_without_reason_is_400(as_worker, submission):
    response = as_worker.post(
        detail(submission, "transition"), {"status": "rejected"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "rejection_reason_required"


def test_transition_retry_with_key_is_replayed(as_worker, submission):
    headers = {"Idempotency-Key": "t-1"}
    url = detail(submission, "transition")
    first = as_worker.post(url, {"status": "in_progress"}, format="json", headers=headers)
    second = as_worker.post(url, {"status": "in_progress"}, format="json", headers=headers)
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert SubmissionEvent.objects.filter(submission=submission, kind="status_changed").count() == 1
    # Without the key the same request is refused: in_progress → in_progress.
    third = as_worker.post(url, {"status": "in_progress"}, format="json")
    assert third.status_code == 409


def test_answer(as_worker, submission, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_worker.post(
            detail(submission, "answer"), {"text": "Skiltet er rejst."}, format="json"
        )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "answered"
    assert body["public_answer"] == "Skiltet er rejst."
    assert body["answered_at"]
    assert any("Skiltet er rejst." in m.body for m in mailoutbox)


def test_answer_with_template(as_worker, municipality, submission):
    template = AnswerTemplate.objects.create(
        municipality=municipality,
        title="Lukket",
        text_da="Vi har lukket sagen.",
        set_status="closed",
    )
    response = as_worker.post(
        detail(submission, "answer"), {"template": template.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["public_answer"] == "Vi har lukket sagen."


def test_answer_needs_text_or_template(as_worker, submission):
    response = as_worker.post(detail(submission, "answer"), {"text": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "text" in response.json()["fields"]
    other_template = AnswerTemplate.objects.create(
        municipality=MunicipalityFactory.create(), title="X", text_da="Fremmed"
    )
    response = as_worker.post(
        detail(submission, "answer"), {"template": other_template.pk}, format="json"
    )
    assert response.status_code == 400
    assert "template" in response.json()["fields"]


def test_assign(as_worker, municipality, submission, worker):
    unit = UnitFactory.create(municipality=municipality)
    response = as_worker.post(
        detail(submission, "assign"),
        {"unit": unit.slug, "assignee": worker.username},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["unit"] == unit.slug
    assert response.json()["assignee"] == worker.username
    response = as_worker.post(detail(submission, "assign"), {"assignee": None}, format="json")
    assert response.json()["assignee"] is None
    submission.refresh_from_db()
    assert submission.assignee is None
    assert submission.unit == unit


def test_assign_errors(as_worker, submission):
    response = as_worker.post(detail(submission, "assign"), {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "nothing_to_assign"
    stranger = MembershipFactory.create().user  # staff of another municipality
    response = as_worker.post(
        detail(submission, "assign"), {"assignee": stranger.username}, format="json"
    )
    assert response.status_code == 400
    assert "assignee" in response.json()["fields"]


def test_merge_by_tracking_code_and_by_id(as_worker, municipality, category):
    into = SubmissionFactory.create(municipality=municipality, category=category)
    first = SubmissionFactory.create(municipality=municipality, category=category)
    second = SubmissionFactory.create(municipality=municipality, category=category)
    response = as_worker.post(
        detail(first, "merge"), {"into": into.tracking_code.lower()}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["merged_into"] == str(into.public_id)
    assert response.json()["rejection_reason"] == "duplicate"
    response = as_worker.post(detail(second, "merge"), {"into": str(into.public_id)}, format="json")
    assert response.status_code == 200
    # Merging again is a conflict with a stable code.
    response = as_worker.post(detail(first, "merge"), {"into": str(into.public_id)}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_merged"


def test_merge_errors(as_worker, submission):
    response = as_worker.post(
        detail(submission, "merge"), {"into": submission.tracking_code}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "merge_into_self"
    foreign = SubmissionFactory.create()
    response = as_worker.post(
        detail(submission, "merge"), {"into": foreign.tracking_code}, format="json"
    )
    assert response.status_code == 400
    assert "into" in response.json()["fields"]
