"""The case list and a case's page: flags, selection, the decision with its scenario, follow-up.

Every view is scoped by `municipality_view(staff=True)` and then checks a named
rule. Writes are POST forms that work without JavaScript; each calls one service
and redirects back with a message. The decision form's "Calculate" button
re-renders the page with the scenario's freed hours without saving anything.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enkelt.regulations.models import Activity, Rule
from enkelt.simplification import pipeline, selectors, services
from enkelt.simplification.error_codes import SimplificationError
from enkelt.simplification.forms import (
    CaseFilterForm,
    DecideForm,
    RealisedForm,
    SelectForm,
)
from enkelt.simplification.models import Case, Outcome
from enkelt.simplification.scenario import (
    ScenarioLine,
    freed_formula,
    freed_hours,
    scenario_lines,
)
from enkelt.simplification.views.common import (
    DECIDE,
    PAGE_SIZE,
    VIEW,
    get_case,
    require,
    user_of,
)
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality


@municipality_view(staff=True)
def case_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW, municipality)
    form = CaseFilterForm(request.GET, municipality=municipality)
    cases = selectors.case_list(municipality=municipality, filters=form.filters())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "simplification/case_list.html",
        {"municipality": municipality, "form": form, "page": page, "query": query.urlencode()},
    )


def _lines(case: Case) -> list[ScenarioLine]:
    rule = Rule.objects.select_related("municipality").get(pk=case.rule_id)
    activities = Activity.objects.filter(rule=rule).select_related("job_family")
    return scenario_lines(rule, {}, activities=activities)


def render_case(
    request: HttpRequest,
    municipality: Municipality,
    case: Case,
    *,
    bound: dict[str, Any] | None = None,
    preview: list[ScenarioLine] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = user_of(request)
    lines = _lines(case)
    forms: dict[str, Any] = {
        "select": SelectForm(municipality=municipality, initial={"campaign": case.campaign_id}),
        "decide": DecideForm(case=case, lines=lines, initial={"decision_level": "leader"}),
        "realised": RealisedForm(
            initial={"hours": case.expected_freed_hours_per_year, "used_for": ""}
        ),
    }
    forms.update(bound or {})
    shown = preview if preview is not None else lines
    return render(
        request,
        "simplification/case_detail.html",
        {
            "municipality": municipality,
            "case": case,
            "rule": case.rule,
            "detail": selectors.case_detail(case=case),
            "forms": forms,
            "can_decide": user.has_perm(DECIDE, municipality),
            "can_select": pipeline.can_transition(case.state, pipeline.SELECTED),
            "can_deselect": pipeline.can_transition(case.state, pipeline.FLAGGED),
            "outcomes": pipeline.allowed_outcomes(case.state),
            "can_record_realised": case.outcome in pipeline.FREES_TIME,
            "preview": preview is not None,
            "preview_hours": freed_hours(shown),
            "preview_formula": freed_formula(shown),
            "preview_lines": shown,
        },
        status=status,
    )


@municipality_view(staff=True)
def case_detail(request: HttpRequest, municipality: Municipality, case_id: Any) -> HttpResponse:
    require(request, VIEW, municipality)
    return render_case(request, municipality, get_case(municipality, case_id))


def _act_select(request: HttpRequest, municipality: Municipality, case: Case) -> Any:
    form = SelectForm(request.POST, municipality=municipality)
    if not form.is_valid():
        return render_case(request, municipality, case, bound={"select": form}, status=400)
    services.case_select(
        actor=user_of(request),
        municipality=municipality,
        case=case,
        campaign=form.cleaned_data["campaign"],
    )
    return _("The case has been selected for a decision.")


def _act_deselect(request: HttpRequest, municipality: Municipality, case: Case) -> Any:
    services.case_deselect(actor=user_of(request), municipality=municipality, case=case)
    return _("The case is back among the flagged ones.")


def _act_decide(request: HttpRequest, municipality: Municipality, case: Case) -> Any:
    lines = _lines(case)
    form = DecideForm(request.POST, case=case, lines=lines)
    if "preview" in request.POST:
        # Recalculate only: valid scenario fields are used, invalid ones keep today's value.
        form.is_valid()
        rule = Rule.objects.select_related("municipality").get(pk=case.rule_id)
        preview = scenario_lines(rule, form.changes(), activities=[line.activity for line in lines])
        unbound = DecideForm(case=case, lines=preview, initial=_preview_initial(request))
        return render_case(request, municipality, case, bound={"decide": unbound}, preview=preview)
    if not form.is_valid():
        return render_case(request, municipality, case, bound={"decide": form}, status=400)
    data = form.cleaned_data
    outcome = data["outcome"]
    services.case_decide(
        actor=user_of(request),
        municipality=municipality,
        case=case,
        outcome=outcome,
        reason=data["reason"],
        decision_level=data["decision_level"],
        decided_on=data["decided_on"],
        implement_by=data["implement_by"],
        scenario=form.changes() if outcome in pipeline.FREES_TIME else None,
        scenario_note=data["scenario_note"],
        exemption={
            "provision": data["provision"],
            "ministry": data["ministry"],
            "instrument": data["instrument"] or "challenge_right",
        },
    )
    return _("The decision “%(outcome)s” has been recorded; the submitters are being told.") % {
        "outcome": Outcome(outcome).label
    }


def _preview_initial(request: HttpRequest) -> dict[str, Any]:
    """Keep what the leader typed (outcome, reason, scenario) in the recalculated form."""
    return {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}


def _act_realised(request: HttpRequest, municipality: Municipality, case: Case) -> Any:
    form = RealisedForm(request.POST)
    if not form.is_valid():
        return render_case(request, municipality, case, bound={"realised": form}, status=400)
    services.case_record_realised(
        actor=user_of(request),
        municipality=municipality,
        case=case,
        hours=form.cleaned_data["hours"],
        used_for=form.cleaned_data["used_for"],
        implemented_on=form.cleaned_data["implemented_on"],
    )
    return _("The realised hours have been recorded; the submitters are being told.")


ACTIONS = {
    "select": _act_select,
    "deselect": _act_deselect,
    "decide": _act_decide,
    "realised": _act_realised,
}


@municipality_view(staff=True)
def case_action(
    request: HttpRequest, municipality: Municipality, case_id: Any, action: str
) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    require(request, VIEW, municipality)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request, DECIDE, municipality)
    case = get_case(municipality, case_id)
    url = reverse("simplification:case_detail", args=[municipality.slug, case.public_id])
    try:
        outcome = ACTIONS[action](request, municipality, case)
    except SimplificationError as error:
        messages.error(request, str(error.message))
        return redirect(url)
    if isinstance(outcome, HttpResponse):
        return outcome
    messages.success(request, outcome)
    return redirect(url)
