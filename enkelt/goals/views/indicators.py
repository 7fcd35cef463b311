"""The indicator list, an indicator's page with its chart, measurement entry and import.

Every view is scoped by `municipality_view(staff=True)` and then checks a named
rule. Writes are POST forms that work without JavaScript; each calls one service
and redirects back with a message.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.goals import chart, selectors, services, transfer
from enkelt.goals import progress as formula
from enkelt.goals.forms import ImportForm, IndicatorFilterForm, MeasurementForm, OverrideForm
from enkelt.goals.views.common import (
    ADD_GOAL,
    MANAGE,
    MEASURE,
    VIEW,
    get_indicator,
    require,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

INDICATORS_PER_PAGE = 50


@municipality_view(staff=True)
def indicator_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    form = IndicatorFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    indicators = selectors.indicator_list(
        municipality=municipality, status=data.get("status", ""), q=data.get("q", "")
    )
    # The status is computed for all (the counts need it); only one page is rendered.
    paginator = Paginator(indicators, INDICATORS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "goals/indicator_list.html",
        {
            "municipality": municipality,
            "form": form,
            "indicators": page.object_list,
            "total": paginator.count,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
            "querystring": query.urlencode(),
            "counts": selectors.status_counts(indicators),
        },
    )


def _detail_context(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> dict[str, Any]:
    indicator = get_indicator(municipality, indicator_id)
    require(request, VIEW, indicator)
    measurements = selectors.measurements_of(indicator)
    evaluation = indicator.evaluation  # type: ignore[attr-defined]
    milestones = list(indicator.milestones.all())
    figure = chart.build(
        baseline=formula.Point(indicator.baseline_date, indicator.baseline_value),
        target=formula.Point(indicator.target_date, evaluation.target),
        milestones=[formula.Point(m.date, m.value) for m in milestones],
        measurements=[formula.Point(m.date, m.value) for m in measurements],
    )
    freed = selectors.freed_hours_for_goal(goal=indicator.goal) if indicator.goal else []
    return {
        "municipality": municipality,
        "indicator": indicator,
        "evaluation": evaluation,
        "measurements": measurements,
        "milestones": milestones,
        "chart": figure,
        "freed": freed,
        "freed_total": sum((a.hours_per_year for a in freed), start=0),
        "can_measure": request.user.has_perm(MEASURE, indicator),
        "can_manage": request.user.has_perm(MANAGE, indicator),
        "can_edit": request.user.has_perm(ADD_GOAL, indicator),
        "measurement_form": MeasurementForm(),
        "override_form": OverrideForm(
            initial={"status": indicator.status_override, "comment": indicator.override_comment}
        ),
        "import_form": ImportForm(),
    }


@municipality_view(staff=True)
def indicator_detail(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> HttpResponse:
    return render(
        request, "goals/indicator_detail.html", _detail_context(request, municipality, indicator_id)
    )


def _back(municipality: Municipality, indicator_id: Any) -> HttpResponse:
    return redirect(reverse("goals:indicator_detail", args=[municipality.slug, indicator_id]))


@municipality_view(staff=True)
@require_POST
def measurement_add(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> HttpResponse:
    indicator = get_indicator(municipality, indicator_id)
    require(request, MEASURE, indicator)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            services.measurement_add(
                actor=request.user,
                municipality=municipality,
                indicator=indicator,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The measurement is saved."))
            return _back(municipality, indicator_id)
    context = _detail_context(request, municipality, indicator_id)
    context["measurement_form"] = form
    return render(request, "goals/indicator_detail.html", context, status=400)


@municipality_view(staff=True)
@require_POST
def status_override(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> HttpResponse:
    indicator = get_indicator(municipality, indicator_id)
    require(request, MANAGE, indicator)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_set_status_override(
                actor=request.user,
                municipality=municipality,
                indicator=indicator,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The status is saved."))
            return _back(municipality, indicator_id)
    context = _detail_context(request, municipality, indicator_id)
    context["override_form"] = form
    return render(request, "goals/indicator_detail.html", context, status=400)


@municipality_view(staff=True)
def measurement_import(
    request: HttpRequest, municipality: Municipality, indicator_id: Any
) -> HttpResponse:
    indicator = get_indicator(municipality, indicator_id)
    require(request, MEASURE, indicator)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = transfer.read_rows(upload.name, upload.read())
        except transfer.FileUnreadable as error:
            form.add_error("file", str(error))
        else:
            report = services.measurements_import(
                actor=request.user, municipality=municipality, indicator=indicator, rows=rows
            )
    return render(
        request,
        "goals/measurement_import.html",
        {"municipality": municipality, "indicator": indicator, "form": form, "report": report},
    )
