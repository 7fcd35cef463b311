# ruff: noqa: E501 - the test file is easier to read one row to a line
"""Import and export: the validation report, batches with progress, the round trip."""

import io
from decimal import Decimal as D
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from enkelt.audit.models import AuditEvent
from enkelt.regulations.errors import RegulationError
from enkelt.regulations.models import Activity, BurdenSnapshot, Rule, RuleImport
from enkelt.regulations.services import ActivityData, rule_create
from enkelt.regulations.transfer import run
from enkelt.regulations.transfer.columns import COLUMNS
from enkelt.regulations.transfer.export import csv_lines, rule_rows, xlsx_bytes
from enkelt.regulations.transfer.parse import read_rows
from enkelt.regulations.transfer.run import rule_import_prepare, rule_import_start
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

HEADER = "rule_key;title;kind;origin;owner_unit;activity_name;population;frequency_per_year;minutes_per_occurrence;business_as_usual_share;adopted_on\n"
MIXED = (
    HEADER
    + (
        "R1;Godkendelse af kørsel;approval_requirement;administration;okonomi;Attestere;40;12;5;0;\n"  # 2 ok
        "R1;;;;;Kontrollere;40;12;4;20 %;\n"  # 3 ok (second activity of R1)
        "R2;Ugyldig art;law;council;;;;;;;\n"  # 4 kind wrong
        "R3;Negativ;form;council;ukendt;Udfylde;-1;1,5;abc;1.5;31-02-2026\n"  # 5 many errors
        "R4;Uden aktivitet;internal_rule;institution;;;;;;;2024-05-01\n"  # 6 ok
        "R5;Ingen minutter;form;eu;;Skrive;10;1;;;\n"  # 7 minutes missing
        "R5;;;;;Sende;10;1;5;;\n"  # 8 skipped: same rule as row 7
        ";;form;council;;;;;;;\n"  # 9 title missing
    )
)


def _prepare(municipality, leader, text, name="rules.csv"):
    return rule_import_prepare(
        actor=leader, municipality=municipality, filename=name, content=text.encode("utf-8")
    )


def test_mixed_file_gives_the_exact_report(municipality, leader, unit):
    job = _prepare(municipality, leader, MIXED)
    report = [(p["row"], p["column"], p["code"]) for p in job.errors]
    assert report == [
        (4, "kind", "unknown_choice"),
        (5, "adopted_on", "not_a_date"),
        (5, "owner_unit", "unknown_unit"),
        (5, "population", "negative"),
        (5, "minutes_per_occurrence", "not_a_number"),
        (5, "business_as_usual_share", "out_of_range"),
        (7, "minutes_per_occurrence", "required"),
        (8, "rule_key", "rule_has_errors"),
        (9, "title", "required"),
    ]
    assert (job.total_rows, job.valid_rows) == (8, 3)
    assert all(p["message"] for p in job.errors)
    # nothing is imported from a file with errors unless the user chooses so
    with pytest.raises(RegulationError):
        rule_import_start(actor=leader, municipality=municipality, rule_import=job,
                          only_valid_rows=False)  # fmt: skip
    assert not Rule.objects.exists()


def test_import_the_valid_rows(municipality, leader, unit, django_capture_on_commit_callbacks):
    job = _prepare(municipality, leader, MIXED)
    with django_capture_on_commit_callbacks(execute=True):
        rule_import_start(actor=leader, municipality=municipality, rule_import=job,
                          only_valid_rows=True)  # fmt: skip
    job.refresh_from_db()
    assert job.status == "done" and job.processed_rows == 3 and job.created_rules == 2
    rule = Rule.objects.get(title="Godkendelse af kørsel")
    # 480 x 5/60 = 40 h; 480 x 4/60 x 0.8 = 25.6 h
    assert rule.hours_per_year == D("65.60")
    assert rule.owner_unit == unit
    assert Activity.objects.filter(rule=rule).count() == 2
    assert BurdenSnapshot.objects.filter(rule=rule, kind="baseline").exists()
    assert AuditEvent.objects.filter(verb="rule.imported", object_id=str(rule.pk)).exists()
    assert str(Rule.objects.get(title="Uden aktivitet").adopted_on) == "2024-05-01"


def test_ten_thousand_rows_import_in_batches_with_progress(
    municipality, leader, django_capture_on_commit_callbacks
):
    lines = [HEADER]
    for i in range(5000):  # 5,000 rules with two activities each
        lines.append(f"K{i};Regel {i};form;council;;Udfylde;{i % 50 + 1};2;10;0;\n")
        lines.append(f"K{i};;;;;Godkende;{i % 50 + 1};2;5;0,5;\n")
    job = _prepare(municipality, leader, "".join(lines))
    assert (job.total_rows, job.valid_rows, job.errors) == (10_000, 10_000, [])
    progress = []
    real_save = run._save_progress

    def spy(job_, fields):
        real_save(job_, fields)
        stored = RuleImport.objects.get(pk=job_.pk)
        progress.append(
            (stored.processed_rows, Rule.objects.filter(municipality=municipality).count())
        )

    with (
        mock.patch.object(run, "_save_progress", spy),
        django_capture_on_commit_callbacks(execute=True),
    ):
        rule_import_start(actor=leader, municipality=municipality, rule_import=job,
                          only_valid_rows=False)  # fmt: skip
    # one transaction per batch of 1,000 rows (500 rules): progress after each
    assert progress == [(1000 * n, 500 * n) for n in range(1, 11)]
    job.refresh_from_db()
    assert job.status == "done" and job.progress_percent == 100 and job.rows == []
    assert Activity.objects.filter(municipality=municipality).count() == 10_000


