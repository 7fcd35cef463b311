"""An employee answers the wellbeing survey on a phone by keyboard; a leader sees the results.

The answer page, its receipt, the survey list, the survey page and the results
page are checked with axe-core, in Danish and in English. Selectors use names
and data attributes, so the same steps run in both languages (the new Danish
strings may not be compiled yet).
"""

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def wellbeing(site):
    from enkelt.surveys.demo import WELLBEING_TITLE, load_demo_surveys
    from enkelt.surveys.models import RoundState, Survey
    from enkelt.tenants.models import Municipality

    demo = Municipality.objects.get(slug="demo")
    load_demo_surveys(demo)  # idempotent; in case the loaders do not run it (yet)
    survey = Survey.objects.get(municipality=demo, title_da=WELLBEING_TITLE)
    rounds = list(survey.rounds.order_by("opens_on"))
    assert rounds[-1].state == RoundState.OPEN
    return survey, rounds


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with the Tab key")


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_employee_answers_on_a_phone_by_keyboard(
    site, new_context, log_in, assert_axe_clean, wellbeing, locale
):
    from enkelt.surveys.models import QuestionKind, Response

    survey, rounds = wellbeing
    open_round = rounds[-1]
    before = Response.objects.filter(round=open_round).count()
    page = new_context(locale, viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, "medarbejder")

    page.goto(f"{site}/demo/surveys/answer/{open_round.link_token}/")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    expect(page.locator("fieldset[data-question-kind='scale'] legend").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_axe_clean(page)

    questions = list(survey.questions.order_by("order"))
    for question in questions:
        name = question.field_name
        if question.kind == QuestionKind.SCALE:
            _tab_to(page, f"input[name='{name}']")
            for _i in range(3):  # arrow keys move along the scale: 1 → 4
                page.keyboard.press("ArrowRight")
            expect(page.locator(f"input[name='{name}']:checked")).to_have_value("4")
        elif question.kind == QuestionKind.SINGLE:
            _tab_to(page, f"input[name='{name}']")
            page.keyboard.press("Space")
        elif question.kind == QuestionKind.MULTIPLE:
            _tab_to(page, f"input[name='{name}']")
            page.keyboard.press("Space")
            expect(page.locator(f"input[name='{name}']:checked")).to_have_count(1)
        else:
            _tab_to(page, f"textarea[name='{name}']")
            page.keyboard.type("Færre skemaer")
    _tab_to(page, "[data-submit-answers]")
    page.keyboard.press("Enter")

    expect(page.locator("[data-answer-received]")).to_be_visible()
    assert_axe_clean(page)
    assert Response.objects.filter(round=open_round).count() == before + 1
    assert Response.objects.filter(round=open_round, unit__slug="veje-og-parker").exists()


@pytest.mark.parametrize("locale", ["da-DK", "en-US"])
def test_leader_sees_results_only_for_groups_of_five(
    site, new_context, log_in, assert_axe_clean, wellbeing, locale
):
    survey, rounds = wellbeing
    page = new_context(locale).new_page()
    log_in(page, "leder")

    page.goto(f"{site}/demo/surveys/")
    expect(page.locator("[data-survey-row]")).to_have_count(2)
    assert_axe_clean(page)
    page.locator(f"a[href$='/surveys/{survey.public_id}/']").first.click()
    expect(page.locator("[data-round-row]")).to_have_count(3)
    assert_axe_clean(page)

    # the spring round: 14 in Veje og Parker are shown, 3 in Byggeri og Miljø are not
    page.locator(f"a[href$='/rounds/{rounds[1].public_id}/results/']").click()
    respondents = page.locator("[data-respondents]")
    expect(respondents.locator("tr[data-group='veje-og-parker'] [data-n]")).to_have_text("14")
    expect(
        respondents.locator("tr[data-group='byggeri-og-miljo'] [data-suppressed]")
    ).to_have_count(1)
    expect(page.locator("[data-previous-round]")).to_be_visible()
    expect(page.locator("svg[role='img']").first).to_be_visible()
    assert_axe_clean(page)

    # the open round has at most a few answers per unit: no unit's figures are shown
    page.goto(f"{site}/demo/surveys/{survey.public_id}/rounds/{rounds[2].public_id}/results/")
    rows = page.locator("[data-respondents] tbody tr:not([data-group='all'])")
    expect(rows).to_have_count(4)
    expect(rows.locator("[data-suppressed]")).to_have_count(4)
    assert_axe_clean(page)
