"""Demo surveys: employee wellbeing in Miljø, Teknik og Veje, and citizen quality in Borgerservice.

The wellbeing survey has two closed rounds of generated responses across four
units (three with at least five respondents, one with three, so suppression
shows) and an open round; its overall question feeds a wellbeing indicator
under the demo's wellbeing goal. The citizen survey has one closed and one open
round; the share answering "Ja" feeds a quality indicator. Measurements are
written by closing the rounds, as in real use. Idempotent.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from enkelt.goals.models import Goal, Indicator
from enkelt.goals.services import indicator_create
from enkelt.surveys import services
from enkelt.surveys.models import Audience, Purpose, Question, QuestionKind, Survey, SurveyRound
from enkelt.tenants.models import Municipality, Unit

WELLBEING_TITLE = "Trivselsmåling i Miljø, Teknik og Veje"
CITIZEN_TITLE = "Borgeroplevet kvalitet i Borgerservice"
WELLBEING_GOAL = "Højere trivsel og lavere sygefravær"

# unit slug -> respondents in the autumn and spring rounds
WELLBEING_UNITS = {
    "veje-og-parker": (12, 14),
    "materielgaarden": (7, 8),
    "affald-og-genbrug": (9, 6),
    "byggeri-og-miljo": (3, 3),
}
WELLBEING_ROUNDS = [
    ("Trivselsmåling efterår 2025", date(2025, 10, 1), date(2025, 10, 21), Decimal("3.5")),
    ("Trivselsmåling forår 2026", date(2026, 3, 2), date(2026, 3, 20), Decimal("3.8")),
]
OPEN_WELLBEING_ROUND = ("Trivselsmåling efterår 2026", date(2026, 11, 2), date(2027, 1, 29))

SUGGESTIONS = [
    "Færre skemaer ved udkald om natten.",
    "Fælles kalender for materiel, så vi ikke venter på hinanden.",
    "Kortere morgenmøder, mere tid ude på vejene.",
    "Lad os selv bestille småreservedele uden godkendelse.",
    "Mere sparring mellem holdene på tværs af distrikter.",
    "Tablet i bilerne, så registrering sker med det samme.",
]


def _scale(rng: random.Random, mean: Decimal) -> int:
    return min(5, max(1, round(rng.gauss(float(mean), 0.9))))


def _wellbeing_survey(municipality: Municipality) -> Survey:
    survey = services.survey_create(
        actor=None,
        municipality=municipality,
        title_da=WELLBEING_TITLE,
        title_en="Wellbeing survey in Environment, Technology and Roads",
        intro_da="Fem spørgsmål om din arbejdsdag. Det tager et par minutter.",
        intro_en="Five questions about your working day. It takes a couple of minutes.",
        purpose=Purpose.WELLBEING,
        audience=Audience.EMPLOYEES,
    )
    joy = services.section_add(
        actor=None, municipality=municipality, survey=survey,
        title_da="Arbejdsglæde og stolthed", title_en="Job satisfaction and pride",
    )  # fmt: skip
    everyday = services.section_add(
        actor=None, municipality=municipality, survey=survey,
        title_da="Hverdagen og bøvlet", title_en="Everyday work and red tape",
    )  # fmt: skip
    labels: dict[str, Any] = {
        "min_label_da": "Meget uenig", "min_label_en": "Strongly disagree",
        "max_label_da": "Meget enig", "max_label_en": "Strongly agree",
    }  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, section=joy,
        kind=QuestionKind.SCALE, required=True,
        text_da="Alt i alt trives jeg godt på min arbejdsplads",
        text_en="All in all, I thrive at my workplace", **labels,
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, section=joy,
        kind=QuestionKind.SCALE,
        text_da="Jeg er stolt af det arbejde, vi leverer til borgerne",
        text_en="I am proud of the work we deliver to citizens", **labels,
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, section=everyday,
        kind=QuestionKind.SINGLE,
        text_da="Hvor ofte tager regler og dokumentation tid fra kerneopgaven?",
        text_en="How often do rules and documentation take time from the core task?",
        options=[services.OptionText("Sjældent", "Rarely"),
                 services.OptionText("Nogle gange", "Sometimes"),
                 services.OptionText("Ofte", "Often")],
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, section=everyday,
        kind=QuestionKind.MULTIPLE,
        text_da="Hvad ville gøre størst forskel i din hverdag?",
        text_en="What would make the biggest difference in your working day?",
        options=[services.OptionText("Færre dokumentationskrav", "Fewer documentation rules"),
                 services.OptionText("Bedre IT og udstyr", "Better IT and equipment"),
                 services.OptionText("Mere tid sammen med kollegerne", "More time with colleagues"),
                 services.OptionText("Tydeligere prioriteringer", "Clearer priorities")],
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, section=everyday,
        kind=QuestionKind.TEXT,
        text_da="Har du et forslag til, hvordan vi kan gøre hverdagen enklere?",
        text_en="Do you have a suggestion for making everyday work simpler?",
    )  # fmt: skip
    return survey


def _wellbeing_indicator(municipality: Municipality) -> Indicator:
    goal = (
        Goal.objects.filter(municipality=municipality, title=WELLBEING_GOAL).order_by("id").first()
    )
    return indicator_create(
        actor=None,
        municipality=municipality,
        goal=goal,
        title="Medarbejdertrivsel i Miljø, Teknik og Veje (gennemsnit 1-5)",
        unit="score",
        definition="Gennemsnit af svarene på 'Alt i alt trives jeg godt på min arbejdsplads' "
        "(1-5) i trivselsmålingen. Skrives automatisk, når en runde lukkes.",
        source="Trivselsmåling",
        frequency="To gange om året",
        baseline_value=Decimal("3.4"),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal("4.0"),
        target_date=date(2027, 12, 31),
        tolerance=Decimal("0.1"),
    )


def _answers(
    rng: random.Random, questions: list[Question], mean: Decimal
) -> list[services.AnswerInput]:
    answers = []
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            answers.append(services.AnswerInput(question=question, value=_scale(rng, mean)))
        elif question.kind == QuestionKind.SINGLE:
            options = list(question.options.all())
            pick = rng.choices(options, weights=[3, 4, 3][: len(options)])[0]
            answers.append(services.AnswerInput(question=question, options=(pick,)))
        elif question.kind == QuestionKind.MULTIPLE:
            options = list(question.options.all())
            picks = tuple(o for o in options if rng.random() < 0.4) or (options[0],)
            answers.append(services.AnswerInput(question=question, options=picks))
        elif rng.random() < 0.3:
            answers.append(services.AnswerInput(question=question, text=rng.choice(SUGGESTIONS)))
    return answers


def _run_round(
    *,
    municipality: Municipality,
    survey: Survey,
    title: str,
    opens_on: date,
    closes_on: date,
    units: list[tuple[Unit, int]],
    mean: Decimal,
    rng: random.Random,
    close: bool,
) -> SurveyRound:
    survey_round = services.round_open(
        actor=None, municipality=municipality, survey=survey, title=title,
        opens_on=opens_on, closes_on=closes_on, units=[u for u, _n in units],
    )  # fmt: skip
    questions = list(survey.questions.prefetch_related("options").order_by("order", "id"))
    target = services.AnswerTarget(survey_round=survey_round, invitation=None)
    for unit, count in units:
        for _i in range(count):
            services.response_submit(
                target=target,
                answers=_answers(rng, questions, mean),
                unit=unit,
                today=opens_on + timedelta(days=rng.randint(0, (closes_on - opens_on).days)),
            )
    if close:
        services.round_close(actor=None, municipality=municipality, survey_round=survey_round)
    return survey_round


def _load_wellbeing(municipality: Municipality, rng: random.Random) -> None:
    units = {u.slug: u for u in Unit.objects.filter(municipality=municipality)}
    present = [s for s in WELLBEING_UNITS if s in units]
    if not present:
        return
    survey = _wellbeing_survey(municipality)
    overall = survey.questions.order_by("order", "id").first()
    assert overall is not None
    services.feed_create(
        actor=None,
        municipality=municipality,
        question=overall,
        indicator=_wellbeing_indicator(municipality),
    )
    for index, (title, opens_on, closes_on, mean) in enumerate(WELLBEING_ROUNDS):
        _run_round(
            municipality=municipality, survey=survey, title=title, opens_on=opens_on,
            closes_on=closes_on, mean=mean, rng=rng, close=True,
            units=[(units[s], WELLBEING_UNITS[s][index]) for s in present],
        )  # fmt: skip
    title, opens_on, closes_on = OPEN_WELLBEING_ROUND
    _run_round(
        municipality=municipality, survey=survey, title=title, opens_on=opens_on,
        closes_on=closes_on, mean=Decimal("3.9"), rng=rng, close=False,
        units=[(units[s], 2) for s in present],
    )  # fmt: skip


def _load_citizen_quality(municipality: Municipality, rng: random.Random) -> None:
    service = Unit.objects.filter(municipality=municipality, slug="borgerservice").first()
    if service is None:
        return
    survey = services.survey_create(
        actor=None, municipality=municipality, title_da=CITIZEN_TITLE,
        title_en="Citizen-experienced quality at the Citizen Service Centre",
        intro_da="Tre korte spørgsmål om dit besøg i Borgerservice. Du er anonym.",
        intro_en="Three short questions about your visit to the Citizen Service Centre. "
        "You are anonymous.",
        purpose=Purpose.CITIZEN_QUALITY, audience=Audience.CITIZENS, service_unit=service,
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, kind=QuestionKind.SCALE,
        text_da="Hvor tilfreds er du med den hjælp, du fik?",
        text_en="How satisfied are you with the help you got?",
        min_label_da="Meget utilfreds", min_label_en="Very dissatisfied",
        max_label_da="Meget tilfreds", max_label_en="Very satisfied", required=True,
    )  # fmt: skip
    answered = services.question_add(
        actor=None, municipality=municipality, survey=survey, kind=QuestionKind.SINGLE,
        text_da="Fik du løst det, du kom for?", text_en="Did you get done what you came for?",
        options=[services.OptionText("Ja", "Yes"), services.OptionText("Delvist", "Partly"),
                 services.OptionText("Nej", "No")],
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, kind=QuestionKind.TEXT,
        text_da="Hvad kunne vi have gjort enklere for dig?",
        text_en="What could we have made simpler for you?",
    )  # fmt: skip
    indicator = indicator_create(
        actor=None,
        municipality=municipality,
        title="Andel borgere der fik løst det, de kom for i Borgerservice",
        unit="percent",
        definition="Andel der svarer 'Ja' i den borgeroplevede kvalitetsmåling i Borgerservice.",
        source="Borgeroplevet kvalitet",
        frequency="Årligt",
        baseline_value=Decimal("78"),
        baseline_date=date(2025, 1, 1),
        target_change=Decimal("5"),
        target_date=date(2027, 12, 31),
    )
    yes = answered.options.order_by("order").first()
    services.feed_create(
        actor=None, municipality=municipality, question=answered, option=yes, indicator=indicator
    )
    _run_round(
        municipality=municipality, survey=survey, title="Borgerservice forår 2026",
        opens_on=date(2026, 4, 6), closes_on=date(2026, 4, 30), mean=Decimal("4.1"), rng=rng,
        close=True, units=[(service, 38)],
    )  # fmt: skip
    _run_round(
        municipality=municipality, survey=survey, title="Borgerservice efterår 2026",
        opens_on=date(2026, 11, 2), closes_on=date(2027, 1, 29), mean=Decimal("4.2"), rng=rng,
        close=False, units=[(service, 4)],
    )  # fmt: skip


def load_demo_surveys(municipality: Municipality) -> int:
    """Create the demo surveys once; returns the number of surveys of the municipality."""
    rng = random.Random(8128)  # noqa: S311 - demo data, not security
    if not Survey.objects.filter(municipality=municipality, title_da=WELLBEING_TITLE).exists():
        _load_wellbeing(municipality, rng)
    if not Survey.objects.filter(municipality=municipality, title_da=CITIZEN_TITLE).exists():
        _load_citizen_quality(municipality, rng)
    return Survey.objects.filter(municipality=municipality).count()
