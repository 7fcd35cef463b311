"""Building the plan and the agreements in a real browser, in Danish and English:
a director adds a programme and an initiative in it; a chief adds a goal linked to
that initiative to her agreement and defines its indicator. axe-core checks every
page of the journey, the form errors included. Selectors use ids, names and data
attributes, so the same steps run in both languages."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRAMME = "Klimatilpasning af veje"
INITIATIVE = "Regnvandsbede langs de kommunale veje"
GOAL = "Færre oversvømmede veje ved skybrud"
INDICATOR = "Antal vejlukninger efter skybrud"


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_director_builds_the_plan_and_a_chief_adds_a_goal_with_an_indicator(
    site, new_context, log_in, assert_axe_clean, locale
):
    from enkelt.goals.models import Goal, Indicator
    from enkelt.strategy.demo import load_demo_strategy
    from enkelt.tenants.models import Municipality

    load_demo_strategy(Municipality.objects.get(slug="demo"))  # idempotent
    director = new_context(locale).new_page()
    log_in(director, "direktoer")

    # the director adds a programme to the first development area
    director.goto(f"{site}/demo/portfolio/")
    assert_axe_clean(director)
    director.locator("[data-manage-portfolio] a[href$='/programmes/new/']").click()
    director.wait_for_url(re.compile(r"/programmes/new/$"))
    assert_axe_clean(director)
    director.locator("#id_area").select_option(index=1)
    director.locator("main form button[type=submit]").click()  # no title: refused
    expect(director.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    assert_axe_clean(director)
    director.locator("#id_title").fill(PROGRAMME)
    director.locator("main form button[type=submit]").click()
    director.wait_for_url(re.compile(r"/portfolio/\?plan="))
    expect(director.locator(".strategy-area h3", has_text=PROGRAMME)).to_have_count(1)
    assert_axe_clean(director)

    # ... and an initiative in it, from the programme's own link
    director.locator(".strategy-area h3", has_text=PROGRAMME).locator(
        "xpath=following-sibling::p[1]"
    ).locator("a[href*='programme=']").click()
    director.wait_for_url(re.compile(r"/initiatives/new/\?"))
    expect(director.locator("#id_programme option:checked")).to_contain_text(PROGRAMME)
    assert_axe_clean(director)
    director.locator("#id_title").fill(INITIATIVE)
    director.locator("#id_status").select_option("active")
    director.locator("main form button[type=submit]").click()
    director.wait_for_url(re.compile(r"/portfolio/initiatives/[0-9a-f-]{36}/$"))
    expect(director.locator("main h1")).to_have_text(INITIATIVE)
    assert_axe_clean(director)

    # the chief adds a goal to her chief agreement, linked to the new initiative
    chief = new_context(locale).new_page()
    log_in(chief, "chef")
    chief.goto(f"{site}/demo/goals/agreements/")
    chief.locator("[data-agreement-row][data-level='chief'] a").click()
    chief.locator("[data-manage-agreement] a[href$='/goals/new/']").click()
    chief.wait_for_url(re.compile(r"/goals/new/$"))
    assert_axe_clean(chief)
    chief.locator("#id_title").fill(GOAL)
    chief.locator("#id_is_local").check()
    chief.locator("#id_initiative").select_option(label=INITIATIVE)
    chief.locator("main form button[type=submit]").click()  # linked and local: refused
    expect(chief.locator(".alert-error")).to_be_visible()
    assert_axe_clean(chief)
    assert not Goal.objects.filter(title=GOAL).exists()
    chief.locator("#id_is_local").uncheck()
    chief.locator("main form button[type=submit]").click()
    chief.wait_for_url(re.compile(r"/indicators/new/$"))
    assert_axe_clean(chief)

    # ... and defines its indicator: fewer closures is better, two milestones
    chief.locator("#id_title").fill(INDICATOR)
    chief.locator("#id_unit").select_option("count")
    chief.locator("input[name=direction][value=down]").check()
    chief.locator("#id_source").fill("Vejmyndigheden")
    chief.locator("#id_baseline_value").fill("12")
    chief.locator("#id_baseline_date").fill("2026-01-01")
    chief.locator("#id_target_value").fill("4")
    chief.locator("#id_target_date").fill("2029-01-01")
    chief.locator("#id_milestones").fill("2027-01-01 9\n2028-01-01 6")
    chief.locator("main form button[type=submit]").click()
    chief.wait_for_url(re.compile(r"/goals/indicators/[0-9a-f-]{36}/$"))
    expect(chief.locator("main h1")).to_have_text(INDICATOR)
    expect(chief.locator("[data-measurements] tbody tr")).to_have_count(4)  # base, 2, target
    assert_axe_clean(chief)
    indicator = Indicator.objects.get(title=INDICATOR)
    assert indicator.goal.initiative.title == INITIATIVE
    assert indicator.direction == "down" and indicator.milestones.count() == 2

    # the goal shows on the agreement with its indicator
    chief.locator("main a[href*='/goals/agreements/']").first.click()
    expect(chief.locator("[data-goal]", has_text=GOAL)).to_contain_text(INDICATOR)
    assert_axe_clean(chief)
