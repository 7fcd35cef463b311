"""Logged-in pages in a real browser: log-in, staff home, profile, language that persists."""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible(site, page, page_en, assert_axe_clean):
    page.goto(f"{site}/accounts/login/")
    expect(page.locator("input[name='login']")).to_be_visible()
    expect(page.locator("input[name='password']")).to_be_visible()
    assert_axe_clean(page)
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page_en.goto(f"{site}/accounts/login/")
    assert_axe_clean(page_en)
    expect(page_en.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize(
    ("locale", "lang", "role"), [("da-DK", "da", "Leder"), ("en-US", "en", "Leader")]
)
def test_leader_logs_in_and_sees_staff_home(
    site, new_context, log_in, assert_axe_clean, expect_danish_ui, locale, lang, role
):
    page = new_context(locale).new_page()

    log_in(page, "leder")

    expect(page).to_have_url(f"{site}/demo/staff/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    facts = page.locator("table.enkelt-facts")
    expect(facts).to_contain_text("Demo Kommune")
    expect(facts).to_contain_text("Veje og Parker")
    if lang == "da":
        expect_danish_ui(page, role)
    else:
        expect(facts.get_by_role("cell", name=role, exact=True)).to_be_visible()
        expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    assert_axe_clean(page)


def test_profile_page_is_accessible(site, page, log_in, assert_axe_clean):
    log_in(page, "leder")

    page.goto(f"{site}/accounts/profile/")

    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("cell", name="leder", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Demo Kommune", exact=True)).to_be_visible()
    expect(page.get_by_role("combobox")).to_be_visible()
    assert_axe_clean(page)


def test_language_choice_of_logged_in_user_persists(site, new_context, log_in):
    page = new_context("da-DK").new_page()
    log_in(page, "leder")
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{site}/demo/staff/")
    page.goto(f"{site}/accounts/profile/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Profile")
    expect(page.get_by_role("combobox", name="Language")).to_have_value("en")

    # A fresh browser (no cookie, Danish locale): the saved choice follows the user.
    other = new_context("da-DK").new_page()
    log_in(other, "leder")
    expect(other).to_have_url(f"{site}/demo/staff/")
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.get_by_role("cell", name="Leader", exact=True)).to_be_visible()

    # Switching back is saved too.
    other.get_by_role("button", name="Dansk").click()
    expect(other.locator("html")).to_have_attribute("lang", "da")
    page.goto(f"{site}/demo/staff/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
