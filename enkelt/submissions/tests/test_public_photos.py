"""Serving photos: JPEG with safe headers; public only for public submissions, staff always."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from enkelt.submissions.models import Photo
from enkelt.submissions.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UserFactory,
)
from enkelt.tenants.models import Role


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo_of(submission) -> Photo:
    return Photo.objects.create(
        municipality=submission.municipality,
        submission=submission,
        image=SimpleUploadedFile("x.jpg", jpeg(), content_type="image/jpeg"),
        width=8,
        height=6,
    )


def url(photo, slug=None):
    return reverse("submissions:photo", args=[slug or photo.municipality.slug, photo.public_id])


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_public_photo_is_served_as_jpeg(client, municipality, category):
    photo = photo_of(SubmissionFactory.create(municipality=municipality, category=category))
    response = client.get(url(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{photo.public_id}.jpg"'
    assert response["Cache-Control"].startswith("public, max-age=")
    assert content(response) == photo.image.open("rb").read()


@pytest.mark.parametrize(
    "hidden",
    [{"is_hidden": True}, {"needs_moderation": True}, {"employee_mode": "internal"}],
    ids=["hidden", "moderation", "internal"],
)
def test_photo_of_non_public_submission(client, municipality, category, hidden):
    photo = photo_of(
        SubmissionFactory.create(municipality=municipality, category=category, **hidden)
    )
    # the public: not found
    assert client.get(url(photo)).status_code == 404
    # staff of the municipality: always, and never stored by shared caches
    client.force_login(MembershipFactory.create(municipality=municipality, role=Role.EMPLOYEE).user)
    response = client.get(url(photo))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_photo_of_non_public_submission_hidden_from_other_staff(client, municipality, category):
    photo = photo_of(
        SubmissionFactory.create(municipality=municipality, category=category, is_hidden=True)
    )
    other = MunicipalityFactory.create()
    # staff (even a superuser) of another municipality, and a council member here
    superuser = UserFactory.create(is_superuser=True, is_staff=True)
    MembershipFactory.create(municipality=other, user=superuser, role=Role.EMPLOYEE)
    # Superusers must have TOTP, or every page redirects to the MFA set-up.
    Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    council = MembershipFactory.create(municipality=municipality, role=Role.COUNCIL_MEMBER).user
    for user in (superuser, council):
        client.force_login(user)
        assert client.get(url(photo)).status_code == 404, user


def test_photo_under_another_municipality_is_404(client, municipality, category):
    photo = photo_of(SubmissionFactory.create(municipality=municipality, category=category))
    other = MunicipalityFactory.create()
    assert client.get(url(photo, slug=other.slug)).status_code == 404


def test_photo_whose_file_is_missing_is_404(client, municipality, category):
    photo = photo_of(SubmissionFactory.create(municipality=municipality, category=category))
    photo.image.storage.delete(photo.image.name)
    assert client.get(url(photo)).status_code == 404


def test_detail_page_shows_photos(client, municipality, category):
    submission = SubmissionFactory.create(municipality=municipality, category=category)
    photo = photo_of(submission)
    body = client.get(
        reverse("submissions:public_detail", args=[municipality.slug, submission.public_id])
    ).content.decode()
    assert url(photo) in body
    assert 'alt="' in body.split(url(photo))[1][:200]
