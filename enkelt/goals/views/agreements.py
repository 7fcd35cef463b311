"""Agreement pages: the tree director → chief → leader, an agreement with its goals,
golden thread, dialogue meetings and per-goal assessments, and its document as PDF.

The agreements themselves (and their state) belong to the strategy app; these pages
show them with what the goals app adds.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.goals import selectors, services
from enkelt.goals.forms import AssessmentForm, FreedHoursForm
from enkelt.goals.views.common import ADD_GOAL, MANAGE, VIEW, require
from enkelt.strategy.models import Agreement
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


def _agreement(municipality: Municipality, agreement_id: Any) -> Agreement:
    agreement = selectors.agreement_get(municipality=municipality, public_id=agreement_id)
    if agreement is None:
        raise Http404
    return agreement


@municipality_view(staff=True)
def agreement_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    covered, active = selectors.coverage(municipality=municipality)
    return render(
        request,
        "goals/agreement_list.html",
        {
            "municipality": municipality,
            "tree": selectors.agreement_tree(municipality=municipality),
            "covered": covered,
            "active": active,
            "coverage_percent": round(100 * covered / active) if active else None,
            "can_create": request.user.has_perm("strategy.manage_agreements", municipality),
        },
    )


def _context(
    request: HttpRequest, municipality: Municipality, agreement: Agreement
) -> dict[str, Any]:
    goals = list(agreement.goals.all())
    meetings = []
    for meeting in agreement.meetings.all():
        by_goal = {a.goal_id: a for a in meeting.assessments.all()}  # type: ignore[attr-defined]
        meetings.append({"meeting": meeting, "rows": [(g, by_goal.get(g.pk)) for g in goals]})
    return {
        "municipality": municipality,
        "agreement": agreement,
        "goals": goals,
        "meetings": meetings,
        "can_manage": request.user.has_perm(MANAGE, agreement),
        "can_add_goal": request.user.has_perm(ADD_GOAL, agreement),
        "can_change_agreement": request.user.has_perm("strategy.manage_agreements", agreement),
        "assessment_form": AssessmentForm(),
        "freed_form": FreedHoursForm(agreement=agreement) if goals else None,
    }


@municipality_view(staff=True)
def agreement_detail(
    request: HttpRequest, municipality: Municipality, agreement_id: Any
) -> HttpResponse:
    agreement = _agreement(municipality, agreement_id)
    require(request, VIEW, agreement)
    return render(
        request, "goals/agreement_detail.html", _context(request, municipality, agreement)
    )


@municipality_view(staff=True)
def agreement_pdf(
    request: HttpRequest, municipality: Municipality, agreement_id: Any
) -> HttpResponse:
    agreement = _agreement(municipality, agreement_id)
    require(request, VIEW, agreement)
    html = render_to_string(
        "goals/agreement_pdf.html", _context(request, municipality, agreement), request=request
    )
    from weasyprint import HTML  # imported late: loading it costs time at start-up

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agreement-{agreement.public_id}.pdf"'
    return response


@municipality_view(staff=True)
@require_POST
def assess_goal(
    request: HttpRequest,
    municipality: Municipality,
    agreement_id: Any,
    meeting_id: int,
    goal_id: Any,
) -> HttpResponse:
    agreement = _agreement(municipality, agreement_id)
    require(request, MANAGE, agreement)
    meeting = next((m for m in agreement.meetings.all() if m.pk == meeting_id), None)
    goal = next((g for g in agreement.goals.all() if g.public_id == goal_id), None)
    if meeting is None or goal is None:
        raise Http404
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_assess(
                actor=request.user,
                municipality=municipality,
                meeting=meeting,
                goal=goal,
                **form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The assessment is saved."))
    else:
        messages.error(request, _("Choose a rating and write the assessment."))
    return redirect(reverse("goals:agreement_detail", args=[municipality.slug, agreement_id]))


@municipality_view(staff=True)
@require_POST
def freed_hours_add(
    request: HttpRequest, municipality: Municipality, agreement_id: Any
) -> HttpResponse:
    """Give hours freed by a decided simplification case to one of the agreement's goals."""
    agreement = _agreement(municipality, agreement_id)
    require(request, MANAGE, agreement)
    form = FreedHoursForm(request.POST, agreement=agreement)
    if form.is_valid():
        try:
            services.freed_hours_allocate(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The hours are given to the goal."))
    else:
        messages.error(request, _("Choose a goal and a case, and give the hours."))
    return redirect(reverse("goals:agreement_detail", args=[municipality.slug, agreement_id]))
