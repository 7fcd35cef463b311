"""Writes of the surveys app: keyword-only, typed, atomic, audited.

Answering is the one write that is deliberately *not* audited with its actor:
an audit event would tie a person (or a moment) to a response. The invitation
only learns `answered = True`; the response never learns about the invitation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.goals.models import Indicator
from enkelt.goals.services import measurement_add
from enkelt.surveys import selectors, tasks
from enkelt.surveys.models import (
    Answer,
    Audience,
    IndicatorFeed,
    Invitation,
    Option,
    Question,
    QuestionKind,
    Response,
    RoundState,
    Section,
    Statistic,
    Survey,
    SurveyRound,
)
from enkelt.tenants.models import Municipality, Unit

Actor = Any

REMINDER_DAYS_BEFORE_CLOSE = 3


def _same_municipality(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError(
                _("The object belongs to another municipality."), code="wrong_municipality"
            )


@transaction.atomic
def survey_create(
    *,
    actor: Actor,
    municipality: Municipality,
    title_da: str,
    purpose: str,
    audience: str,
    title_en: str = "",
    intro_da: str = "",
    intro_en: str = "",
    service_unit: Unit | None = None,
) -> Survey:
    _same_municipality(municipality, service_unit)
    if not title_da.strip():
        raise ValidationError({"title_da": _("Write a title.")}, code="empty_text")
    if audience == Audience.CITIZENS and service_unit is None:
        raise ValidationError(
            {"service_unit": _("Choose the service whose citizens are asked.")},
            code="service_required",
        )
    survey = Survey.objects.create(
        municipality=municipality,
        title_da=title_da.strip(),
        title_en=title_en.strip(),
        intro_da=intro_da,
        intro_en=intro_en,
        purpose=purpose,
        audience=audience,
        service_unit=service_unit if audience == Audience.CITIZENS else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey,
        verb="surveys.survey_created",
        after={"title": survey.title_da, "audience": audience},
    )
    return survey


@transaction.atomic
def section_add(
    *, actor: Actor, municipality: Municipality, survey: Survey, title_da: str, title_en: str = ""
) -> Section:
    _same_municipality(municipality, survey)
    if not title_da.strip():
        raise ValidationError({"title_da": _("Write a title.")}, code="empty_text")
    order = (survey.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    section = Section.objects.create(
        survey=survey, title_da=title_da.strip(), title_en=title_en.strip(), order=order
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey,
        verb="surveys.section_added",
        after={"title": section.title_da},
    )
    return section


@dataclass(frozen=True)
class OptionText:
    text_da: str
    text_en: str = ""


@transaction.atomic
def question_add(
    *,
    actor: Actor,
    municipality: Municipality,
    survey: Survey,
    kind: str,
    text_da: str,
    text_en: str = "",
    section: Section | None = None,
    scale_min: int = 1,
    scale_max: int = 5,
    min_label_da: str = "",
    min_label_en: str = "",
    max_label_da: str = "",
    max_label_en: str = "",
    options: list[OptionText] | None = None,
    required: bool = False,
) -> Question:
    """Add a question at the end. Choice questions need at least two options."""
    _same_municipality(municipality, survey)
    if section is not None and section.survey_id != survey.pk:
        raise ValidationError({"section": _("The section belongs to another survey.")})
    if not text_da.strip():
        raise ValidationError({"text_da": _("Write the question.")}, code="empty_text")
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Unknown kind of question.")}, code="invalid_kind")
    options = [o for o in options or [] if o.text_da.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
        raise ValidationError(
            {"options": _("A choice question needs at least two options.")}, code="few_options"
        )
    if kind == QuestionKind.SCALE and not (scale_min < scale_max <= scale_min + 10):
        raise ValidationError(
            {"scale_max": _("The scale needs 2 to 11 steps, the maximum above the minimum.")},
            code="invalid_scale",
        )
    order = (survey.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    question = Question.objects.create(
        survey=survey,
        section=section,
        kind=kind,
        text_da=text_da.strip(),
        text_en=text_en.strip(),
        scale_min=scale_min,
        scale_max=scale_max,
        min_label_da=min_label_da,
        min_label_en=min_label_en,
        max_label_da=max_label_da,
        max_label_en=max_label_en,
        required=required,
        order=order,
    )
    if question.has_options:
        Option.objects.bulk_create(
            Option(question=question, text_da=o.text_da.strip(), text_en=o.text_en.strip(), order=i)
            for i, o in enumerate(options, start=1)
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey,
        verb="surveys.question_added",
        after={"question": str(question.public_id), "kind": kind, "text": question.text_da},
    )
    return question


@transaction.atomic
def question_move(
    *, actor: Actor, municipality: Municipality, question: Question, direction: str
) -> Question:
    """Swap the question with its neighbour above (`up`) or below (`down`)."""
    survey = question.survey
    _same_municipality(municipality, survey)
    questions = list(survey.questions.select_for_update().order_by("order", "id"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        for position, item in enumerate(questions, start=1):
            if item.order != position:
                item.order = position
                item.save(update_fields=["order", "updated_at"])
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=survey,
            verb="surveys.question_moved",
            after={"question": str(question.public_id), "direction": direction},
        )
    question.refresh_from_db()
    return question


@transaction.atomic
def question_delete(*, actor: Actor, municipality: Municipality, question: Question) -> None:
    survey = question.survey
    _same_municipality(municipality, survey)
    if Answer.objects.filter(question=question).exists():
        raise ValidationError(
            _("The question has answers and cannot be deleted."), code="has_answers"
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey,
        verb="surveys.question_deleted",
        before={"question": str(question.public_id), "text": question.text_da},
    )
    question.delete()


@transaction.atomic
def round_open(
    *,
    actor: Actor,
    municipality: Municipality,
    survey: Survey,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    units: list[Unit],
) -> SurveyRound:
    """Open a round for the audience units (for citizen surveys: the service's unit).

    A reminder to everyone invited who has not answered is scheduled three days
    before the round closes, when the task backend can defer tasks.
    """
    _same_municipality(municipality, survey, *units)
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": _("The round must close after it opens.")}, code="invalid_period"
        )
    if survey.audience == Audience.CITIZENS and survey.service_unit is not None:
        units = [survey.service_unit]
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")}, code="no_units")
    if not survey.questions.exists():
        raise ValidationError(_("Add questions before opening a round."), code="no_questions")
    survey_round = SurveyRound.objects.create(
        municipality=municipality,
        survey=survey,
        title=title.strip() or survey.title_da,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    survey_round.units.set(units)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey_round,
        verb="surveys.round_opened",
        after={"opens_on": opens_on, "closes_on": closes_on, "units": [u.slug for u in units]},
    )
    remind_at = datetime.datetime.combine(
        closes_on - datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE),
        datetime.time(9),
        tzinfo=timezone.get_current_timezone(),
    )
    if tasks.send_reminders.get_backend().supports_defer and remind_at > timezone.now():
        round_id = survey_round.pk
        transaction.on_commit(
            lambda: tasks.send_reminders.using(run_after=remind_at).enqueue(round_id)
        )
    return survey_round


@transaction.atomic
def invitations_send(
    *,
    actor: Actor,
    municipality: Municipality,
    survey_round: SurveyRound,
    emails: list[str],
    unit: Unit | None = None,
) -> list[Invitation]:
    """Create one invitation (token) per new address and e-mail it through the task queue."""
    _same_municipality(municipality, survey_round, unit)
    if not survey_round.is_open:
        raise ValidationError(_("The round is closed."), code="round_closed")
    round_units = list(survey_round.units.all())
    if unit is None and len(round_units) == 1:
        unit = round_units[0]
    if unit is not None and unit not in round_units:
        raise ValidationError({"unit": _("The unit is not in the round.")}, code="wrong_unit")
    known = set(survey_round.invitations.values_list("email", flat=True))
    fresh = sorted({e.strip().lower() for e in emails if e.strip()} - known)
    created = Invitation.objects.bulk_create(
        Invitation(municipality=municipality, round=survey_round, unit=unit, email=e) for e in fresh
    )
    ids = list(
        Invitation.objects.filter(round=survey_round, email__in=fresh).values_list("pk", flat=True)
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey_round,
        verb="surveys.invitations_sent",
        after={"count": len(ids), "unit": unit.slug if unit else None},
    )
    if ids:
        transaction.on_commit(lambda: tasks.send_invitations.enqueue(ids))
    return created


@transaction.atomic
def round_remind(*, actor: Actor, municipality: Municipality, survey_round: SurveyRound) -> int:
    """Queue a reminder to every invitee who has not answered. Returns how many are due one."""
    _same_municipality(municipality, survey_round)
    if not survey_round.is_open:
        raise ValidationError(_("The round is closed."), code="round_closed")
    due = survey_round.invitations.filter(answered=False).count()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey_round,
        verb="surveys.reminders_requested",
        after={"count": due},
    )
    round_id = survey_round.pk
    transaction.on_commit(lambda: tasks.send_reminders.enqueue(round_id))
    return due


@dataclass(frozen=True)
class AnswerInput:
    question: Question
    value: int | None = None
    options: tuple[Option, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class AnswerTarget:
    """What a token opens: the round, and for invitations the invitation and its unit."""

    survey_round: SurveyRound
    invitation: Invitation | None


def response_submit(
    *,
    target: AnswerTarget,
    answers: list[AnswerInput],
    unit: Unit | None = None,
    today: datetime.date | None = None,
) -> Response:
    """Store one anonymous response. No actor, no audit event, no time finer than the day.

    For an invitation the group is the invitation's unit and the invitation is
    marked answered (a second answer is refused); for the round link the group
    is the unit the respondent chose among the round's units.
    """
    with transaction.atomic():
        survey_round = target.survey_round
        if not survey_round.is_open:
            raise ValidationError(_("The survey is closed."), code="round_closed")
        invitation = None
        if target.invitation is not None:
            invitation = Invitation.objects.select_for_update().get(pk=target.invitation.pk)
            if invitation.answered:
                raise ValidationError(_("You have already answered."), code="already_answered")
            unit = invitation.unit
        round_units = list(survey_round.units.all())
        if unit is None and len(round_units) == 1:
            unit = round_units[0]
        if unit is not None and unit not in round_units:
            raise ValidationError({"unit": _("Choose one of the units.")}, code="wrong_unit")
        if unit is None and len(round_units) > 1:
            raise ValidationError({"unit": _("Choose your unit.")}, code="unit_required")
        _check_answers(survey_round, answers)
        response = Response.objects.create(
            municipality=survey_round.municipality,
            round=survey_round,
            unit=unit,
            submitted_on=today or timezone.localdate(),
        )
        rows: list[Answer] = []
        for item in answers:
            if item.question.kind == QuestionKind.SCALE and item.value is not None:
                rows.append(Answer(response=response, question=item.question, value=item.value))
            elif item.question.has_options:
                rows.extend(
                    Answer(response=response, question=item.question, option=o)
                    for o in item.options
                )
            elif item.question.kind == QuestionKind.TEXT and item.text.strip():
                rows.append(
                    Answer(response=response, question=item.question, text=item.text.strip())
                )
        Answer.objects.bulk_create(rows)
        if invitation is not None:
            Invitation.objects.filter(pk=invitation.pk).update(answered=True)
    return response


def _check_answers(survey_round: SurveyRound, answers: list[AnswerInput]) -> None:
    errors: dict[str, str] = {}
    by_question = {a.question.pk: a for a in answers}
    for question in survey_round.survey.questions.all():
        item = by_question.get(question.pk)
        given = item is not None and (
            item.value is not None or item.options or (item.text or "").strip()
        )
        if question.required and not given:
            errors[f"q-{question.public_id}"] = _("Answer this question.")
    for item in answers:
        question = item.question
        if question.survey_id != survey_round.survey_id:
            raise ValidationError(_("The question belongs to another survey."))
        if item.value is not None and not (question.scale_min <= item.value <= question.scale_max):
            errors[f"q-{question.public_id}"] = _("Choose a value on the scale.")
        if any(o.question_id != question.pk for o in item.options):
            errors[f"q-{question.public_id}"] = _("Choose one of the options.")
        if question.kind == QuestionKind.SINGLE and len(item.options) > 1:
            errors[f"q-{question.public_id}"] = _("Choose only one option.")
    if errors:
        raise ValidationError(errors, code="invalid_answers")


@transaction.atomic
def feed_create(
    *,
    actor: Actor,
    municipality: Municipality,
    question: Question,
    indicator: Indicator,
    option: Option | None = None,
) -> IndicatorFeed:
    """The question's mean (scale) or an option's share (choice) feeds the indicator."""
    _same_municipality(municipality, question.survey, indicator)
    if question.kind == QuestionKind.SCALE:
        statistic, option = Statistic.MEAN, None
    elif question.has_options:
        if option is None or option.question_id != question.pk:
            raise ValidationError(
                {"option": _("Choose the option whose share feeds the indicator.")},
                code="option_required",
            )
        statistic = Statistic.SHARE
    else:
        raise ValidationError(
            {"question": _("Free-text questions cannot feed an indicator.")}, code="invalid_kind"
        )
    if IndicatorFeed.objects.filter(question=question, indicator=indicator).exists():
        raise ValidationError(
            _("The question already feeds this indicator."), code="duplicate_feed"
        )
    feed = IndicatorFeed.objects.create(
        municipality=municipality,
        question=question,
        option=option,
        indicator=indicator,
        statistic=statistic,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=question.survey,
        verb="surveys.feed_created",
        after={"question": str(question.public_id), "indicator": str(indicator.public_id)},
    )
    return feed


@transaction.atomic
def round_close(
    *, actor: Actor, municipality: Municipality, survey_round: SurveyRound
) -> list[tuple[IndicatorFeed, Decimal | None]]:
    """Close the round and write one measurement per linked indicator, dated the closing day.

    The value is the statistic over all of the round's responses (the whole
    audience is one group of at least 5; with fewer responses nothing is written,
    so an indicator never reveals a small group). The n goes into the
    measurement's source note.
    """
    _same_municipality(municipality, survey_round)
    locked = SurveyRound.objects.select_for_update().get(pk=survey_round.pk)
    if not locked.is_open:
        raise ValidationError(_("The round is already closed."), code="round_closed")
    locked.state = survey_round.state = RoundState.CLOSED
    locked.save(update_fields=["state", "updated_at"])
    survey_round = locked
    written: list[tuple[IndicatorFeed, Decimal | None]] = []
    for feed in selectors.feed_list(municipality=municipality, survey=survey_round.survey):
        value, n = selectors.feed_value(feed=feed, survey_round=survey_round)
        if value is None:
            written.append((feed, None))
            continue
        measurement_add(
            actor=actor,
            municipality=municipality,
            indicator=feed.indicator,
            date=survey_round.closes_on,
            value=value,
            source=(_("Survey %(round)s, n = %(n)d") % {"round": survey_round.title, "n": n})[:200],
        )
        written.append((feed, value))
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=survey_round,
        verb="surveys.round_closed",
        after={"measurements": sum(1 for _f, v in written if v is not None)},
    )
    return written
