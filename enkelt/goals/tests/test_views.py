"""Pages: indicator list and detail (chart, table, status), measurement entry, status
override, import with a row report, agreements tree and detail, PDF, query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from enkelt.goals.tests.factories import (
    AgreementFactory,
    DialogueMeetingFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
)
from enkelt.simplification.tests.factories import case_in_state
from enkelt.strategy.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def url(name, municipality, *args):
    return reverse(f"goals:{name}", args=[municipality.slug, *args])


@pytest.fixture
def indicator(municipality):
    indicator = IndicatorFactory(municipality=municipality, title="Tilfredshed med veje")
    MeasurementFactory(indicator=indicator)
    return indicator


def test_indicator_list_shows_status_in_words(as_role, municipality, indicator):
    response = as_role("council_member").get(url("indicator_list", municipality))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tilfredshed med veje" in html
    assert 'data-status="amber"' in html
    assert "43 %" in html


def test_indicator_list_filters_by_status(as_role, municipality, indicator):
    client = as_role("leader")
    assert (
        "Tilfredshed"
        not in client.get(url("indicator_list", municipality), {"status": "green"}).content.decode()
    )
    assert (
        "Tilfredshed"
        in client.get(url("indicator_list", municipality), {"status": "amber"}).content.decode()
    )


def test_indicator_list_query_count_is_constant(as_role, municipality):
    client = as_role("chief")
    IndicatorFactory(municipality=municipality)
    with CaptureQueriesContext(connection) as few:
        client.get(url("indicator_list", municipality))
    for _ in range(8):
        indicator = IndicatorFactory(
            municipality=municipality,
            goal=GoalFactory(agreement=AgreementFactory(municipality=municipality)),
        )
        MeasurementFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=Decimal(84))
        indicator.milestones.create(date=datetime.date(2025, 6, 1), value=Decimal("84.5"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("indicator_list", municipality))
    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 15  # performance.md: dashboard budget


def test_indicator_list_renders_one_page_but_counts_all(as_role, municipality, settings):
    # given more indicators than fit on a page, all amber
    settings.LANGUAGE_CODE = "en"
    for number in range(53):
        MeasurementFactory(indicator=IndicatorFactory(municipality=municipality,
                                                      title=f"Indikator {number:02}"))  # fmt: skip
    client = as_role("chief")
    first = client.get(url("indicator_list", municipality)).content.decode()
    second = client.get(url("indicator_list", municipality), {"page": 2}).content.decode()
    # then 50 rows on the first page and 3 on the second; heading and counts cover all 53
    assert first.count("data-indicator-row") == 50 and second.count("data-indicator-row") == 3
    assert "53" in first.split('id="indicators-heading">')[1].split("<")[0]
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_indicator_detail_has_chart_and_table(as_role, municipality, indicator):
    indicator.milestones.create(date=datetime.date(2026, 1, 1), value=Decimal("84.5"))
    response = as_role("leader").get(url("indicator_detail", municipality, indicator.public_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "data-target-path" in html and "data-series" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert html.count("data-measurement") >= 1
    assert "Enter a measurement" in html or "Indtast" in html


def test_chief_enters_a_measurement_and_status_changes(as_role, municipality, indicator):
    client = as_role("chief")
    response = client.post(
        url("measurement_add", municipality, indicator.public_id),
        {"date": "2026-01-01", "value": "85.6", "source": "Borgerundersøgelsen"},
    )
    assert response.status_code == 302
    html = client.get(url("indicator_detail", municipality, indicator.public_id)).content.decode()
    assert 'data-status="green"' in html


def test_measurement_form_errors_are_shown(as_role, municipality, indicator):
    response = as_role("chief").post(
        url("measurement_add", municipality, indicator.public_id), {"date": "", "value": "x"}
    )
    assert response.status_code == 400


def test_employee_and_council_member_cannot_enter_measurements(as_role, municipality, indicator):
    for role in ("employee", "council_member"):
        response = as_role(role).post(
            url("measurement_add", municipality, indicator.public_id),
            {"date": "2026-01-01", "value": "85.6"},
        )
        assert response.status_code == 403


def test_status_override_needs_a_comment(as_role, municipality, indicator):
    client = as_role("director")
    target = url("status_override", municipality, indicator.public_id)
    assert client.post(target, {"status": "green", "comment": ""}).status_code == 400
    assert client.post(target, {"status": "green", "comment": "Ny metode"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.status_override == "green"
    assert as_role("leader").post(target, {"status": "red", "comment": "x"}).status_code == 403


def test_import_csv_reports_every_row(as_role, municipality, indicator):
    client = as_role("leader")
    content = (
        "date;value;source\n2025-01-01;84,2;DST\n2026-01-01;85,9;DST\n"
        "not a date;1\n2027-01-01;abc\n"
    )
    upload = io.BytesIO(content.encode())
    upload.name = "maalinger.csv"
    response = client.post(
        url("measurement_import", municipality, indicator.public_id), {"file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-row-status="added"') == 1
    assert html.count('data-row-status="replaced"') == 1
    assert html.count('data-row-status="error"') == 2
    assert indicator.measurements.get(date=datetime.date(2026, 1, 1)).value == Decimal("85.9")


def test_import_xlsx(as_role, municipality, indicator):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Value", "Preliminary"])
    sheet.append([datetime.date(2025, 1, 1), 84.1, "ja"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "maalinger.xlsx"
    response = as_role("chief").post(
        url("measurement_import", municipality, indicator.public_id), {"file": data}
    )
    assert response.status_code == 200
    assert indicator.measurements.get(date=datetime.date(2025, 1, 1)).preliminary


def test_import_rejects_a_file_without_columns(as_role, municipality, indicator):
    upload = io.BytesIO(b"a,b\n1,2\n")
    upload.name = "x.csv"
    response = as_role("chief").post(
        url("measurement_import", municipality, indicator.public_id), {"file": upload}
    )
    assert "date, value" in response.content.decode()
    assert indicator.measurements.count() == 1


@pytest.fixture
def chain(municipality, unit):
    director = AgreementFactory(municipality=municipality, unit=unit, title="Direktøraftale")
    chief = AgreementFactory(
        municipality=municipality, unit=unit, level="chief", parent=director, title="Chefaftale"
    )
    leader = AgreementFactory(
        municipality=municipality, unit=unit, level="leader", parent=chief, title="Lederaftale"
    )
    return director, chief, leader


def test_agreement_list_is_a_tree_with_coverage(as_role, municipality, chain):
    _director, _chief, leader = chain
    initiative = InitiativeFactory(programme__area__plan__municipality=municipality)
    InitiativeFactory(programme__area__plan__municipality=municipality)
    GoalFactory(agreement=leader, initiative=initiative, is_local=False)
    html = as_role("council_member").get(url("agreement_list", municipality)).content.decode()
    assert html.index("Direktøraftale") < html.index("Chefaftale") < html.index("Lederaftale")
    assert "1 of 2" in html or "1 af 2" in html


def test_agreement_detail_shows_thread_meetings_and_assessments(as_role, municipality, chain):
    _director, chief, leader = chain
    top = GoalFactory(agreement=chief, title="Færre huller")
    goal = GoalFactory(agreement=leader, parent_goal=top, is_local=False, title="Huller lukkes")
    meeting = DialogueMeetingFactory(agreement=leader, minutes="Godt møde")
    case = case_in_state("abolished", municipality=municipality)
    from enkelt.goals import services

    services.freed_hours_allocate(
        actor=None, municipality=municipality, case=case, goal=goal, hours_per_year=Decimal(40)
    )
    client = as_role("chief")
    response = client.post(
        url("assess_goal", municipality, leader.public_id, meeting.pk, goal.public_id),
        {"rating": "partly", "assessment": "Bagud med tre uger"},
    )
    assert response.status_code == 302
    html = client.get(url("agreement_detail", municipality, leader.public_id)).content.decode()
    assert "Færre huller" in html and "Godt møde" in html and "Bagud med tre uger" in html
    assert "40" in html
    leader_client = as_role("leader")
    forbidden = leader_client.post(
        url("assess_goal", municipality, leader.public_id, meeting.pk, goal.public_id),
        {"rating": "met", "assessment": "x"},
    )
    assert forbidden.status_code == 403


def test_agreement_pdf_is_readable(as_role, municipality, chain):
    GoalFactory(agreement=chain[0], title="Velholdte veje")
    response = as_role("council_member").get(url("agreement_pdf", municipality, chain[0].public_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Velholdte veje" in text


def test_other_municipality_is_404(client, municipality, indicator, chain):
    from enkelt.tenants.tests.factories import MembershipFactory

    outsider = MembershipFactory(role="director").user
    client.force_login(outsider)
    assert client.get(url("indicator_detail", municipality, indicator.public_id)).status_code == 404
    assert client.get(url("agreement_detail", municipality, chain[0].public_id)).status_code == 404


def test_initiative_panel_include(municipality, chain):
    from django.template.loader import render_to_string

    initiative = InitiativeFactory(programme__area__plan__municipality=municipality)
    GoalFactory(agreement=chain[2], initiative=initiative, is_local=False, title="Lokalt mål")
    case = case_in_state("streamlined", municipality=municipality)
    from enkelt.goals import services

    services.freed_hours_allocate(
        actor=None,
        municipality=municipality,
        case=case,
        initiative=initiative,
        hours_per_year=Decimal(12),
    )
    html = render_to_string("goals/_initiative_panel.html", {"initiative": initiative})
    assert "Lokalt mål" in html and "12" in html


def test_chief_gives_freed_hours_to_a_goal(as_role, municipality, chain):
    goal = GoalFactory(agreement=chain[2], title="Huller lukkes")
    case = case_in_state("streamlined", municipality=municipality)
    target = url("freed_hours_add", municipality, chain[2].public_id)
    data = {"goal": goal.pk, "case": case.pk, "hours_per_year": "30", "note": "Flere eftersyn"}
    assert as_role("leader").post(target, data).status_code == 403
    client = as_role("chief")
    assert client.post(target, data).status_code == 302
    html = client.get(url("agreement_detail", municipality, chain[2].public_id)).content.decode()
    assert "30" in html
    assert goal.freed_hours_allocations.get().hours_per_year == Decimal(30)
    other = case_in_state("abolished")  # another municipality's case is not a choice
    client.post(target, {**data, "case": other.pk})
    assert goal.freed_hours_allocations.count() == 1
