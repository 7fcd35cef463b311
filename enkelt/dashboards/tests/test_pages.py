"""The PDF, the managers' view, KL's national overview and the staff home link."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.simplification.models import ExemptionApplication, Outcome, Stage
from enkelt.simplification.tests.factories import CaseFactory, RuleFactory
from enkelt.strategy.models import ReviewItem, ReviewRound
from enkelt.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

QUERY = {"from": "2026-01-01", "to": "2026-06-30"}


def test_pdf_is_one_page_with_the_headline_numbers(login, world):
    client = login("council_member")
    response = client.get(reverse("dashboards:council_pdf", args=["alfa"]), QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Alfa Kommune" in text
    assert "Submissions received 6" in text
    assert "Answered on time 2" in text
    assert "Rød 0" in text


def test_pdf_stays_one_page_with_long_lists(login, world):
    from enkelt.strategy.models import Initiative
    from enkelt.strategy.tests.factories import InitiativeFactory

    for n in range(30):
        InitiativeFactory(
            programme=world.plan_programme, rag=Initiative.Rag.RED, title=f"Lang titel {n} " * 5
        )
    response = login("director").get(reverse("dashboards:council_pdf", args=["alfa"]), QUERY)
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


def test_mine_shows_the_subtree_and_what_needs_action(login, world):
    # given: an open review round with an item of an initiative owned by the leader's subtree
    initiative = world.plan_programme.initiatives.get(title="Grøn 0")
    review_round = ReviewRound.objects.create(
        municipality=world.a,
        plan=world.plan_programme.area.plan,
        title="Forår",
        deadline=datetime.date(2026, 7, 1),
    )
    ReviewItem.objects.create(municipality=world.a, round=review_round, initiative=initiative)
    client = login("leader", unit=world.root)
    # when
    response = client.get(reverse("dashboards:mine", args=["alfa"]), QUERY)
    # then
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.submissions.received == 4  # Veje's and Teknik's, not Skole's
    actions = response.context["actions"]
    assert actions.overdue_count == 3 and len(actions.overdue) == 3  # 2025's too
    assert [c.stage for c in actions.awaiting_decision] == [Stage.SELECTED]
    assert [i.initiative for i in actions.review_items] == [initiative]
    assert len(actions.measurements_due) == 1  # quarterly, never measured since 2024
    body = response.content.decode()
    assert "Needs your action" in body and "Forår" in body


@pytest.mark.parametrize(
    ("role", "status"),
    [("leader", 200), ("chief", 200), ("director", 200), ("employee", 403),
     ("council_member", 403)],
)  # fmt: skip
def test_who_sees_mine(login, role, status):
    assert login(role).get(reverse("dashboards:mine", args=["alfa"])).status_code == status


def test_staff_home_links_to_the_overview(login, world):
    response = login("chief").get(reverse("staff_home", args=["alfa"]))
    assert reverse("dashboards:mine", args=["alfa"]) in response.content.decode()


def test_national_overview_shows_only_escalated_published_or_sent(client, world):
    # given: the same state rule decided in two municipalities, flagged only in a third
    rule_kwargs = {"origin": "state_law", "legal_reference": "Serviceloven § 83"}
    c = MunicipalityFactory(slug="gamma")
    for municipality in (world.a, world.b):
        CaseFactory(
            municipality=municipality,
            rule=RuleFactory(municipality=municipality, **rule_kwargs),
            stage=Stage.DECIDED,
            outcome=Outcome.ESCALATED,
            decided_on=datetime.date(2026, 3, 1),
        )
    flagged_only = "Hemmelig lokal § 99"
    for municipality in (world.a, world.b, c):
        CaseFactory(
            municipality=municipality,
            rule=RuleFactory(municipality=municipality, origin="state_law",
                             legal_reference=flagged_only),
        )  # fmt: skip
    sent = CaseFactory(municipality=c)
    ExemptionApplication.objects.create(
        municipality=c, case=sent, rule=sent.rule, submitted_on=datetime.date(2026, 2, 1),
        status=ExemptionApplication.Status.APPROVED,
    )  # fmt: skip
    draft = CaseFactory(municipality=world.a)
    ExemptionApplication.objects.create(
        municipality=world.a, case=draft, rule=draft.rule,
        status=ExemptionApplication.Status.PENDING,
    )  # fmt: skip
    client.force_login(KLUserFactory())
    client.cookies["django_language"] = "en"
    # when
    response = client.get(reverse("national_overview"), HTTP_ACCEPT_LANGUAGE="en")
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert "Serviceloven § 83" in body
    assert flagged_only not in body
    counts = {status: n for status, _, n in response.context["exemptions"]}
    assert counts["approved"] == 1 and counts["pending"] == 0
    assert response.context["exemption_municipalities"] == 1


def test_national_overview_is_for_kl_only(login, client):
    assert login("director").get(reverse("national_overview")).status_code == 403
