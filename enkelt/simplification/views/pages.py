"""The funnel, campaigns, exemption applications, and the public decisions with their CSV."""

import csv
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enkelt.simplification import exemptions, selectors
from enkelt.simplification.error_codes import SimplificationError
from enkelt.simplification.forms import CampaignForm, ExemptionAnswerForm, FunnelFilterForm
from enkelt.simplification.models import ExemptionApplication, Outcome
from enkelt.simplification.views.common import (
    DECIDE,
    PAGE_SIZE,
    VIEW,
    get_exemption,
    require,
    user_of,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

BAR_WIDTH = 400  # SVG user units of the longest bar


def funnel_rows(funnel: selectors.Funnel) -> list[dict[str, Any]]:
    """One row per step, with its label, count, share of flagged and bar length."""
    labels = {
        "flagged": _("Flagged"),
        "selected": _("Selected"),
        **dict(Outcome.choices),
    }
    top = max(funnel.flagged, 1)
    rows = []
    for index, (name, count) in enumerate(funnel.steps()):
        rows.append(
            {
                "name": name,
                "label": str(labels[name]).capitalize(),
                "count": count,
                "percent": round(100 * count / top) if funnel.flagged else 0,
                "width": max(round(BAR_WIDTH * count / top), 1 if count else 0),
                "y": index * 32,
                "is_outcome": name in Outcome.values,
            }
        )
    return rows


@municipality_view(staff=True)
def funnel_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    form = FunnelFilterForm(request.GET, municipality=municipality)
    funnel = selectors.funnel(municipality=municipality, **form.values())
    rows = funnel_rows(funnel)
    return render(
        request,
        "simplification/funnel.html",
        {
            "municipality": municipality,
            "form": form,
            "funnel": funnel,
            "rows": rows,
            "chart_height": len(rows) * 32,
        },
    )


@municipality_view()
def public_funnel(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The same funnel for citizens: counts only, filterable by the public units."""
    form = FunnelFilterForm(request.GET, municipality=municipality, public_only=True)
    funnel = selectors.funnel(municipality=municipality, **form.values())
    rows = funnel_rows(funnel)
    return render(
        request,
        "simplification/funnel.html",
        {
            "municipality": municipality,
            "form": form,
            "funnel": funnel,
            "rows": rows,
            "chart_height": len(rows) * 32,
            "public": True,
        },
    )


@municipality_view(staff=True)
def campaign_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The campaigns; leaders and up start a new one with the form below the list."""
    require(request, VIEW, municipality)
    can_manage = request.user.has_perm(DECIDE, municipality)
    form = CampaignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(request, DECIDE, municipality)
        if form.is_valid():
            try:
                campaign = exemptions.campaign_create(
                    actor=user_of(request), municipality=municipality, **form.cleaned_data
                )
            except SimplificationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(
                    request, _("The campaign “%(theme)s” has been created.") % {"theme": campaign}
                )
                return redirect("simplification:campaigns", municipality.slug)
    return render(
        request,
        "simplification/campaigns.html",
        {
            "municipality": municipality,
            "campaigns": selectors.campaign_list(municipality=municipality),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@municipality_view(staff=True)
def exemption_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    status = request.GET.get("status") or None
    if status not in ExemptionApplication.Status.values:
        status = None
    applications = selectors.exemption_list(municipality=municipality, status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "simplification/exemption_list.html",
        {
            "municipality": municipality,
            "page": page,
            "status": status or "",
            "statuses": ExemptionApplication.Status.choices,
            "query": f"status={status}" if status else "",
        },
    )


@municipality_view(staff=True)
def exemption_detail(
    request: HttpRequest, municipality: Municipality, exemption_id: Any
) -> HttpResponse:
    """An application; leaders and up record the ministry's answer (POST)."""
    require(request, VIEW, municipality)
    application = get_exemption(municipality, exemption_id)
    initial = {
        "status": application.status,
        "answer": application.answer,
        "answered_on": application.answered_on,
        "trial_start": application.trial_start,
        "trial_end": application.trial_end,
        "evaluation_due": application.evaluation_due,
        "evaluation_result": application.evaluation_result,
    }
    form = ExemptionAnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        require(request, DECIDE, municipality)
        if form.is_valid():
            try:
                exemptions.exemption_answer(
                    actor=user_of(request),
                    municipality=municipality,
                    application=application,
                    **form.cleaned_data,
                )
            except SimplificationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The answer has been recorded."))
                return redirect(
                    reverse(
                        "simplification:exemption_detail",
                        args=[municipality.slug, application.public_id],
                    )
                )
    return render(
        request,
        "simplification/exemption_detail.html",
        {
            "municipality": municipality,
            "application": application,
            "form": form,
            "can_manage": request.user.has_perm(DECIDE, municipality),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _outcome_filter(request: HttpRequest) -> str | None:
    outcome = request.GET.get("outcome") or None
    return outcome if outcome in Outcome.values else None


@municipality_view()
def decisions(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Public: every decision on a rule, with its reason ("follow or explain")."""
    outcome = _outcome_filter(request)
    cases = selectors.decision_list(municipality=municipality, outcome=outcome)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "simplification/decisions.html",
        {
            "municipality": municipality,
            "page": page,
            "outcome": outcome or "",
            "outcomes": Outcome.choices,
            "query": f"outcome={outcome}" if outcome else "",
        },
    )


@municipality_view()
def decisions_csv(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The public decisions as CSV (UTF-8 with BOM, so spreadsheets read æøå)."""
    cases = selectors.decision_list(municipality=municipality, outcome=_outcome_filter(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-{municipality.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "rule", "origin", "owner_unit", "outcome", "reason", "decision_level", "decided_on",
            "implement_by", "expected_freed_hours_per_year", "realised_freed_hours_per_year",
        ]
    )  # fmt: skip
    for case in cases.iterator(chunk_size=2000):
        writer.writerow(
            [
                _safe(case.rule.title),
                case.rule.origin,
                _safe(case.rule.owner_unit.name if case.rule.owner_unit else ""),
                case.outcome,
                _safe(case.reason),
                case.decision_level,
                case.decided_on.isoformat() if case.decided_on else "",
                case.implement_by.isoformat() if case.implement_by else "",
                case.expected_freed_hours_per_year
                if case.expected_freed_hours_per_year is not None
                else "",
                case.realised_freed_hours_per_year
                if case.realised_freed_hours_per_year is not None
                else "",
            ]
        )
    return response


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
