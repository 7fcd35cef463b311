"""`/api/v1/surveys/` (definitions) and `/api/v1/survey-rounds/` with `results` (aggregates)."""

import pytest
from rest_framework.test import APIClient

from enkelt.surveys.tests.factories import answer, open_round, wellbeing_survey
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory


@pytest.fixture
def api_as(member):
    def make(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(member(role))
        return client

    return make


def test_definitions_in_both_languages(api_as, survey):
    response = api_as(Role.LEADER).get("/api/v1/surveys/")
    assert response.status_code == 200
    item = response.json()["results"][0]
    assert item["id"] == str(survey.public_id)
    assert item["audience"] == "employees"
    scale = item["questions"][0]
    assert scale["kind"] == "scale" and scale["text_en"] == "I thrive"
    assert scale["scale_min"] == 1 and scale["scale_max"] == 5
    single = item["questions"][1]
    assert [o["text_da"] for o in single["options"]] == ["Ja", "Nej"]


def test_employees_and_other_municipalities_see_nothing(api_as, survey, units):
    survey_round = open_round(survey, units[:1])
    assert api_as(Role.EMPLOYEE).get("/api/v1/surveys/").status_code == 403
    outsider = APIClient()
    outsider.force_authenticate(
        MembershipFactory(municipality=MunicipalityFactory(), role=Role.LEADER).user
    )
    assert outsider.get("/api/v1/surveys/").json()["results"] == []
    assert (
        outsider.get(f"/api/v1/survey-rounds/{survey_round.public_id}/results/").status_code == 404
    )
    assert (
        outsider.get(f"/api/v1/surveys/?municipality={survey.municipality.slug}").status_code == 404
    )


def test_results_are_aggregates_with_small_groups_suppressed(api_as, survey, units):
    survey_round = open_round(survey, units)
    for value in (1, 2, 3, 4, 5, 5):
        answer(survey_round, units[0], value=value, text="hemmelig-tekst")
    for value in (5, 5, 5, 5, 5, 5, 5):
        answer(survey_round, units[1], value=value)
    answer(survey_round, units[2], value=1)

    response = api_as(Role.DIRECTOR).get(f"/api/v1/survey-rounds/{survey_round.public_id}/results/")

    assert response.status_code == 200
    data = response.json()
    groups = {g["unit"]: g for g in data["groups"]}
    assert groups["affald"] == {"unit": "affald", "suppressed": True, "respondents": None}
    assert groups["veje"]["suppressed"] is True  # secondary: else 14 - 6 - 7 reveals affald
    assert groups["parker"] == {"unit": "parker", "suppressed": False, "respondents": 7}
    assert data["total"]["respondents"] == 14
    scale = data["questions"][0]
    assert scale["total"]["n"] == 14 and scale["total"]["mean"] == "4.00"
    cells = {g["unit"]: g["cell"] for g in scale["groups"]}
    assert cells["affald"]["n"] is None and cells["affald"]["mean"] is None
    assert cells["parker"]["mean"] == "5.00"
    assert "hemmelig-tekst" not in response.content.decode()  # no free text in the API


def test_rounds_list_filters_by_survey_and_query_count(
    api_as, municipality, survey, units, django_assert_max_num_queries
):
    other = wellbeing_survey(municipality)
    for _i in range(3):
        open_round(survey, units[:2])
    open_round(other, units[:1])
    client = api_as(Role.LEADER)
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/survey-rounds/?survey={survey.public_id}")
    assert response.json()["count"] == 3
    assert client.get("/api/v1/survey-rounds/?survey=not-a-uuid").json()["count"] == 0
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/surveys/").json()["count"] == 2


def test_no_endpoint_exposes_responses_or_invitations(api_as):
    schema = api_as(Role.LEADER).get("/api/v1/schema/?format=json")
    paths = schema.json()["paths"]
    survey_paths = [p for p in paths if "survey" in p]
    assert survey_paths
    assert sorted(survey_paths) == [
        "/api/v1/survey-rounds/",
        "/api/v1/survey-rounds/{id}/",
        "/api/v1/survey-rounds/{id}/results/",
        "/api/v1/surveys/",
        "/api/v1/surveys/{id}/",
    ]
    assert all(set(paths[p]) <= {"get", "parameters"} for p in survey_paths)  # read-only
