"""Survey pages: list, builder (htmx), rounds, public answer page and results.

Staff pages are scoped by `municipality_view(staff=True)` and a named rule. The
answer page is public: the token in the URL is the key, and what is stored has
no link to the person (see `models.py`).
"""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.surveys import charts, selectors, services
from enkelt.surveys.forms import (
    FeedForm,
    InvitationForm,
    QuestionForm,
    RoundForm,
    SectionForm,
    SurveyForm,
    parse_answers,
)
from enkelt.surveys.models import Audience, Survey, SurveyRound
from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality

VIEW = "surveys.view_surveys"
MANAGE = "surveys.manage_surveys"
RESULTS = "surveys.view_results"


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _survey(municipality: Municipality, survey_id: Any) -> Survey:
    survey = selectors.survey_get(municipality=municipality, public_id=survey_id)
    if survey is None:
        raise Http404
    return survey


def _round(municipality: Municipality, survey: Survey, round_id: Any) -> SurveyRound:
    survey_round = selectors.round_get(municipality=municipality, survey=survey, public_id=round_id)
    if survey_round is None:
        raise Http404
    return survey_round


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@municipality_view(staff=True)
def survey_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    _require(request, VIEW, municipality)
    can_manage = request.user.has_perm(MANAGE, municipality)
    form = SurveyForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        _require(request, MANAGE, municipality)
        if form.is_valid():
            try:
                survey = services.survey_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("The survey was created. Add its questions."))
                return redirect("surveys:detail", municipality.slug, survey.public_id)
    surveys = list(selectors.survey_list(municipality=municipality))
    return render(
        request,
        "surveys/survey_list.html",
        {"municipality": municipality, "surveys": surveys, "form": form, "can_manage": can_manage},
    )


def _detail_context(
    request: HttpRequest, municipality: Municipality, survey: Survey, **forms: Any
) -> dict[str, Any]:
    questions = selectors.survey_questions(survey=survey)
    rounds = list(selectors.round_list(municipality=municipality, survey=survey))
    context = {
        "municipality": municipality,
        "survey": survey,
        "questions": questions,
        "sections": list(survey.sections.all()),
        "rounds": rounds,
        "feeds": selectors.feed_list(municipality=municipality, survey=survey),
        "can_manage": request.user.has_perm(MANAGE, municipality),
        "can_see_results": request.user.has_perm(RESULTS, municipality),
        "is_citizen_survey": survey.audience == Audience.CITIZENS,
        "question_form": QuestionForm(survey=survey),
        "section_form": SectionForm(),
        "round_form": RoundForm(
            municipality=municipality,
            initial={"opens_on": timezone.localdate()},
        ),
        "feed_form": FeedForm(municipality=municipality, questions=questions),
        "invitation_forms": {
            r.pk: InvitationForm(units=list(r.units.all()), prefix=f"r{r.pk}") for r in rounds
        },
    }
    context.update(forms)
    return context


@municipality_view(staff=True)
def survey_detail(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, VIEW, municipality)
    survey = _survey(municipality, survey_id)
    return render(
        request, "surveys/survey_detail.html", _detail_context(request, municipality, survey)
    )


def _builder_response(
    request: HttpRequest, municipality: Municipality, survey: Survey, **forms: Any
) -> HttpResponse:
    """htmx: the question list alone; otherwise back to the survey page."""
    if request.headers.get("HX-Request"):
        return render(
            request,
            "surveys/_questions.html",
            _detail_context(request, municipality, survey, **forms),
        )
    return redirect("surveys:detail", municipality.slug, survey.public_id)


