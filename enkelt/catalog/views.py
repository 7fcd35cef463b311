"""Pages of the inspiration catalogue.

Shared pages (`/inspiration/`, namespace `catalog_public`) are public: published examples are
meant to be read by every municipality and the public. KL curates there. The publishing page
(`/<municipality>/inspiration/publish/<case>/`, namespace `catalog`) is scoped by
`municipality_view(staff=True)` and the `catalog.publish_case` rule.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from enkelt.catalog import selectors, services
from enkelt.catalog.forms import CurateForm, PublishCaseForm, SearchForm
from enkelt.catalog.models import Example, ExampleOutcome, Relation, StrategyType
from enkelt.simplification.models import Case, Outcome, Stage
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

PUBLISH = "catalog.publish_case"
CURATE = "catalog.curate_example"
PER_PAGE = 20


def _public(view: Any) -> Any:
    view.enkelt_scope = "public"
    return view


@_public
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, choices=selectors.filter_choices())
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    query = form.query() if form.is_bound else ""
    result = selectors.search_examples(
        query=query,
        filters=form.filters() if form.is_bound else None,
        page=page_number,
        per_page=PER_PAGE,
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "catalog/search.html",
        {"form": form, "result": result, "query": query, "params": params.urlencode()},
    )


def _may_curate(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(CURATE))


@_public
def detail(request: HttpRequest, example_id: Any) -> HttpResponse:
    try:
        example = selectors.example_detail(
            example_id=example_id, include_unpublished=_may_curate(request)
        )
    except Example.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "catalog/detail.html",
        {
            "example": example,
            "similar": selectors.similar_examples(example=example),
            "can_curate": _may_curate(request),
        },
    )


@_public
@require_http_methods(["GET", "POST"])
def curate(request: HttpRequest, example_id: Any) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not _may_curate(request):
        raise PermissionDenied
    try:
        example = selectors.example_detail(example_id=example_id, include_unpublished=True)
    except Example.DoesNotExist as error:
        raise Http404 from error
    initial = {name: getattr(example, name) for name in services.CURATED_FIELDS} | {
        "published": example.published,
        "tags": ", ".join(t.name for t in example.tags.all()),
    }
    form = CurateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.example_curate(
            actor=request.user,
            example=example,
            changes={name: data[name] for name in services.CURATED_FIELDS},
            tags=form.tag_objects(),
            published=data["published"],
        )
        messages.success(request, _("The example has been curated."))
        return redirect("catalog_public:detail", example_id=example.public_id)
    return render(
        request,
        "catalog/curate.html",
        {"example": example, "form": form},
        status=400 if form.is_bound else 200,
    )


_OPEN_DATA_FIELDS = [
    "id",
    "title",
    "municipality_name",
    "year",
    "summary",
    "what_was_done",
    "results",
    "relation",
    "relation_label",
    "strategy_type",
    "strategy_type_label",
    "tags",
    "outcome",
    "lessons",
    "source_reference",
    "from_case",
    "published_at",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows() -> Iterator[str]:
    writer = csv.DictWriter(_Echo(), fieldnames=_OPEN_DATA_FIELDS)  # type: ignore[type-var]
    yield "\ufeff" + writer.writeheader()  # type: ignore[func-returns-value,operator]
    for row in selectors.open_data_rows():
        yield writer.writerow(row)  # type: ignore[func-returns-value,misc]


def _json_rows() -> Iterator[str]:
    yield '{"licence": "CC BY 4.0", "examples": ['
    first = True
    for row in selectors.open_data_rows():
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]}\n"


@_public
def open_data(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """Every published example as CSV or JSON, streamed (constant memory)."""
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_rows(), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(_json_rows(), content_type="application/json")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="inspiration.{fmt}"'
    return response


def _hours(value: Decimal | None) -> str:
    return "\u2013" if value is None else number_format(value, decimal_pos=1)


def _prefill(municipality: Municipality, case: Case) -> dict[str, Any]:
    burden = services.case_burden(case=case)
    rule_title = case.rule.title
    outcome_label = Outcome(case.outcome).label if case.outcome else ""
    results = []
    if burden.before_hours is not None:
        results.append(
            _("Burden before: %(before)s hours a year; after: %(after)s hours a year.")
            % {"before": _hours(burden.before_hours), "after": _hours(burden.after_hours)}
        )
    if burden.freed_hours is not None:
        results.append(_("Freed: %(hours)s hours a year.") % {"hours": _hours(burden.freed_hours)})
    return {
        "title": rule_title,
        "summary": _("%(municipality)s decided on the rule “%(rule)s”: %(outcome)s.")
        % {"municipality": municipality.name, "rule": rule_title, "outcome": outcome_label},
        "what_was_done": case.reason,
        "results": " ".join(results),
        "relation": Relation.ADMINISTRATION_INSTITUTIONS,
        "strategy_type": StrategyType.BROAD_SIMPLIFICATION,
        "outcome": services.CASE_OUTCOME.get(case.outcome, ExampleOutcome.MIXED),
        "lessons": case.freed_time_used_for,
    }


def _publishable_case(municipality: Municipality, case_id: Any) -> Case:
    case = (
        Case.objects.filter(municipality=municipality, public_id=case_id)
        .select_related("rule", "municipality")
        .first()
    )
    if case is None:
        raise Http404
    return case


@municipality_view(staff=True)
@require_http_methods(["GET", "POST"])
def publish_case(request: HttpRequest, municipality: Municipality, case_id: Any) -> HttpResponse:
    case = _publishable_case(municipality, case_id)
    if not request.user.has_perm(PUBLISH, case):
        raise PermissionDenied
    existing = Example.objects.filter(source_case=case).only("public_id").first()
    if existing is not None:
        messages.info(request, _("This case has already been published as an example."))
        return redirect("catalog_public:detail", example_id=existing.public_id)
    if case.stage != Stage.DECIDED:
        raise Http404
    form = PublishCaseForm(request.POST or None, initial=_prefill(municipality, case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            example = services.example_publish_case(
                actor=request.user,
                municipality=municipality,
                case=case,
                title=data["title"],
                summary=data["summary"],
                what_was_done=data["what_was_done"],
                results=data["results"],
                relation=data["relation"],
                strategy_type=data["strategy_type"],
                outcome=data["outcome"],
                lessons=data["lessons"],
                tags=form.tag_objects(),
            )
        except services.CatalogError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is now published in the inspiration catalogue."))
            return redirect("catalog_public:detail", example_id=example.public_id)
    return render(
        request,
        "catalog/publish_case.html",
        {
            "municipality": municipality,
            "case": case,
            "form": form,
            "case_url": reverse(
                "simplification:case_detail",
                kwargs={"municipality_slug": municipality.slug, "case_id": case.public_id},
            ),
        },
        status=400 if form.is_bound else 200,
    )


publish_case.enkelt_model = Case  # type: ignore[attr-defined]
