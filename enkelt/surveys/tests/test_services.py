"""Services: builder, rounds, invitations and reminders, answering, indicator feeds."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from enkelt.goals.models import Measurement
from enkelt.goals.tests.factories import IndicatorFactory
from enkelt.surveys import services
from enkelt.surveys.models import (
    Answer,
    Audience,
    Invitation,
    Purpose,
    QuestionKind,
    Response,
    RoundState,
)
from enkelt.surveys.tests.factories import answer, open_round
from enkelt.tenants.tests.factories import UnitFactory


def test_choice_question_needs_two_options(survey, municipality):
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=None, municipality=municipality, survey=survey, kind=QuestionKind.SINGLE,
            text_da="Hvad?", options=[services.OptionText("Kun én")],
        )  # fmt: skip
    assert "options" in error.value.message_dict


def test_questions_are_reordered(survey, municipality):
    questions = list(survey.questions.order_by("order"))
    services.question_move(
        actor=None, municipality=municipality, question=questions[1], direction="up"
    )
    reordered = list(survey.questions.order_by("order").values_list("pk", flat=True))
    assert reordered[:2] == [questions[1].pk, questions[0].pk]


def test_text_follows_the_active_language(survey):
    from django.utils import translation

    question = survey.questions.order_by("order").first()
    with translation.override("en"):
        assert question.text == "I thrive"
    with translation.override("da"):
        assert question.text == "Jeg trives"


def test_citizen_round_asks_the_service_unit(municipality, units):
    survey = services.survey_create(
        actor=None, municipality=municipality, title_da="Borgere", purpose=Purpose.CITIZEN_QUALITY,
        audience=Audience.CITIZENS, service_unit=units[2],
    )  # fmt: skip
    services.question_add(
        actor=None, municipality=municipality, survey=survey, kind=QuestionKind.SCALE,
        text_da="Tilfreds?",
    )  # fmt: skip
    survey_round = open_round(survey, [])
    assert list(survey_round.units.all()) == [units[2]]


def test_round_of_another_municipality_unit_is_refused(survey):
    with pytest.raises(ValidationError):
        open_round(survey, [UnitFactory()])


def test_invitations_are_mailed_once_per_address(survey, municipality, units, on_commit):
    survey_round = open_round(survey, units[:1])
    with on_commit(execute=True):
        services.invitations_send(
            actor=None, municipality=municipality, survey_round=survey_round,
            emails=["a@example.org", "B@example.org", "a@example.org"],
        )  # fmt: skip
    with on_commit(execute=True):
        services.invitations_send(
            actor=None, municipality=municipality, survey_round=survey_round,
            emails=["a@example.org"],
        )  # fmt: skip
    invitations = list(Invitation.objects.filter(round=survey_round))
    assert sorted(i.email for i in invitations) == ["a@example.org", "b@example.org"]
    assert all(i.unit == units[0] for i in invitations)
    assert len(mail.outbox) == 2
    tokens = {i.email: i.token for i in invitations}
    body = next(m.body for m in mail.outbox if m.to == ["a@example.org"])
    assert f"/surveys/answer/{tokens['a@example.org']}/" in body


def test_invitation_answers_once_and_stays_unlinked(survey, municipality, units):
    survey_round = open_round(survey, units[:2])
    services.invitations_send(
        actor=None, municipality=municipality, survey_round=survey_round,
        emails=["x@example.org"], unit=units[1],
    )  # fmt: skip
    invitation = Invitation.objects.get(round=survey_round)

    response = answer(survey_round, None, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.answered is True
    assert response.unit == units[1]
    with pytest.raises(ValidationError) as error:
        answer(survey_round, None, invitation=invitation)
    assert error.value.code == "already_answered"
    assert Response.objects.filter(round=survey_round).count() == 1


def test_required_question_and_scale_range_are_checked(survey, units):
    survey_round = open_round(survey, units[:1])
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    target = services.AnswerTarget(survey_round=survey_round, invitation=None)
    with pytest.raises(ValidationError):
        services.response_submit(target=target, answers=[])
    with pytest.raises(ValidationError):
        services.response_submit(
            target=target, answers=[services.AnswerInput(question=scale, value=9)]
        )
    assert not Response.objects.exists()


def test_link_round_with_several_units_needs_a_unit(survey, units):
    survey_round = open_round(survey, units[:2])
    with pytest.raises(ValidationError) as error:
        answer(survey_round, None)
    assert "unit" in error.value.message_dict


def test_reminders_go_only_to_those_who_have_not_answered(survey, municipality, units, on_commit):
    survey_round = open_round(survey, units[:1])
    with on_commit(execute=True):
        services.invitations_send(
            actor=None, municipality=municipality, survey_round=survey_round,
            emails=["a@example.org", "b@example.org", "c@example.org"],
        )  # fmt: skip
    answered = Invitation.objects.get(email="b@example.org")
    answer(survey_round, None, invitation=answered)
    mail.outbox.clear()

    with on_commit(execute=True):
        due = services.round_remind(
            actor=None, municipality=municipality, survey_round=survey_round
        )

    assert due == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    assert all("Reminder" in m.subject or "Påmindelse" in m.subject for m in mail.outbox)
    assert Invitation.objects.get(email="a@example.org").reminders_sent == 1
    assert Invitation.objects.get(email="b@example.org").reminders_sent == 0


def test_no_reminders_after_close(survey, municipality, units):
    survey_round = open_round(survey, units[:1])
    services.round_close(actor=None, municipality=municipality, survey_round=survey_round)
    with pytest.raises(ValidationError):
        services.round_remind(actor=None, municipality=municipality, survey_round=survey_round)


class _FakeTask:
    """Records `using(run_after=...).enqueue(...)` like a deferring task backend."""

    def __init__(self):
        self.calls = []
        self._run_after = None

    def get_backend(self):
        return type("Backend", (), {"supports_defer": True})()

    def using(self, run_after):
        self._run_after = run_after
        return self

    def enqueue(self, *args):
        self.calls.append((self._run_after, args))


def test_opening_schedules_a_reminder_before_closing(
    survey, municipality, units, monkeypatch, on_commit
):
    fake = _FakeTask()
    monkeypatch.setattr(services.tasks, "send_reminders", fake)
    today = timezone.localdate()
    with on_commit(execute=True):
        survey_round = services.round_open(
            actor=None, municipality=municipality, survey=survey, title="R",
            opens_on=today, closes_on=today + datetime.timedelta(days=14), units=units[:1],
        )  # fmt: skip
    assert len(fake.calls) == 1
    run_after, args = fake.calls[0]
    assert args == (survey_round.pk,)
    assert run_after.date() == today + datetime.timedelta(days=11)


@pytest.fixture
def fed(survey, municipality):
    """A mean indicator on the scale question and a share indicator on 'Ja'."""
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    single = survey.questions.get(kind=QuestionKind.SINGLE)
    mean_indicator = IndicatorFactory(
        municipality=municipality, unit="score", baseline_value=Decimal("3"),
        target_change=Decimal("1"),
    )  # fmt: skip
    share_indicator = IndicatorFactory(municipality=municipality)
    services.feed_create(
        actor=None, municipality=municipality, question=scale, indicator=mean_indicator
    )
    services.feed_create(
        actor=None, municipality=municipality, question=single,
        option=single.options.order_by("order").first(), indicator=share_indicator,
    )  # fmt: skip
    return mean_indicator, share_indicator


def test_closing_writes_one_measurement_per_linked_indicator(survey, municipality, units, fed):
    mean_indicator, share_indicator = fed
    survey_round = open_round(survey, units[:2])
    # Veje: 4, 4, 5, 3 (Ja, Ja, Nej, Ja); Parker: 2, 5, 4 (Nej, Nej, Ja) -> mean 27/7
    for value, option in ((4, 0), (4, 0), (5, 1), (3, 0)):
        answer(survey_round, units[0], value=value, option_index=option)
    for value, option in ((2, 1), (5, 1), (4, 0)):
        answer(survey_round, units[1], value=value, option_index=option)

    services.round_close(actor=None, municipality=municipality, survey_round=survey_round)

    survey_round.refresh_from_db()
    assert survey_round.state == RoundState.CLOSED
    mean = Measurement.objects.get(indicator=mean_indicator)
    assert mean.value == Decimal("3.86")
    assert mean.date == survey_round.closes_on
    assert "n = 7" in mean.source
    share = Measurement.objects.get(indicator=share_indicator)
    assert share.value == Decimal("57.1")  # 4 of 7
    assert Measurement.objects.filter(indicator__in=fed).count() == 2
    with pytest.raises(ValidationError):
        services.round_close(actor=None, municipality=municipality, survey_round=survey_round)
    assert Measurement.objects.filter(indicator__in=fed).count() == 2


def test_closing_with_fewer_than_five_writes_nothing(survey, municipality, units, fed):
    survey_round = open_round(survey, units[:1])
    for _i in range(4):
        answer(survey_round, units[0])
    written = services.round_close(actor=None, municipality=municipality, survey_round=survey_round)
    assert [value for _feed, value in written] == [None, None]
    assert not Measurement.objects.filter(indicator__in=fed).exists()


def test_free_text_cannot_feed_an_indicator(survey, municipality):
    text = survey.questions.get(kind=QuestionKind.TEXT)
    with pytest.raises(ValidationError):
        services.feed_create(
            actor=None, municipality=municipality, question=text,
            indicator=IndicatorFactory(municipality=municipality),
        )  # fmt: skip


def test_answers_are_stored_per_kind(survey, units):
    survey_round = open_round(survey, units[:1])
    response = answer(survey_round, units[0], value=5, text="Mere tid")
    rows = Answer.objects.filter(response=response)
    assert rows.exclude(value=None).get().value == 5
    assert rows.exclude(option=None).count() == 2
    assert rows.exclude(text="").get().text == "Mere tid"
