"""A council member opens the one-pager, follows a number to its detail and downloads the PDF.

Run in Danish and in English; axe-core checks every page. Selectors use data
attributes, so the same steps run in both languages.
"""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_council_member_reads_the_one_pager(site, new_context, log_in, assert_axe_clean, locale):
    language = locale[:2]
    page = new_context(locale).new_page()
    log_in(page, "politiker")

    # the staff home leads to the one-pager
    page.goto(f"{site}/demo/staff/")
    page.locator("a[data-dashboard-link]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("[data-figure='submissions_received']")).to_be_visible()
    expect(page.locator("[data-chart='chart-funnel'] table")).to_be_visible()
    assert_axe_clean(page)

    # a number leads to its detail: the initiatives in the plan → the portfolio
    total = page.locator("[data-figure='initiatives']").inner_text()
    page.locator("[data-figure='initiatives']").click()
    expect(page).to_have_url(f"{site}/demo/portfolio/")
    assert_axe_clean(page)
    page.go_back()

    # the same one-pager as one printed A4 page
    with page.expect_download(timeout=60_000) as download:
        page.locator("a[data-pdf-link]").click(no_wait_after=True)
    assert download.value.suggested_filename.endswith(".pdf")
    pdf_path = download.value.path()
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    assert len(reader.pages) == 1
    assert total in reader.pages[0].extract_text()


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_leader_sees_what_needs_action_and_open_data(
    site, new_context, log_in, assert_axe_clean, locale
):
    page = new_context(locale).new_page()
    log_in(page, "leder")
    page.goto(f"{site}/demo/overview/mine/")
    expect(page.locator("#sec-action")).to_be_visible()
    assert_axe_clean(page)
    page.goto(f"{site}/open-data/")
    expect(page.locator("[data-opendata]")).to_be_visible()
    assert_axe_clean(page)
