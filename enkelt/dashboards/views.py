"""The council one-pager (page and PDF), the managers' view and KL's national overview.

Each view checks the named permission, reads the overview through one selector
and renders; numbers and links are laid out by `presentation`.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from enkelt.dashboards import pdf, presentation, selectors
from enkelt.dashboards.forms import PeriodForm
from enkelt.tenants.access import membership_of, municipality_view
from enkelt.tenants.models import Municipality

VIEW_COUNCIL = "dashboards.view_council"
VIEW_MINE = "dashboards.view_mine"
VIEW_NATIONAL = "dashboards.view_national"
INBOX = "submissions.view_inbox"


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def council_context(
    request: HttpRequest, municipality: Municipality, *, today: datetime.date | None = None
) -> dict[str, Any]:
    """The figures of the whole municipality for the period in the query."""
    today = today or timezone.localdate()
    form = PeriodForm(request.GET, today=today)
    period = form.period()
    overview = selectors.overview(municipality=municipality, period=period, today=today)
    links = presentation.Links(
        slug=municipality.slug, inbox=request.user.has_perm(INBOX, municipality)
    )
    return {
        "municipality": municipality,
        "form": form,
        "overview": overview,
        "figures": {f.key: f for f in presentation.headline_figures(overview, links)},
        "charts": presentation.charts(overview, links),
        "links": links,
        "query": request.GET.urlencode(),
    }


@municipality_view(staff=True)
def council(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW_COUNCIL, municipality)
    return render(request, "dashboards/council.html", council_context(request, municipality))


@municipality_view(staff=True)
def council_pdf(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The one-pager on one printed A4 page."""
    require(request, VIEW_COUNCIL, municipality)
    context = council_context(request, municipality)
    body = pdf.council_pdf(context=context, request=request)
    response = HttpResponse(body, content_type="application/pdf")
    period = context["overview"].period
    name = f"overview-{municipality.slug}-{period.date_from}-{period.date_to}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@municipality_view(staff=True)
def mine(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The same figures for the manager's unit and below, and what needs their action."""
    require(request, VIEW_MINE, municipality)
    membership = membership_of(request.user)
    assert membership is not None  # municipality_view(staff=True) guarantees it
    today = timezone.localdate()
    form = PeriodForm(request.GET, today=today)
    period = form.period()
    unit = membership.unit
    overview = selectors.overview(municipality=municipality, period=period, unit=unit, today=today)
    links = presentation.Links(
        slug=municipality.slug,
        inbox=request.user.has_perm(INBOX, municipality),
        unit_id=unit.pk if unit is not None else None,
    )
    actions = selectors.needs_action(
        municipality=municipality,
        unit_ids=overview.unit_ids,
        user=request.user,
        indicators=overview.indicators,
        overdue_count=overview.submissions.overdue,
        today=today,
    )
    return render(
        request,
        "dashboards/mine.html",
        {
            "municipality": municipality,
            "unit": unit,
            "form": form,
            "overview": overview,
            "figures": {f.key: f for f in presentation.headline_figures(overview, links)},
            "charts": presentation.charts(overview, links),
            "actions": actions,
            "links": links,
            "query": request.GET.urlencode(),
        },
    )


def national_overview(request: HttpRequest) -> HttpResponse:
    """KL: only what municipalities have escalated, published or sent (403 for others)."""
    require(request, VIEW_NATIONAL)
    from enkelt.simplification.models import ExemptionApplication
    from enkelt.simplification.selectors import national_list

    today = timezone.localdate()
    since = today - datetime.timedelta(days=365)
    try:
        from enkelt.catalog.selectors import catalog_activity

        activity: Any = catalog_activity(since=since)
    except ImportError:  # the catalogue is optional for this page
        activity = None
    counts = selectors.exemption_outcomes()
    return render(
        request,
        "dashboards/national.html",
        {
            "rows": national_list(min_municipalities=2, limit=50),
            "exemptions": [
                (status, label, counts[status])
                for status, label in ExemptionApplication.Status.choices
            ],
            "exemption_municipalities": selectors.exemption_municipalities(),
            "activity": activity,
            "since": since,
        },
    )
