"""Open311 GeoReport v2 conformance: every endpoint in both formats, every error in open311.md."""

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from enkelt.open311.keys import api_key_revoke
from enkelt.open311.tests.responses import (
    BASE,
    KEY,
    OTHER_KEY,
    errors_of,
    jpeg_bytes,
    parse,
    post_data,
    url,
)
from enkelt.submissions.models import Photo, Submission, SubmissionEvent
from enkelt.submissions.services import (
    submission_add_note,
    submission_answer,
    submission_create,
    submission_set_hidden,
    submission_transition,
)

FORMATS = ["json", "xml"]
# ISO 8601 with an offset or Z and without fractional seconds.
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$")
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def _submit(world, **kwargs):
    """A submission stored through the service (as the web form would), public by default."""
    values = {
        "actor": None,
        "municipality": world.municipality,
        "category": world.pothole,
        "title": "Hul i vejen",
        "description": "Ring til mig på 12345678 eller skriv til privat@example.org",
        "lat": "55.716",
        "lon": "11.713",
        "address": "Algade 1",
        "postal_code": "4300",
        "contact_name": "Hemmelig Borgersen",
        "contact_email": "hemmelig@example.org",
        "contact_phone": "+45 87 65 43 21",
    }
    values.update(kwargs)
    return submission_create(**values)


def _xml_request(element):
    return {child.tag: (child.text or "") for child in element}


