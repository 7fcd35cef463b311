"""Exports: the page's filters, permissions, and constant memory at 100,000 rows."""

import csv
import io
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from enkelt.submissions.models import Submission
from enkelt.tenants.models import Role

pytestmark = pytest.mark.django_db

ROWS = 100_000
MEMORY_BOUND = 50 * 1024 * 1024


def _url(dataset, fmt, slug="alfa"):
    return reverse("dashboards:export", args=[slug, dataset, fmt])


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_submissions_csv_has_the_inbox_filters(login, world):
    client = login(Role.EMPLOYEE)
    response = client.get(_url("submissions", "csv"), {"status": "answered"})
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert rows[0][0] == "tracking_code"
    assert len(rows) == 1 + 3
    assert {row[4] for row in rows[1:]} == {"answered"}
    everything = _csv_rows(client.get(_url("submissions", "csv")))
    assert len(everything) == 1 + 7  # A's only, never B's


def test_xlsx_of_cases_initiatives_indicators(login, world):
    client = login(Role.DIRECTOR)
    for dataset, expected in (("cases", 5), ("initiatives", 3), ("indicators", 1)):
        response = client.get(_url(dataset, "xlsx"))
        assert response.status_code == 200, dataset
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        rows = list(workbook.active.iter_rows(values_only=True))
        assert len(rows) == 1 + expected, dataset


def test_overview_figures_as_csv(login, world):
    client = login(Role.COUNCIL_MEMBER)
    rows = _csv_rows(
        client.get(_url("overview", "csv"), {"from": "2026-01-01", "to": "2026-06-30"})
    )
    values = {row[0]: row[2] for row in rows[1:]}
    assert values["submissions_received"] == "6"
    assert values["initiatives_red"] == "1"


@pytest.mark.parametrize(
    ("role", "dataset", "status"),
    [
        (Role.COUNCIL_MEMBER, "submissions", 403),  # no inbox for council members
        (Role.COUNCIL_MEMBER, "initiatives", 200),
        (Role.EMPLOYEE, "overview", 403),
        (Role.EMPLOYEE, "nothing", 404),
    ],
)
def test_export_permissions(login, role, dataset, status):
    assert login(role).get(_url(dataset, "csv")).status_code == status


def test_unknown_format_and_other_municipality(login, world):
    client = login(Role.EMPLOYEE)
    assert client.get(_url("cases", "pdf")).status_code == 404
    assert client.get(_url("cases", "csv", slug="beta")).status_code == 404


def _bulk_submissions(world, n):
    now = timezone.now()
    batch = [
        Submission(
            municipality=world.a, category=world.veje, unit=world.child, kind="fault",
            tracking_code=f"{i:07d}", title=f"=Hul i vejen {i}", description="Stort hul",
            created_at=now, updated_at=now,
        )
        for i in range(n)
    ]  # fmt: skip
    Submission.objects.bulk_create(batch, batch_size=5000)


def test_streaming_100k_rows_keeps_memory_flat(login, world):
    # given
    _bulk_submissions(world, ROWS)
    client = login(Role.EMPLOYEE)
    # when: CSV, consumed chunk by chunk
    tracemalloc.start()
    response = client.get(_url("submissions", "csv"))
    lines = 0
    tail = ""
    for chunk in response.streaming_content:
        text = tail + chunk.decode("utf-8-sig")
        *complete, tail = text.split("\r\n")
        lines += len(complete)
    _, peak_csv = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # then
    assert lines == 1 + ROWS + 7
    assert peak_csv < MEMORY_BOUND, peak_csv
    # when: XLSX
    tracemalloc.start()
    response = client.get(_url("submissions", "xlsx"))
    _, peak_xlsx = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak_xlsx < MEMORY_BOUND, peak_xlsx
    data = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    rows = workbook.active.iter_rows(values_only=True)
    header, first = next(rows), next(rows)
    assert header[0] == "tracking_code"
    assert first[3].startswith("'=")  # formulas neutralised
    # counting the rows in the sheet's XML is much faster than reading every cell
    assert _count_xml_rows(data) == 1 + ROWS + 7


def _count_xml_rows(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        return archive.read(name).count(b"<row ")


def test_csv_is_parsed_with_the_csv_module(login, world):
    _bulk_submissions(world, 50)
    rows = _csv_rows(login(Role.EMPLOYEE).get(_url("submissions", "csv")))
    assert len(rows) == 1 + 50 + 7
    assert all(len(row) == len(rows[0]) for row in rows)
