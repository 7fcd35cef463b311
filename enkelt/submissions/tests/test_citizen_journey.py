"""The report journey through the web forms: steps, errors at fields, drafts, sending.

Each test drives the views with Django's test client as a browser without
JavaScript would: one POST per step, following the redirects.
"""

import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from enkelt.audit.models import AuditEvent
from enkelt.submissions.citizen.photo_store import FOLDER
from enkelt.submissions.models import CategoryQuestion, Kind, Photo, Submission
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    MembershipFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fault(municipality):
    category = CategoryFactory.create(
        municipality=municipality,
        code="huller",
        kind=Kind.FAULT,
        name_da="Huller i vejen",
        name_en="Potholes",
        description_da="Et hul i asfalten.",
        description_en="A hole in the asphalt.",
        location_required=True,
    )
    CategoryQuestionFactory.create(
        category=category,
        code="size",
        label_en="How big?",
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST,
        choices=[
            {"key": "small", "name_da": "Lille", "name_en": "Small"},
            {"key": "large", "name_da": "Stor", "name_en": "Large"},
        ],
    )
    CategoryQuestionFactory.create(
        category=category,
        code="depth",
        label_en="Depth in cm",
        datatype=CategoryQuestion.Datatype.NUMBER,
    )
    return category


@pytest.fixture
def hassle(municipality):
    return CategoryFactory.create(
        municipality=municipality, code="bureaukrati", kind=Kind.HASSLE, name_en="Red tape"
    )


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(municipality, name, **kwargs):
    return reverse(f"submissions:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def step_url(municipality, step):
    return url(municipality, "report_step", step=step)


def jpeg(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def disguised_svg() -> SimpleUploadedFile:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("photo.jpg", svg, content_type="image/jpeg")


def temp_photos() -> list[str]:
    try:
        return default_storage.listdir(FOLDER)[1]
    except FileNotFoundError:
        return []


def field_error(response, field_id: str) -> str:
    """The error text shown at a field (DKFDS: `<span id="<field>_error">`)."""
    html = response.content.decode()
    match = re.search(rf'id="{field_id}_error">(.*?)</span>\s*(?:<|$)', html, re.S)
    assert match, f"no error shown at {field_id}"
    assert f'aria-describedby="{field_id}' in html or f"{field_id}_error" in html
    return re.sub(r"<[^>]+>", "", match.group(1))


def start(client, municipality, category):
    response = client.post(
        url(municipality, "report_kind", kind=category.kind), {"category": category.code}
    )
    assert response.status_code == 302
    return response


def describe(client, municipality, **data):
    values = {"title": "Hul i vejen", "description": "Et dybt hul ud for nr. 12"}
    values.update(data)
    return client.post(step_url(municipality, "describe"), values)


def locate(client, municipality, **data):
    values = {"address": "", "postal_code": "", "lat": "55.716", "lon": "11.713"}
    values.update(data)
    return client.post(step_url(municipality, "location"), values)


def walk_to_review(client, municipality, category, *, contact=None, photo=None):
    start(client, municipality, category)
    assert describe(client, municipality).status_code == 302
    assert locate(client, municipality).status_code == 302
    photos = {"action": "next"}
    if photo is not None:
        photos["photo"] = photo
    assert client.post(step_url(municipality, "photos"), photos).status_code == 302
    contact = contact if contact is not None else {"contact_email": "borger@example.test"}
    response = client.post(step_url(municipality, "contact"), contact)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == step_url(municipality, "review")


def draft_key(client) -> str:
    session = client.session
    drafts = [v for k, v in session.items() if k.startswith("enkelt_report_draft_")]
    assert len(drafts) == 1
    return drafts[0]["key"]


def send(client, municipality, **extra):
    return client.post(step_url(municipality, "review"), {"key": draft_key(client), **extra})


# ---------------------------------------------------------------------------
# Steps one by one
# ---------------------------------------------------------------------------


def test_kind_step_requires_a_choice_and_leads_to_the_categories(client_en, municipality):
    response = client_en.get(url(municipality, "report"), {"kind": ""})
    assert response.status_code == 200
    assert "Choose what it is about." in field_error(response, "id_kind")
    assert "Step 1 of 7" in response.content.decode()

    response = client_en.get(url(municipality, "report"), {"kind": "hassle"})
    assert response["Location"] == url(municipality, "report_kind", kind="hassle")
    # A page rendered before the form became a GET still works.
    response = client_en.post(url(municipality, "report"), {})
    assert "Choose what it is about." in field_error(response, "id_kind")
    response = client_en.post(url(municipality, "report"), {"kind": "idea"})
    assert response["Location"] == url(municipality, "report_kind", kind="idea")


def test_the_first_step_is_shared_by_anonymous_visitors_but_not_with_a_draft(
    client, municipality, fault, settings
):
    from django.core.cache import cache

    settings.ENKELT_PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    first = client.get(url(municipality, "report"))
    html = first.content.decode()
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in first.cookies and "max-age=30" in first["Cache-Control"]
    fault.municipality.name = "Omdøbt Kommune"
    fault.municipality.save()
    assert client.get(url(municipality, "report")).content == first.content  # from the cache

    start(client, municipality, fault)  # a draft: a session, and the kind preselected
    mine = client.get(url(municipality, "report"))
    assert "Omdøbt Kommune" in mine.content.decode()
    assert re.search(r'<input[^>]*value="fault"[^>]*checked', mine.content.decode())
    assert not re.search(r'<input[^>]*value="fault"[^>]*checked', html)
    assert "no-store" in mine["Cache-Control"]


def test_category_step_lists_active_categories_of_the_kind_with_descriptions(
    client_en, municipality, fault, hassle
):
    CategoryFactory.create(municipality=municipality, name_en="Retired", is_active=False)
    other = CategoryFactory.create(name_en="Elsewhere")  # another municipality

    response = client_en.get(url(municipality, "report_kind", kind="fault"))

    html = response.content.decode()
    assert "Potholes" in html and "A hole in the asphalt." in html
    assert 'aria-describedby="id_category_0_description"' in html
    assert "Red tape" not in html and "Retired" not in html and other.name_en not in html
    assert "Step 2 of 7" in html
    # Looking does not start a draft.
    assert not any(k.startswith("enkelt_report_draft_") for k in client_en.session.keys())  # noqa: SIM118 - not iterable


def test_category_step_refuses_unknown_kind_and_category(client_en, municipality, fault, hassle):
    assert client_en.get(url(municipality, "report_kind", kind="nonsense")).status_code == 404
    response = client_en.post(
        url(municipality, "report_kind", kind="fault"), {"category": hassle.code}
    )
    assert response.status_code == 200
    assert "Choose a category from the list." in field_error(response, "id_category")


def test_category_step_query_count_does_not_grow_with_categories(client, municipality):
    for _ in range(3):
        CategoryFactory.create(municipality=municipality)
    with CaptureQueriesContext(connection) as few:
        client.get(url(municipality, "report_kind", kind="fault"))
    for _ in range(12):
        category = CategoryFactory.create(municipality=municipality)
        CategoryQuestionFactory.create(category=category)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url(municipality, "report_kind", kind="fault"))
    assert response.content.decode().count('name="category"') == 15
    assert len(many) == len(few) <= 6, [q["sql"] for q in many.captured_queries]


def test_describe_errors_are_shown_at_the_field_and_the_draft_is_kept(
    client_en, municipality, fault
):
    start(client_en, municipality, fault)

    response = describe(client_en, municipality, title="", answer_depth="deep", answer_size="small")

    assert response.status_code == 200
    assert "Write a short title." in field_error(response, "id_title")
    # `depth` is a number question: checked by questions.py through the intake rules
    response = describe(client_en, municipality, answer_depth="deep")
    assert "Write a number." in field_error(response, "id_answer_depth")
    html = response.content.decode()
    assert 'value="Hul i vejen"' in html  # what was typed stays in the form
    # the draft survived the errors: the category is still chosen
    assert (
        client_en.get(url(municipality, "report_kind", kind="fault"))
        .content.decode()
        .count("checked")
        == 1
    )


def test_hassle_asks_what_to_do_instead(client_en, municipality, hassle):
    start(client_en, municipality, hassle)
    html = client_en.get(step_url(municipality, "describe")).content.decode()
    assert "What should we do instead?" in html
    assert "Which rule or requirement" not in html  # only employees are asked


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client, municipality, fault):
    start(client, municipality, fault)
    response = client.get(step_url(municipality, "review"))
    assert response["Location"] == step_url(municipality, "describe")


