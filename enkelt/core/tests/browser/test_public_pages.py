"""Public pages in a real browser: language by browser locale, switching, axe, phone width."""

import re

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = PlaywrightTimeoutError = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_front_page_in_danish_is_accessible(site, page, assert_axe_clean, expect_danish_ui):
    page.goto(f"{site}/")

    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("link", name="Demo Kommune", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Lille Demo Kommune", exact=True)).to_be_visible()
    expect_danish_ui(page, "Vælg din kommune")
    assert_axe_clean(page)


def test_front_page_in_english(site, page_en, assert_axe_clean):
    page = page_en
    page.goto(f"{site}/")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your municipality")
    expect(page.get_by_role("link", name="Demo Kommune", exact=True)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Choose your municipality · Enkelt$"))
    assert_axe_clean(page)


@pytest.mark.parametrize(
    ("locale", "lang", "heading_2"),
    [("da-DK", "da", "Sådan kontakter du os"), ("en-US", "en", "How to contact us")],
)
def test_municipality_page_in_both_languages(
    site, new_context, assert_axe_clean, expect_danish_ui, locale, lang, heading_2
):
    page = new_context(locale).new_page()
    page.goto(f"{site}/demo/")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demo Kommune")
    # Data, not UI text: the organisation and contact details are the same in both languages.
    expect(page.get_by_text("Veje og Parker", exact=True)).to_be_visible()
    expect(page.get_by_text("kontakt@demo-kommune.example", exact=True)).to_be_visible()
    if lang == "da":
        expect_danish_ui(page, heading_2)
    else:
        expect(page.get_by_role("heading", level=2, name=heading_2)).to_be_visible()
    assert_axe_clean(page)


def test_language_switch_in_header(site, page, expect_danish_ui):
    page.goto(f"{site}/demo/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect_danish_ui(page, "Sådan kontakter du os")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{site}/demo/")
    expect(page.get_by_role("heading", level=2, name="How to contact us")).to_be_visible()
    expect(page.get_by_role("button", name="Dansk")).to_be_visible()
    # The choice is remembered (cookie) on the next page too.
    page.goto(f"{site}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your municipality")

    page.get_by_role("button", name="Dansk").click()

    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    expect_danish_ui(page, "Vælg din kommune")


def test_skip_link_by_keyboard(site, page, expect_danish_ui):
    page.goto(f"{site}/demo/")
    skip_link = page.locator("a.skipnav")

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    expect(skip_link).to_have_attribute("href", "#main-content")
    # DKFDS slides the link in (a 0.2 s transition): wait until it is fully on screen.
    try:
        page.wait_for_function(
            """() => {
                const r = document.querySelector('a.skipnav').getBoundingClientRect();
                return r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0
                    && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
            }""",
            timeout=3_000,
        )
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"focused skip link is not shown on screen: {skip_link.bounding_box()}"
        ) from None
    expect_danish_ui(page, "Gå til sidens indhold")

    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{site}/demo/#main-content")
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab continues inside the main content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.getElementById('main-content').contains(document.activeElement)"
    ), "Tab after the skip link did not land inside <main>"


def test_accessibility_statement_and_not_found_pages_are_accessible(
    site, page, page_en, assert_axe_clean
):
    page.goto(f"{site}/accessibility/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_axe_clean(page)

    page_en.goto(f"{site}/accessibility/")
    expect(page_en.get_by_role("heading", level=1)).to_have_text("Accessibility statement")

    for path in ("/no-such-municipality/", "/demo/does-not-exist/"):
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 404, path
        expect(page.locator("html")).to_have_attribute("lang", "da")
        expect(page.get_by_text("404")).to_be_visible()
        assert_axe_clean(page)

    response = page_en.goto(f"{site}/no-such-municipality/")
    assert response is not None and response.status == 404
    expect(page_en.get_by_role("heading", level=1)).to_have_text("The page could not be found")


@pytest.mark.parametrize("path", ["/demo/", "/"])
def test_phone_width_has_no_horizontal_scroll(site, new_context, path):
    context = new_context(
        "da-DK",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.goto(f"{site}{path}")
    expect(page.locator("h1")).to_be_visible()

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"{path} scrolls sideways on a 360 px phone: {scroll_width}px wide"
