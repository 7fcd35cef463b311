"""Reading a CSV or XLSX file and checking every row.

`read_rows` turns the file into (row number, values by column); row numbers are
the spreadsheet's own (the header is row 1). `validate` checks each row and
returns the rows in normalised form (strings the importer can trust) and the
report: one entry per problem with row, column, a stable code and a message.
When one row of a rule has an error, the rule's other rows are reported as
skipped, so that a rule is never imported with some of its activities missing.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from enkelt.regulations.models import Activity, JobFamilyTariff, Rule
from enkelt.regulations.transfer.columns import ACTIVITY_COLUMNS, COLUMNS, REQUIRED_COLUMNS
from enkelt.tenants.models import Municipality, Unit

MAX_ROWS = 200_000


class FileUnreadable(Exception):
    """The file is not a CSV or XLSX we can read, or lacks required columns."""


@dataclass
class Problem:
    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass
class Checked:
    """The outcome of `validate`: clean rows grouped by rule, and the report."""

    groups: list[list[dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0

    @property
    def valid_rows(self) -> int:
        return sum(len(g) for g in self.groups)


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


def _header(values: list[Any]) -> list[str]:
    names = [_cell(v).lower() for v in values]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileUnreadable(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return names


def _rows(header: list[str], body: Iterator[list[Any]]) -> Iterator[tuple[int, dict[str, str]]]:
    for number, values in enumerate(body, start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        if number > MAX_ROWS + 1:
            raise FileUnreadable(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        yield (
            number,
            {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name},
        )


def read_rows(filename: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_csv(content: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = _header(next(reader))
    except StopIteration as exc:
        raise FileUnreadable(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise FileUnreadable(_("The file is not a readable CSV file.")) from exc
    try:
        return list(_rows(header, reader))
    except csv.Error as exc:
        raise FileUnreadable(_("The file is not a readable CSV file.")) from exc


def _read_xlsx(content: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileUnreadable(_("The file is not a readable XLSX file.")) from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            header = _header(list(next(rows)))
        except StopIteration as exc:
            raise FileUnreadable(_("The file is empty.")) from exc
        return list(_rows(header, (list(r) for r in rows)))
    finally:
        book.close()


# ---------------------------------------------------------------------------
# Checking values
# ---------------------------------------------------------------------------

LIMITS = {  # column -> (max_digits, decimal_places) of the model field
    "population": (14, 2),
    "frequency_per_year": (10, 4),
    "minutes_per_occurrence": (10, 2),
    "hourly_tariff": (8, 2),
    "external_cost_per_occurrence": (12, 2),
}
TEXT_LIMITS = {"title": 300, "legal_reference": 300, "legal_reference_url": 500, "adopted_by": 200}
TEXT_LIMITS |= {"activity_name": 200}
_PERCENT = re.compile(r"^\s*([-+]?[\d.,]+)\s*%\s*$")


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message


def parse_decimal(raw: str) -> Decimal:
    text = raw.replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")  # Danish 1.234,5
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise _Bad("not_a_number", _("Not a number.")) from exc
    if not value.is_finite():
        raise _Bad("not_a_number", _("Not a number."))
    return value


def _number(raw: str, column: str) -> str:
    value = parse_decimal(raw)
    if value < 0:
        raise _Bad("negative", _("Must be 0 or more."))
    digits, places = LIMITS[column]
    if value >= Decimal(10) ** (digits - places):
        raise _Bad("too_large", _("The number is too large."))
    return str(value.quantize(Decimal(1).scaleb(-places)))


def _share(raw: str) -> str:
    match = _PERCENT.match(raw)
    value = parse_decimal(match.group(1)) / 100 if match else parse_decimal(raw)
    if not Decimal(0) <= value <= Decimal(1):
        raise _Bad("out_of_range", _("Must be between 0 and 1 (or 0 % and 100 %)."))
    return str(value.quantize(Decimal("0.0001")))


def _date(raw: str) -> str:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date().isoformat()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise _Bad("not_a_date", _("Not a date; write YYYY-MM-DD."))


@lru_cache(maxsize=16)
def _codes(choices: Any) -> frozenset[str]:
    # `choices.values` builds a new list on every call; a 200,000-row file asks 400,000 times
    return frozenset(choices.values)


def _choice(raw: str, choices: Any) -> str:
    value = raw.strip().lower().replace(" ", "_")
    if value in _codes(choices):
        return str(value)
    labels = {str(label).lower(): key for key, label in choices.choices}
    if raw.strip().lower() in labels:
        return str(labels[raw.strip().lower()])
    raise _Bad(
        "unknown_choice",
        _("Unknown value; use one of: %(values)s.") % {"values": ", ".join(choices.values)},
    )


class Validator:
    """Checks rows against one municipality's units and job families (loaded once)."""

    def __init__(self, municipality: Municipality) -> None:
        self.units = {
            slug.lower(): slug
            for slug in Unit.objects.filter(municipality=municipality).values_list(
                "slug", flat=True
            )
        }
        self.families: dict[str, int] = {}
        for pk, name in (
            JobFamilyTariff.objects.filter(municipality=municipality)
            .order_by("name", "year")
            .values_list("pk", "name")
        ):
            self.families[name.lower()] = pk  # the latest year wins
        self.url = URLValidator()

    def _value(self, column: str, raw: str, row: dict[str, str]) -> str:
        if column in TEXT_LIMITS and len(raw) > TEXT_LIMITS[column]:
            raise _Bad("too_long", _("At most %(n)s characters.") % {"n": TEXT_LIMITS[column]})
        if column == "kind":
            return _choice(raw, Rule.Kind)
        if column == "origin":
            return _choice(raw, Rule.Origin)
        if column == "status":
            return _choice(raw, Rule.Status)
        if column == "source":
            return _choice(raw, Activity.Source)
        if column == "confidence":
            return _choice(raw, Activity.Confidence)
        if column in ("adopted_on", "review_by"):
            return _date(raw)
        if column in LIMITS:
            return _number(raw, column)
        if column == "business_as_usual_share":
            return _share(raw)
        if column == "owner_unit":
            if raw.lower() not in self.units:
                raise _Bad("unknown_unit", _("No unit has this short name."))
            return self.units[raw.lower()]
        if column == "job_family":
            if raw.lower() not in self.families:
                raise _Bad("unknown_job_family", _("No job-family tariff has this name."))
            return str(self.families[raw.lower()])
        if column == "legal_reference_url":
            try:
                self.url(raw)
            except ValidationError as exc:
                raise _Bad("not_a_link", _("Not a web address (https://…).")) from exc
        return raw

    def row(
        self, number: int, raw: dict[str, str], first: bool
    ) -> tuple[dict[str, str], list[Problem]]:
        """Check one row; `first` says whether the rule's own columns are read from it."""
        clean: dict[str, str] = {}
        problems: list[Problem] = []
        columns = COLUMNS if first else ("rule_key", *ACTIVITY_COLUMNS)
        for column in columns:
            value = raw.get(column, "").strip()
            if not value:
                clean[column] = ""
                continue
            try:
                clean[column] = self._value(column, value, raw)
            except _Bad as bad:
                problems.append(Problem(number, column, bad.code, bad.message))
        if first:
            for column in REQUIRED_COLUMNS:
                if not raw.get(column, "").strip():
                    problems.append(Problem(number, column, "required", _("Required.")))
        if clean.get("activity_name"):
            for column in ("population", "frequency_per_year", "minutes_per_occurrence"):
                if not raw.get(column, "").strip():
                    problems.append(
                        Problem(number, column, "required", _("Required for an activity."))
                    )
        elif any(raw.get(c, "").strip() for c in ACTIVITY_COLUMNS):
            problems.append(Problem(number, "activity_name", "required", _("Name the activity.")))
        return clean, problems


def validate(municipality: Municipality, rows: list[tuple[int, dict[str, str]]]) -> Checked:
    validator = Validator(municipality)
    order: list[str] = []
    grouped: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, raw in rows:
        key = raw.get("rule_key", "").strip() or f"title:{raw.get('title', '').strip()}#{number}"
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append((number, raw))
    checked = Checked(total_rows=len(rows))
    for key in order:
        group = grouped[key]
        clean_rows: list[dict[str, str]] = []
        group_problems: list[Problem] = []
        for index, (number, raw) in enumerate(group):
            clean, problems = validator.row(number, raw, first=index == 0)
            clean["_row"] = str(number)
            clean_rows.append(clean)
            group_problems.extend(problems)
        if group_problems:
            bad_rows = {p.row for p in group_problems}
            checked.problems.extend(group_problems)
            for number, _raw in group:
                if number not in bad_rows:
                    checked.problems.append(
                        Problem(
                            number,
                            "rule_key",
                            "rule_has_errors",
                            _("Skipped: another row of the same rule has errors."),
                        )
                    )
        else:
            checked.groups.append(clean_rows)
    checked.problems.sort(key=lambda p: (p.row, COLUMNS.index(p.column)))
    return checked
