"""A citizen on a phone reports a fault with a photo and a position, using only the keyboard.

Tab moves the focus, Space and the arrow keys choose, typing fills in, Enter
sends; the photo is given with `set_input_files` (a file chooser cannot be
driven by keys). axe-core checks every page of the journey.
"""

import io
import re
from typing import Any

import pytest
from PIL import Image

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
CATEGORY_CODE = "huller-i-vejen"  # demo: a fault with a required location
CATEGORY_NAME_DA = "Huller og skader i vej eller fortov"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 90, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def press_enter_and_wait(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_radio(page: Any, name: str, value: str) -> None:
    """Tab into the radio group, then move with the arrow keys until `value` is chosen."""
    tab_to(page, f"input[type=radio][name='{name}']")
    target = page.locator(f"input[name='{name}'][value='{value}']")
    for _ in range(40):
        if target.is_checked():
            return
        if page.evaluate("() => document.activeElement.checked"):
            page.keyboard.press("ArrowDown")
        else:
            page.keyboard.press("Space")
    raise AssertionError(f"could not choose {value} in {name}")


@pytest.mark.parametrize("language", ["da", "en"])
def test_citizen_reports_a_fault_on_a_phone_with_the_keyboard(
    site, request, assert_axe_clean, language
):
    page = request.getfixturevalue("page" if language == "da" else "page_en")
    page.set_viewport_size(PHONE)

    # The front door: "Report a fault"
    page.goto(f"{site}/demo/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_axe_clean(page)
    tab_to(page, "a[href$='/demo/report/fault/']")
    press_enter_and_wait(page)

    # Step 2: the category
    expect(
        page.get_by_text(CATEGORY_NAME_DA if language == "da" else "Potholes", exact=False).first
    ).to_be_visible()
    if language == "en":
        expect(page.get_by_text("Step 2 of 7")).to_be_visible()
    assert_axe_clean(page)
    choose_radio(page, "category", CATEGORY_CODE)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    # Step 3: describe (an empty title first: the error is shown at the field)
    expect(page).to_have_url(re.compile(r"/report/step/describe/$"))
    assert_axe_clean(page)
    tab_to(page, "#id_description")
    page.keyboard.type("Et dybt hul i cykelstien ud for nr. 12")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    expect(page.locator("#id_title_error")).to_be_visible()
    assert_axe_clean(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Hul i cykelstien")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    # Step 4: where (typed coordinates)
    expect(page).to_have_url(re.compile(r"/report/step/location/$"))
    assert_axe_clean(page)
    tab_to(page, "#id_lat")
    page.keyboard.type("55.7160")
    tab_to(page, "#id_lon")
    page.keyboard.type("11.7130")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    # Step 5: a photo
    expect(page).to_have_url(re.compile(r"/report/step/photos/$"))
    assert_axe_clean(page)
    page.locator("#id_photo").set_input_files(
        {"name": "hul.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    tab_to(page, "button[value=add]")
    press_enter_and_wait(page)
    expect(page.get_by_text(re.compile("800 \u00d7 600"))).to_be_visible()
    assert_axe_clean(page)
    tab_to(page, "button[value=next]")
    press_enter_and_wait(page)

    # Step 6: contact details
    expect(page).to_have_url(re.compile(r"/report/step/contact/$"))
    assert_axe_clean(page)
    tab_to(page, "#id_contact_email")
    page.keyboard.type("borger@example.test")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    # Step 7: check and send
    expect(page).to_have_url(re.compile(r"/report/step/review/$"))
    expect(page.get_by_text("Hul i cykelstien", exact=True)).to_be_visible()
    expect(page.get_by_text("borger@example.test")).to_be_visible()
    assert_axe_clean(page)
    tab_to(page, "form[data-report-final] button[type=submit]")
    press_enter_and_wait(page)

    # The receipt, with the tracking code
    expect(page).to_have_url(re.compile(r"/report/receipt/[A-Z0-9]{3}-[A-Z0-9]{3}/$"))
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", code)
    assert_axe_clean(page)
    tab_to(page, f"a[href$='/demo/status/{code}/']")
    press_enter_and_wait(page)

    # The status page shows the submission
    expect(page.get_by_role("heading", level=1)).to_have_text("Hul i cykelstien")
    expect(page.get_by_text(code).first).to_be_visible()
    assert_axe_clean(page)

    from enkelt.submissions.models import Submission

    submission = Submission.objects.get(tracking_code=code)
    assert submission.photos.count() == 1
    assert str(submission.lat) == "55.716000" and submission.language == language
