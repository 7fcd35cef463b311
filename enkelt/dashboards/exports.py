"""CSV and XLSX exports of the staff lists and the one-pager, in constant memory.

A dataset is a header and an iterator of rows read with `iterator(chunk_size)`:
CSV streams row by row (the browser shows the download's progress); XLSX goes
through openpyxl's write-only workbook into a temporary file, then is sent as a
file. Each dataset takes the same GET filters as its page and needs the same
permission as its page, after the tenant check.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone

from enkelt.accounts.models import User
from enkelt.goals.forms import IndicatorFilterForm
from enkelt.goals.selectors import indicator_list
from enkelt.simplification.forms import CaseFilterForm
from enkelt.simplification.selectors import case_list
from enkelt.strategy.forms import PortfolioFilterForm
from enkelt.strategy.selectors import PortfolioFilters, initiative_list
from enkelt.submissions.forms_inbox import InboxFilterForm
from enkelt.submissions.selectors_inbox import inbox_search
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

CHUNK_SIZE = 2000
FORMATS = ("csv", "xlsx")
Row = list[Any]


@dataclass(frozen=True)
class Dataset:
    permission: str
    header: list[str]
    rows: Callable[[HttpRequest, Municipality], Iterable[Row]]


def _submission_rows(request: HttpRequest, municipality: Municipality) -> Iterable[Row]:
    user = request.user
    assert isinstance(user, User)
    form = InboxFilterForm(request.GET, municipality=municipality, user=user)
    rows = inbox_search(municipality=municipality, filters=form.filters()).values_list(
        "tracking_code", "kind", "category__code", "title", "status", "unit__name", "channel",
        "created_at", "due_at", "answered_at", "address", "postal_code",
    )  # fmt: skip
    return (list(row) for row in rows.iterator(chunk_size=CHUNK_SIZE))


def _case_rows(request: HttpRequest, municipality: Municipality) -> Iterable[Row]:
    form = CaseFilterForm(request.GET, municipality=municipality)
    cases: Any = case_list(municipality=municipality, filters=form.filters())  # with flag_count
    rows = cases.values_list(
        "public_id", "rule__title", "rule__owner_unit__name", "stage", "outcome", "flagged_on",
        "selected_on", "decided_on", "decision_level", "expected_freed_hours_per_year",
        "realised_freed_hours_per_year", "flag_count",
    )  # fmt: skip
    return (list(row) for row in rows.iterator(chunk_size=CHUNK_SIZE))


def _initiative_rows(request: HttpRequest, municipality: Municipality) -> Iterable[Row]:
    form = PortfolioFilterForm(request.GET or None, municipality=municipality)
    filters = form.filters() if form.is_bound else PortfolioFilters()
    rows = initiative_list(municipality=municipality, filters=filters).values_list(
        "public_id", "programme__area__plan__title", "programme__area__title", "programme__title",
        "title", "owner_unit__name", "status", "rag", "start", "end",
    )  # fmt: skip
    return (list(row) for row in rows.iterator(chunk_size=CHUNK_SIZE))


def _indicator_rows(request: HttpRequest, municipality: Municipality) -> Iterable[Row]:
    form = IndicatorFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    indicators = indicator_list(
        municipality=municipality, status=data.get("status", ""), q=data.get("q", "")
    )
    for i in indicators:
        e = i.evaluation  # type: ignore[attr-defined]
        yield [
            i.public_id, i.title, i.goal.title if i.goal else "", i.unit, i.direction,
            i.baseline_value, i.baseline_date, e.latest_value, e.latest_date, e.target,
            i.target_date, e.progress_percent, e.expected_percent, e.status,
        ]  # fmt: skip


def _overview_rows(request: HttpRequest, municipality: Municipality) -> Iterable[Row]:
    from enkelt.dashboards.views import council_context

    context = council_context(request, municipality)
    period = context["overview"].period
    for figure in context["figures"].values():
        yield [figure.key, figure.label, figure.value, period.date_from, period.date_to]


DATASETS: dict[str, Dataset] = {
    "submissions": Dataset(
        "submissions.view_inbox",
        [
            "tracking_code", "kind", "category", "title", "status", "unit", "channel",
            "created_at", "due_at", "answered_at", "address", "postal_code",
        ],
        _submission_rows,
    ),
    "cases": Dataset(
        "simplification.view_case",
        [
            "id", "rule", "owner_unit", "stage", "outcome", "flagged_on", "selected_on",
            "decided_on", "decision_level", "expected_freed_hours_per_year",
            "realised_freed_hours_per_year", "flags",
        ],
        _case_rows,
    ),
    "initiatives": Dataset(
        "strategy.view_portfolio",
        [
            "id", "plan", "area", "programme", "title", "owner_unit", "status", "rag",
            "start", "end",
        ],
        _initiative_rows,
    ),
    "indicators": Dataset(
        "goals.view_goals",
        [
            "id", "title", "goal", "unit", "direction", "baseline_value", "baseline_date",
            "latest_value", "latest_date", "target_value", "target_date", "progress_percent",
            "expected_percent", "status",
        ],
        _indicator_rows,
    ),
    "overview": Dataset(
        "dashboards.view_council", ["key", "label", "value", "from", "to"], _overview_rows
    ),
}  # fmt: skip


def text_cell(value: Any) -> str:
    """A CSV cell: dates in ISO form, free text neutralised against spreadsheet formulas."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date | Decimal | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def xlsx_cell(value: Any) -> Any:
    """An XLSX cell: numbers and dates typed (datetimes local and naive), text as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value
    return text_cell(value)


class _Echo:
    """A file-like sink that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: list[str], rows: Iterable[Row]) -> Iterator[str]:
    """UTF-8 with BOM (spreadsheets then read æøå), one line at a time."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([text_cell(v) for v in row])


def xlsx_file(header: list[str], rows: Iterable[Row], *, title: str) -> Any:
    """A temporary file (rewound) holding the workbook; rows never all in memory."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    # Closed by FileResponse once sent; anonymous, so nothing is left on disk.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_response(
    *, header: list[str], rows: Iterable[Row], fmt: str, filename: str
) -> HttpResponseBase:
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_stream(header, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return FileResponse(
        xlsx_file(header, rows, title=filename.split("-")[0]),
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@municipality_view(staff=True)
def export(request: HttpRequest, municipality: Municipality, dataset: str, fmt: str) -> Any:
    """`dataset` with the page's own GET filters, as CSV or XLSX."""
    spec = DATASETS.get(dataset)
    if spec is None or fmt not in FORMATS:
        raise Http404
    if not (
        request.user.has_perm("dashboards.export", municipality)
        and request.user.has_perm(spec.permission, municipality)
    ):
        raise PermissionDenied
    stamp = timezone.localdate().isoformat()
    return export_response(
        header=spec.header,
        rows=spec.rows(request, municipality),
        fmt=fmt,
        filename=f"{dataset}-{municipality.slug}-{stamp}",
    )
