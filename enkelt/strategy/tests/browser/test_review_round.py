"""The May review in a real browser: a director opens a round, a leader updates an
initiative, the director records "stop" with a reason. axe-core must find nothing on
any page of the journey, in Danish and English."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INITIATIVE = "Ruteplanlægning af vejvedligehold med GPS-data"


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_director_runs_a_review_round(site, new_context, log_in, assert_axe_clean, locale):
    director = new_context(locale).new_page()
    log_in(director, "direktoer")

    # the portfolio overview: the whole plan, then the round list
    director.goto(f"{site}/demo/portfolio/")
    expect(director.locator("main h1")).to_contain_text("strategiplan 2013+")
    expect(director.locator(".strategy-area h2")).to_have_count(4)
    assert_axe_clean(director)
    director.goto(f"{site}/demo/portfolio/?status=active")
    assert_axe_clean(director)
    director.goto(f"{site}/demo/portfolio/reviews/")
    assert_axe_clean(director)

    # open the round
    director.goto(f"{site}/demo/portfolio/reviews/new/")
    assert_axe_clean(director)
    director.locator("#id_title").fill("Maj 2027")
    director.locator("#id_deadline").fill("2027-05-07")
    director.locator("#id_meeting_on").fill("2027-05-19")
    director.locator("main form button[type=submit]").click()
    director.wait_for_url(re.compile(r"/portfolio/reviews/[0-9a-f-]{36}/$"))
    round_url = director.url
    expect(director.locator("main h1")).to_contain_text("Maj 2027")
    assert_axe_clean(director)

    # the leader (owner of the initiative) gives an update
    leader = new_context(locale).new_page()
    log_in(leader, "leder")
    leader.goto(round_url)
    row = leader.locator("main tbody tr", has_text=INITIATIVE)
    row.locator("a[href*='/items/']:not([href$='/decide/'])").click()
    leader.wait_for_url(re.compile(r"/items/[0-9a-f-]{36}/$"))
    assert_axe_clean(leader)
    leader.locator("#id_status").select_option("active")
    leader.locator("input[name=rag][value=red]").check()
    leader.locator("#id_progress").fill("Dataudtrækket virker ikke; piloten står stille.")
    leader.locator("input[name=proposed_decision][value=stop]").check()
    leader.locator("main form button[type=submit]").click()
    leader.wait_for_url(round_url)
    expect(leader.locator("main tbody tr", has_text=INITIATIVE)).to_contain_text(
        "piloten står stille"
    )
    assert_axe_clean(leader)

    # the director records "stop": first without a reason (refused), then with one
    director.goto(round_url)
    director.locator("main tbody tr", has_text=INITIATIVE).locator("a[href$='/decide/']").click()
    director.wait_for_url(re.compile(r"/decide/$"))
    assert_axe_clean(director)
    director.locator("input[name=decision][value=stop]").check()
    director.locator("main form button[type=submit]").click()
    expect(director.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    assert_axe_clean(director)
    director.locator("#id_reason").fill("Effekten kan ikke dokumenteres inden for budgettet.")
    director.locator("input[name=decision][value=stop]").check()
    director.locator("main form button[type=submit]").click()
    director.wait_for_url(round_url)
    expect(director.locator("main tbody tr", has_text=INITIATIVE)).to_contain_text(
        "Effekten kan ikke dokumenteres"
    )
    assert_axe_clean(director)

    # the initiative is stopped and its history shows all three rounds
    director.locator("main tbody tr", has_text=INITIATIVE).get_by_role(
        "link", name=INITIATIVE, exact=True
    ).click()
    director.wait_for_url(re.compile(r"/portfolio/initiatives/[0-9a-f-]{36}/$"))
    expect(director.locator("#history-heading + div tbody tr")).to_have_count(3)
    assert_axe_clean(director)
    director.goto(f"{site}/demo/portfolio/?status=stopped")
    expect(director.locator("main table")).to_contain_text(INITIATIVE)
    assert_axe_clean(director)

    # the review pack downloads as a PDF
    with director.expect_download() as download:
        director.goto(round_url)
        director.locator("a[href$='/pack.pdf']").click()
    assert download.value.suggested_filename.endswith(".pdf")
