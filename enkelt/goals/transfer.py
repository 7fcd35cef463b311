"""Reading measurements from CSV (comma or semicolon) or XLSX: one row per measurement.

Columns: `date` (YYYY-MM-DD or DD-MM-YYYY), `value` (Danish or English decimals),
optional `numerator`, `denominator`, `source`, `preliminary` (ja/yes/1).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("date", "value")
MAX_ROWS = 5000
TRUE_WORDS = {"1", "ja", "yes", "true", "x"}


class FileUnreadable(Exception):
    pass


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(header: list[Any], body: Any) -> list[dict[str, str]]:
    names = [_cell(v).lower() for v in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileUnreadable(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for values in body:
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        rows.append({n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names) if n})
        if len(rows) > MAX_ROWS:
            raise FileUnreadable(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return rows


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise FileUnreadable(_("The file is not a readable XLSX file.")) from exc
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            try:
                header = list(next(rows))
            except StopIteration as exc:
                raise FileUnreadable(_("The file is empty.")) from exc
            return _table(header, (list(r) for r in rows))
        finally:
            book.close()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(next(reader), reader)
    except StopIteration as exc:
        raise FileUnreadable(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise FileUnreadable(_("The file is not a readable CSV file.")) from exc


def parse_decimal(raw: str, column: str) -> Decimal:
    text = raw.replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(
            _("%(column)s: not a number.") % {"column": column}, code="not_a_number"
        ) from exc
    if not value.is_finite() or abs(value) >= Decimal(10) ** 12:
        raise ValidationError(
            _("%(column)s: not a number.") % {"column": column}, code="not_a_number"
        )
    return value


def parse_date(raw: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw.strip(), pattern).date()  # noqa: DTZ007  # a date only
        except ValueError:
            continue
    raise ValidationError(_("date: not a date (use YYYY-MM-DD)."), code="not_a_date")


def parse_row(raw: dict[str, str]) -> dict[str, Any]:
    if not raw.get("date", "").strip():
        raise ValidationError(_("date: missing."), code="missing")
    if not raw.get("value", "").strip():
        raise ValidationError(_("value: missing."), code="missing")
    values: dict[str, Any] = {
        "date": parse_date(raw["date"]),
        "value": parse_decimal(raw["value"], "value"),
        "source": raw.get("source", "").strip()[:200],
        "preliminary": raw.get("preliminary", "").strip().lower() in TRUE_WORDS,
    }
    for column in ("numerator", "denominator"):
        if raw.get(column, "").strip():
            values[column] = parse_decimal(raw[column], column)
    return values
