"""A chief enters a measurement and sees the status change, in Danish and in English.

The pages of the agreement chain (tree, agreement with goals and meetings), the
indicator list, the indicator's page with its chart, and the import page are checked
with axe-core. Selectors use names and data attributes, so the same steps run in
both languages.
"""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLUS_THREE = "Andel borgere der er tilfredse med vejvedligeholdelsen"


@pytest.fixture
def goals_demo(site):
    from enkelt.goals.demo import load_demo_goals
    from enkelt.goals.models import Indicator
    from enkelt.strategy.demo import load_demo_strategy
    from enkelt.tenants.models import Municipality

    demo = Municipality.objects.get(slug="demo")
    load_demo_strategy(demo)  # idempotent; in case the loaders do not run it (yet)
    load_demo_goals(demo)
    return Indicator.objects.get(municipality=demo, title=PLUS_THREE)


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_chief_enters_a_measurement_and_sees_the_status_change(
    site, new_context, log_in, assert_axe_clean, goals_demo, locale
):
    language = locale[:2]
    page = new_context(locale).new_page()
    log_in(page, "chef")

    page.goto(f"{site}/demo/goals/agreements/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("[data-agreement-row]")).to_have_count(3)
    expect(page.locator("[data-coverage]")).to_be_visible()
    assert_axe_clean(page)

    page.locator("[data-agreement-row][data-level='leader'] a").click()
    expect(page.locator("[data-goal]").first).to_be_visible()
    assert_axe_clean(page)

    page.goto(f"{site}/demo/goals/indicators/")
    assert_axe_clean(page)
    page.locator("[data-indicator-row] a", has_text=PLUS_THREE).click()
    expect(page.locator("[data-indicator-status] [data-status]")).to_have_attribute(
        "data-status", "amber"
    )
    expect(page.locator("svg [data-target-path]")).to_have_count(1)
    assert_axe_clean(page)

    # 85.7 % on 1 Jan 2026: progress 57 % against 50 % expected, on track
    page.locator("input[name='date']").fill("2026-01-01")
    page.locator("input[name='value']").fill("85.7")
    page.locator("form[action$='/measurements/'] button[type='submit']").click()
    expect(page.locator("[data-indicator-status] [data-status]")).to_have_attribute(
        "data-status", "green"
    )
    expect(page.locator("[data-progress]")).to_contain_text("57")
    assert_axe_clean(page)

    page.goto(f"{site}/demo/goals/indicators/{goals_demo.public_id}/import/")
    assert_axe_clean(page)
