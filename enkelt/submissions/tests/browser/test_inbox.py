"""The case worker's journey in a real browser: find a submission, open it, answer with a template.

axe-core must find nothing on the inbox, the detail page and the moderation queue.
"""

import re

import pytest
from django.core import mail

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_submission(site):
    """A fault in the road unit of `medarbejder`, with a citizen's e-mail, and the templates."""
    from enkelt.submissions.demo_casework import load_demo_answer_templates
    from enkelt.submissions.models import Category
    from enkelt.submissions.services import submission_create
    from enkelt.tenants.models import Municipality

    demo = Municipality.objects.get(slug="demo")
    load_demo_answer_templates(demo)
    category = Category.objects.get(municipality=demo, code="huller-i-vejen")
    return submission_create(
        actor=None,
        municipality=demo,
        category=category,
        title="Dybt hul ved Fjordvej 12",
        description="Hullet er cirka en halv meter bredt.",
        lat="55.716000",
        lon="11.713000",
        address="Fjordvej 12",
        contact_email="borger@example.dk",
        language="da",
    )


def test_case_worker_finds_and_answers_with_a_template(
    site, new_context, log_in, assert_axe_clean, demo_submission
):
    code = demo_submission.tracking_code
    page = new_context("en-US").new_page()
    log_in(page, "medarbejder")

    # the inbox, from the main menu
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    assert_axe_clean(page)

    # "/" jumps to the search; the table is replaced in place and the address follows
    page.keyboard.press("/")
    expect(page.locator("#id_q")).to_be_focused()
    page.keyboard.type(code.lower().replace("-", " "))
    page.keyboard.press("Enter")
    expect(page.locator("[data-inbox-row]")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(page.locator("[data-inbox-row]")).to_contain_text("Dybt hul ved Fjordvej 12")

    # j selects the row, Enter opens it
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("j")
    expect(page.get_by_role("link", name=code)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dybt hul ved Fjordvej 12")
    expect(page.get_by_text("borger@example.dk")).to_be_visible()
    assert_axe_clean(page)

    # picking a template fills the answer and its status; "a" focuses the answer
    page.get_by_label("Start from a template").select_option(label="Hul i vejen udbedret")
    answer = page.locator("#id_answer-text")
    expect(answer).to_have_value(re.compile("lappet hullet"))
    expect(page.locator("#id_answer-set_status")).to_have_value("closed")
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("a")
    expect(answer).to_be_focused()
    page.get_by_role("button", name="Send the answer").click()

    expect(page.get_by_text("The answer has been saved")).to_be_visible()
    expect(page.locator("h1 + p .badge").first).to_have_text("Closed")
    assert_axe_clean(page)
    demo_submission.refresh_from_db()
    assert demo_submission.status == "closed"
    assert "lappet hullet" in demo_submission.public_answer
    sent = [m for m in mail.outbox if m.to == ["borger@example.dk"]]
    assert any("lappet hullet" in m.body for m in sent), [m.subject for m in mail.outbox]


def test_template_choice_works_without_javascript(site, new_context, log_in, demo_submission):
    page = new_context("en-US", java_script_enabled=False).new_page()
    log_in(page, "medarbejder")
    page.goto(f"{site}/demo/inbox/{demo_submission.public_id}/")
    page.get_by_label("Start from a template").select_option(label="Vi går i gang")
    page.get_by_role("button", name="Use template").click()
    expect(page.locator("#id_answer-text")).to_have_value(re.compile("gået i gang"))
    expect(page.locator("#id_answer-set_status")).to_have_value("in_progress")


def test_moderation_queue_in_danish_is_accessible(
    site, page, log_in, assert_axe_clean, demo_submission
):
    from enkelt.submissions.models import Submission

    Submission.objects.filter(pk=demo_submission.pk).update(
        needs_moderation=True, moderation_note="Sendt meget hurtigt efter den forrige"
    )
    log_in(page, "leder")
    page.goto(f"{site}/demo/inbox/moderation/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_text("Sendt meget hurtigt efter den forrige")).to_be_visible()
    assert_axe_clean(page)

    page.goto(f"{site}/demo/inbox/")
    assert_axe_clean(page)
    page.goto(f"{site}/demo/inbox/{demo_submission.public_id}/")
    assert_axe_clean(page)
