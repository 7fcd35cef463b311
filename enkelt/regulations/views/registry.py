"""The registry list, a rule's page, and the forms to register and edit rules and activities."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enkelt.regulations import burden as scm
from enkelt.regulations import selectors, services
from enkelt.regulations.forms import ActivityForm, RegistryFilterForm, RuleForm, SnapshotForm
from enkelt.regulations.models import Activity, Rule
from enkelt.regulations.views.common import ADD, CHANGE, VIEW, get_rule, query_without, require
from enkelt.regulations.views.history import history_items
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

PAGE_SIZE = 50


@municipality_view(staff=True)
def rule_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The registry: filters, sorting by burden and flags, 50 rules a page."""
    require(request, VIEW, municipality)
    form = RegistryFilterForm(request.GET, municipality=municipality)
    filters = form.filters()
    # The long texts are not shown in the list.
    rules = selectors.rule_list(municipality=municipality, filters=filters).defer("text", "purpose")
    page = Paginator(rules, PAGE_SIZE).get_page(request.GET.get("page"))
    _label_rows(page.object_list)
    return render(
        request,
        "regulations/rule_list.html",
        {
            "municipality": municipality,
            "form": form,
            "filters": filters,
            "page": page,
            "query": query_without(request, "page"),
            "can_add": request.user.has_perm(ADD, municipality),
            "rule_url_prefix": reverse("regulations:rule_list", args=[municipality.slug]),
        },
    )


def _label_rows(rules: Any) -> None:
    """Choice labels looked up once per page, not once per row and field (`get_FOO_display`
    rebuilds the choices, translating every label, on each call)."""
    kinds = {k: str(v) for k, v in Rule.Kind.choices}
    origins = {k: str(v) for k, v in Rule.Origin.choices}
    statuses = {k: str(v) for k, v in Rule.Status.choices}
    for rule in rules:
        rule.kind_label = kinds.get(rule.kind, rule.kind)
        rule.origin_label = origins.get(rule.origin, rule.origin)
        rule.status_label = statuses.get(rule.status, rule.status)


@municipality_view(staff=True)
def rule_detail(request: HttpRequest, municipality: Municipality, rule_id: str) -> HttpResponse:
    """Everything about one rule, with each figure's formula filled in."""
    require(request, VIEW, municipality)
    rule = get_rule(municipality, rule_id)
    burdens = scm.rule_activity_burdens(rule)
    activities = list(zip(rule.activities.all(), burdens, strict=True))
    return render(
        request,
        "regulations/rule_detail.html",
        {
            "municipality": municipality,
            "rule": rule,
            "activities": activities,
            "total": scm.total(burdens),
            "norm_hours": scm.annual_norm_hours(),
            "snapshots": list(rule.snapshots.all()),
            "reduction": selectors.rule_reduction(rule=rule),
            "history": history_items(selectors.rule_history(rule=rule)),
            "can_change": request.user.has_perm(CHANGE, municipality),
            "snapshot_form": SnapshotForm(),
        },
    )


def _save_rule(request: HttpRequest, municipality: Municipality, form: RuleForm) -> HttpResponse:
    data = dict(form.cleaned_data)
    applies_to = list(data.pop("applies_to"))
    try:
        if form.instance.pk:
            rule = services.rule_update(
                actor=request.user,
                municipality=municipality,
                rule=form.instance,
                applies_to=applies_to,
                **data,
            )
            messages.success(request, _("The rule was saved."))
        else:
            rule = services.rule_create(
                actor=request.user, municipality=municipality, applies_to=applies_to, **data
            )
            messages.success(request, _("The rule was registered. Now add its activities."))
    except ValidationError as error:
        form.add_error(None, error)
        return render(
            request,
            "regulations/rule_form.html",
            {"municipality": municipality, "form": form, "rule": form.instance},
            status=400,
        )
    return redirect("regulations:rule_detail", municipality.slug, rule.public_id)


@municipality_view(staff=True)
def rule_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, ADD, municipality)
    form = RuleForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        return _save_rule(request, municipality, form)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "rule": None}
    return render(request, "regulations/rule_form.html", context, status=status)


@municipality_view(staff=True)
def rule_edit(request: HttpRequest, municipality: Municipality, rule_id: str) -> HttpResponse:
    require(request, CHANGE, municipality)
    rule = get_rule(municipality, rule_id)
    form = RuleForm(request.POST or None, instance=rule, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        # The form has already set the new values on the instance; give the service the
        # unchanged rule so that it records before and after.
        fresh = get_rule(municipality, rule_id)
        form.instance = fresh
        return _save_rule(request, municipality, form)
    status = 400 if form.is_bound else 200
    context = {"municipality": municipality, "form": form, "rule": rule}
    return render(request, "regulations/rule_form.html", context, status=status)


def _get_activity(rule_activities: list[Activity], activity_id: int) -> Activity:
    for activity in rule_activities:
        if activity.pk == activity_id:
            return activity
    raise Http404


@municipality_view(staff=True)
def activity_create(request: HttpRequest, municipality: Municipality, rule_id: str) -> HttpResponse:
    require(request, CHANGE, municipality)
    rule = get_rule(municipality, rule_id)
    form = ActivityForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        services.activity_add(
            actor=request.user, municipality=municipality, rule=rule, data=form.data_for_service()
        )
        messages.success(request, _("The activity was added and the burden recomputed."))
        return redirect("regulations:rule_detail", municipality.slug, rule.public_id)
    context = {"municipality": municipality, "form": form, "rule": rule, "activity": None}
    status = 400 if form.is_bound else 200
    return render(request, "regulations/activity_form.html", context, status=status)


@municipality_view(staff=True)
def activity_edit(
    request: HttpRequest, municipality: Municipality, rule_id: str, activity_id: int
) -> HttpResponse:
    require(request, CHANGE, municipality)
    rule = get_rule(municipality, rule_id)
    activity = _get_activity(list(rule.activities.all()), activity_id)
    form = ActivityForm(request.POST or None, instance=activity, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        activity.refresh_from_db()
        services.activity_update(
            actor=request.user, municipality=municipality, activity=activity, data=data
        )
        messages.success(request, _("The activity was saved and the burden recomputed."))
        return redirect("regulations:rule_detail", municipality.slug, rule.public_id)
    context = {"municipality": municipality, "form": form, "rule": rule, "activity": activity}
    status = 400 if form.is_bound else 200
    return render(request, "regulations/activity_form.html", context, status=status)


@municipality_view(staff=True)
@require_POST
def activity_delete(
    request: HttpRequest, municipality: Municipality, rule_id: str, activity_id: int
) -> HttpResponse:
    require(request, CHANGE, municipality)
    rule = get_rule(municipality, rule_id)
    activity = _get_activity(list(rule.activities.all()), activity_id)
    services.activity_delete(actor=request.user, municipality=municipality, activity=activity)
    messages.success(request, _("The activity was removed and the burden recomputed."))
    return redirect("regulations:rule_detail", municipality.slug, rule.public_id)


@municipality_view(staff=True)
@require_POST
def snapshot_take(request: HttpRequest, municipality: Municipality, rule_id: str) -> HttpResponse:
    require(request, CHANGE, municipality)
    rule = get_rule(municipality, rule_id)
    form = SnapshotForm(request.POST)
    if form.is_valid():
        services.burden_snapshot_take(
            actor=request.user,
            municipality=municipality,
            rule=rule,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The burden was kept as a snapshot."))
    else:
        messages.error(request, _("Choose the kind of snapshot."))
    return redirect("regulations:rule_detail", municipality.slug, rule.public_id)
