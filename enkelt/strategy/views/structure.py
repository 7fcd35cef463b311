"""Create and change the plan's structure: strategy plans, development areas, programmes.

Directors and administrators (`strategy.manage_portfolio`); each page is a plain
server-rendered form that posts to itself, calls one service and goes back to the
portfolio overview of that plan.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enkelt.strategy import selectors, services
from enkelt.strategy.forms import AreaForm, PlanForm, ProgrammeForm
from enkelt.strategy.models import DevelopmentArea, Programme, StrategyPlan
from enkelt.strategy.views.common import MANAGE, require
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


def _plan(municipality: Municipality, plan_id: Any) -> StrategyPlan:
    plan = selectors.plan_get(municipality=municipality, public_id=plan_id)
    if plan is None:
        raise Http404
    return plan


def _area(plan: StrategyPlan, area_id: int) -> DevelopmentArea:
    area = selectors.area_get(plan=plan, pk=area_id)
    if area is None:
        raise Http404
    return area


def _programme(plan: StrategyPlan, programme_id: int) -> Programme:
    programme = selectors.programme_get(plan=plan, pk=programme_id)
    if programme is None:
        raise Http404
    return programme


def _portfolio(municipality: Municipality, plan: StrategyPlan) -> str:
    return f"{reverse('strategy:portfolio', args=[municipality.slug])}?plan={plan.public_id}"


def _page(
    request: HttpRequest,
    municipality: Municipality,
    form: BaseForm,
    *,
    heading: str,
    back: str,
    intro: str = "",
) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {
        "municipality": municipality,
        "form": form,
        "heading": heading,
        "back": back,
        "intro": intro,
    }
    return render(request, "strategy/structure_form.html", context, status=status)


def _save(form: BaseForm, write: Any) -> Any:
    """Run the service; its validation errors land on the form (nothing is saved)."""
    try:
        return write()
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


@municipality_view(staff=True)
def plan_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, MANAGE, municipality)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = _save(
            form,
            lambda: services.plan_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            ),
        )
        if plan is not None:
            messages.success(request, _("The strategy plan was created."))
            return redirect(_portfolio(municipality, plan))
    back = reverse("strategy:portfolio", args=[municipality.slug])
    return _page(request, municipality, form, heading=_("Add a strategy plan"), back=back)


@municipality_view(staff=True)
def plan_edit(request: HttpRequest, municipality: Municipality, plan_id: Any) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = _plan(municipality, plan_id)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda: services.plan_update(
                actor=request.user, municipality=municipality, plan=plan, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The strategy plan was saved."))
            return redirect(_portfolio(municipality, saved))
    heading = _("Change %(title)s") % {"title": plan.title}
    return _page(request, municipality, form, heading=heading, back=_portfolio(municipality, plan))


@municipality_view(staff=True)
def area_create(request: HttpRequest, municipality: Municipality, plan_id: Any) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = _plan(municipality, plan_id)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        area = _save(
            form,
            lambda: services.area_create(
                actor=request.user, municipality=municipality, plan=plan, **form.cleaned_data
            ),
        )
        if area is not None:
            messages.success(request, _("The development area was created."))
            return redirect(_portfolio(municipality, plan))
    heading = _("Add a development area to %(plan)s") % {"plan": plan.title}
    return _page(request, municipality, form, heading=heading, back=_portfolio(municipality, plan))


@municipality_view(staff=True)
def area_edit(
    request: HttpRequest, municipality: Municipality, plan_id: Any, area_id: int
) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = _plan(municipality, plan_id)
    area = _area(plan, area_id)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda: services.area_update(
                actor=request.user, municipality=municipality, area=area, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The development area was saved."))
            return redirect(_portfolio(municipality, plan))
    heading = _("Change %(title)s") % {"title": area.title}
    return _page(request, municipality, form, heading=heading, back=_portfolio(municipality, plan))


@municipality_view(staff=True)
def programme_create(
    request: HttpRequest, municipality: Municipality, plan_id: Any
) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = _plan(municipality, plan_id)
    initial = {"area": request.GET.get("area")} if request.GET.get("area", "").isdigit() else {}
    form = ProgrammeForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        programme = _save(
            form,
            lambda: services.programme_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            ),
        )
        if programme is not None:
            messages.success(request, _("The programme was created."))
            return redirect(_portfolio(municipality, plan))
    heading = _("Add a programme to %(plan)s") % {"plan": plan.title}
    return _page(request, municipality, form, heading=heading, back=_portfolio(municipality, plan))


@municipality_view(staff=True)
def programme_edit(
    request: HttpRequest, municipality: Municipality, plan_id: Any, programme_id: int
) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = _plan(municipality, plan_id)
    programme = _programme(plan, programme_id)
    form = ProgrammeForm(request.POST or None, plan=plan, instance=programme)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda: services.programme_update(
                actor=request.user,
                municipality=municipality,
                programme=programme,
                **form.cleaned_data,
            ),
        )
        if saved is not None:
            messages.success(request, _("The programme was saved."))
            return redirect(_portfolio(municipality, plan))
    heading = _("Change %(title)s") % {"title": programme.title}
    return _page(request, municipality, form, heading=heading, back=_portfolio(municipality, plan))
