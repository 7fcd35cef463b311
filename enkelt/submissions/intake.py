"""Checking a new submission's input before it is stored.

One place for the rules every channel shares (web form, employee form, REST
API, Open311), so that a form and an API give the same answer to the same
input. Errors are collected and raised together as one `ValidationError`
keyed by field (answers to extra questions as `answers.<code>`), with stable
codes such as `outside_denmark`, `location_required`, `anonymous_not_allowed`.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from enkelt.accounts.models import User
from enkelt.submissions.models import POSTAL_CODE_RE, Category, Submission
from enkelt.submissions.questions import clean_answers
from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Municipality, Unit

# Denmark's rough bounding box (Bornholm included, the Faroe Islands and
# Greenland excluded: they have their own authorities).
DENMARK_LAT = (Decimal("54.5"), Decimal("57.8"))
DENMARK_LON = (Decimal("8.0"), Decimal("15.3"))

TITLE_MAX_LENGTH = 200
# Long enough for any real report. Open311 clients retry forever on a 400, so
# descriptions arriving by Open311 are stored whole (open311.md).
TEXT_MAX_LENGTH = 10_000


@dataclass
class NewSubmission:
    """Input that passed the checks, trimmed and typed, ready to be stored."""

    title: str
    description: str
    suggestion: str
    lat: Decimal | None
    lon: Decimal | None
    address: str
    postal_code: str
    contact_name: str
    contact_email: str
    contact_phone: str
    is_anonymous: bool
    submitted_by: User | None
    submitter_unit: Unit | None
    answers: dict[str, Any] = field(default_factory=dict)


def user_or_none(actor: User | AnonymousUser | None) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def coordinate(value: Decimal | float | str | None) -> Decimal | None:
    """A coordinate rounded to the stored six decimals (~0.1 m); ValueError if not a number."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(value) from None
    # Anything beyond ±180 is no coordinate; checking first also keeps quantize
    # from raising InvalidOperation on huge exponents such as 1e100.
    if not number.is_finite() or abs(number) > 180:
        raise ValueError(value)
    return number.quantize(Decimal("0.000001"))


def clean_new_submission(
    *,
    actor: User | AnonymousUser | None,
    municipality: Municipality,
    category: Category,
    title: str,
    description: str,
    suggestion: str,
    lat: Decimal | float | str | None,
    lon: Decimal | float | str | None,
    address: str,
    postal_code: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    is_anonymous: bool,
    employee_mode: str,
    channel: str,
    answers: dict[str, Any] | None,
) -> NewSubmission:
    """The checked input; raises ValidationError with every problem found.

    Precondition: `category` belongs to `municipality` (the service checks it).
    Anonymous means no contact details and no user; it is refused where the
    category does not allow it, and so is a submission nobody could be answered
    on. `employee_mode` needs an actor on the municipality's staff.
    """
    errors: dict[str, list[ValidationError]] = {}

    def error(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not category.is_active:
        error("category", _("This category is no longer in use."), "inactive_category")

    title = (title or "").strip()
    description = (description or "").strip()
    suggestion = (suggestion or "").strip()
    address = (address or "").strip()
    postal_code = (postal_code or "").strip()
    contact_name = (contact_name or "").strip()
    contact_email = (contact_email or "").strip()
    contact_phone = (contact_phone or "").strip()

    if not title:
        error("title", _("Write a short title."), "required")
    elif len(title) > TITLE_MAX_LENGTH:
        error("title", _("The title is too long."), "max_length")
    if not description and channel in {Submission.Channel.WEB, Submission.Channel.EMPLOYEE}:
        error("description", _("Describe what it is about."), "required")
    if channel != Submission.Channel.OPEN311 and len(description) > TEXT_MAX_LENGTH:
        error("description", _("The description is too long."), "max_length")
    if len(suggestion) > TEXT_MAX_LENGTH:
        error("suggestion", _("The suggestion is too long."), "max_length")
    if len(address) > 300:
        error("address", _("The address is too long."), "max_length")
    if postal_code and not POSTAL_CODE_RE.match(postal_code):
        error("postal_code", _("A postal code has four digits."), "invalid")
    if channel not in Submission.Channel.values:
        error("channel", _("Unknown channel."), "invalid")

    # Location: both coordinates or none; inside Denmark.
    lat_value: Decimal | None = None
    lon_value: Decimal | None = None
    try:
        lat_value, lon_value = coordinate(lat), coordinate(lon)
    except ValueError:
        error("lat", _("The position is not a valid coordinate."), "invalid")
    else:
        if (lat_value is None) != (lon_value is None):
            error("lat", _("Give both latitude and longitude."), "incomplete")
        elif (
            lat_value is not None
            and lon_value is not None
            and not (
                DENMARK_LAT[0] <= lat_value <= DENMARK_LAT[1]
                and DENMARK_LON[0] <= lon_value <= DENMARK_LON[1]
            )
        ):
            error("lat", _("The position is outside Denmark."), "outside_denmark")
    has_position = lat_value is not None and lon_value is not None
    if category.location_required and not has_position and not address:
        error(
            "lat", _("Show where it is: a position on the map or an address."), "location_required"
        )

    # Who is sending it.
    user = user_or_none(actor)
    submitter_unit: Unit | None = None
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            error("contact_email", _("Write a valid e-mail address."), "invalid")
    if len(contact_name) > 200:
        error("contact_name", _("The name is too long."), "max_length")
    if len(contact_phone) > 40:
        error("contact_phone", _("The phone number is too long."), "max_length")
    if employee_mode:
        membership = membership_of(user)
        if employee_mode not in Submission.EmployeeMode.values:
            error("employee_mode", _("Unknown choice."), "invalid")
        elif membership is None or membership.municipality_id != municipality.pk:
            error(
                "employee_mode",
                _("Only employees of the municipality can choose this."),
                "not_employee",
            )
        else:
            submitter_unit = membership.unit
        is_anonymous = False
    elif is_anonymous:
        user = None
        if not category.allow_anonymous:
            error(
                "is_anonymous",
                _("This category does not accept anonymous submissions."),
                "anonymous_not_allowed",
            )
        if contact_name or contact_email or contact_phone:
            error(
                "is_anonymous",
                _("Leave the contact details empty to send anonymously."),
                "anonymous_with_contact",
            )
    elif not category.allow_anonymous and not (user or contact_email or contact_phone):
        error(
            "contact_email",
            _("Give an e-mail address or a phone number so we can answer."),
            "contact_required",
        )

    cleaned_answers: dict[str, Any] = {}
    try:
        cleaned_answers = clean_answers(category.questions.all(), answers)
    except ValidationError as answer_errors:
        for code, messages in answer_errors.error_dict.items():
            errors.setdefault(f"answers.{code}", []).extend(messages)

    if errors:
        raise ValidationError(errors)
    return NewSubmission(
        title=title,
        description=description,
        suggestion=suggestion,
        lat=lat_value,
        lon=lon_value,
        address=address,
        postal_code=postal_code,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        is_anonymous=is_anonymous,
        submitted_by=user,
        submitter_unit=submitter_unit,
        answers=cleaned_answers,
    )
