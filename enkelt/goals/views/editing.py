"""Create and change agreements, add goals to an agreement and define their indicators.

Each page is a server-rendered form that posts to itself and calls one service. A
service's ValidationError (the golden-thread rule, a target that does not fit the
direction, a parent agreement on the wrong level) is shown on the form and nothing
is saved.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enkelt.goals import selectors, services
from enkelt.goals.forms import AgreementForm, GoalForm, IndicatorForm
from enkelt.goals.models import Goal
from enkelt.goals.views.common import ADD_GOAL, get_indicator, require
from enkelt.strategy import services as strategy_services
from enkelt.strategy.models import Agreement
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

MANAGE_AGREEMENTS = "strategy.manage_agreements"


def _agreement(municipality: Municipality, agreement_id: Any) -> Agreement:
    agreement = selectors.agreement_get(municipality=municipality, public_id=agreement_id)
    if agreement is None:
        raise Http404
    return agreement


def _goal(agreement: Agreement, goal_id: Any) -> Goal:
    goal = next((g for g in agreement.goals.all() if g.public_id == goal_id), None)
    if goal is None:
        raise Http404
    return goal


def _form_error(form: BaseForm, error: ValidationError) -> None:
    """Put a service's error on the form: by field where the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(
    request: HttpRequest,
    template: str,
    form: BaseForm,
    context: dict[str, Any],
) -> HttpResponse:
    status = 400 if form.is_bound else 200
    return render(request, template, {"form": form, **context}, status=status)


def _detail(municipality: Municipality, agreement: Agreement) -> str:
    return reverse("goals:agreement_detail", args=[municipality.slug, agreement.public_id])


@municipality_view(staff=True)
def agreement_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """A new agreement in draft: level, unit, parties, parent agreement and period."""
    require(request, MANAGE_AGREEMENTS, municipality)
    form = AgreementForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = strategy_services.agreement_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The agreement was created."))
            return redirect(_detail(municipality, agreement))
    context = {
        "municipality": municipality,
        "heading": _("Create an agreement"),
        "back": reverse("goals:agreement_list", args=[municipality.slug]),
    }
    return _page(request, "goals/edit_form.html", form, context)


@municipality_view(staff=True)
def agreement_edit(
    request: HttpRequest, municipality: Municipality, agreement_id: Any
) -> HttpResponse:
    agreement = _agreement(municipality, agreement_id)
    require(request, MANAGE_AGREEMENTS, agreement)
    initial = {
        "level": agreement.level,
        "title": agreement.title,
        "unit": agreement.unit_id,
        "parties": [p.pk for p in agreement.parties.all()],
        "parent": agreement.parent_id,
        "period_start": agreement.period_start,
        "period_end": agreement.period_end,
    }
    form = AgreementForm(
        request.POST or None, municipality=municipality, exclude=agreement, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            strategy_services.agreement_update(
                actor=request.user,
                municipality=municipality,
                agreement=agreement,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect(_detail(municipality, agreement))
    context = {
        "municipality": municipality,
        "heading": _("Change %(title)s") % {"title": agreement.title},
        "back": _detail(municipality, agreement),
    }
    return _page(request, "goals/edit_form.html", form, context)


@municipality_view(staff=True)
def goal_create(
    request: HttpRequest, municipality: Municipality, agreement_id: Any
) -> HttpResponse:
    """Add a goal, linked to a strategy element or a parent goal, or marked local."""
    agreement = _agreement(municipality, agreement_id)
    require(request, ADD_GOAL, agreement)
    form = GoalForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["owner"] = data.get("owner") or request.user
        data["order"] = len(agreement.goals.all()) + 1
        try:
            goal = services.goal_create(
                actor=request.user, municipality=municipality, agreement=agreement, **data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The goal was added. Now define how it is measured."))
            return redirect(
                "goals:indicator_create", municipality.slug, agreement.public_id, goal.public_id
            )
    context = {
        "municipality": municipality,
        "heading": _("Add a goal to %(title)s") % {"title": agreement.title},
        "back": _detail(municipality, agreement),
        "intro": _(
            "The golden thread: link the goal to exactly one initiative, programme, "
            "development area or goal of the parent agreement, or mark it as local."
        ),
    }
    return _page(request, "goals/edit_form.html", form, context)


@municipality_view(staff=True)
def goal_edit(
    request: HttpRequest, municipality: Municipality, agreement_id: Any, goal_id: Any
) -> HttpResponse:
    """Change a goal's text, owner or link; the golden thread is checked as on creation."""
    agreement = _agreement(municipality, agreement_id)
    goal = _goal(agreement, goal_id)
    require(request, ADD_GOAL, goal)
    initial = services.goal_values(goal)
    form = GoalForm(request.POST or None, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user, municipality=municipality, goal=goal, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect(_detail(municipality, agreement))
    context = {
        "municipality": municipality,
        "heading": _("Change the goal %(title)s") % {"title": goal.title},
        "back": _detail(municipality, agreement),
    }
    return _page(request, "goals/edit_form.html", form, context)


@municipality_view(staff=True)
def indicator_create(
    request: HttpRequest, municipality: Municipality, agreement_id: Any, goal_id: Any
) -> HttpResponse:
    """Define how a goal is measured: unit, direction, baseline, target and milestones."""
    agreement = _agreement(municipality, agreement_id)
    goal = _goal(agreement, goal_id)
    require(request, ADD_GOAL, goal)
    form = IndicatorForm(request.POST or None, initial={"direction": "up"})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user,
                municipality=municipality,
                goal=goal,
                owner=goal.owner or request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The indicator was defined."))
            return redirect("goals:indicator_detail", municipality.slug, indicator.public_id)
    context = {
        "municipality": municipality,
        "heading": _("Define an indicator for %(title)s") % {"title": goal.title},
        "back": _detail(municipality, agreement),
    }
    return _page(request, "goals/edit_form.html", form, context)


@municipality_view(staff=True)
def indicator_edit(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> HttpResponse:
    indicator = get_indicator(municipality, indicator_id)
    require(request, ADD_GOAL, indicator)
    milestones = "\n".join(
        f"{m.date.isoformat()} {m.value.normalize()}" for m in indicator.milestones.all()
    )
    initial = {
        name: getattr(indicator, name) for name in IndicatorForm.base_fields if name != "milestones"
    }
    initial["milestones"] = milestones
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user,
                municipality=municipality,
                indicator=indicator,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("goals:indicator_detail", municipality.slug, indicator.public_id)
    context = {
        "municipality": municipality,
        "heading": _("Change %(title)s") % {"title": indicator.title},
        "back": reverse("goals:indicator_detail", args=[municipality.slug, indicator.public_id]),
    }
    return _page(request, "goals/edit_form.html", form, context)
