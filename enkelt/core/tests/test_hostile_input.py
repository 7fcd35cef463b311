"""Hostile input corpus: every bad input gets a clear error and nothing is stored half.

Malformed and disguised images, decompression bombs, polyglots, oversized and
deeply nested bodies, invalid UTF-8, injection payloads in every text field,
path traversal in file names; through Open311, the REST API and the web form.
Each refusal is a 4xx with a JSON (or Open311 XML/JSON) error or a form error;
rows and files are counted before and after.
"""

import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.authtoken.models import Token

from enkelt.open311.keys import api_key_create
from enkelt.submissions.models import Kind, Photo, Submission, SubmissionEvent
from enkelt.submissions.tests.factories import CategoryFactory, MembershipFactory
from enkelt.tenants.models import Municipality, Role

pytestmark = pytest.mark.django_db

KEY = "hostile-open311-key"
PAYLOADS = [
    "<script>alert('x')</script>",
    "'; DROP TABLE submissions_submission; --",
    '" onmouseover="alert(1)',
    "{{ settings.SECRET_KEY }}",
    "../../../../etc/passwd",
    "\u202eevil\u200b",
]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    municipality = Municipality.objects.create(slug="fjendtlig", name="Fjendtlig Kommune")
    category = CategoryFactory.create(municipality=municipality, code="huller", kind=Kind.FAULT)
    api_key_create(actor=None, municipality=municipality, name="Test", key=KEY)
    staff = MembershipFactory.create(municipality=municipality, role=Role.LEADER).user
    token = Token.objects.create(user=staff).key
    return {"municipality": municipality, "category": category, "token": token, "media": tmp_path}


def state(media: Path) -> tuple[int, int, int, int]:
    files = sum(1 for p in media.rglob("*") if p.is_file())
    return (
        Submission.objects.count(),
        SubmissionEvent.objects.count(),
        Photo.objects.count(),
        files,
    )


# -- files ------------------------------------------------------------------


def jpeg(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, "JPEG")
    return out.getvalue()


def png_with_wrong_crc() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(out, "PNG")
    data = bytearray(out.getvalue())
    data[29] ^= 0xFF  # inside the IHDR chunk's CRC
    return bytes(data)


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG that declares 10^10 pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


