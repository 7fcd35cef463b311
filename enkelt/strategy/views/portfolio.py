"""The portfolio overview, an initiative's page and the initiative forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enkelt.strategy import selectors, services
from enkelt.strategy.forms import InitiativeForm, InitiativeStatusForm, PortfolioFilterForm
from enkelt.strategy.models import Initiative
from enkelt.strategy.views.common import (
    CHANGE_INITIATIVE,
    MANAGE,
    MANAGE_ROUNDS,
    VIEW,
    get_initiative,
    labels,
    require,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


@municipality_view(staff=True)
def portfolio_overview(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The whole plan on one screen: areas as columns, then the same initiatives as a table."""
    require(request, VIEW, municipality)
    plans = list(selectors.plan_list(municipality=municipality))
    plan = plans[0] if plans else None
    if request.GET.get("plan"):
        plan = selectors.plan_get(municipality=municipality, public_id=request.GET["plan"]) or plan
    form = PortfolioFilterForm(request.GET or None, municipality=municipality)
    filters = form.filters() if form.is_bound else selectors.PortfolioFilters()
    portfolio = selectors.portfolio_overview(municipality=municipality, plan=plan, filters=filters)
    statuses = labels(Initiative.Status.choices)
    rags = labels(Initiative.Rag.choices)
    for initiative in portfolio.initiatives:
        initiative.status_label = statuses.get(initiative.status, initiative.status)  # type: ignore[attr-defined]
        initiative.rag_label = rags.get(initiative.rag, initiative.rag)  # type: ignore[attr-defined]
    summary = [(key, label, portfolio.status_counts.get(key, 0)) for key, label in statuses.items()]
    return render(
        request,
        "strategy/portfolio.html",
        {
            "municipality": municipality,
            "plans": plans,
            "plan": plan,
            "portfolio": portfolio,
            "form": form,
            "filtered": bool(filters.unit_id or filters.status),
            "summary": summary,
            "can_manage": request.user.has_perm(MANAGE, municipality),
            "can_manage_rounds": request.user.has_perm(MANAGE_ROUNDS, municipality),
        },
    )


@municipality_view(staff=True)
def initiative_detail(
    request: HttpRequest, municipality: Municipality, initiative_id: str
) -> HttpResponse:
    """One initiative, its current status and its history across review rounds."""
    require(request, VIEW, municipality)
    initiative = get_initiative(municipality, initiative_id)
    return render(
        request,
        "strategy/initiative_detail.html",
        {
            "municipality": municipality,
            "initiative": initiative,
            "history": list(selectors.initiative_history(initiative=initiative)),
            "can_change": request.user.has_perm(CHANGE_INITIATIVE, initiative),
        },
    )


@municipality_view(staff=True)
def initiative_edit(
    request: HttpRequest, municipality: Municipality, initiative_id: str
) -> HttpResponse:
    """Status and red/amber/green with a comment."""
    initiative = get_initiative(municipality, initiative_id)
    require(request, CHANGE_INITIATIVE, initiative)
    initial = {
        "status": initiative.status,
        "rag": initiative.rag,
        "rag_comment": initiative.rag_comment,
    }
    form = InitiativeStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.initiative_update(
            actor=request.user,
            municipality=municipality,
            initiative=initiative,
            **form.cleaned_data,
        )
        messages.success(request, _("The initiative was saved."))
        return redirect("strategy:initiative_detail", municipality.slug, initiative.public_id)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "initiative": initiative}
    return render(request, "strategy/initiative_form.html", context, status=status)


@municipality_view(staff=True)
def initiative_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, MANAGE, municipality)
    plan = selectors.plan_current(municipality=municipality)
    if request.GET.get("plan"):
        plan = selectors.plan_get(municipality=municipality, public_id=request.GET["plan"])
    if plan is None:
        raise Http404
    programme = request.GET.get("programme", "")
    initial = {"programme": programme} if programme.isdigit() else {}
    form = InitiativeForm(
        request.POST or None, municipality=municipality, plan=plan, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative was created."))
            return redirect("strategy:initiative_detail", municipality.slug, initiative.public_id)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "initiative": None}
    return render(request, "strategy/initiative_form.html", context, status=status)
