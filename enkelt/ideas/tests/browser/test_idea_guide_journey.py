"""An idea guide moves an idea to "in development", in Danish and in English.

The board, the table view and the idea's page are checked with axe-core. The
steps use data attributes, names and values, so the same test runs in both
languages.
"""

from decimal import Decimal

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDEA = "Fælles kalender for hjemmeplejens ruter"


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_idea_guide_moves_an_idea_to_in_development(
    site, new_context, log_in, assert_axe_clean, locale
):
    language = locale[:2]
    page = new_context(locale).new_page()
    log_in(page, "medarbejder")

    page.goto(f"{site}/demo/ideas/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("[data-stage-column]")).to_have_count(6)
    column = page.locator("[data-stage-column='being_assessed']")
    expect(column.locator("[data-idea-card]", has_text=IDEA)).to_have_count(1)
    assert_axe_clean(page)

    page.goto(f"{site}/demo/ideas/?view=table")
    expect(page.locator("[data-idea-row]", has_text=IDEA)).to_have_count(1)
    assert page.locator("[data-idea-row]").count() >= 10
    assert_axe_clean(page)

    # by keyboard from the board: focus the idea's link and follow it
    page.goto(f"{site}/demo/ideas/")
    link = column.locator("a", has_text=IDEA)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-idea-stage]")).to_have_attribute("data-idea-stage", "being_assessed")
    assert_axe_clean(page)

    form = page.locator("[data-transition-form]")
    form.locator("select[name='stage']").select_option("in_development")
    form.locator("textarea[name='note']").fill("Afprøves i Hjemmeplejen Vest")
    form.locator("button[type='submit']").click()
    expect(page.locator("[data-idea-stage]")).to_have_attribute("data-idea-stage", "in_development")
    expect(page.locator("[data-idea-note]", has_text="Afprøves i Hjemmeplejen Vest")).to_have_count(
        1
    )
    assert_axe_clean(page)

    page.goto(f"{site}/demo/ideas/")
    expect(
        page.locator("[data-stage-column='in_development'] [data-idea-card]", has_text=IDEA)
    ).to_have_count(1)


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_leader_weights_a_criterion(site, new_context, log_in, assert_axe_clean, locale):
    from enkelt.ideas.models import IdeaCriterion

    page = new_context(locale).new_page()
    log_in(page, "leder")
    page.goto(f"{site}/demo/ideas/criteria/")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    expect(page.locator("[data-criterion]")).to_have_count(3)
    assert_axe_clean(page)

    effort = IdeaCriterion.objects.get(municipality__slug="demo", higher_is_better=False)
    section = page.locator("[data-criterion]").filter(
        has=page.locator(f"input[name='c{effort.pk}-weight']")
    )
    section.locator(f"input[name='c{effort.pk}-weight']").fill("2")
    section.locator("button[type='submit']").click()
    # Saved and redirected: the page says so, and the field shows the stored weight (its
    # decimal places are the database's business, so the value is compared as a number).
    expect(page.locator(".alert-success[role='status']")).to_have_count(1)
    shown = page.locator(f"input[name='c{effort.pk}-weight']").input_value()
    assert Decimal(shown) == 2
    assert_axe_clean(page)
    effort.refresh_from_db()
    assert effort.weight == 2