# ---------------------------------------------------------------------------
# Discovery, services, service definitions
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery(client, world, fmt):
    response = client.get(url("discovery", fmt))
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        endpoint = data["endpoints"][0]
        assert endpoint["url"] == "http://testserver/open311/v2/"
        assert endpoint["formats"] == ["text/xml", "application/json"]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert DATETIME.match(data["changeset"])
    else:
        assert data.tag == "discovery"
        assert data.findtext("endpoints/endpoint/url") == "http://testserver/open311/v2/"
        formats = [f.text for f in data.findall("endpoints/endpoint/formats/format")]
        assert formats == ["text/xml", "application/json"]
        assert DATETIME.match(data.findtext("changeset"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_lists_active_fault_categories(client, world, fmt):
    response = client.get(url("services", fmt), {"jurisdiction_id": "alfa"})
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "xml":
        assert data.tag == "services"
        assert {child.tag for child in data} == {"service"}
        services = [_xml_request(s) for s in data]
        assert [s["metadata"] for s in services] == ["true", "true", "false"]
    else:
        services = data
        assert [s["metadata"] for s in services] == [True, True, False]
    assert [s["service_code"] for s in services] == ["huller", "affald", "graffiti"]
    pothole = services[0]
    assert pothole["service_name"] == "Huller i vejen"  # Danish by default
    assert pothole["description"] == "Et hul i asfalten."
    assert pothole["type"] == "realtime"
    assert pothole["group"] == "Veje og parker"
    for service in services:
        keywords = {k.strip() for k in service["keywords"].split(",")}
        assert not keywords & {"private", "inactive", "staff", "waste_only"}
        assert isinstance(service["service_code"], str)


def test_services_in_english_by_accept_language(client, world):
    response = client.get(url("services"), {"jurisdiction_id": "alfa"}, HTTP_ACCEPT_LANGUAGE="en")
    names = [s["service_name"] for s in parse(response, "json")]
    assert names[:2] == ["Potholes", "Waste collection missed"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_exposes_questions_as_attributes(client, world, fmt):
    response = client.get(url("services/huller", fmt), {"jurisdiction_id": "alfa"})
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        assert data["service_code"] == "huller"
        attributes = data["attributes"]
        size = attributes[0]
        assert size["variable"] is True and size["required"] is False
        assert size["order"] == 1 and isinstance(size["order"], int)
        assert size["values"] == [
            {"key": "small", "name": "Lille"},
            {"key": "large", "name": "Stor"},
        ]
    else:
        assert data.tag == "service_definition"
        assert data.findtext("service_code") == "huller"
        attributes = [_xml_request(a) for a in data.findall("attributes/attribute")]
        size = attributes[0]
        assert size["variable"] == "true" and size["required"] == "false"
        assert size["order"] == "1"
        keys = [v.findtext("key") for v in data.findall("attributes/attribute/values/value")]
        assert keys[:2] == ["small", "large"]
    assert [a["code"] for a in attributes] == ["size", "where", "depth"]
    assert [a["datatype"] for a in attributes] == ["singlevaluelist", "multivaluelist", "number"]
    assert size["description"] == "Hvor stor?"


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_without_questions(client, world, fmt):
    response = client.get(url("services/graffiti", fmt), {"jurisdiction_id": "alfa"})
    data = parse(response, fmt)
    if fmt == "json":
        assert data == {"service_code": "graffiti", "attributes": []}
    else:
        assert data.find("attributes") is not None
        assert list(data.find("attributes")) == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", ["findes-ikke", "bovl", "gammel"])
def test_unknown_hassle_or_inactive_service_is_404(client, world, fmt, code):
    response = client.get(url(f"services/{code}", fmt), {"jurisdiction_id": "alfa"})
    assert response.status_code == 404
    assert "service_code" in errors_of(response, fmt)[0]["description"]


# ---------------------------------------------------------------------------
# Jurisdiction
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "resource", ["services", "services/huller", "requests", "tokens/abc", "servicerequestupdates"]
)
def test_jurisdiction_missing_empty_or_unknown(client, world, fmt, resource):
    assert client.get(url(resource, fmt)).status_code == 400
    response = client.get(url(resource, fmt), {"jurisdiction_id": ""})
    assert response.status_code == 400
    assert "jurisdiction_id" in errors_of(response, fmt)[0]["description"]
    response = client.get(url(resource, fmt), {"jurisdiction_id": "ukendt"})
    assert response.status_code == 404
    errors_of(response, fmt)


def test_jurisdiction_may_be_omitted_with_one_municipality(client, world):
    world.other.delete()
    response = client.get(url("services"))
    assert response.status_code == 200
    assert parse(response, "json")[0]["service_code"] == "huller"


def test_jurisdiction_separates_municipalities(client, world):
    beta = client.get(url("services"), {"jurisdiction_id": "beta"})
    assert [s["service_name"] for s in parse(beta, "json")] == ["Beta huller"]


# ---------------------------------------------------------------------------
# POST requests
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_urlencoded_creates_a_submission(client, world, fmt):
    response = client.post(url("requests", fmt), post_data())
    assert response.status_code == 200, response.content
    data = parse(response, fmt)
    if fmt == "json":
        assert isinstance(data, list) and len(data) == 1
        created = data[0]
        assert "token" not in created
    else:
        assert data.tag == "service_requests"
        assert [child.tag for child in data] == ["request"]
        created = _xml_request(data[0])
        assert "token" not in created
    submission = Submission.objects.get()
    assert created["service_request_id"] == submission.tracking_code
    assert isinstance(created["service_request_id"], str)
    assert created["service_notice"]
    assert submission.channel == Submission.Channel.OPEN311
    assert submission.municipality == world.municipality
    assert submission.category == world.pothole
    assert submission.lat == Decimal("55.716000") and submission.lon == Decimal("11.713000")
    assert submission.contact_email == "borger@example.org"
    assert submission.contact_name == "Bodil Borgersen"
    assert submission.contact_phone == "+45 11 22 33 44"
    assert submission.description == "Stort hul foran nummer 12"
    assert submission.title == "Stort hul foran nummer 12"
    assert not submission.is_anonymous


def test_post_multipart_with_photo(client, world):
    photo = SimpleUploadedFile("hul.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(url("requests"), {**post_data(), "media": photo})
    assert response.status_code == 200, response.content
    submission = Submission.objects.get()
    stored = Photo.objects.get(submission=submission)
    assert stored.width == 40 and stored.height == 30


@pytest.mark.parametrize("field", ["media", "media[]", "photo1"])
def test_photo_in_any_file_field(client, world, field):
    photo = SimpleUploadedFile("x.png", jpeg_bytes(), content_type="image/png")
    response = client.post(url("requests"), {**post_data(), field: photo})
    assert response.status_code == 200, response.content
    assert Photo.objects.filter(submission__municipality=world.municipality).count() == 1


def test_uploaded_photo_is_exposed_as_absolute_media_url(client, world):
    try:
        reverse("submissions:photo", kwargs={"municipality_slug": "x", "photo_id": uuid.uuid4()})
    except NoReverseMatch:
        pytest.skip("the photo-serving view (submissions:photo) does not exist yet")
    photo = SimpleUploadedFile("hul.jpg", jpeg_bytes(), content_type="image/jpeg")
    created = parse(client.post(url("requests"), {**post_data(), "media": photo}), "json")[0]
    response = client.get(
        url(f"requests/{created['service_request_id']}"), {"jurisdiction_id": "alfa"}
    )
    media_url = parse(response, "json")[0]["media_url"]
    assert media_url.startswith("http://testserver/")
    image = client.get(media_url.removeprefix("http://testserver"))
    assert image.status_code == 200
    assert image["Content-Type"].startswith("image/")


@pytest.mark.parametrize("fmt", FORMATS)
def test_disguised_photo_is_a_400_and_stores_nothing(client, world, fmt):
    fake = SimpleUploadedFile("hul.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.post(url("requests", fmt), {**post_data(), "media": fake})
    assert response.status_code == 400
    assert "hul.jpg" in errors_of(response, fmt)[0]["description"]
    assert not Submission.objects.exists()


def test_api_key_and_jurisdiction_from_query_string(client, world):
    body = post_data(api_key=None, jurisdiction_id=None)
    response = client.post(f"{url('requests')}?api_key={KEY}&jurisdiction_id=alfa", body)
    assert response.status_code == 200, response.content
    assert Submission.objects.get().municipality == world.municipality


def test_api_key_from_body_and_jurisdiction_from_query_string(client, world):
    response = client.post(
        f"{url('requests')}?jurisdiction_id=alfa", post_data(jurisdiction_id=None)
    )
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", [None, "", "forkert-nøgle", OTHER_KEY])
def test_missing_wrong_or_foreign_api_key_is_403(client, world, fmt, key):
    response = client.post(url("requests", fmt), post_data(api_key=key))
    assert response.status_code == 403
    assert "api_key" in errors_of(response, fmt)[0]["description"]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_revoked_api_key_is_403(client, world, fmt):
    api_key_revoke(actor=None, municipality=world.municipality, api_key=world.api_key)
    response = client.post(url("requests", fmt), post_data())
    assert response.status_code == 403
    errors_of(response, fmt)
    assert not Submission.objects.exists()


def test_api_key_use_is_recorded(client, world):
    assert world.api_key.last_used_at is None
    client.post(url("requests"), post_data())
    world.api_key.refresh_from_db()
    assert world.api_key.last_used_at is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_without_jurisdiction_is_400(client, world, fmt):
    response = client.post(url("requests", fmt), post_data(jurisdiction_id=None))
    assert response.status_code == 400
    errors_of(response, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_service_code_is_400(client, world, fmt):
    response = client.post(url("requests", fmt), post_data(service_code=""))
    assert response.status_code == 400
    assert "service_code" in errors_of(response, fmt)[0]["description"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_service_code_is_404(client, world, fmt):
    response = client.post(url("requests", fmt), post_data(service_code="bovl"))
    assert response.status_code == 404
    errors_of(response, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_location_is_400(client, world, fmt):
    response = client.post(url("requests", fmt), post_data(lat=None, long=None))
    assert response.status_code == 400
    # Danish by default, as the municipality speaks
    assert "placering" in errors_of(response, fmt)[0]["description"]
    response = client.post(
        url("requests", fmt), post_data(lat=None, long=None), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "location" in errors_of(response, fmt)[0]["description"]


@pytest.mark.parametrize(
    "location",
    [{"address_string": "Algade 1, 4300 Holbæk"}, {"address_id": "0a3f50a0-73bf-32b8-e044"}],
)
def test_address_alone_is_a_location(client, world, location):
    response = client.post(url("requests"), post_data(lat=None, long=None, **location))
    assert response.status_code == 200, response.content
    assert Submission.objects.get().address == next(iter(location.values()))


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_required_attribute_is_400(client, world, fmt):
    response = client.post(url("requests", fmt), post_data(service_code="affald"))
    assert response.status_code == 400
    assert "attribute[bin]" in errors_of(response, fmt)[0]["description"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "bad",
    [
        {"lat": "nord", "long": "11.7"},
        {"lat": "40.0", "long": "-3.7"},  # Madrid: outside Denmark
        {"email": "ikke-en-adresse"},
        {"attribute[size]": "enorm"},
        {"attribute[depth]": "dyb"},
    ],
)
def test_malformed_values_are_400(client, world, fmt, bad):
    response = client.post(url("requests", fmt), post_data(**bad))
    assert response.status_code == 400
    errors_of(response, fmt)
    assert not Submission.objects.exists()


def test_anonymous_report_where_not_allowed_is_400(client, world):
    response = client.post(
        url("requests"),
        post_data(
            service_code="affald",
            email=None,
            phone=None,
            first_name=None,
            last_name=None,
            **{"attribute[bin]": "food"},
        ),
    )
    assert response.status_code == 400
    assert "email" in errors_of(response, "json")[0]["description"]


def test_anonymous_report_is_stored_anonymous(client, world):
    response = client.post(
        url("requests"), post_data(email=None, phone=None, first_name=None, last_name=None)
    )
    assert response.status_code == 200, response.content
    assert Submission.objects.get().is_anonymous


def test_unknown_attributes_and_parameters_are_ignored(client, world):
    data = post_data(
        deviceid="abc",
        device_id="phone-1",
        account_id="42",
        **{
            "attribute[size]": "large",
            "attribute[colour]": "red",
            "attribute[where][]": ["lane", "kerb"],
            "attribute[]": "nothing",
            "attribute[depth]": "12,5",
        },
    )
    response = client.post(url("requests"), data)
    assert response.status_code == 200, response.content
    answers = Submission.objects.get().answers
    assert answers == {"size": "large", "where": ["lane", "kerb"], "depth": "12.5"}


def test_over_long_description_is_stored_whole(client, world):
    text = "Et meget langt hul. " * 2000  # 40,000 characters
    response = client.post(url("requests"), post_data(description=text))
    assert response.status_code == 200, response.content
    submission = Submission.objects.get()
    assert submission.description == text.strip()
    assert len(submission.title) <= 80


def test_client_media_urls_are_kept_for_staff(client, world):
    data = post_data(media_url=["https://app.example/p/1.jpg", "javascript:alert(1)"])
    assert client.post(url("requests"), data).status_code == 200
    description = Submission.objects.get().description
    assert "https://app.example/p/1.jpg" in description
    assert "javascript" not in description


def test_idempotency_key_retry_creates_nothing_new(client, world):
    photo = SimpleUploadedFile("hul.jpg", jpeg_bytes(), content_type="image/jpeg")
    first = client.post(
        url("requests"), {**post_data(), "media": photo}, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    photo = SimpleUploadedFile("hul.jpg", jpeg_bytes(), content_type="image/jpeg")
    again = client.post(
        url("requests"), {**post_data(), "media": photo}, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == again.status_code == 200
    assert parse(first, "json") == parse(again, "json")
    assert Submission.objects.count() == 1
    assert Photo.objects.count() == 1
    other = client.post(url("requests"), post_data(), HTTP_IDEMPOTENCY_KEY="k-2")
    assert (
        parse(other, "json")[0]["service_request_id"]
        != parse(first, "json")[0]["service_request_id"]
    )


def test_too_long_idempotency_key_is_400(client, world):
    response = client.post(url("requests"), post_data(), HTTP_IDEMPOTENCY_KEY="k" * 201)
    assert response.status_code == 400
    assert "Idempotency-Key" in errors_of(response, "json")[0]["description"]


def test_post_is_not_redirected_and_needs_no_csrf_token(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url("requests"), post_data())
    assert response.status_code == 200
    with_slash = strict.post(url("requests") + "/", post_data())
    assert with_slash.status_code == 404
    errors_of(with_slash, "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_malformed_multipart_body_is_400(client, world, fmt):
    response = client.generic(
        "POST",
        url("requests", fmt),
        b"--nope\r\nContent-Disposition: form-data; name=\xff\r\n\r\nx",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    errors_of(response, fmt)


def test_invalid_utf8_in_urlencoded_body_never_breaks(client, world):
    body = b"jurisdiction_id=alfa&api_key=" + KEY.encode() + b"&service_code=huller"
    body += b"&lat=55.7&long=11.7&description=%ff%fe%00hul\xff"
    response = client.generic(
        "POST", url("requests"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200, response.content
    assert "\x00" not in Submission.objects.get().description


def test_unknown_charset_is_400(client, world):
    response = client.generic(
        "POST",
        url("requests"),
        b"api_key=x",
        content_type="application/x-www-form-urlencoded; charset=bogus-8",
    )
    assert response.status_code == 400
    errors_of(response, "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_method_not_allowed(client, world, fmt):
    response = client.delete(url("requests", fmt))
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "POST" in response["Allow"]
    errors_of(response, fmt)
    assert client.post(url("services", fmt)).status_code == 405


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_resource_is_an_open311_404(client, world, fmt):
    response = client.get(f"{BASE}findes/ikke.{fmt}")
    assert response.status_code == 404
    errors_of(response, fmt)


# ---------------------------------------------------------------------------
# GET requests
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_requests_fields_and_types(client, world, fmt):
    submission = _submit(world)
    response = client.get(url("requests", fmt), {"jurisdiction_id": "alfa"})
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        assert isinstance(data, list) and len(data) == 1
        request = data[0]
        assert isinstance(request["lat"], float) and isinstance(request["long"], float)
        assert request["lat"] == 55.716 and request["long"] == 11.713
    else:
        assert data.tag == "service_requests"
        assert [c.tag for c in data] == ["request"]
        request = _xml_request(data[0])
        assert float(request["lat"]) == 55.716
    assert list(request) == REQUEST_FIELDS
    assert request["service_request_id"] == submission.tracking_code
    assert request["status"] == "open"
    assert request["service_code"] == "huller"
    assert request["service_name"] == "Huller i vejen"
    assert request["agency_responsible"] == "Veje og parker"
    assert request["address"] == "Algade 1"
    assert request["zipcode"] == "4300"
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert DATETIME.match(request[name]), request[name]
    assert request["requested_datetime"].endswith(("+01:00", "+02:00"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_requests_shows_no_personal_data(client, world, fmt):
    _submit(world)
    body = client.get(url("requests", fmt), {"jurisdiction_id": "alfa"}).content.decode()
    for private in (
        "Hemmelig",
        "hemmelig@example.org",
        "87 65 43 21",
        "12345678",
        "privat@example.org",
    ):
        assert private not in body
    assert "[…]" in body  # the masked public copy


def test_get_requests_leaves_out_hidden_internal_hassle_and_other_municipalities(client, world):
    shown = _submit(world)
    hidden = _submit(world)
    submission_set_hidden(
        actor=None, municipality=world.municipality, submission=hidden, is_hidden=True, reason="x"
    )
    _submit(world, category=world.hassle, lat=None, lon=None)
    flagged = _submit(world)
    Submission.objects.filter(pk=flagged.pk).update(needs_moderation=True)
    _submit(world, municipality=world.other, category=world.other.categories.get())
    data = parse(client.get(url("requests"), {"jurisdiction_id": "alfa"}), "json")
    assert [r["service_request_id"] for r in data] == [shown.tracking_code]


def test_status_maps_to_open_and_closed_with_the_answer_as_status_notes(client, world):
    open_one = _submit(world)
    answered = _submit(world)
    submission_answer(
        actor=None, municipality=world.municipality, submission=answered, text="Hullet er lappet."
    )
    params = {"jurisdiction_id": "alfa"}
    data = {r["service_request_id"]: r for r in parse(client.get(url("requests"), params), "json")}
    assert data[open_one.tracking_code]["status"] == "open"
    assert data[answered.tracking_code]["status"] == "closed"
    assert data[answered.tracking_code]["status_notes"] == "Hullet er lappet."
    closed = parse(client.get(url("requests"), {**params, "status": "closed"}), "json")
    assert [r["service_request_id"] for r in closed] == [answered.tracking_code]
    both = parse(client.get(url("requests"), {**params, "status": "open,closed"}), "json")
    assert len(both) == 2


def test_service_request_id_overrides_other_filters(client, world):
    one, two, _three = _submit(world), _submit(world), _submit(world)
    response = client.get(
        url("requests"),
        {
            "jurisdiction_id": "alfa",
            "service_request_id": f"{one.tracking_code},{two.tracking_code.lower()},XXX",
            "service_code": "graffiti",
            "status": "closed",
        },
    )
    ids = {r["service_request_id"] for r in parse(response, "json")}
    assert ids == {one.tracking_code, two.tracking_code}


def test_unknown_service_request_ids_match_nothing(client, world):
    _submit(world)
    response = client.get(url("requests"), {"jurisdiction_id": "alfa", "service_request_id": "x"})
    assert parse(response, "json") == []


def test_filter_by_service_code_list(client, world):
    pothole = _submit(world)
    graffiti = _submit(world, category=world.graffiti)
    params = {"jurisdiction_id": "alfa"}
    only = parse(client.get(url("requests"), {**params, "service_code": "graffiti"}), "json")
    assert [r["service_request_id"] for r in only] == [graffiti.tracking_code]
    both = parse(client.get(url("requests"), {**params, "service_code": "graffiti,huller"}), "json")
    assert {r["service_request_id"] for r in both} == {
        pothole.tracking_code,
        graffiti.tracking_code,
    }


def test_default_window_is_90_days_and_dates_filter(client, world):
    recent = _submit(world)
    old = _submit(world)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=120))
    params = {"jurisdiction_id": "alfa"}
    default = parse(client.get(url("requests"), params), "json")
    assert [r["service_request_id"] for r in default] == [recent.tracking_code]
    start = (timezone.now() - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S+01:00")
    ranged = parse(
        client.get(url("requests"), {**params, "start_date": start, "end_date": end}), "json"
    )
    assert [r["service_request_id"] for r in ranged] == [old.tracking_code]


@pytest.mark.parametrize(
    "start_date",
    ["2020-01-01T00:00:00Z", "2020-01-01T01:00:00+01:00", "2020-01-01T01:00:00 01:00"],
)
def test_input_dates_accept_z_offsets_and_an_unencoded_plus(client, world, start_date):
    submission = _submit(world)
    # Passed raw in the query string: an unencoded `+` arrives as a space.
    query = f"jurisdiction_id=alfa&start_date={start_date.replace(' ', '+')}"
    response = client.get(f"{url('requests')}?{query}")
    assert response.status_code == 200, response.content
    assert [r["service_request_id"] for r in parse(response, "json")] == [submission.tracking_code]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "igår"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"updated_after": "9999-12-31T23:59:59-23:59"},
        {"status": "pending"},
        {"page": "0"},
        {"page_size": "1001"},
        {"page": "-1"},
    ],
)
def test_malformed_filters_are_400(client, world, fmt, params):
    response = client.get(url("requests", fmt), {"jurisdiction_id": "alfa", **params})
    assert response.status_code == 400
    errors_of(response, fmt)


def test_updated_after_and_before(client, world):
    changed = _submit(world)
    unchanged = _submit(world)
    Submission.objects.filter(pk=unchanged.pk).update(updated_at=timezone.now() - timedelta(days=5))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    params = {"jurisdiction_id": "alfa"}
    after = parse(client.get(url("requests"), {**params, "updated_after": since}), "json")
    assert [r["service_request_id"] for r in after] == [changed.tracking_code]
    before = parse(client.get(url("requests"), {**params, "updated_before": since}), "json")
    assert [r["service_request_id"] for r in before] == [unchanged.tracking_code]


def test_page_and_page_size(client, world):
    made = [_submit(world) for _ in range(5)]
    newest_first = [s.tracking_code for s in reversed(made)]
    params = {"jurisdiction_id": "alfa", "page_size": "2"}
    pages = [
        [
            r["service_request_id"]
            for r in parse(client.get(url("requests"), {**params, "page": p}), "json")
        ]
        for p in ("1", "2", "3", "4")
    ]
    assert pages == [newest_first[:2], newest_first[2:4], newest_first[4:], []]


# ---------------------------------------------------------------------------
# GET requests/{id}, tokens/{token}
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_one_request_is_a_list_of_one(client, world, fmt):
    submission = _submit(world)
    response = client.get(
        url(f"requests/{submission.tracking_code}", fmt), {"jurisdiction_id": "alfa"}
    )
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        assert isinstance(data, list) and len(data) == 1
        assert data[0]["service_request_id"] == submission.tracking_code
    else:
        assert data.tag == "service_requests"
        assert [c.tag for c in data] == ["request"]
        assert data.findtext("request/service_request_id") == submission.tracking_code


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_or_foreign_request_is_404(client, world, fmt):
    foreign = _submit(world, municipality=world.other, category=world.other.categories.get())
    for code in ("ABC-DEF", foreign.tracking_code):
        response = client.get(url(f"requests/{code}", fmt), {"jurisdiction_id": "alfa"})
        assert response.status_code == 404
        errors_of(response, fmt)


def test_hidden_request_is_404(client, world):
    submission = _submit(world)
    submission_set_hidden(
        actor=None,
        municipality=world.municipality,
        submission=submission,
        is_hidden=True,
        reason="x",
    )
    response = client.get(url(f"requests/{submission.tracking_code}"), {"jurisdiction_id": "alfa"})
    assert response.status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_tokens_are_always_unknown(client, world, fmt):
    response = client.get(url("tokens/12345", fmt), {"jurisdiction_id": "alfa"})
    assert response.status_code == 404
    assert "token" in errors_of(response, fmt)[0]["description"]


# ---------------------------------------------------------------------------
# servicerequestupdates (mySociety)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_request_updates(client, world, fmt):
    submission = _submit(world)
    submission_transition(
        actor=None, municipality=world.municipality, submission=submission, to_status="in_progress"
    )
    submission_add_note(
        actor=None,
        municipality=world.municipality,
        submission=submission,
        text="SKJULT intern note",
        is_public=False,
    )
    submission_add_note(
        actor=None,
        municipality=world.municipality,
        submission=submission,
        text="Vi kommer i morgen.",
        is_public=True,
    )
    submission_answer(
        actor=None, municipality=world.municipality, submission=submission, text="Lappet."
    )
    start = (timezone.now() - timedelta(hours=1)).isoformat()
    response = client.get(
        url("servicerequestupdates", fmt), {"jurisdiction_id": "alfa", "start_date": start}
    )
    assert response.status_code == 200
    assert "SKJULT" not in response.content.decode()
    data = parse(response, fmt)
    if fmt == "xml":
        assert data.tag == "service_requests_updates"
        assert {c.tag for c in data} == {"request_update"}
        data = [_xml_request(c) for c in data]
    assert [u["description"] for u in data] == ["", "Vi kommer i morgen.", "", "Lappet."]
    assert [u["status"] for u in data] == ["open", "closed", "closed", "closed"]
    assert all(u["service_request_id"] == submission.tracking_code for u in data)
    assert all(DATETIME.match(u["updated_datetime"]) for u in data)
    ids = [u["update_id"] for u in data]
    assert all(isinstance(i, str) for i in ids) and len(set(ids)) == 4
    events = SubmissionEvent.objects.filter(submission=submission, is_public=True)
    assert {str(e.pk) for e in events} >= set(ids)
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    response = client.get(
        url("servicerequestupdates", fmt), {"jurisdiction_id": "alfa", "start_date": later}
    )
    assert response.status_code == 200


def test_service_request_updates_bad_date_is_400(client, world):
    response = client.get(
        url("servicerequestupdates"), {"jurisdiction_id": "alfa", "start_date": "i går"}
    )
    assert response.status_code == 400
    errors_of(response, "json")


# ---------------------------------------------------------------------------
# Read-back: what a client posted, it can read
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_posted_request_reads_back(client, world, fmt):
    created = parse(client.post(url("requests"), post_data()), "json")[0]
    code = created["service_request_id"]
    response = client.get(url(f"requests/{code}", fmt), {"jurisdiction_id": "alfa"})
    data = parse(response, fmt)
    request = data[0] if fmt == "json" else _xml_request(data[0])
    assert request["service_request_id"] == code
    assert request["description"] == "Stort hul foran nummer 12"
    assert "Bodil" not in response.content.decode()
    assert "borger@example.org" not in response.content.decode()
