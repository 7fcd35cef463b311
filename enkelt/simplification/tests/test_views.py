"""The staff pages, the public decisions and the links from the inbox and a rule's page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enkelt.simplification import pipeline, services
from enkelt.simplification.models import Case, ExemptionApplication, Flag, Outcome
from enkelt.simplification.tests.factories import (
    ActivityFactory,
    CampaignFactory,
    HassleSubmissionFactory,
    RuleFactory,
    case_in_state,
)

pytestmark = pytest.mark.django_db


def _url(name, municipality, *args):
    return reverse(f"simplification:{name}", args=[municipality.slug, *args])


def test_case_list_filters_by_stage(as_role, municipality, unit):
    case_in_state("flagged", municipality=municipality, rule__title="Flagget regel")
    case_in_state("kept", municipality=municipality, rule__title="Fastholdt regel")
    client = as_role("employee")
    response = client.get(_url("case_list", municipality), {"stage": "decided"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fastholdt regel" in body and "Flagget regel" not in body


def test_leader_selects_and_decides_streamlined_with_a_scenario(as_role, municipality):
    case = case_in_state("flagged", municipality=municipality)
    activity = ActivityFactory(rule=case.rule)  # 100 * 12 * 30 min = 600 hours
    client = as_role("leader")
    response = client.post(_url("case_action", municipality, case.public_id, "select"), {})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == "selected"

    key = f"a{activity.pk}_minutes_per_occurrence"
    form = {
        "outcome": "streamlined",
        "reason": "Kortere skema",
        "decision_level": "leader",
        key: "15",
    }
    # "Calculate" shows the freed hours without saving
    preview = client.post(
        _url("case_action", municipality, case.public_id, "decide"), {**form, "preview": "1"}
    )
    assert preview.status_code == 200
    assert "300,00" in preview.content.decode()
    case.refresh_from_db()
    assert case.stage == "selected"

    response = client.post(_url("case_action", municipality, case.public_id, "decide"), form)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.expected_freed_hours_per_year) == ("streamlined", Decimal("300.00"))
    page = client.get(_url("case_detail", municipality, case.public_id))
    assert "300,00" in page.content.decode()


def test_kept_without_reason_is_shown_as_a_field_error(as_role, municipality):
    case = case_in_state("selected", municipality=municipality)
    client = as_role("chief")
    response = client.post(
        _url("case_action", municipality, case.public_id, "decide"),
        {"outcome": "kept", "reason": "", "decision_level": "chief"},
    )
    assert response.status_code == 400
    assert "reason" in response.context["forms"]["decide"].errors
    case.refresh_from_db()
    assert case.stage == "selected"


def test_employee_cannot_decide(as_role, municipality):
    case = case_in_state("selected", municipality=municipality)
    client = as_role("employee")
    response = client.post(
        _url("case_action", municipality, case.public_id, "decide"),
        {"outcome": "abolished", "decision_level": "leader"},
    )
    assert response.status_code == 403


def test_realised_hours_are_recorded(as_role, municipality):
    case = case_in_state(Outcome.ABOLISHED, municipality=municipality)
    client = as_role("director")
    response = client.post(
        _url("case_action", municipality, case.public_id, "realised"),
        {"hours": "42,5", "used_for": "Borgerkontakt"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.realised_freed_hours_per_year == Decimal("42.50")


def test_funnel_page_has_chart_and_table(as_role, municipality):
    case_in_state("flagged", municipality=municipality)
    case_in_state("kept", municipality=municipality)
    client = as_role("council_member")
    response = client.get(_url("funnel", municipality))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and 'data-step="flagged"' in body and "<table" in body


def test_public_decisions_and_csv(client, municipality):
    case = case_in_state("kept", municipality=municipality, rule__title="Dobbelt kvittering")
    case.reason = "=Sikrer dokumentation"
    case.save()
    case_in_state("selected", municipality=municipality, rule__title="Endnu ikke afgjort")
    response = client.get(_url("decisions", municipality))
    body = response.content.decode()
    assert "Dobbelt kvittering" in body and "Endnu ikke afgjort" not in body
    export = client.get(_url("decisions_csv", municipality))
    text = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "Dobbelt kvittering" in text and "'=Sikrer dokumentation" in text


def test_campaign_created_by_a_leader(as_role, municipality):
    client = as_role("leader")
    response = client.post(
        _url("campaigns", municipality),
        {"theme": "Væk med bøvlet", "opens_on": "2026-01-01", "closes_on": "2026-03-31",
         "presume_abolish": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert client.get(_url("campaigns", municipality)).content.decode().count("Væk med bøvlet")


def test_exemption_answer_recorded(as_role, municipality):
    case = case_in_state("selected", municipality=municipality)
    services.case_decide(
        actor=None, municipality=municipality, case=case, outcome=Outcome.ESCALATED
    )
    application = ExemptionApplication.objects.get(case=case)
    client = as_role("director")
    url = _url("exemption_detail", municipality, application.public_id)
    refused = client.post(url, {"status": "rejected", "answer": ""})
    assert refused.status_code == 400
    response = client.post(url, {"status": "approved_with_conditions", "answer": "Tre år"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved_with_conditions"
    assert client.get(_url("exemption_list", municipality)).status_code == 200


def test_employee_flags_a_rule_with_a_suggestion(as_role, municipality):
    rule = RuleFactory(municipality=municipality)
    client = as_role("employee")
    response = client.post(
        _url("rule_flag", municipality, rule.public_id), {"suggestion": "Én gang om året er nok"}
    )
    assert response.status_code == 302
    flag = Flag.objects.get(case__rule=rule)
    assert flag.suggestion == "Én gang om året er nok"


def test_case_worker_links_rules_to_a_hassle_submission(as_role, municipality):
    submission = HassleSubmissionFactory(municipality=municipality)
    first = RuleFactory(municipality=municipality, title="Tidsregistrering i hjemmeplejen")
    second = RuleFactory(municipality=municipality, title="Tidsregistrering af kørsel")
    client = as_role("employee")
    inbox = reverse("submissions:inbox_detail", args=[municipality.slug, submission.public_id])
    page = client.get(inbox, {"rule_q": "tidsregistrering"}).content.decode()
    assert first.title in page and second.title in page
    response = client.post(
        _url("submission_link_rules", municipality, submission.public_id),
        {"rule": [str(first.public_id), str(second.public_id)]},
    )
    assert response.status_code == 302
    assert Case.objects.filter(municipality=municipality).count() == 2
    assert Flag.objects.filter(submission=submission).count() == 2


def test_leader_registers_the_rule_from_a_submission(as_role, municipality):
    submission = HassleSubmissionFactory(municipality=municipality)
    client = as_role("leader")
    response = client.post(
        _url("submission_new_rule", municipality, submission.public_id),
        {"title": "Ugeskema for rengøring", "kind": "form", "origin": "administration"},
    )
    assert response.status_code == 302
    flag = Flag.objects.select_related("case__rule").get(submission=submission)
    assert flag.case.rule.title == "Ugeskema for rengøring"


def test_kl_sees_the_national_list_and_others_do_not(client, municipality, member, db):
    from enkelt.accounts.tests.factories import KLUserFactory
    from enkelt.tenants.tests.factories import MunicipalityFactory

    other = MunicipalityFactory()
    for m in (municipality, other):
        case_in_state(
            Outcome.ESCALATED,
            municipality=m,
            rule__origin="state_law",
            rule__legal_reference="Serviceloven § 83",
            rule__title=f"Dokumentation i {m.slug}",
        )
    url = reverse("simplification_national")
    client.force_login(member("director"))
    assert client.get(url).status_code == 403
    client.force_login(KLUserFactory())
    body = client.get(url).content.decode()
    assert "Serviceloven § 83" in body
    assert "data-national-row" in body


def test_pipeline_state_of_a_decided_case():
    assert pipeline.stage_of("kept") == "decided"
    assert CampaignFactory._meta.model.__name__ == "Campaign"


def test_employee_may_not_register_a_new_rule(as_role, municipality):
    submission = HassleSubmissionFactory(municipality=municipality)
    response = as_role("employee").post(
        _url("submission_new_rule", municipality, submission.public_id),
        {"title": "Ny regel", "kind": "form", "origin": "administration"},
    )
    assert response.status_code == 403
