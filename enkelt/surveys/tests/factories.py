"""Surveys for tests: built through the services, as the pages and the demo do."""

import datetime
from typing import Any

from enkelt.surveys import services
from enkelt.surveys.models import Audience, Purpose, QuestionKind, Survey, SurveyRound
from enkelt.tenants.models import Municipality, Unit

OPENS = datetime.date(2026, 3, 2)
CLOSES = datetime.date(2026, 3, 20)


def wellbeing_survey(municipality: Municipality, actor: Any = None) -> Survey:
    """A survey with one question of each kind: scale, single, multiple, free text."""
    survey = services.survey_create(
        actor=actor, municipality=municipality, title_da="Trivsel", title_en="Wellbeing",
        purpose=Purpose.WELLBEING, audience=Audience.EMPLOYEES,
    )  # fmt: skip
    section = services.section_add(
        actor=actor, municipality=municipality, survey=survey, title_da="Trivsel",
        title_en="Wellbeing",
    )  # fmt: skip
    services.question_add(
        actor=actor, municipality=municipality, survey=survey, section=section,
        kind=QuestionKind.SCALE, text_da="Jeg trives", text_en="I thrive", required=True,
        min_label_da="Uenig", min_label_en="Disagree", max_label_da="Enig",
        max_label_en="Agree",
    )  # fmt: skip
    services.question_add(
        actor=actor, municipality=municipality, survey=survey, kind=QuestionKind.SINGLE,
        text_da="Tager regler tid?", text_en="Do rules take time?",
        options=[services.OptionText("Ja", "Yes"), services.OptionText("Nej", "No")],
    )  # fmt: skip
    services.question_add(
        actor=actor, municipality=municipality, survey=survey, kind=QuestionKind.MULTIPLE,
        text_da="Hvad hjælper?", text_en="What helps?",
        options=[services.OptionText("IT", "IT"), services.OptionText("Tid", "Time"),
                 services.OptionText("Ro", "Quiet")],
    )  # fmt: skip
    services.question_add(
        actor=actor, municipality=municipality, survey=survey, kind=QuestionKind.TEXT,
        text_da="Forslag", text_en="Suggestion",
    )  # fmt: skip
    return survey


def open_round(
    survey: Survey, units: list[Unit], *, opens_on: datetime.date = OPENS, title: str = "Runde"
) -> SurveyRound:
    return services.round_open(
        actor=None, municipality=survey.municipality, survey=survey, title=title,
        opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=18), units=units,
    )  # fmt: skip


def answer(
    survey_round: SurveyRound,
    unit: Unit | None,
    *,
    value: int = 4,
    option_index: int = 0,
    text: str = "",
    invitation: Any = None,
) -> Any:
    questions = list(survey_round.survey.questions.prefetch_related("options").order_by("order"))
    answers = []
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            answers.append(services.AnswerInput(question=question, value=value))
        elif question.has_options:
            option = list(question.options.all())[option_index]
            answers.append(services.AnswerInput(question=question, options=(option,)))
        elif text:
            answers.append(services.AnswerInput(question=question, text=text))
    return services.response_submit(
        target=services.AnswerTarget(survey_round=survey_round, invitation=invitation),
        answers=answers,
        unit=unit,
        today=survey_round.opens_on,
    )


def isolation_objects(*, actor: Any, municipality: Municipality, unit: Unit) -> tuple[Any, Any]:
    """For the isolation walker: a survey with a round, an invitation and one response.

    The invitee's address and the free-text answer are private; the survey's own
    texts are public to anyone holding the round's link, by design.
    """
    from enkelt.surveys.models import Invitation

    survey = wellbeing_survey(municipality, actor)
    survey_round = open_round(survey, [unit])
    invitation = Invitation.objects.create(
        municipality=municipality, round=survey_round, unit=unit,
        email="secret-invitee-a@alfa.example",
    )  # fmt: skip
    answer(survey_round, unit, text="SECRET-SURVEY-ANSWER-A", invitation=invitation)
    return survey, survey_round
