"""Entering a follow-up and seeing the aggregate, in a real browser, in Danish and English.

A pedagogue of Børnehuset Solsikken opens a course from the due list, enters a
follow-up assessment and sees the change per factor; a director sees the
aggregates, where the small institution (Vuggestuen Mælkebøtten) is suppressed.
axe-core must find nothing on any page. Selectors use names and data attributes,
so the same steps run in both languages.
"""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pedagogue(site):
    """The demo's pedagogue, an employee of the demo institution with courses."""
    from enkelt.accounts.models import User

    user = User.objects.select_related("membership__unit").get(username="paedagog")
    assert user.membership.unit.slug == "bornehuset-solsikken"
    return user


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_enter_a_follow_up_and_see_the_aggregate(
    site, new_context, log_in, assert_axe_clean, pedagogue, locale
):
    from enkelt.tenants.models import Unit

    language = locale[:2]
    page = new_context(locale).new_page()
    log_in(page, "paedagog")

    # the courses of the institution with the due list
    page.goto(f"{site}/demo/outcomes/courses/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("[data-due-row]").first).to_be_visible()
    assert_axe_clean(page)

    # a course from the due list
    page.locator("[data-due-row] a").first.click()
    expect(page.locator("[data-change-table]")).to_be_visible()
    assert_axe_clean(page)
    follow_ups = page.locator("tr[data-assessment='follow_up']").count()

    # enter a follow-up: every factor at 1
    page.locator("a[href$='/assessments/new/']").click()
    assert_axe_clean(page)
    page.locator("select[name='kind']").select_option("follow_up")
    for order in range(1, 9):
        page.locator(f"input[name='score_{order}'][value='1']").check()
    page.locator("textarea[name='note']").fill("Godt samarbejde med hjemmet.")
    page.locator("form button[type='submit'].button-primary").click()
    expect(page.locator("tr[data-assessment='follow_up']")).to_have_count(follow_ups + 1)
    expect(page.locator("[data-goal-met]").first).not_to_have_text("\u2013")
    assert_axe_clean(page)

    # a director sees the aggregates; the small institution is suppressed
    director = new_context(locale).new_page()
    log_in(director, "direktoer")
    small = Unit.objects.get(municipality__slug="demo", slug="vuggestuen-maelkebotten")
    director.goto(f"{site}/demo/outcomes/aggregates/?unit={small.parent_id}")
    expect(director.locator("[data-aggregate-table]")).to_be_visible()
    expect(director.locator("svg[role='img']")).to_be_visible()
    expect(
        director.locator("[data-unit-table='vuggestuen-maelkebotten'] [data-suppressed]").first
    ).to_be_visible()
    expect(
        director.locator("[data-unit-table='bornehuset-solsikken'] [data-n]").first
    ).to_be_visible()
    assert_axe_clean(director)
