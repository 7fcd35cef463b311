"""Pages: permission matrix, builder (htmx), rounds, answering by token, results, query counts."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from enkelt.goals.models import Measurement
from enkelt.goals.tests.factories import IndicatorFactory
from enkelt.surveys.models import Invitation, QuestionKind, Response, RoundState, Survey
from enkelt.surveys.tests.factories import answer, open_round, wellbeing_survey
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

MANAGERS = [Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR]


@pytest.fixture
def login(client, member):
    def as_role(role: str):
        user = member(role)
        if role == Role.ADMINISTRATOR:
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
        client.force_login(user)
        client.cookies["django_language"] = "en"
        return client

    return as_role


def _urls(municipality, survey, survey_round):
    slug = municipality.slug
    return {
        "list": reverse("surveys:list", args=[slug]),
        "detail": reverse("surveys:detail", args=[slug, survey.public_id]),
        "results": reverse(
            "surveys:results", args=[slug, survey.public_id, survey_round.public_id]
        ),
    }


# role -> (may see list/detail/results, may manage)
MATRIX = [
    (Role.EMPLOYEE, False, False),
    (Role.LEADER, True, True),
    (Role.CHIEF, True, True),
    (Role.DIRECTOR, True, True),
    (Role.COUNCIL_MEMBER, True, False),
    (Role.ADMINISTRATOR, True, True),
]


@pytest.mark.parametrize(("role", "may_view", "may_manage"), MATRIX)
def test_permission_matrix(login, municipality, survey, units, role, may_view, may_manage):
    survey_round = open_round(survey, units[:1])
    client = login(role)
    for name, url in _urls(municipality, survey, survey_round).items():
        assert client.get(url).status_code == (200 if may_view else 403), name
    response = client.post(
        reverse("surveys:question_add", args=[municipality.slug, survey.public_id]),
        {"kind": "text", "text_da": "Nyt spørgsmål", "scale_min": 1, "scale_max": 5},
    )
    assert response.status_code == (302 if may_manage else 403)
    assert survey.questions.filter(text_da="Nyt spørgsmål").exists() is may_manage
    close = reverse(
        "surveys:round_close", args=[municipality.slug, survey.public_id, survey_round.public_id]
    )
    assert client.post(close).status_code == (302 if may_manage else 403)
    survey_round.refresh_from_db()
    assert (survey_round.state == RoundState.CLOSED) is may_manage


def test_rules_match_the_matrix(member, municipality):
    for role, may_view, may_manage in MATRIX:
        user = member(role)
        assert user.has_perm("surveys.view_surveys", municipality) is may_view
        assert user.has_perm("surveys.view_results", municipality) is may_view
        assert user.has_perm("surveys.manage_surveys", municipality) is may_manage


def test_anonymous_is_sent_to_log_in_and_other_municipality_gets_404(
    client, municipality, survey, units
):
    survey_round = open_round(survey, units[:1])
    urls = _urls(municipality, survey, survey_round)
    assert client.get(urls["list"]).status_code == 302
    outsider = MembershipFactory(municipality=MunicipalityFactory(), role=Role.LEADER).user
    client.force_login(outsider)
    for url in urls.values():
        assert client.get(url).status_code == 404


def test_leader_creates_a_survey_and_builds_it_with_htmx(login, municipality):
    client = login(Role.LEADER)
    response = client.post(
        reverse("surveys:list", args=[municipality.slug]),
        {"title_da": "APV 2026", "title_en": "Workplace assessment 2026",
         "purpose": "workplace_assessment", "audience": "employees"},
    )  # fmt: skip
    survey = Survey.objects.get(title_da="APV 2026")
    assert response.status_code == 302
    add = reverse("surveys:question_add", args=[municipality.slug, survey.public_id])
    for text in ("Første", "Andet"):
        response = client.post(
            add,
            {"kind": "scale", "text_da": text, "text_en": text + " (en)", "scale_min": 1,
             "scale_max": 5},
            HTTP_HX_REQUEST="true",
        )  # fmt: skip
        assert response.status_code == 200
        assert 'id="survey-questions"' in response.content.decode()
    second = survey.questions.get(text_da="Andet")
    response = client.post(
        reverse("surveys:question_move", args=[municipality.slug, survey.public_id]),
        {"question": str(second.public_id), "direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.index("Andet (en)") < body.index("Første (en)")
    response = client.post(
        add,
        {"kind": "single", "text_da": "Vælg", "options_da": "Kun én", "scale_min": 1,
         "scale_max": 5},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert "at least two options" in response.content.decode()


def test_leader_opens_a_round_and_invites(login, municipality, survey, units, on_commit):
    client = login(Role.LEADER)
    response = client.post(
        reverse("surveys:round_open", args=[municipality.slug, survey.public_id]),
        {"title": "Forår", "opens_on": "2026-03-02", "closes_on": "2026-03-20",
         "units": [units[0].pk, units[1].pk]},
    )  # fmt: skip
    assert response.status_code == 302
    survey_round = survey.rounds.get()
    prefix = f"r{survey_round.pk}"
    with on_commit(execute=True):
        client.post(
            reverse(
                "surveys:round_invite",
                args=[municipality.slug, survey.public_id, survey_round.public_id],
            ),
            {f"{prefix}-emails": "a@example.org\nb@example.org", f"{prefix}-unit": units[1].pk},
        )
    assert Invitation.objects.filter(round=survey_round, unit=units[1]).count() == 2
    detail = client.get(reverse("surveys:detail", args=[municipality.slug, survey.public_id]))
    assert survey_round.link_token in detail.content.decode()


def test_answer_by_link_stores_an_anonymous_response(client, municipality, survey, units):
    survey_round = open_round(survey, units[:2])
    url = reverse("surveys:answer", args=[municipality.slug, survey_round.link_token])
    client.cookies["django_language"] = "en"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<fieldset" in body and "<legend" in body and "I thrive" in body
    questions = {q.kind: q for q in survey.questions.prefetch_related("options")}
    scale, multiple = questions[QuestionKind.SCALE], questions[QuestionKind.MULTIPLE]
    options = list(multiple.options.all())

    missing = client.post(url, {"unit": units[1].slug})
    assert missing.status_code == 400
    assert "Answer this question" in missing.content.decode()

    done = client.post(
        url,
        {"unit": units[1].slug, scale.field_name: "4",
         multiple.field_name: [options[0].pk, options[2].pk]},
    )  # fmt: skip
    assert done.status_code == 200
    assert "data-answer-received" in done.content.decode()
    response = Response.objects.get(round=survey_round)
    assert response.unit == units[1]
    assert response.answers.count() == 3


def test_invitation_link_answers_once(client, municipality, survey, units):
    survey_round = open_round(survey, units[:1])
    invitation = Invitation.objects.create(
        municipality=municipality, round=survey_round, unit=units[0], email="x@example.org"
    )
    url = reverse("surveys:answer", args=[municipality.slug, invitation.token])
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    client.post(url, {scale.field_name: "5"})
    client.cookies["django_language"] = "en"
    again = client.get(url)
    assert "already answered" in again.content.decode()
    assert Response.objects.filter(round=survey_round).count() == 1


def test_unknown_token_and_token_of_another_municipality_are_404(client, survey, units):
    survey_round = open_round(survey, units[:1])
    other = MunicipalityFactory()
    assert (
        client.get(
            reverse("surveys:answer", args=[other.slug, survey_round.link_token])
        ).status_code
        == 404
    )
    assert client.get(reverse("surveys:answer", args=[other.slug, "nope"])).status_code == 404


def test_results_page_shows_groups_of_five_and_hides_smaller(login, municipality, survey, units):
    survey_round = open_round(survey, units)
    for i in range(6):
        answer(survey_round, units[0], value=4, text=f"stor-gruppe-{i}")
    for _i in range(6):
        answer(survey_round, units[1], value=2)
    for i in range(3):
        answer(survey_round, units[2], value=1, text=f"lille-gruppe-{i}")
    client = login(Role.LEADER)
    url = _urls(municipality, survey, survey_round)["results"]

    body = client.get(url).content.decode()

    assert 'data-group="veje"' in body
    assert "fewer than 5" in body
    assert body.count("<svg") >= 3  # scale and choice charts
    assert 'role="img"' in body
    # Total texts (n = 15) are shown without any unit; the page never names a unit beside one.
    assert "stor-gruppe-0" in body and "lille-gruppe-0" in body
    assert "Affald" in body  # the unit row exists, its figures are hidden
    section = body[
        body.index("data-respondents") : body.index("</table>", body.index("data-respondents"))
    ]
    affald_row = section[section.index('data-group="affald"') :]
    assert "fewer than 5" in affald_row.split("</tr>")[0]


def test_results_compare_with_the_previous_round(login, municipality, survey, units):
    import datetime

    earlier = open_round(survey, units[:1], opens_on=datetime.date(2025, 10, 1), title="Efterår")
    for _i in range(5):
        answer(earlier, units[0], value=3)
    later = open_round(survey, units[:1], title="Forår")
    for _i in range(5):
        answer(later, units[0], value=4)
    client = login(Role.CHIEF)
    body = client.get(_urls(municipality, survey, later)["results"]).content.decode()
    assert "data-previous-round" in body and "Efterår" in body
    assert "data-change>+1" in body


def test_closing_from_the_page_writes_the_indicator(login, municipality, survey, units):
    from enkelt.surveys import services

    indicator = IndicatorFactory(municipality=municipality)
    single = survey.questions.get(kind=QuestionKind.SINGLE)
    services.feed_create(
        actor=None, municipality=municipality, question=single,
        option=single.options.order_by("order").first(), indicator=indicator,
    )  # fmt: skip
    survey_round = open_round(survey, units[:1])
    for i in range(5):
        answer(survey_round, units[0], option_index=0 if i < 4 else 1)
    client = login(Role.DIRECTOR)
    client.post(
        reverse(
            "surveys:round_close",
            args=[municipality.slug, survey.public_id, survey_round.public_id],
        )
    )
    assert Measurement.objects.get(indicator=indicator).value == 80


def test_list_query_count_is_constant(login, municipality, django_assert_max_num_queries):
    client = login(Role.LEADER)
    url = reverse("surveys:list", args=[municipality.slug])
    for _i in range(6):
        wellbeing_survey(municipality)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_detail_and_results_query_counts(
    login, municipality, survey, units, django_assert_max_num_queries
):
    rounds = [open_round(survey, units, title=f"R{i}") for i in range(3)]
    for unit in units:
        for _i in range(6):
            answer(rounds[0], unit, text="x")
    client = login(Role.LEADER)
    with django_assert_max_num_queries(30):
        client.get(reverse("surveys:detail", args=[municipality.slug, survey.public_id]))
    with django_assert_max_num_queries(20):
        client.get(_urls(municipality, survey, rounds[0])["results"])


def test_question_without_answers_can_be_deleted(login, municipality, survey, units):
    client = login(Role.LEADER)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    url = reverse("surveys:question_delete", args=[municipality.slug, survey.public_id])
    client.post(url, {"question": str(text.public_id)}, HTTP_HX_REQUEST="true")
    assert not survey.questions.filter(pk=text.pk).exists()
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    answer(open_round(survey, units[:1]), units[0])
    client.post(url, {"question": str(scale.public_id)})
    assert survey.questions.filter(pk=scale.pk).exists()  # it has answers
    assert client.post(url, {"question": "not-a-uuid"}).status_code == 404
