"""Reads of the surveys app; each takes the municipality explicitly.

Results are aggregates only. Every group (unit) and every cell of fewer than
`SUPPRESSION_THRESHOLD` respondents is hidden from everyone, administrators
included (a survey promises anonymity to the respondent, not to a role), and
secondary suppression (`_hide_until_safe`, the outcomes app's approach) hides
further groups until no hidden group can be recovered by subtracting the shown
ones from the total. The arithmetic runs in Python over flat rows: a constant
number of queries whatever the number of responses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from enkelt.surveys.models import (
    Answer,
    IndicatorFeed,
    Invitation,
    Option,
    Question,
    QuestionKind,
    Response,
    RoundState,
    Statistic,
    Survey,
    SurveyRound,
)
from enkelt.tenants.models import Municipality, Unit

SUPPRESSION_THRESHOLD = 5


def survey_list(*, municipality: Municipality) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(municipality=municipality)
        .select_related("service_unit")
        .annotate(
            question_count=Count("questions", distinct=True),
            round_count=Count("rounds", distinct=True),
            open_rounds=Count("rounds", filter=Q(rounds__state=RoundState.OPEN), distinct=True),
        )
    )


def survey_get(*, municipality: Municipality, public_id: Any) -> Survey | None:
    return (
        Survey.objects.filter(municipality=municipality, public_id=public_id)
        .select_related("service_unit", "municipality")
        .first()
    )


def survey_questions(*, survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(survey=survey)
        .select_related("section")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("order", "id")))
        .order_by("order", "id")
    )


def round_list(*, municipality: Municipality, survey: Survey) -> QuerySet[SurveyRound]:
    return (
        SurveyRound.objects.filter(municipality=municipality, survey=survey)
        .prefetch_related("units")
        .annotate(
            response_count=Count("responses", distinct=True),
            invited=Count("invitations", distinct=True),
            invited_answered=Count(
                "invitations", filter=Q(invitations__answered=True), distinct=True
            ),
        )
    )


def round_get(*, municipality: Municipality, survey: Survey, public_id: Any) -> SurveyRound | None:
    return (
        SurveyRound.objects.filter(municipality=municipality, survey=survey, public_id=public_id)
        .select_related("survey", "municipality")
        .first()
    )


def answer_target_get(*, token: str) -> tuple[SurveyRound, Invitation | None] | None:
    """The round a token opens: a round's link token, or an invitation's token."""
    survey_round = (
        SurveyRound.objects.filter(link_token=token)
        .select_related("survey", "municipality")
        .first()
    )
    if survey_round is not None:
        return survey_round, None
    invitation = (
        Invitation.objects.filter(token=token)
        .select_related("round__survey", "round__municipality", "unit")
        .first()
    )
    if invitation is None:
        return None
    return invitation.round, invitation


def feed_list(*, municipality: Municipality, survey: Survey) -> list[IndicatorFeed]:
    return list(
        IndicatorFeed.objects.filter(municipality=municipality, question__survey=survey)
        .select_related("question", "option", "indicator")
        .order_by("question__order", "id")
    )


def _quantize(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def feed_value(*, feed: IndicatorFeed, survey_round: SurveyRound) -> tuple[Decimal | None, int]:
    """The feed's statistic over the whole round and its n; None when n < threshold."""
    answers = Answer.objects.filter(
        response__round=survey_round, response__municipality_id=survey_round.municipality_id,
        question=feed.question,
    )  # fmt: skip
    if feed.statistic == Statistic.MEAN:
        values = [v for v in answers.values_list("value", flat=True) if v is not None]
        n = len(values)
        if n < SUPPRESSION_THRESHOLD:
            return None, n
        return _quantize(Decimal(sum(values)) / n), n
    rows = list(answers.values_list("response_id", "option_id"))
    n = len({response_id for response_id, _option in rows})
    if n < SUPPRESSION_THRESHOLD:
        return None, n
    chosen = len({r for r, option_id in rows if option_id == feed.option_id})
    return _quantize(Decimal(100) * chosen / n, "0.1"), n


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class OptionShare:
    option: Option
    count: int
    share: Decimal | None