def test_without_a_draft_a_step_explains_and_stores_nothing(client_en, municipality):
    response = client_en.get(step_url(municipality, "contact"))
    assert response.status_code == 200
    assert "Your report was not found" in response.content.decode()
    response = client_en.post(step_url(municipality, "review"), {"key": "web-x"})
    assert "Your report was not found" in response.content.decode()
    assert not Submission.objects.exists()


def test_location_is_required_for_the_category(client_en, municipality, fault):
    start(client_en, municipality, fault)
    describe(client_en, municipality)

    response = locate(client_en, municipality, lat="", lon="")

    assert "Show where it is" in field_error(response, "id_address")


def test_coordinates_outside_denmark_are_refused_at_the_field(client_en, municipality, fault):
    start(client_en, municipality, fault)
    describe(client_en, municipality)

    response = locate(client_en, municipality, lat="48.8566", lon="2.3522")  # Paris

    assert "outside Denmark" in field_error(response, "id_lat")
    assert locate(client_en, municipality, address="Torvet 1", lat="", lon="").status_code == 302


def test_back_and_edit_keep_the_answers_and_return_to_the_review(client_en, municipality, fault):
    walk_to_review(client_en, municipality, fault)

    form = client_en.get(step_url(municipality, "describe")).content.decode()
    assert 'value="Hul i vejen"' in form and "Et dybt hul ud for nr. 12" in form
    response = describe(client_en, municipality, title="Stort hul")

    assert response["Location"] == step_url(municipality, "review")
    review = client_en.get(step_url(municipality, "review")).content.decode()
    assert "Stort hul" in review and "borger@example.test" in review
    assert review.count(step_url(municipality, "describe")) >= 1  # edit link