def test_export_round_trip_csv_and_xlsx(municipality, leader, unit):
    rule_create(
        actor=leader, municipality=municipality, title="Årlig; \"revision\"", kind="control",
        origin="state_law", legal_reference="Lov § 1", owner_unit=unit, text="=SUM(A1)",
        activities=[ActivityData(name="Revidere", population=D(3), frequency_per_year=D("0.5"),
                                 minutes_per_occurrence=D(90), hourly_tariff=D(520),
                                 business_as_usual_share=D("0.25"))],
    )  # fmt: skip
    rule_create(actor=leader, municipality=municipality, title="Tom", kind="form",
                origin="eu")  # fmt: skip
    rows = list(rule_rows(Rule.objects.filter(municipality=municipality)))
    expected = [{c: row[c] for c in COLUMNS} for row in rows]
    csv_text = "".join(csv_lines(rows))
    for name, content in (("x.csv", csv_text.encode()), ("x.xlsx", xlsx_bytes(rows))):
        back = [values for _n, values in read_rows(name, content)]
        if name.endswith(".xlsx"):  # formulas are written as text, with a leading apostrophe
            for row in back:
                row["text"] = row["text"].removeprefix("'")
        assert back == expected, name
    audited = next(r for r in expected if r["title"].startswith("Årlig"))
    assert audited["hourly_tariff"] == "520.00" and audited["frequency_per_year"] == "0.5000"
    assert next(r for r in expected if r["title"] == "Tom")["activity_name"] == ""
    # re-importing the export updates the same rules, with the same burden
    before = {r.public_id: r.cost_per_year for r in Rule.objects.filter(municipality=municipality)}
    job = _prepare(municipality, leader, csv_text.lstrip("\ufeff"))
    assert job.errors == [] and job.valid_rows == 2
    RuleImport.objects.filter(pk=job.pk).update(status="queued")
    run.rule_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert (job.created_rules, job.updated_rules) == (0, 2)
    after = {r.public_id: r.cost_per_year for r in Rule.objects.filter(municipality=municipality)}
    assert after == before and after[next(iter(after))] is not None
    assert Activity.objects.filter(municipality=municipality).count() == 1


def test_reimporting_an_edited_export_updates_rules(municipality, leader, unit):
    other_municipality = MunicipalityFactory.create()
    # given an exported rule whose minutes and title are edited in the file
    rule = rule_create(
        actor=leader, municipality=municipality, title="Kørsel", kind="form", origin="council",
        activities=[ActivityData(name="Udfylde", population=D(10), frequency_per_year=D(12),
                                 minutes_per_occurrence=D(6), hourly_tariff=D(500))],
    )  # fmt: skip
    rows = list(rule_rows(Rule.objects.filter(pk=rule.pk)))
    rows[0] |= {"title": "Kørsel, forenklet", "minutes_per_occurrence": "3"}
    text = "".join(csv_lines(rows)).lstrip("\ufeff")
    # a second group with a foreign rule's id is created anew, never touching the other municipality
    foreign = rule_create(actor=None, municipality=other_municipality, title="Fremmed",
                          kind="form", origin="council")  # fmt: skip
    text += f"{foreign.public_id};Ny regel;form;council" + ";" * (len(COLUMNS) - 4) + "\n"
    # when it is imported again
    job = _prepare(municipality, leader, text)
    assert job.errors == []
    RuleImport.objects.filter(pk=job.pk).update(status="queued")
    run.rule_import_run(import_id=job.pk)
    # then the rule is updated in place, its burden recomputed, with an update snapshot
    job.refresh_from_db()
    assert (job.created_rules, job.updated_rules) == (1, 1)
    rule.refresh_from_db()
    assert rule.title == "Kørsel, forenklet"
    assert rule.hours_per_year == D("6.00")  # 10 x 12 x 3 min
    assert BurdenSnapshot.objects.filter(rule=rule, kind="update").count() == 1
    assert AuditEvent.objects.filter(verb="rule.import_updated", object_id=str(rule.pk)).exists()
    foreign.refresh_from_db()
    assert foreign.title == "Fremmed"
    assert Rule.objects.filter(municipality=municipality, title="Ny regel").count() == 1


def test_pages_upload_report_start_and_progress(client, municipality, leader, unit):
    client.force_login(leader)
    base = [municipality.slug]
    template = client.get(reverse("regulations:template_xlsx", args=base))
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["rules", "help"]
    upload = io.BytesIO(MIXED.encode())
    upload.name = "regler.csv"
    response = client.post(reverse("regulations:import_upload", args=base), {"file": upload})
    assert response.status_code == 302
    job = RuleImport.objects.get()
    detail = reverse("regulations:import_detail", args=[*base, job.public_id])
    page = client.get(detail).content.decode()
    assert "<code>owner_unit</code>" in page and page.count("<tr><td>") == 9
    client.post(detail, {"only_valid_rows": "on"})
    job.refresh_from_db()
    assert job.status in ("queued", "running", "done")
    step = reverse("regulations:import_step", args=[*base, job.public_id])
    RuleImport.objects.filter(pk=job.pk).update(updated_at="2000-01-01T00:00:00Z")
    assert client.post(step, HTTP_HX_REQUEST="true").status_code == 200
    job.refresh_from_db()
    assert job.status == "done"
    export = client.get(reverse("regulations:export_csv", args=base))
    assert b"Godkendelse af k" in b"".join(export.streaming_content)
    assert client.get(reverse("regulations:export_xlsx", args=base)).status_code == 200


def test_unreadable_file(municipality, leader):
    job = _prepare(municipality, leader, "\x00\x01garbage", name="x.xlsx")
    assert job.status == "failed" and job.failure
    job = _prepare(municipality, leader, "a;b\n1;2\n")
    assert job.status == "failed" and "title" in job.failure