@dataclass
class Cell:
    """One question in one group: the respondents who answered it."""

    n: int = 0
    values: list[int] = field(default_factory=list)
    option_counts: dict[int, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    suppressed: bool = False
    options: list[OptionShare] = field(default_factory=list)
    distribution: list[tuple[int, int]] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.n > 0 and not self.suppressed

    @property
    def mean(self) -> Decimal | None:
        if not self.values or self.suppressed:
            return None
        return _quantize(Decimal(sum(self.values)) / len(self.values))


@dataclass
class Group:
    unit: Unit | None  # None: everyone in the round
    respondents: int = 0
    suppressed: bool = False
    cells: dict[int, Cell] = field(default_factory=dict)  # question pk -> cell

    @property
    def n(self) -> int:
        return self.respondents

    def cell(self, question: Question) -> Cell:
        return self.cells.setdefault(question.pk, Cell())


@dataclass
class QuestionRow:
    question: Question
    total: Cell
    groups: list[tuple[Group, Cell]]
    previous: Cell | None = None

    @property
    def change(self) -> Decimal | None:
        if self.previous is None or self.total.mean is None or self.previous.mean is None:
            return None
        return self.total.mean - self.previous.mean


@dataclass
class RoundResults:
    survey_round: SurveyRound
    total: Group
    groups: list[Group]
    rows: list[QuestionRow]
    previous_round: SurveyRound | None = None
    previous_total: Group | None = None


def _hide_until_safe(scope_n: int, scope_hidden: bool, parts: list[Any]) -> None:
    """Secondary suppression, as in `enkelt.outcomes.selectors._hide_until_safe`.

    The total minus the shown parts must not be a small group; the smallest
    shown parts are hidden as well until what is hidden adds up to 0 or ≥ 5.
    """
    if scope_hidden:
        return
    shown = sorted((p for p in parts if p.n and not p.suppressed), key=lambda p: p.n)
    hidden_n = scope_n - sum(p.n for p in shown)
    while 0 < hidden_n < SUPPRESSION_THRESHOLD and shown:
        part = shown.pop(0)
        part.suppressed = True
        hidden_n += part.n


def suppress(total: Group, groups: list[Group], question_ids: list[int]) -> None:
    """Primary (n < 5) and secondary suppression of the groups and of every question cell."""
    for group in [total, *groups]:
        group.suppressed = 0 < group.respondents < SUPPRESSION_THRESHOLD
        for cell in group.cells.values():
            cell.suppressed = 0 < cell.n < SUPPRESSION_THRESHOLD
    _hide_until_safe(total.respondents, total.suppressed, groups)
    for question_id in question_ids:
        parts = [g.cells.setdefault(question_id, Cell()) for g in groups]
        scope = total.cells.setdefault(question_id, Cell())
        _hide_until_safe(scope.n, scope.suppressed, parts)
        # A hidden group hides all of its cells: its respondents are a small group.
        for group, part in zip(groups, parts, strict=True):
            if group.suppressed and part.n:
                part.suppressed = True


def _finish(cell: Cell, question: Question) -> None:
    """Fill the shown figures; a suppressed cell keeps nothing that could be read."""
    if cell.suppressed:
        cell.values, cell.option_counts, cell.texts = [], {}, []
        return
    if question.kind == QuestionKind.SCALE:
        counts: dict[int, int] = defaultdict(int)
        for value in cell.values:
            counts[value] += 1
        cell.distribution = [(v, counts.get(v, 0)) for v in question.scale_values]
    if question.has_options:
        cell.options = [
            OptionShare(
                option=o,
                count=cell.option_counts.get(o.pk, 0),
                share=(
                    _quantize(Decimal(100) * cell.option_counts.get(o.pk, 0) / cell.n, "0.1")
                    if cell.n
                    else None
                ),
            )
            for o in question.options.all()
        ]


def _aggregate(
    survey_round: SurveyRound, questions: list[Question], units: list[Unit]
) -> tuple[Group, list[Group]]:
    response_rows = list(
        Response.objects.filter(
            municipality_id=survey_round.municipality_id, round=survey_round
        ).values_list("pk", "unit_id")
    )
    unit_of = dict(response_rows)
    answer_rows = list(
        Answer.objects.filter(response__round=survey_round).values_list(
            "response_id", "question_id", "value", "option_id", "text"
        )
    )
    total = Group(unit=None)
    by_unit = {u.pk: Group(unit=u) for u in units}
    extra: dict[int | None, Group] = {}

    def group_of(unit_id: int | None) -> Group:
        if unit_id in by_unit:
            return by_unit[unit_id]  # type: ignore[index]
        return extra.setdefault(unit_id, Group(unit=None))

    for _pk, unit_id in response_rows:
        total.respondents += 1
        group_of(unit_id).respondents += 1
    seen: set[tuple[int, int]] = set()
    for response_id, question_id, value, option_id, text in answer_rows:
        targets = (total, group_of(unit_of.get(response_id)))
        first = (response_id, question_id) not in seen
        seen.add((response_id, question_id))
        for group in targets:
            cell = group.cells.setdefault(question_id, Cell())
            if first:
                cell.n += 1
            if value is not None:
                cell.values.append(value)
            if option_id is not None:
                cell.option_counts[option_id] = cell.option_counts.get(option_id, 0) + 1
            if text:
                cell.texts.append(text)
    groups = list(by_unit.values()) + list(extra.values())
    suppress(total, groups, [q.pk for q in questions])
    for group in [total, *groups]:
        for question in questions:
            _finish(group.cell(question), question)
    return total, groups


def previous_round(*, survey_round: SurveyRound) -> SurveyRound | None:
    return (
        SurveyRound.objects.filter(
            municipality_id=survey_round.municipality_id,
            survey_id=survey_round.survey_id,
            opens_on__lt=survey_round.opens_on,
        )
        .order_by("-opens_on", "-id")
        .first()
    )


def round_results(*, municipality: Municipality, survey_round: SurveyRound) -> RoundResults:
    """Aggregates per audience unit and in total, with the previous round for comparison."""
    if survey_round.municipality_id != municipality.pk:
        raise ValueError("round of another municipality")
    questions = survey_questions(survey=survey_round.survey)
    units = list(survey_round.units.order_by("name"))
    total, groups = _aggregate(survey_round, questions, units)
    earlier = previous_round(survey_round=survey_round)
    previous_total = None
    if earlier is not None:
        previous_total, _groups = _aggregate(earlier, questions, list(earlier.units.all()))
    rows = [
        QuestionRow(
            question=q,
            total=total.cell(q),
            groups=[(g, g.cell(q)) for g in groups],
            previous=previous_total.cell(q) if previous_total is not None else None,
        )
        for q in questions
    ]
    return RoundResults(
        survey_round=survey_round,
        total=total,
        groups=groups,
        rows=rows,
        previous_round=earlier,
        previous_total=previous_total,
    )
