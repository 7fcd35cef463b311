"""From a flag to a published decision in a real browser, in Danish and in English.

An employee flags a rule from its page; a leader selects the case and decides
"streamlined" with a scenario; the funnel shows the move; the citizen whose
hassle report was linked to the rule sees the decision on the status page.
axe-core must find nothing on any of the pages. Selectors use names and data
attributes, so the same steps run in both languages.
"""

import re
from decimal import Decimal

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def linked_rule(site):
    """A measured rule (600 hours a year) and a citizen's hassle report linked to it."""
    from enkelt.regulations.services import ActivityData, rule_create
    from enkelt.simplification.services import case_flag_from_submission
    from enkelt.submissions.models import Category
    from enkelt.submissions.services import submission_create
    from enkelt.tenants.models import Municipality

    demo = Municipality.objects.get(slug="demo")
    rule = rule_create(
        actor=None,
        municipality=demo,
        title="Ugentligt fraværsskema for hver elev",
        kind="form",
        origin="administration",
        activities=[
            ActivityData(
                name="Udfylde skemaet",
                population=Decimal(100),
                frequency_per_year=Decimal(12),
                minutes_per_occurrence=Decimal(30),
            )
        ],
    )
    submission = submission_create(
        actor=None,
        municipality=demo,
        category=Category.objects.get(municipality=demo, code="bovl-skole"),
        title="Fraværsskemaet tager en time hver uge",
        description="Vi skriver det samme i to systemer.",
        contact_name="Bodil Borger",
        contact_email="bodil@example.dk",
        language="da",
    )
    case_flag_from_submission(actor=None, municipality=demo, submission=submission, rule=rule)
    return rule, submission


def _streamlined(page) -> int:
    cell = page.locator("[data-funnel-table] tr[data-step='streamlined'] [data-count]")
    return int(cell.inner_text())


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_from_flag_to_published_decision(
    site, new_context, log_in, assert_axe_clean, linked_rule, locale
):
    rule, submission = linked_rule
    language = locale[:2]

    # the funnel before
    leader_page = new_context(locale).new_page()
    log_in(leader_page, "leder")
    leader_page.goto(f"{site}/demo/simplification/funnel/")
    expect(leader_page.locator("html")).to_have_attribute("lang", language)
    before = _streamlined(leader_page)
    assert_axe_clean(leader_page)

    # an employee flags the rule from its page, with a suggestion
    employee_page = new_context(locale).new_page()
    log_in(employee_page, "medarbejder")
    employee_page.goto(f"{site}/demo/rules/{rule.public_id}/")
    expect(employee_page.locator("html")).to_have_attribute("lang", language)
    assert_axe_clean(employee_page)
    employee_page.locator("textarea[name='suggestion']").fill("Én gang om måneden er nok.")
    employee_page.locator("[data-flag-rule]").click()
    expect(employee_page.locator("[data-rule-case]")).to_contain_text("2")
    assert_axe_clean(employee_page)

    # the leader opens the case from the rule's page, selects it and decides "streamlined"
    leader_page.goto(f"{site}/demo/rules/{rule.public_id}/")
    leader_page.locator("[data-rule-case] a").click()
    expect(leader_page.get_by_role("heading", level=1)).to_have_text(rule.title)
    assert_axe_clean(leader_page)
    leader_page.locator("button[name='select']").click()
    leader_page.locator("input[name='outcome'][value='streamlined']").check()
    leader_page.locator("textarea[name='reason']").fill("Skemaet udfyldes nu en gang om måneden.")
    activity = rule.activities.get()
    leader_page.locator(f"input[name='a{activity.pk}_frequency_per_year']").fill("3")
    leader_page.locator("button[name='preview']").click()
    # 100 per time, 3 times a year, 30 minutes: 150 hours after; 600 - 150 = 450 freed
    expect(leader_page.locator("[data-freed-hours]")).to_contain_text(re.compile(r"450[.,]00"))
    assert_axe_clean(leader_page)
    leader_page.locator("button[name='decide']").click()
    expect(leader_page.locator("[data-expected-hours]")).to_contain_text(re.compile(r"450[.,]00"))
    assert_axe_clean(leader_page)

    # the funnel shows the move
    leader_page.goto(f"{site}/demo/simplification/funnel/")
    assert _streamlined(leader_page) == before + 1
    assert_axe_clean(leader_page)

    # the citizen's status page shows the decision and its reason
    citizen = new_context(locale).new_page()
    citizen.goto(f"{site}/demo/status/{submission.tracking_code}/")
    expect(citizen.locator("main")).to_contain_text("Skemaet udfyldes nu en gang om måneden.")
    expect(citizen.locator("main")).to_contain_text(rule.title)
    assert_axe_clean(citizen)

    # and the public list of decisions explains it
    citizen.goto(f"{site}/demo/simplification/decisions/?outcome=streamlined")
    expect(citizen.locator("[data-decision]").filter(has_text=rule.title)).to_have_count(1)
    assert_axe_clean(citizen)


def test_case_list_exemptions_campaigns_and_kl_list_are_accessible(
    site, new_context, log_in, assert_axe_clean
):
    page = new_context("da-DK").new_page()
    log_in(page, "leder")
    for path in ("cases/", "exemptions/", "campaigns/"):
        page.goto(f"{site}/demo/simplification/{path}")
        assert_axe_clean(page)
    page.goto(f"{site}/demo/simplification/cases/?stage=decided&outcome=escalated")
    page.locator("[data-case-row] a").first.click()
    assert_axe_clean(page)
    page.goto(f"{site}/demo/simplification/exemptions/")
    page.locator("table a").first.click()
    assert_axe_clean(page)

    kl = new_context("en-US").new_page()
    log_in(kl, "kl")
    kl.goto(f"{site}/kl/simplification/")
    expect(kl.locator("[data-national-row]").first).to_be_visible()
    assert_axe_clean(kl)
