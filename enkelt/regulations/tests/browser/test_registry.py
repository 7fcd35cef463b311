"""A leader in a real browser: the registry sorted by burden, a rule's page, adding an activity.

axe-core must find nothing on the registry list, the rule page, the activity form,
the roll-ups and the import page, in Danish and English.
"""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_leader_reads_the_registry_and_measures_a_rule(
    site, new_context, log_in, assert_axe_clean, locale
):
    page = new_context(locale).new_page()
    log_in(page, "leder")
    english = locale.startswith("en")

    # the registry, largest burden first
    page.goto(f"{site}/demo/rules/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rule registry" if english else re.compile(".+")
    )
    assert_axe_clean(page)
    hours = [
        float(t.replace(".", "").replace(",", ".")) if not english else float(t.replace(",", ""))
        for t in page.locator("tbody tr td:nth-child(6)").all_inner_texts()[:5]
    ]
    assert hours == sorted(hours, reverse=True) and hours[0] > 0

    # filter by text, then open the rule
    page.get_by_label("Search" if english else re.compile("Søg")).fill("Attestation af fakturaer")
    page.locator("#registry-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=Attestation"))
    expect(page.locator("#registry-results tbody tr")).to_have_count(1)
    page.get_by_role("link", name=re.compile("Attestation af fakturaer")).first.click()
    page.wait_for_url(re.compile(r"/rules/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attestation af fakturaer")
    page.locator("details.enkelt-explanation").first.locator("summary").click()
    expect(page.locator("details.enkelt-explanation li").first).to_be_visible()
    assert_axe_clean(page)

    # add an activity: the burden is recomputed and the history shows it
    page.locator("a[href$='/activities/new/']").click()
    assert_axe_clean(page)
    page.locator("#id_name").fill("Scanne bilag")
    page.locator("#id_population").fill("100")
    page.locator("#id_frequency_per_year").fill("0.5")
    page.locator("#id_minutes_per_occurrence").fill("6")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("table").first).to_contain_text("Scanne bilag")
    expect(page.locator(".enkelt-history [data-verb='rule.burden_changed']").first).to_be_visible()

    for path in ("rules/burden/", "rules/import/", "rules/candidates/", "rules/offset-ledger/",
                 "rules/tariffs/", "rules/priorities/"):  # fmt: skip
        page.goto(f"{site}/demo/{path}")
        assert_axe_clean(page)


def test_leader_imports_a_file_with_errors_choosing_the_valid_rows(
    site, new_context, log_in, assert_axe_clean
):
    page = new_context("da-DK").new_page()
    log_in(page, "leder")
    page.goto(f"{site}/demo/rules/import/")
    csv_text = (
        "rule_key;title;kind;origin;activity_name;population;frequency_per_year;"
        "minutes_per_occurrence\n"
        "B1;Browserregel;form;council;Udfylde;10;12;5\n"
        "B2;Forkert;form;nowhere;;;;\n"
    )
    page.locator("#id_file").set_input_files(
        {"name": "regler.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/rules/import/[0-9a-f-]{36}/$"))
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table")).to_contain_text("origin")
    assert_axe_clean(page)
    page.locator("#only-valid").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#import-bar")).to_have_attribute("value", "100", timeout=20_000)
    assert_axe_clean(page)
    page.goto(f"{site}/demo/rules/?q=Browserregel")
    expect(page.locator("#registry-results tbody tr")).to_have_count(1)