def test_changing_the_category_asks_the_describe_step_again(client_en, municipality, fault):
    other = CategoryFactory.create(municipality=municipality, kind=Kind.FAULT)
    walk_to_review(client_en, municipality, fault)

    response = start(client_en, municipality, other)

    assert response["Location"] == step_url(municipality, "describe")


# ---------------------------------------------------------------------------
# Photos
# ---------------------------------------------------------------------------


def test_photo_is_processed_at_the_step_and_attached_when_sent(
    client_en, municipality, fault, django_capture_on_commit_callbacks
):
    start(client_en, municipality, fault)
    describe(client_en, municipality)
    locate(client_en, municipality)

    response = client_en.post(
        step_url(municipality, "photos"), {"action": "add", "photo": jpeg((4000, 3000))}
    )

    assert response["Location"] == step_url(municipality, "photos")
    assert len(temp_photos()) == 1
    page = client_en.get(step_url(municipality, "photos")).content.decode()
    assert "1 photo added" in page and "2048 \u00d7 1536" in page  # resized by process_image
    client_en.post(step_url(municipality, "photos"), {"action": "next"})
    client_en.post(step_url(municipality, "contact"), {"is_anonymous": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        send(client_en, municipality)
    submission = Submission.objects.get()
    photo = Photo.objects.get(submission=submission)
    assert (photo.width, photo.height) == (2048, 1536)
    assert temp_photos() == []  # the draft's copy is gone


def test_disguised_svg_is_refused_with_a_clear_error_and_nothing_stored(
    client_en, municipality, fault
):
    start(client_en, municipality, fault)
    describe(client_en, municipality)
    locate(client_en, municipality)

    response = client_en.post(
        step_url(municipality, "photos"), {"action": "next", "photo": disguised_svg()}
    )

    assert response.status_code == 200
    assert "not a photo we can read" in field_error(response, "id_photo")
    assert temp_photos() == []
    session = client_en.session
    draft = next(v for k, v in session.items() if k.startswith("enkelt_report_draft_"))
    assert draft["photos"] == [] and "photos" not in draft["done"]


def test_photo_can_be_removed_and_at_most_three_are_kept(client_en, municipality, fault):
    start(client_en, municipality, fault)
    describe(client_en, municipality)
    locate(client_en, municipality)
    for _ in range(3):
        client_en.post(step_url(municipality, "photos"), {"action": "add", "photo": jpeg()})
    response = client_en.post(step_url(municipality, "photos"), {"action": "add", "photo": jpeg()})
    assert response.status_code == 200 and "at most 3 photos" in response.content.decode()
    assert len(temp_photos()) == 3

    name = sorted(temp_photos())[0]
    client_en.post(step_url(municipality, "photos"), {"remove": name})

    assert len(temp_photos()) == 2 and name not in temp_photos()


def test_photo_required_category_needs_a_photo(client_en, municipality):
    category = CategoryFactory.create(municipality=municipality, photo_required=True)
    start(client_en, municipality, category)
    describe(client_en, municipality)
    locate(client_en, municipality)
    response = client_en.post(step_url(municipality, "photos"), {"action": "next"})
    assert "This category needs a photo." in field_error(response, "id_photo")


# ---------------------------------------------------------------------------
# Contact, anonymity and sending
# ---------------------------------------------------------------------------


def test_anonymous_where_allowed(client_en, municipality, fault):
    walk_to_review(client_en, municipality, fault, contact={"is_anonymous": "on"})
    send(client_en, municipality)
    submission = Submission.objects.get()
    assert submission.is_anonymous and not submission.contact_email


def test_anonymous_refused_where_not_allowed(client_en, municipality):
    category = CategoryFactory.create(municipality=municipality, allow_anonymous=False)
    start(client_en, municipality, category)
    describe(client_en, municipality)
    locate(client_en, municipality)
    client_en.post(step_url(municipality, "photos"), {"action": "next"})

    page = client_en.get(step_url(municipality, "contact")).content.decode()
    assert 'name="is_anonymous"' not in page
    response = client_en.post(step_url(municipality, "contact"), {"is_anonymous": "on"})
    assert "Give an e-mail address or a phone number" in field_error(response, "id_contact_email")


def test_anonymous_with_contact_details_is_refused(client_en, municipality, fault):
    start(client_en, municipality, fault)
    describe(client_en, municipality)
    locate(client_en, municipality)
    client_en.post(step_url(municipality, "photos"), {"action": "next"})
    response = client_en.post(
        step_url(municipality, "contact"),
        {"is_anonymous": "on", "contact_email": "a@example.test"},
    )
    assert "Leave the contact details empty" in field_error(response, "id_is_anonymous")


def test_send_creates_one_submission_with_receipt_and_e_mail(
    client_en, municipality, fault, django_capture_on_commit_callbacks
):
    walk_to_review(client_en, municipality, fault)
    describe(client_en, municipality, answer_size="large", answer_depth="12")

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client_en, municipality)

    submission = Submission.objects.get()
    assert response["Location"] == url(
        municipality, "report_receipt", tracking_code=submission.tracking_code
    )
    assert submission.channel == Submission.Channel.WEB
    assert submission.answers == {"size": "large", "depth": "12"}
    assert submission.lat == Decimal("55.716000")
    assert submission.language == "en"
    receipt = client_en.get(response["Location"]).content.decode()
    assert submission.tracking_code in receipt
    assert url(municipality, "status", tracking_code=submission.tracking_code) in receipt
    assert "We aim to answer by" in receipt
    assert [m.to for m in mail.outbox] == [["borger@example.test"]]
    assert submission.tracking_code in mail.outbox[0].subject


def test_final_post_twice_creates_one_submission(client, municipality, fault):
    walk_to_review(client, municipality, fault, photo=jpeg())
    key = draft_key(client)

    first = client.post(step_url(municipality, "review"), {"key": key})
    second = client.post(step_url(municipality, "review"), {"key": key})

    assert Submission.objects.count() == 1
    assert Photo.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_receipt_is_only_shown_to_the_browser_that_sent_it(client, municipality, fault):
    walk_to_review(client, municipality, fault)
    location = send(client, municipality)["Location"]
    client.logout()
    client.cookies.clear()
    assert client.get(location).status_code == 404


# ---------------------------------------------------------------------------
# Employees
# ---------------------------------------------------------------------------


@pytest.fixture
def employee(municipality):
    return MembershipFactory.create(
        municipality=municipality, user__first_name="Eva", user__last_name="Ansat"
    )


@pytest.mark.parametrize(
    ("mode", "has_contact"),
    [("own_name", True), ("pseudonymous", False), ("internal", True)],
)
def test_employee_chooses_how_to_appear(
    client_en, municipality, hassle, employee, mode, has_contact
):
    client_en.force_login(employee.user)
    start(client_en, municipality, hassle)
    page = client_en.get(step_url(municipality, "describe")).content.decode()
    assert "Which rule or requirement is it about?" in page
    describe(
        client_en,
        municipality,
        suggestion="Drop the form",
        rule_text="Skema B7 om registrering",
    )
    client_en.post(step_url(municipality, "location"), {"address": "", "lat": "", "lon": ""})
    client_en.post(step_url(municipality, "photos"), {"action": "next"})
    response = client_en.post(step_url(municipality, "contact"), {})
    assert "Choose how you want to appear." in field_error(response, "id_employee_mode")
    client_en.post(step_url(municipality, "contact"), {"employee_mode": mode})

    send(client_en, municipality)

    submission = Submission.objects.get()
    assert submission.channel == Submission.Channel.EMPLOYEE
    assert submission.employee_mode == mode
    assert submission.submitted_by == employee.user
    assert submission.submitter_unit == employee.unit
    assert "Skema B7 om registrering" in submission.description
    assert submission.suggestion == "Drop the form"
    assert bool(submission.contact_email) is has_contact
    assert ("Eva Ansat" in submission.contact_name) is has_contact


def test_staff_of_another_municipality_takes_the_citizen_journey(client_en, municipality, fault):
    stranger = MembershipFactory.create(municipality=MunicipalityFactory.create())
    client_en.force_login(stranger.user)
    walk_to_review(client_en, municipality, fault)
    send(client_en, municipality)
    submission = Submission.objects.get()
    assert submission.channel == Submission.Channel.WEB and not submission.employee_mode


# ---------------------------------------------------------------------------
# Abuse: honeypot and rate limit
# ---------------------------------------------------------------------------


def test_honeypot_marks_the_submission_for_moderation_silently(client_en, municipality, fault):
    walk_to_review(client_en, municipality, fault)

    response = send(client_en, municipality, website="http://spam.example")

    submission = Submission.objects.get()
    assert response["Location"].endswith(f"/{submission.tracking_code}/")  # like any other
    assert submission.needs_moderation and "honeypot" in submission.moderation_note
    assert AuditEvent.objects.filter(verb="submission.flagged").count() == 1


def test_honeypot_is_hidden_and_out_of_the_tab_order(client_en, municipality, fault):
    walk_to_review(client_en, municipality, fault)
    html = client_en.get(step_url(municipality, "review")).content.decode()
    match = re.search(r'<div class="enkelt-hp">(.*?)</div>\s*</div>', html, re.S)
    assert match and "Leave this field empty" in match.group(1)
    assert 'tabindex="-1"' in match.group(1) and 'autocomplete="off"' in match.group(1)


def test_rate_limit_answers_429_and_stores_nothing(client_en, settings, municipality, fault):
    settings.ENKELT_SUBMISSION_RATE = "2/10m"
    for _ in range(2):
        walk_to_review(client_en, municipality, fault)
        assert send(client_en, municipality).status_code == 302
    walk_to_review(client_en, municipality, fault)

    response = send(client_en, municipality)

    assert response.status_code == 429
    assert "Too many reports from your connection" in response.content.decode()
    assert Submission.objects.count() == 2
    assert draft_key(client_en)  # what was written is kept for later


def test_rate_limit_does_not_apply_to_logged_in_staff(client, settings, municipality, fault):
    settings.ENKELT_SUBMISSION_RATE = "1/10m"
    client.force_login(MembershipFactory.create(municipality=municipality).user)
    for _ in range(2):
        walk_to_review(client, municipality, fault, contact={"employee_mode": "own_name"})
        assert send(client, municipality).status_code == 302
    assert Submission.objects.count() == 2


def test_an_outage_while_saving_the_draft_is_a_retryable_503(client_en, municipality, fault):
    """Found by the drills: Django reports a failed session update as 400 "session deleted"."""
    from unittest import mock

    from django.contrib.sessions.models import Session
    from django.db import OperationalError

    start(client_en, municipality, fault)
    client_en.raise_request_exception = False
    original_save = Session.save

    def update_fails(self, *args, **kwargs):
        if kwargs.get("force_update"):
            raise OperationalError("server closed the connection unexpectedly")
        return original_save(self, *args, **kwargs)

    with mock.patch.object(Session, "save", update_fails):
        response = describe(client_en, municipality)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "server closed" not in response.content.decode()
    # The retry, with the database back, goes on from where the draft was.
    response = describe(client_en, municipality)
    assert response.status_code == 302
    assert response["Location"] == step_url(municipality, "location")


def test_a_session_deleted_by_a_concurrent_request_is_still_refused(client_en, municipality, fault):
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.models import Session

    from enkelt.core.sessions import SessionStore

    store = SessionStore()
    store["draft"] = {"step": 1}
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()
    store["draft"] = {"step": 2}
    with pytest.raises(UpdateError):
        store.save()
