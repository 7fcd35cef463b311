"""A leader searches the inspiration catalogue in Danish and publishes a decided case.

Search results, an example, the case page, the publishing form and the published example
are checked with axe-core, in Danish and in English. Selectors use data attributes, so the
same steps run in both languages.
"""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def decided_case(site):
    from enkelt.catalog.demo import load_demo_examples
    from enkelt.simplification.models import Case, Outcome, Stage

    load_demo_examples()  # idempotent; in case the loaders do not run it
    return (
        Case.objects.filter(
            municipality__slug="demo",
            stage=Stage.DECIDED,
            outcome=Outcome.ABOLISHED,
            catalog_example__isnull=True,
        )
        .select_related("rule")
        .order_by("pk")
        .first()
    )


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_leader_finds_inspiration_and_publishes_a_case(
    site, new_context, log_in, assert_axe_clean, decided_case, locale
):
    assert decided_case is not None, "the demo has no decided, abolished case"
    page = new_context(locale).new_page()
    log_in(page, "leder")

    page.goto(f"{site}/inspiration/?q=forenkling")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    expect(page.locator("[data-example-hit]").first).to_be_visible()
    expect(page.locator("[data-snippet] mark").first).to_be_visible()
    assert_axe_clean(page)

    page.locator("[data-example-hit] h3 a").first.click()
    expect(page.locator("[data-summary]")).to_be_visible()
    assert_axe_clean(page)

    page.goto(f"{site}/demo/simplification/cases/{decided_case.public_id}/")
    page.locator("[data-publish-example]").click()  # click 1
    expect(page.locator("input[name='title']")).to_have_value(decided_case.rule.title)
    assert_axe_clean(page)

    page.locator("[data-publish]").click()  # click 2
    expect(page.locator("h1")).to_have_text(decided_case.rule.title)
    expect(page.locator("[data-municipality]")).to_have_text("Demo Kommune")
    assert_axe_clean(page)

    page.goto(f"{site}/inspiration/?q=" + decided_case.rule.title.split()[0])
    expect(
        page.locator("[data-example-hit] h3 a", has_text=decided_case.rule.title)
    ).to_be_visible()
