"""Writing the registry (rules with their activities) as CSV or XLSX, and the empty template.

The file has the columns of `columns.COLUMNS`, so an exported file can be read by
the importer. Rows are streamed from the database in chunks.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from enkelt.regulations.models import Activity, Rule
from enkelt.regulations.transfer.columns import COLUMNS, EXAMPLE_ROWS, HELP

CHUNK = 2000


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def rule_rows(rules: QuerySet[Rule]) -> Iterator[dict[str, str]]:
    """One dict per activity (one per rule without activities), in file column order."""
    rules = rules.select_related("owner_unit").prefetch_related(
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("job_family").order_by("sort_order", "id"),
        )
    )
    for rule in rules.iterator(chunk_size=CHUNK):
        head = {
            "rule_key": str(rule.public_id),
            "title": rule.title,
            "kind": rule.kind,
            "origin": rule.origin,
            "legal_reference": rule.legal_reference,
            "legal_reference_url": rule.legal_reference_url,
            "purpose": rule.purpose,
            "text": rule.text,
            "adopted_by": rule.adopted_by,
            "adopted_on": _plain(rule.adopted_on),
            "owner_unit": rule.owner_unit.slug if rule.owner_unit else "",
            "status": rule.status,
            "review_by": _plain(rule.review_by),
        }
        activities = list(rule.activities.all())
        if not activities:
            yield {**head, **dict.fromkeys(COLUMNS[len(head) :], "")}
        for activity in activities:
            yield {
                **head,
                "activity_name": activity.name,
                "population": _plain(activity.population),
                "frequency_per_year": _plain(activity.frequency_per_year),
                "minutes_per_occurrence": _plain(activity.minutes_per_occurrence),
                "job_family": activity.job_family.name if activity.job_family else "",
                "hourly_tariff": _plain(activity.hourly_tariff),
                "external_cost_per_occurrence": _plain(activity.external_cost_per_occurrence),
                "business_as_usual_share": _plain(activity.business_as_usual_share),
                "source": activity.source,
                "confidence": activity.confidence,
            }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """Semicolon-separated with a byte-order mark, as Danish Excel opens it."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([row.get(c, "") for c in COLUMNS])


def xlsx_bytes(rows: Iterable[dict[str, str]], *, with_help: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("rules")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_safe(row.get(c, "")) for c in COLUMNS])
    if with_help:
        notes = book.create_sheet("help")
        notes.append(["column", "values"])
        for column in COLUMNS:
            notes.append([column, str(HELP.get(column, ""))])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value: str) -> str:
    """No formulas from data: a cell starting with = + - @ is written as text."""
    if value and value[0] in "=+-@" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def template_rows() -> list[dict[str, str]]:
    return [dict.fromkeys(COLUMNS, "") | row for row in EXAMPLE_ROWS]