@municipality_view(staff=True)
@require_POST
def section_add(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_add(
                actor=request.user, municipality=municipality, survey=survey, **form.cleaned_data
            )
            messages.success(request, _("The section was added."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Write a title for the section."))
    return redirect("surveys:detail", municipality.slug, survey.public_id)


@municipality_view(staff=True)
@require_POST
def question_add(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                municipality=municipality,
                survey=survey,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if not request.headers.get("HX-Request"):
                messages.success(request, _("The question was added."))
            return _builder_response(request, municipality, survey)
    if request.headers.get("HX-Request"):
        return _builder_response(request, municipality, survey, question_form=form)
    context = _detail_context(request, municipality, survey, question_form=form)
    return render(request, "surveys/survey_detail.html", context, status=400)


def _question(survey: Survey, request: HttpRequest) -> Any:
    try:
        key = uuid.UUID(request.POST.get("question", ""))
    except ValueError:
        raise Http404 from None
    question = survey.questions.filter(public_id=key).first()
    if question is None:
        raise Http404
    return question


@municipality_view(staff=True)
@require_POST
def question_move(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    services.question_move(
        actor=request.user,
        municipality=municipality,
        question=_question(survey, request),
        direction="up" if request.POST.get("direction") == "up" else "down",
    )
    return _builder_response(request, municipality, survey)


@municipality_view(staff=True)
@require_POST
def question_delete(
    request: HttpRequest, municipality: Municipality, survey_id: Any
) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    try:
        services.question_delete(
            actor=request.user, municipality=municipality, question=_question(survey, request)
        )
    except ValidationError as error:
        _errors(request, error)
    return _builder_response(request, municipality, survey)


@municipality_view(staff=True)
@require_POST
def round_open(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    form = RoundForm(request.POST, municipality=municipality)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.round_open(
                actor=request.user,
                municipality=municipality,
                survey=survey,
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                units=list(data["units"]),
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The round is open. Share the link or send invitations."))
            return redirect("surveys:detail", municipality.slug, survey.public_id)
    context = _detail_context(request, municipality, survey, round_form=form)
    return render(request, "surveys/survey_detail.html", context, status=400)


@municipality_view(staff=True)
@require_POST
def round_close(
    request: HttpRequest, municipality: Municipality, survey_id: Any, round_id: Any
) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    survey_round = _round(municipality, survey, round_id)
    try:
        written = services.round_close(
            actor=request.user, municipality=municipality, survey_round=survey_round
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        count = sum(1 for _feed, value in written if value is not None)
        messages.success(
            request,
            _("The round is closed; %(count)d indicator measurement(s) written.")
            % {"count": count},
        )
    return redirect("surveys:results", municipality.slug, survey.public_id, survey_round.public_id)


@municipality_view(staff=True)
@require_POST
def round_invite(
    request: HttpRequest, municipality: Municipality, survey_id: Any, round_id: Any
) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    survey_round = _round(municipality, survey, round_id)
    form = InvitationForm(
        request.POST, units=list(survey_round.units.all()), prefix=f"r{survey_round.pk}"
    )
    if form.is_valid():
        try:
            created = services.invitations_send(
                actor=request.user,
                municipality=municipality,
                survey_round=survey_round,
                emails=form.cleaned_data["emails"],
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request, _("%(count)d invitation(s) are being sent.") % {"count": len(created)}
            )
    else:
        messages.error(request, _("Write valid e-mail addresses, one per line."))
    return redirect("surveys:detail", municipality.slug, survey.public_id)


@municipality_view(staff=True)
@require_POST
def round_remind(
    request: HttpRequest, municipality: Municipality, survey_id: Any, round_id: Any
) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    survey_round = _round(municipality, survey, round_id)
    try:
        due = services.round_remind(
            actor=request.user, municipality=municipality, survey_round=survey_round
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("Reminders are being sent to %(count)d invitee(s).") % {"count": due}
        )
    return redirect("surveys:detail", municipality.slug, survey.public_id)


@municipality_view(staff=True)
@require_POST
def feed_add(request: HttpRequest, municipality: Municipality, survey_id: Any) -> HttpResponse:
    _require(request, MANAGE, municipality)
    survey = _survey(municipality, survey_id)
    questions = selectors.survey_questions(survey=survey)
    form = FeedForm(request.POST, municipality=municipality, questions=questions)
    if form.is_valid():
        try:
            services.feed_create(actor=request.user, municipality=municipality, **form.resolved())
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The indicator is now fed by the survey."))
    else:
        messages.error(request, _("Choose a source and an indicator."))
    return redirect("surveys:detail", municipality.slug, survey.public_id)


@municipality_view(staff=True)
def results(
    request: HttpRequest, municipality: Municipality, survey_id: Any, round_id: Any
) -> HttpResponse:
    _require(request, RESULTS, municipality)
    survey = _survey(municipality, survey_id)
    survey_round = _round(municipality, survey, round_id)
    outcome = selectors.round_results(municipality=municipality, survey_round=survey_round)
    return render(
        request,
        "surveys/results.html",
        {
            "municipality": municipality,
            "survey": survey,
            "survey_round": survey_round,
            "results": outcome,
            "charts": charts.build(outcome),
            "threshold": selectors.SUPPRESSION_THRESHOLD,
        },
    )


@municipality_view()
def answer(request: HttpRequest, municipality: Municipality, token: str) -> HttpResponse:
    found = selectors.answer_target_get(token=token)
    if found is None or found[0].municipality_id != municipality.pk:
        raise Http404
    survey_round, invitation = found
    survey = survey_round.survey
    questions = selectors.survey_questions(survey=survey)
    units = list(survey_round.units.order_by("name"))
    for question in questions:
        question.given = request.POST.getlist(question.field_name)  # type: ignore[attr-defined]
    errors: dict[str, list[str]] = {}
    done = invitation is not None and invitation.answered
    if request.method == "POST" and survey_round.is_open and not done:
        unit = None
        if invitation is None and len(units) > 1:
            unit = next((u for u in units if u.slug == request.POST.get("unit")), None)
            own = membership_of(request.user)
            if unit is None and own is not None:
                unit = next((u for u in units if u.pk == own.unit_id), None)
        try:
            services.response_submit(
                target=services.AnswerTarget(survey_round=survey_round, invitation=invitation),
                answers=parse_answers(request.POST, questions),
                unit=unit,
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        else:
            return render(
                request,
                "surveys/answer_thanks.html",
                {"municipality": municipality, "survey": survey},
            )
    return render(
        request,
        "surveys/answer.html",
        {
            "municipality": municipality,
            "survey": survey,
            "survey_round": survey_round,
            "questions": questions,
            "units": units if invitation is None and len(units) > 1 else [],
            "own_unit_id": getattr(membership_of(request.user), "unit_id", None),
            "errors": errors,
            "values": request.POST if request.method == "POST" else {},
            "done": done,
            "action": reverse("surveys:answer", args=[municipality.slug, token]),
        },
        status=400 if errors else 200,
    )