BAD_FILES = {
    "text named .jpg": ("photo.jpg", b"just some text, not an image\n"),
    "truncated jpeg": ("photo.jpg", jpeg()[:200]),
    "png with wrong crc": ("photo.png", png_with_wrong_crc()),
    "decompression bomb": ("bomb.png", png_bomb()),
    "svg as png": (
        "image.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    "html with gif magic": ("x.gif", b"GIF89a<html><script>alert(1)</script></html>"),
    "pdf named jpg": ("doc.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    "empty file": ("empty.jpg", b""),
}


def open311_post(client, fmt="json", **files):
    data = {
        "jurisdiction_id": "fjendtlig",
        "api_key": KEY,
        "service_code": "huller",
        "lat": "55.716",
        "long": "11.713",
        "description": "Hul",
        **files,
    }
    return client.post(f"/open311/v2/requests.{fmt}", data)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_refuses_bad_images_and_stores_nothing(client, world, case, fmt):
    name, content = BAD_FILES[case]
    before = state(world["media"])
    response = open311_post(client, fmt, media=SimpleUploadedFile(name, content, "image/jpeg"))
    assert response.status_code == 400, (case, response.content[:300])
    if fmt == "json":
        errors = json.loads(response.content)
        assert errors[0]["code"] == 400 and errors[0]["description"]
    else:
        assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        assert b"<errors>" in response.content
    assert state(world["media"]) == before


def test_open311_oversized_photo_is_refused(client, world):
    before = state(world["media"])
    huge = jpeg() + b"\x00" * (15 * 1024 * 1024 + 1)
    response = open311_post(client, media=SimpleUploadedFile("big.jpg", huge, "image/jpeg"))
    assert response.status_code in (400, 413)
    assert json.loads(response.content)
    assert state(world["media"]) == before


def test_a_bad_second_photo_leaves_nothing_of_the_first(client, world):
    before = state(world["media"])
    response = open311_post(
        client,
        media=SimpleUploadedFile("ok.jpg", jpeg(), "image/jpeg"),
        photo2=SimpleUploadedFile("bad.jpg", b"not an image", "image/jpeg"),
    )
    assert response.status_code == 400
    assert state(world["media"]) == before


def test_polyglot_is_re_encoded_and_path_traversal_name_ignored(client, world):
    polyglot = jpeg() + b"<html><script>alert(1)</script></html>PK\x03\x04zipdata"
    response = open311_post(
        client, media=SimpleUploadedFile("../../../etc/cron.d/x.jpg", polyglot, "image/jpeg")
    )
    assert response.status_code == 200, response.content[:300]
    photo = Photo.objects.get()
    stored = Path(photo.image.path)
    assert stored.resolve().is_relative_to(world["media"].resolve())
    assert "cron" not in photo.image.name and ".." not in photo.image.name
    content = stored.read_bytes()
    assert b"<script>" not in content and b"PK\x03\x04" not in content
    assert Image.open(io.BytesIO(content)).format == "JPEG"


# -- REST API bodies --------------------------------------------------------


@pytest.fixture
def api(world):
    client = Client(raise_request_exception=False)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {world['token']}"
    return client


def api_url(world) -> str:
    return f"/api/v1/submissions/?municipality={world['municipality'].slug}"


def assert_json_error(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["code"] and body["message"]
    return body


def test_api_deeply_nested_json_is_a_400(api, world):
    before = state(world["media"])
    nested = "[" * 100_000 + "]" * 100_000
    body = '{"category": "huller", "title": "x", "answers": {"a": ' + nested + "}}"
    response = api.post(api_url(world), body, content_type="application/json")
    assert_json_error(response, 400)
    assert state(world["media"]) == before


@pytest.mark.parametrize(
    "body",
    [b'{"title": "\xff\xfe\xfa"}', b"\xef\xbb\xbf\xff{", b'{"title": "\\ud800"}', b"{" * 10],
)
def test_api_invalid_utf8_and_broken_json_are_400(api, world, body):
    before = state(world["media"])
    response = api.post(api_url(world), body, content_type="application/json")
    assert_json_error(response, 400)
    assert state(world["media"]) == before


def test_api_oversized_body_is_refused(api, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    before = state(world["media"])
    body = json.dumps({"category": "huller", "title": "x", "description": "a" * 200_000})
    response = api.post(api_url(world), body, content_type="application/json")
    assert_json_error(response, 400, 413)
    assert state(world["media"]) == before


def test_api_stores_payloads_verbatim_and_pages_escape_them(api, world, client):
    for payload in PAYLOADS:
        body = {
            "category": "huller",
            "title": payload[:200],
            "description": payload,
            "suggestion": payload,
            "address": payload[:300],
            "contact_name": payload,
            "lat": 55.716,
            "lon": 11.713,
        }
        response = api.post(api_url(world), json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content[:300]
        submission = Submission.objects.get(public_id=response.json()["id"])
        assert submission.description == payload
        assert submission.contact_name == payload
        assert submission.address == payload[:300]
    detail = api.get(f"/api/v1/submissions/{submission.public_id}/")
    assert detail.status_code == 200
    # The public page escapes what was stored.
    from enkelt.submissions.models import Submission as Model

    scripted = Model.objects.get(description=PAYLOADS[0])
    html = client.get(
        f"/{world['municipality'].slug}/status/{scripted.tracking_code}/"
    ).content.decode()
    assert "<script>alert('x')</script>" not in html


@pytest.mark.parametrize("field", ["title", "description", "address", "contact_name"])
def test_api_null_bytes_in_text_are_a_clear_400(api, world, field):
    before = state(world["media"])
    body = {"category": "huller", "title": "ok", field: "a\x00b"}
    response = api.post(api_url(world), json.dumps(body), content_type="application/json")
    assert_json_error(response, 400)
    assert state(world["media"]) == before


# -- web form ---------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_web_form_photo_step_shows_a_field_error(client, world, case):
    slug = world["municipality"].slug
    client.cookies["django_language"] = "en"
    response = client.post(f"/{slug}/report/fault/", {"category": "huller"})
    assert response.status_code == 302
    client.post(f"/{slug}/report/step/describe/", {"title": "Hul", "description": "Dybt"})
    client.post(
        f"/{slug}/report/step/location/",
        {"address": "", "postal_code": "", "lat": "55.716", "lon": "11.713"},
    )
    before = state(world["media"])
    name, content = BAD_FILES[case]
    response = client.post(
        f"/{slug}/report/step/photos/",
        {"photo": SimpleUploadedFile(name, content, "image/jpeg")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert 'id="id_photo_error"' in response.content.decode() or "photo_error" in (
        response.content.decode()
    )
    assert state(world["media"]) == before


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_oversized_form_body_is_a_clear_error_in_the_format(world, settings, fmt):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client = Client(raise_request_exception=False)
    before = state(world["media"])
    response = client.post(
        f"/open311/v2/requests.{fmt}",
        {
            "jurisdiction_id": "fjendtlig",
            "api_key": KEY,
            "service_code": "huller",
            "lat": "55.716",
            "long": "11.713",
            "description": "a" * 200_000,
        },
    )
    assert response.status_code in (400, 413), response.content[:300]
    if fmt == "json":
        assert json.loads(response.content)[0]["code"] == response.status_code
    else:
        assert b"<errors>" in response.content
    assert state(world["media"]) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_open311_text_payloads_stored_verbatim_and_escaped_on_output(client, world, payload):
    response = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "fjendtlig",
            "api_key": KEY,
            "service_code": "huller",
            "lat": "55.716",
            "long": "11.713",
            "description": payload,
            "first_name": payload,
            "last_name": payload,
            "address_string": payload,
            "email": "borger@example.test",
        },
    )
    assert response.status_code == 200, response.content[:300]
    request_id = json.loads(response.content)[0]["service_request_id"]
    submission = Submission.objects.get()
    assert submission.description == payload
    assert payload in submission.contact_name
    xml = client.get(f"/open311/v2/requests/{request_id}.xml?jurisdiction_id=fjendtlig")
    assert xml.status_code == 200
    assert b"<script>" not in xml.content
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml.content)  # noqa: S314 - our own output
    assert root.find("request/description") is not None
