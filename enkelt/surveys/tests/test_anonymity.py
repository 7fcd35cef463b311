"""Anonymity by design: no response can be linked to a person, in any table, view or API.

A response stores the round, the group (unit) and the day; an invitation knows
only that its token was used, not when; nothing is audited about answering.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse
from rest_framework.test import APIClient

from enkelt.audit.models import AuditEvent
from enkelt.surveys.models import Answer, Invitation, QuestionKind, Response
from enkelt.surveys.tests.factories import answer, open_round
from enkelt.tenants.models import Role


def _columns(model: type[models.Model]) -> set[str]:
    return {f.column for f in model._meta.concrete_fields}


def test_responses_table_has_no_person_invitation_or_time_column():
    assert _columns(Response) == {"id", "municipality_id", "round_id", "unit_id", "submitted_on"}
    assert isinstance(Response._meta.get_field("submitted_on"), models.DateField)
    assert not isinstance(Response._meta.get_field("submitted_on"), models.DateTimeField)
    assert _columns(Answer) == {"id", "response_id", "question_id", "value", "option_id", "text"}


def test_invitations_cannot_be_joined_to_responses():
    # no foreign key either way, and no moment of answering on the invitation
    assert not [f for f in Invitation._meta.get_fields() if f.related_model is Response]
    assert not [f for f in Response._meta.get_fields() if f.related_model is Invitation]
    datetimes = [
        f.name for f in Invitation._meta.concrete_fields if isinstance(f, models.DateTimeField)
    ]
    assert datetimes == ["created_at"]  # set when invited, never touched by answering
    assert not any(f.name == "updated_at" for f in Invitation._meta.concrete_fields)


def test_no_model_anywhere_points_at_a_response_or_from_it_to_a_user():
    user_model = apps.get_model("accounts", "User")
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.related_model is Response:
                assert model is Answer, f"{model.__name__}.{field.name} links to responses"
    assert not [f for f in Response._meta.get_fields() if f.related_model is user_model]


def test_answers_are_not_in_the_admin():
    for model in (Response, Answer, Invitation):
        assert model not in admin.site._registry


def test_answering_leaves_no_trace_of_the_person(client, member, municipality, survey, units):
    survey_round = open_round(survey, units[:1])
    employee = member(Role.EMPLOYEE)
    invitation = Invitation.objects.create(
        municipality=municipality, round=survey_round, unit=units[0], email=employee.email
    )
    before_invitation = Invitation.objects.filter(pk=invitation.pk).values().get()
    events = AuditEvent.objects.count()
    client.force_login(employee)
    scale = survey.questions.get(kind=QuestionKind.SCALE)

    client.post(
        reverse("surveys:answer", args=[municipality.slug, invitation.token]),
        {scale.field_name: "2"},
    )

    response = Response.objects.get(round=survey_round)
    row = Response.objects.filter(pk=response.pk).values().get()
    assert set(row) == {"id", "municipality_id", "round_id", "unit_id", "submitted_on"}
    assert row["unit_id"] == units[0].pk  # only the group
    assert AuditEvent.objects.count() == events  # answering is not audited
    after_invitation = Invitation.objects.filter(pk=invitation.pk).values().get()
    changed = {k for k in after_invitation if after_invitation[k] != before_invitation[k]}
    assert changed == {"answered"}


def test_views_and_api_show_no_invitee_and_no_small_group_text(
    client, member, municipality, survey, units
):
    survey_round = open_round(survey, units[:1])
    invitation = Invitation.objects.create(
        municipality=municipality, round=survey_round, unit=units[0], email="hemmelig@example.org"
    )
    answer(survey_round, None, invitation=invitation, text="hemmelig-kommentar")
    for _i in range(2):
        answer(survey_round, units[0], text="anden-kommentar")
    leader = member(Role.LEADER)
    client.force_login(leader)
    pages = [
        reverse("surveys:detail", args=[municipality.slug, survey.public_id]),
        reverse(
            "surveys:results",
            args=[municipality.slug, survey.public_id, survey_round.public_id],
        ),
    ]
    api = APIClient()
    api.force_authenticate(leader)
    bodies = [client.get(url).content.decode() for url in pages] + [
        api.get(url).content.decode()
        for url in (
            "/api/v1/surveys/",
            "/api/v1/survey-rounds/",
            f"/api/v1/survey-rounds/{survey_round.public_id}/results/",
        )
    ]
    for body in bodies:
        assert "hemmelig@example.org" not in body
        assert invitation.token not in body
        assert "hemmelig-kommentar" not in body  # 3 respondents: texts stay hidden
        assert "anden-kommentar" not in body


@pytest.mark.parametrize("count", [0, 1, 4])
def test_results_page_shows_no_figures_under_five(
    client, member, municipality, survey, units, count
):
    survey_round = open_round(survey, units[:1])
    for _i in range(count):
        answer(survey_round, units[0], value=5)
    client.force_login(member(Role.DIRECTOR))
    client.cookies["django_language"] = "en"
    body = client.get(
        reverse(
            "surveys:results", args=[municipality.slug, survey.public_id, survey_round.public_id]
        )
    ).content.decode()
    assert "data-mean>5" not in body
    assert "<rect" not in body  # no bar for a small group
    if count:
        assert "fewer than 5" in body
