"""`/api/v1/ideas/`: scope, filters, the transition action, errors, query counts, schema."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from enkelt.ideas import services
from enkelt.ideas.models import IdeaDevelopment
from enkelt.ideas.tests.factories import idea_new
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/ideas/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def guide(municipality, unit, member):
    user = member(Role.EMPLOYEE)
    services.idea_guide_add(actor=None, municipality=municipality, user=user, unit=unit)
    return user


def test_leader_lists_all_ideas_with_contract_fields(municipality, unit, other_unit, leader):
    idea_new(municipality=municipality, unit=unit)
    idea_new(municipality=municipality, unit=other_unit)
    body = _client(leader).get(LIST).json()
    assert body["count"] == 2
    row = body["results"][0]
    assert {"id", "tracking_code", "title", "stage", "reason", "guide", "people", "initiative",
            "case", "unit"} <= set(row)  # fmt: skip
    assert row["stage"] == "new"


def test_guide_lists_only_their_scope_and_employees_are_refused(
    municipality, unit, other_unit, guide, member
):
    inside = idea_new(municipality=municipality, unit=unit)
    idea_new(municipality=municipality, unit=other_unit)
    body = _client(guide).get(LIST).json()
    assert [r["id"] for r in body["results"]] == [str(inside.public_id)]
    assert _client(member(Role.EMPLOYEE)).get(LIST).status_code == 403


def test_filters_by_stage_unit_and_guide(municipality, unit, other_unit, leader, guide):
    moved = idea_new(municipality=municipality, unit=unit)
    idea_new(municipality=municipality, unit=other_unit)
    services.idea_assign_guide(actor=None, municipality=municipality, submission=moved, guide=guide)
    services.idea_transition(
        actor=None, municipality=municipality, submission=moved, to_stage="being_assessed"
    )
    client = _client(leader)
    assert client.get(LIST, {"stage": "being_assessed"}).json()["count"] == 1
    assert client.get(LIST, {"stage": "new"}).json()["count"] == 1
    assert client.get(LIST, {"unit": unit.slug}).json()["count"] == 1
    assert client.get(LIST, {"guide": guide.username}).json()["count"] == 1
    assert client.get(LIST, {"unit": "nope"}).status_code == 400
    assert client.get(LIST, {"stage": "done"}).status_code == 400


def test_transition_moves_and_tells_the_submitter(
    municipality, unit, guide, django_capture_on_commit_callbacks
):
    idea = idea_new(municipality=municipality, unit=unit)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(guide).post(
            f"{LIST}{idea.public_id}/transition/",
            {"stage": "being_assessed", "note": "Vi går i gang", "people": "Portør"},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "being_assessed"
    assert response.json()["people"] == "Portør"
    assert IdeaDevelopment.objects.get(submission=idea).notes.count() == 1
    assert len(mail.outbox) == 1


def test_refused_transitions_have_stable_codes(municipality, unit, leader):
    idea = idea_new(municipality=municipality, unit=unit)
    client = _client(leader)
    url = f"{LIST}{idea.public_id}/transition/"
    conflict = client.post(url, {"stage": "implemented"}, format="json")
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "transition_not_allowed"
    missing = client.post(url, {"stage": "not_pursued"}, format="json")
    assert missing.status_code == 400
    assert missing.json()["code"] == "reason_required"


def test_other_municipality_and_out_of_scope_ideas_are_not_found(municipality, other_unit, guide):
    outside = idea_new(municipality=municipality, unit=other_unit)
    client = _client(guide)
    assert client.get(f"{LIST}{outside.public_id}/").status_code == 404
    assert (
        client.post(
            f"{LIST}{outside.public_id}/transition/", {"stage": "being_assessed"}, format="json"
        ).status_code
        == 404
    )
    stranger = _client(MembershipFactory(role=Role.LEADER).user)
    assert stranger.get(f"{LIST}{outside.public_id}/").status_code == 404
    assert stranger.get(LIST, {"municipality": municipality.slug}).status_code == 404


def test_list_query_count_is_constant(
    municipality, unit, leader, guide, django_assert_max_num_queries
):
    client = _client(leader)
    for n in range(6):
        idea = idea_new(municipality=municipality, unit=unit, title=f"Idé {n}")
        services.idea_assign_guide(
            actor=None, municipality=municipality, submission=idea, guide=guide
        )
        services.idea_transition(
            actor=None, municipality=municipality, submission=idea, to_stage="being_assessed"
        )
    with django_assert_max_num_queries(12):
        assert client.get(LIST).json()["count"] == 6


def test_schema_documents_the_ideas_without_warnings(capsys):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.routers import DefaultRouter

    from enkelt.ideas.api.views import IdeaViewSet

    router = DefaultRouter()
    router.register("ideas", IdeaViewSet, basename="idea")
    generator = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))])
    schema = generator.get_schema(request=None, public=True)
    assert "/api/v1/ideas/{idea_id}/transition/" in schema["paths"]
    assert "IdeaStageEnum" in schema["components"]["schemas"]
    assert "Warning" not in capsys.readouterr().err
