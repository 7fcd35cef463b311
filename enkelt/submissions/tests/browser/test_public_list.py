"""The public list, map and page of a submission in a real browser, Danish and English."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails in CI) with the reason
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRIVATE_EMAIL = "privat.borger@example.org"


@pytest.fixture
def published(site, settings, tmp_path):
    """A public fault with a photo in `demo`, its text holding a phone number to mask."""
    from enkelt.submissions.models import Category, Photo
    from enkelt.submissions.services import submission_answer, submission_create
    from enkelt.tenants.models import Municipality

    settings.MEDIA_ROOT = tmp_path
    municipality = Municipality.objects.get(slug="demo")
    category = Category.objects.filter(municipality=municipality, kind="fault").first()
    submission = submission_create(
        actor=None,
        municipality=municipality,
        category=category,
        title="Væltet vejskilt ved Ahlgade",
        description="Skiltet ligger på fortovet. Ring 87654321.",
        lat="55.7160",
        lon="11.7130",
        address="Ahlgade 1, 4300 Holbæk",
        contact_email=PRIVATE_EMAIL,
        answers={q.code: "1" for q in category.questions.filter(required=True)},
    )
    submission_answer(
        actor=None, municipality=municipality, submission=submission, text="Skiltet er rejst."
    )
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    Photo.objects.create(
        municipality=municipality,
        submission=submission,
        image=SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg"),
        width=40,
        height=30,
    )
    return submission


def _with_map(settings, site):
    # Tiles from the site itself (they 404, which Leaflet tolerates): CSP allows 'self'.
    settings.ENKELT_MAP_TILE_URL = f"{site}/static/no-tiles/{{z}}/{{x}}/{{y}}.png"


@pytest.mark.parametrize(
    ("fixture", "lang", "heading"), [("page", "da", None), ("page_en", "en", "Submissions")]
)
def test_public_list_map_and_page(
    request, site, settings, published, assert_axe_clean, fixture, lang, heading
):
    page = request.getfixturevalue(fixture)
    _with_map(settings, site)

    # the list: masked text, no contact details, and the map fetching its markers
    with page.expect_response(lambda r: "/demo/submissions/map.json" in r.url) as markers:
        page.goto(f"{site}/demo/submissions/")
    assert markers.value.ok
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    link = page.get_by_role("link", name=published.public_title)
    expect(link).to_be_visible()
    assert "87654321" not in published.public_title + published.public_description
    expect(page.locator("#public-map")).to_be_visible()
    # one marker per public report with a position: the demo's own and this one
    from enkelt.submissions.selectors import public_submissions

    on_map = (
        public_submissions(municipality=published.municipality).filter(lat__isnull=False).count()
    )
    assert on_map >= 1
    expect(page.locator("#public-map")).to_have_attribute("data-markers", str(on_map))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(on_map)
    expect(page.get_by_role("button", name="Væltet vejskilt ved Ahlgade")).to_be_visible()
    assert PRIVATE_EMAIL not in page.content()
    assert_axe_clean(page)

    # the page of the submission
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published.public_title)
    expect(page.get_by_text("Skiltet er rejst.")).to_be_visible()
    expect(page.get_by_text("Skiltet ligger på fortovet. Ring […].")).to_be_visible()
    photo = page.locator(".enkelt-public-photos img")
    expect(photo).to_have_count(1)
    assert page.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 40
    assert PRIVATE_EMAIL not in page.content()
    assert_axe_clean(page)


def test_public_list_works_without_javascript(site, settings, published, new_context):
    _with_map(settings, site)
    page = new_context("en-US", java_script_enabled=False).new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))

    page.goto(f"{site}/demo/submissions/")

    expect(page.get_by_role("link", name=published.public_title)).to_be_visible()
    expect(page.locator("#public-map")).to_be_hidden()
    assert not any("map.json" in url for url in requested)
    # filtering is a plain GET form
    page.get_by_label("Kind").select_option("idea")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{site}/demo/submissions/?kind=idea&category=")
    expect(page.get_by_role("link", name=published.public_title)).to_have_count(0)
