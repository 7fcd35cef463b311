"""`POST requests`: an Open311 report becomes a submission in the same inbox as the web form.

Order of the checks follows the spec's errors: the API key (403), then the
service (404), then the location and the input itself (400). Photos are decoded
and re-encoded before anything is stored, and the submission and its photos
are stored in one transaction, so a bad photo leaves nothing behind.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enkelt.open311.errors import BAD_REQUEST, FORBIDDEN, Open311Error
from enkelt.open311.keys import api_key_authenticate
from enkelt.open311.params import NewRequest
from enkelt.open311.selectors import service_get
from enkelt.submissions.error_codes import SubmissionError
from enkelt.submissions.intake import TITLE_MAX_LENGTH
from enkelt.submissions.models import Category, Submission
from enkelt.submissions.photos import photos_attach
from enkelt.submissions.services import submission_create
from enkelt.submissions.uploads import ProcessedImage, process_image
from enkelt.tenants.models import Municipality

TITLE_LENGTH = 80

# Our field names → the Open311 parameter a client should look at.
PARAMETER_OF_FIELD = {
    "lat": "lat/long",
    "lon": "lat/long",
    "address": "address_string",
    "postal_code": "address_string",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_name": "first_name/last_name",
    "is_anonymous": "email",
    "title": "description",
    "description": "description",
    "category": "service_code",
    "idempotency_key": "Idempotency-Key",
}


def title_from(description: str, category: Category) -> str:
    """Open311 has no title: the first line of the description, shortened, or the service's name."""
    line = next((ln.strip() for ln in description.splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    if not line:
        return category.name_da[:TITLE_MAX_LENGTH]
    if len(line) <= TITLE_LENGTH:
        return line
    cut = line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] or line[: TITLE_LENGTH - 1]
    return cut.rstrip(" ,.;:-") + "…"


def _parameter(field: str) -> str:
    if field.startswith("answers."):
        return f"attribute[{field.removeprefix('answers.')}]"
    return PARAMETER_OF_FIELD.get(field, field)


def validation_descriptions(error: ValidationError) -> list[str]:
    """Each message of a service's ValidationError, prefixed by the Open311 parameter."""
    if not hasattr(error, "error_dict"):
        return [str(m) for m in error.messages]
    descriptions = []
    for field, errors in error.error_dict.items():
        for item in errors:
            for message in item.messages:
                descriptions.append(f"{_parameter(field)}: {message}")
    return descriptions


def _check_coordinates(new: NewRequest) -> None:
    """Numbers within the globe, before the service rounds them (huge exponents cannot be)."""
    for value, limit in ((new.lat, 90), (new.long, 180)):
        if not value:
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or abs(number) > limit:
            raise Open311Error(BAD_REQUEST, _("lat/long: the position is not a valid coordinate."))


def _process_photos(files: Sequence[IO[bytes]]) -> list[ProcessedImage]:
    images = []
    for upload in files:
        try:
            images.append(process_image(upload, size=getattr(upload, "size", None)))
        except ValidationError as error:
            name = getattr(upload, "name", "") or _("photo")
            raise Open311Error(BAD_REQUEST, *(f"{name}: {m}" for m in error.messages)) from None
    return images


def _description(new: NewRequest) -> str:
    """The client's text, with the addresses of photos kept by the client after it."""
    if not new.media_urls:
        return new.description
    return "\n\n".join(filter(None, [new.description, "\n".join(new.media_urls)]))


def service_request_create(
    *,
    municipality: Municipality,
    api_key: str,
    new: NewRequest,
    files: Sequence[IO[bytes]] = (),
    idempotency_key: str = "",
) -> Submission:
    """Store the report (channel `open311`) and its photos; return the submission.

    With an `idempotency_key` already used in the municipality, the submission
    stored then is returned and nothing new is stored or attached.
    """
    if api_key_authenticate(municipality=municipality, key=api_key) is None:
        raise Open311Error(FORBIDDEN, _("Missing, unknown or revoked api_key."))
    if not new.service_code:
        raise Open311Error(BAD_REQUEST, _("service_code is required."))
    category = service_get(municipality=municipality, code=new.service_code)
    if not new.has_location:
        raise Open311Error(
            BAD_REQUEST, _("A location is required: lat and long, address_string or address_id.")
        )
    _check_coordinates(new)
    images = _process_photos(files)
    name = " ".join(filter(None, [new.first_name, new.last_name]))
    answers: dict[str, Any] = new.attributes
    with transaction.atomic():
        existed = (
            bool(idempotency_key)
            and Submission.objects.filter(
                municipality=municipality, idempotency_key=idempotency_key
            ).exists()
        )
        try:
            submission = submission_create(
                actor=None,
                municipality=municipality,
                category=category,
                title=title_from(new.description, category),
                description=_description(new),
                lat=new.lat or None,
                lon=new.long or None,
                address=new.address_string or new.address_id,
                contact_name=name,
                contact_email=new.email,
                contact_phone=new.phone,
                is_anonymous=not (name or new.email or new.phone),
                channel=Submission.Channel.OPEN311,
                answers=answers,
                idempotency_key=idempotency_key or None,
            )
            if images and not existed and not submission.photos.exists():
                photos_attach(
                    actor=None, municipality=municipality, submission=submission, images=images
                )
        except ValidationError as error:
            raise Open311Error(BAD_REQUEST, *validation_descriptions(error)) from None
        except SubmissionError as error:
            raise Open311Error(BAD_REQUEST, str(error.message)) from None
    return submission
