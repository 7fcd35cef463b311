"""Uploads: only real images pass, re-encoded without metadata; hostile files are refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from enkelt.submissions import uploads
from enkelt.submissions.models import Photo
from enkelt.submissions.photos import photos_attach
from enkelt.submissions.tests.factories import SubmissionFactory


def _image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **save_args) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (200, 30, 30)).save(buffer, fmt, **save_args)
    return buffer.getvalue()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    gps = {1: "N", 2: (55.0, 40.0, 0.0), 3: "E", 4: (12.0, 34.0, 0.0)}
    exif[0x8825] = gps
    return _image_bytes("JPEG", exif=exif.tobytes())


def test_jpeg_is_reencoded_without_exif_or_gps():
    original = _jpeg_with_gps()
    assert b"SecretCam" in original
    processed = uploads.process_image(io.BytesIO(original))
    assert b"SecretCam" not in processed.content
    reopened = Image.open(io.BytesIO(processed.content))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()
    assert (processed.width, processed.height) == (64, 48)


def test_png_with_transparency_becomes_jpeg():
    processed = uploads.process_image(io.BytesIO(_image_bytes("PNG")))
    assert Image.open(io.BytesIO(processed.content)).format == "JPEG"


def test_large_photo_is_resized_to_the_edge_limit():
    processed = uploads.process_image(io.BytesIO(_image_bytes("JPEG", size=(4000, 1000))))
    assert max(processed.width, processed.height) == uploads.MAX_EDGE


def test_appended_payload_does_not_survive():
    polyglot = _image_bytes() + b"<script>alert(1)</script>"
    processed = uploads.process_image(io.BytesIO(polyglot))
    assert b"<script>" not in processed.content


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not_an_image",
        ),
        (b"<html><body>hi</body></html>", "not_an_image"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "not_an_image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "not_an_image"),  # a JPEG header and nothing
        (b"", "not_an_image"),
    ],
)
def test_disguised_and_malformed_files_are_refused(payload, code):
    with pytest.raises(ValidationError) as caught:
        uploads.process_image(io.BytesIO(payload))
    assert caught.value.code == code


def test_bmp_is_refused_as_unsupported():
    with pytest.raises(ValidationError) as caught:
        uploads.process_image(io.BytesIO(_image_bytes("BMP")))
    assert caught.value.code == "unsupported_format"


def test_decompression_bomb_is_refused_before_decoding():
    # A 1-bit PNG of 20000 x 20000 pixels compresses to a few kB.
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as caught:
        uploads.process_image(io.BytesIO(buffer.getvalue()))
    assert caught.value.code == "too_many_pixels"


def test_oversized_upload_is_refused_by_declared_and_real_size(monkeypatch):
    with pytest.raises(ValidationError) as caught:
        uploads.process_image(io.BytesIO(b""), size=uploads.MAX_UPLOAD_BYTES + 1)
    assert caught.value.code == "too_large"
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError) as caught:
        uploads.process_image(io.BytesIO(_image_bytes()))
    assert caught.value.code == "too_large"


@pytest.mark.django_db
def test_photos_attach_stores_random_names_and_limits_the_count():
    submission = SubmissionFactory()
    image = uploads.process_image(io.BytesIO(_image_bytes()))
    photos = photos_attach(
        actor=None,
        municipality=submission.municipality,
        submission=submission,
        images=[image, image],
    )
    assert [p.order for p in photos] == [0, 1]
    assert all(p.image.name.endswith(".jpg") and "p.jpg" not in p.image.name for p in photos)
    assert photos[0].image.name != photos[1].image.name
    with pytest.raises(ValidationError):
        photos_attach(
            actor=None,
            municipality=submission.municipality,
            submission=submission,
            images=[image, image],
        )
    assert Photo.objects.filter(submission=submission).count() == 2
