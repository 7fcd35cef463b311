"""Open data: each municipality's public submissions, funnel and decisions as CSV or JSON.

Public, no login. Only what the public pages already show: submissions from
`public_submissions` (not hidden, not awaiting moderation, not internal, not
spam), their `public_*` texts passed once more through `mask_personal_data`
(e-mail addresses, phone and CPR numbers), never names or contact details.
Licence: CC BY 4.0. The catalogue's own data is served by the catalog app.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from enkelt.dashboards.exports import csv_stream, text_cell
from enkelt.dashboards.selectors import funnel_by_year
from enkelt.simplification.selectors import decision_list
from enkelt.submissions import pipeline
from enkelt.submissions.masking import mask_personal_data
from enkelt.submissions.selectors import public_submissions
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

CHUNK_SIZE = 2000
FORMATS = ("csv", "json")
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Field:
    name: str
    description: Any


@dataclass(frozen=True)
class OpenDataset:
    slug: str
    title: Any
    description: Any
    fields: list[Field]


SUBMISSIONS = OpenDataset(
    "submissions",
    _("Public submissions"),
    _("Faults, hassles and ideas as the public list shows them; personal data masked."),
    [
        Field("tracking_code", _("The submission's tracking code")),
        Field("kind", _("fault, hassle or idea")),
        Field("category", _("Category code")),
        Field("title", _("Title (personal data masked)")),
        Field("description", _("Description (personal data masked)")),
        Field("suggestion", _("Suggestion (personal data masked)")),
        Field("status", _("open or closed")),
        Field("answer", _("The municipality's public answer (personal data masked)")),
        Field("created_at", _("When it was received")),
        Field("answered_at", _("When it was answered")),
        Field("postal_code", _("Postal code")),
        Field("lat", _("Latitude (WGS 84)")),
        Field("lon", _("Longitude (WGS 84)")),
    ],
)
FUNNEL = OpenDataset(
    "funnel",
    _("Simplification funnel"),
    _("Per year of flagging: rules flagged, selected and what was decided; freed hours."),
    [
        Field("year", _("Year the rules were flagged")),
        Field("flagged", _("Rules flagged")),
        Field("selected", _("Selected for a decision")),
        Field("abolished", _("Decided: abolished")),
        Field("streamlined", _("Decided: streamlined")),
        Field("kept", _("Decided: kept")),
        Field("escalated", _("Decided: escalated to the state")),
        Field("not_handled", _("Decided: not handled")),
        Field("expected_freed_hours_per_year", _("Expected freed hours a year")),
        Field("realised_freed_hours_per_year", _("Realised freed hours a year")),
    ],
)
DECISIONS = OpenDataset(
    "decisions",
    _("Decisions on rules"),
    _("Every decision on a rule with its reason (follow or explain)."),
    [
        Field("rule", _("The rule")),
        Field("origin", _("Where the rule comes from")),
        Field("owner_unit", _("The unit that owns the rule")),
        Field("outcome", _("abolished, streamlined, kept, escalated or not handled")),
        Field("reason", _("Reason (personal data masked)")),
        Field("decision_level", _("Who decided")),
        Field("decided_on", _("Date of the decision")),
        Field("implement_by", _("To be implemented by")),
        Field("expected_freed_hours_per_year", _("Expected freed hours a year")),
        Field("realised_freed_hours_per_year", _("Realised freed hours a year")),
    ],
)
DATASETS = {d.slug: d for d in (SUBMISSIONS, FUNNEL, DECISIONS)}


def _masked(value: str | None) -> str:
    return mask_personal_data(value or "")


def submission_rows(municipality: Municipality) -> Iterator[list[Any]]:
    rows = public_submissions(municipality=municipality).values_list(
        "tracking_code", "kind", "category__code", "public_title", "public_description",
        "public_suggestion", "status", "public_answer", "created_at", "answered_at",
        "postal_code", "lat", "lon",
    )  # fmt: skip
    for (
        code,
        kind,
        category,
        title,
        description,
        suggestion,
        status,
        answer,
        *rest,
    ) in rows.iterator(chunk_size=CHUNK_SIZE):
        created, answered, postal_code, lat, lon = rest
        yield [
            code, kind, category, _masked(title), _masked(description), _masked(suggestion),
            pipeline.public_status(status), _masked(answer), created, answered,
            postal_code, lat, lon,
        ]  # fmt: skip


def funnel_rows(municipality: Municipality) -> Iterator[list[Any]]:
    names = [f.name for f in FUNNEL.fields]
    for row in funnel_by_year(municipality=municipality):
        yield [row[name] for name in names]


def decision_rows(municipality: Municipality) -> Iterator[list[Any]]:
    rows = decision_list(municipality=municipality).values_list(
        "rule__title", "rule__origin", "rule__owner_unit__name", "outcome", "reason",
        "decision_level", "decided_on", "implement_by", "expected_freed_hours_per_year",
        "realised_freed_hours_per_year",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        values: list[Any] = list(row)
        values[0] = _masked(str(values[0] or ""))
        values[4] = _masked(str(values[4] or ""))
        yield values


ROWS = {"submissions": submission_rows, "funnel": funnel_rows, "decisions": decision_rows}


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return text_cell(value)


def json_stream(names: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """A JSON array of objects, one object at a time."""
    yield "["
    first = True
    for row in rows:
        item = json.dumps(
            {n: _json_value(v) for n, v in zip(names, row, strict=True)}, ensure_ascii=False
        )
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]\n"


def _catalog_url() -> str | None:
    try:
        return reverse("catalog_public:open_data", args=["csv"])
    except NoReverseMatch:
        return None


def index(request: HttpRequest) -> HttpResponseBase:
    """The public list of datasets, per municipality, with the fields and the licence."""
    return render(
        request,
        "dashboards/opendata_index.html",
        {
            "municipalities": Municipality.objects.order_by("name").only("slug", "name"),
            "datasets": list(DATASETS.values()),
            "formats": FORMATS,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "catalog_url": _catalog_url(),
        },
    )


@municipality_view()
def dataset(request: HttpRequest, municipality: Municipality, dataset: str, fmt: str) -> Any:
    spec = DATASETS.get(dataset)
    if spec is None or fmt not in FORMATS:
        raise Http404
    names = [f.name for f in spec.fields]
    rows = ROWS[dataset](municipality)
    filename = f"{dataset}-{municipality.slug}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_stream(names, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            json_stream(names, rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Licence"] = LICENCE
    return response
