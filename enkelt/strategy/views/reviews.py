"""Review rounds: the list, opening a round, the owner's update, the directors' meeting
view with decisions, reminders, closing and the review pack as PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.strategy import selectors, services
from enkelt.strategy.forms import DecisionForm, ReviewItemUpdateForm, RoundOpenForm
from enkelt.strategy.pdf import review_pack_pdf
from enkelt.strategy.views.common import (
    DECIDE,
    MANAGE_ROUNDS,
    UPDATE_ITEM,
    VIEW,
    get_item,
    get_round,
    require,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


@municipality_view(staff=True)
def round_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    return render(
        request,
        "strategy/round_list.html",
        {
            "municipality": municipality,
            "rounds": list(selectors.round_list(municipality=municipality)),
            "can_manage_rounds": request.user.has_perm(MANAGE_ROUNDS, municipality),
        },
    )


@municipality_view(staff=True)
def round_open(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Open a round: one item per active initiative, and each owner is asked for an update."""
    require(request, MANAGE_ROUNDS, municipality)
    plan = selectors.plan_current(municipality=municipality)
    if plan is None:
        raise Http404
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_round = services.review_round_open(
                actor=request.user, municipality=municipality, plan=plan, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The review round was opened and the owners were asked for an update.")
            )
            return redirect("strategy:round_detail", municipality.slug, review_round.public_id)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "plan": plan}
    return render(request, "strategy/round_open.html", context, status=status)


@municipality_view(staff=True)
def round_detail(request: HttpRequest, municipality: Municipality, round_id: str) -> HttpResponse:
    """The directors' meeting view: every item with its update and decision."""
    require(request, VIEW, municipality)
    review_round = get_round(municipality, round_id)
    items = list(selectors.round_items(review_round=review_round))
    user = request.user
    for item in items:
        item.municipality = municipality  # the permission check reads it; saves a query each
        item.can_update = user.has_perm(UPDATE_ITEM, item)  # type: ignore[attr-defined]
    return render(
        request,
        "strategy/round_detail.html",
        {
            "municipality": municipality,
            "round": review_round,
            "items": items,
            "can_manage_rounds": user.has_perm(MANAGE_ROUNDS, municipality),
            "can_decide": user.has_perm(DECIDE, municipality) and review_round.state == "open",
        },
    )


@municipality_view(staff=True)
def review_item_update(
    request: HttpRequest, municipality: Municipality, round_id: str, item_id: str
) -> HttpResponse:
    """The owner's update of one initiative in the round."""
    review_round = get_round(municipality, round_id)
    item = get_item(municipality, review_round, item_id)
    require(request, UPDATE_ITEM, item)
    initiative = item.initiative
    initial = {
        "status": item.status or initiative.status,
        "rag": item.rag or initiative.rag,
        "progress": item.progress,
        "comment": item.comment or initiative.rag_comment,
        "proposed_decision": item.proposed_decision,
    }
    form = ReviewItemUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_item_update(
                actor=request.user, municipality=municipality, item=item, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your update was saved."))
            return redirect("strategy:round_detail", municipality.slug, review_round.public_id)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "round": review_round, "item": item}
    return render(request, "strategy/review_item_form.html", context, status=status)


@municipality_view(staff=True)
def review_item_decide(
    request: HttpRequest, municipality: Municipality, round_id: str, item_id: str
) -> HttpResponse:
    """Record the directors' decision on one item (a stop needs a reason)."""
    require(request, DECIDE, municipality)
    review_round = get_round(municipality, round_id)
    item = get_item(municipality, review_round, item_id)
    initial = {"decision": item.decision or item.proposed_decision, "reason": item.decision_reason}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_item_decide(
                actor=request.user,
                municipality=municipality,
                item=item,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("strategy:round_detail", municipality.slug, review_round.public_id)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "round": review_round, "item": item}
    return render(request, "strategy/decision_form.html", context, status=status)


@municipality_view(staff=True)
@require_POST
def round_remind(request: HttpRequest, municipality: Municipality, round_id: str) -> HttpResponse:
    require(request, MANAGE_ROUNDS, municipality)
    review_round = get_round(municipality, round_id)
    try:
        missing = services.review_round_remind(
            actor=request.user, municipality=municipality, review_round=review_round
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A reminder is on its way to the owners of %(count)s items without an update.")
            % {"count": missing},
        )
    return redirect("strategy:round_detail", municipality.slug, review_round.public_id)


@municipality_view(staff=True)
@require_POST
def round_close(request: HttpRequest, municipality: Municipality, round_id: str) -> HttpResponse:
    require(request, MANAGE_ROUNDS, municipality)
    review_round = get_round(municipality, round_id)
    try:
        services.review_round_close(
            actor=request.user, municipality=municipality, review_round=review_round
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The review round was closed."))
    return redirect("strategy:round_detail", municipality.slug, review_round.public_id)


@municipality_view(staff=True)
def round_pack(request: HttpRequest, municipality: Municipality, round_id: str) -> HttpResponse:
    """The review pack for the directors' meeting, as PDF."""
    require(request, VIEW, municipality)
    review_round = get_round(municipality, round_id)
    items = list(selectors.round_items(review_round=review_round))
    pdf = review_pack_pdf(review_round=review_round, items=items, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"review-pack-{review_round.public_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
