"""What Open311 shows of our categories and submissions, as plain structures.

Types follow the spec's JSON schemas: ids and codes are strings, `lat`/`long`
numbers, `metadata`/`required`/`variable` booleans, `order` an integer.
Dates are ISO 8601 in Danish local time with the offset and without
fractional seconds.

Only public data leaves through here: a submission's `public_*` copies (with
personal data masked), never its submitter's name, e-mail or phone, never an
internal note, and a non-public unit is shown as the municipality.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from enkelt.submissions import pipeline
from enkelt.submissions.masking import mask_personal_data
from enkelt.submissions.models import Category, CategoryQuestion, Submission, SubmissionEvent

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When our Open311 surface last changed; clients compare it to decide whether to re-read.
CHANGESET = datetime(2026, 11, 22, 0, 0, tzinfo=timezone.get_fixed_timezone(60))

Datatype = CategoryQuestion.Datatype

# Our question types → Open311 datatypes.
DATATYPES: dict[str, str] = {
    Datatype.TEXT: "text",
    Datatype.NUMBER: "number",
    Datatype.DATE: "datetime",
    Datatype.SINGLE_VALUE_LIST: "singlevaluelist",
    Datatype.MULTI_VALUE_LIST: "multivaluelist",
}


def format_datetime(value: datetime | None) -> str | None:
    """`2026-11-22T06:11:45+01:00`: local time, offset, no fractional seconds."""
    if value is None:
        return None
    return value.astimezone(timezone.get_current_timezone()).replace(microsecond=0).isoformat()


def format_end_of_day(day: date | None) -> str | None:
    """A due date is met by the end of that day, Danish time."""
    if day is None:
        return None
    return _end_of_day(day, timezone.get_current_timezone_name())


@lru_cache(maxsize=1024)
def _end_of_day(day: date, zone_name: str) -> str:
    # a page of 1,000 requests shares a few due dates
    end = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    return end.isoformat()


def _datatype_description(question: CategoryQuestion) -> str:
    if question.datatype == Datatype.DATE:
        return _("A date, written as YYYY-MM-DD.")
    if question.datatype == Datatype.NUMBER:
        return _("A number.")
    if question.datatype == Datatype.MULTI_VALUE_LIST:
        return _("One or more of the values' keys.")
    if question.datatype == Datatype.SINGLE_VALUE_LIST:
        return _("One of the values' keys.")
    return ""


def service(category: Category) -> dict[str, Any]:
    """One entry of `GET services`. `group` is the responsible unit when it is public."""
    unit = category.unit
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.questions.all()),
        "type": "realtime",
        # Never FixMyStreet's special words (private, inactive, staff, waste_only).
        "keywords": category.kind,
        "group": unit.name if unit.is_public else "",
    }


def attribute(question: CategoryQuestion) -> dict[str, Any]:
    return {
        "variable": True,
        "code": question.code,
        "datatype": DATATYPES.get(question.datatype, "string"),
        "required": question.required,
        "datatype_description": _datatype_description(question),
        "order": int(question.order),
        "description": question.label,
        "values": [
            {"key": str(choice.get("key", "")), "name": question.choice_name(choice)}
            for choice in (question.choices or [])
            if isinstance(choice, dict)
        ]
        if question.is_list
        else [],
    }


def service_definition(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "attributes": [attribute(q) for q in category.questions.all()],
    }


def _public_description(submission: Submission) -> str:
    """Open311 has one text: for Open311 reports their own; for others title and text."""
    title, text = submission.public_title, submission.public_description
    if submission.channel == Submission.Channel.OPEN311 or not title:
        return text or title
    return f"{title}\n\n{text}" if text else title


def service_notice(submission: Submission) -> str:
    if pipeline.public_status(submission.status) != pipeline.OPEN or submission.due_at is None:
        return ""
    return _due_notice(submission.due_at, get_language())


@lru_cache(maxsize=512)
def _due_notice(due: date, language: str | None) -> str:
    """The notice for one due date in one language (a page of 1,000 shares a few dates)."""
    return _("We aim to answer by %(date)s.") % {"date": date_format(due, "DATE_FORMAT")}


def agency(submission: Submission) -> str:
    unit = submission.unit
    return unit.name if unit.is_public else submission.municipality.name


def service_request(
    submission: Submission, photo_url: Callable[[Submission], str]
) -> dict[str, Any]:
    """One request of `GET requests` (needs municipality, category, unit and photos loaded)."""
    lat = float(submission.lat) if submission.lat is not None else None
    lon = float(submission.lon) if submission.lon is not None else None
    return {
        "service_request_id": submission.tracking_code,
        "status": pipeline.public_status(submission.status),
        "status_notes": submission.public_answer,
        "service_name": submission.category.name,
        "service_code": submission.category.code,
        "description": _public_description(submission),
        "agency_responsible": agency(submission),
        "service_notice": service_notice(submission),
        "requested_datetime": format_datetime(submission.created_at),
        "updated_datetime": format_datetime(submission.updated_at),
        "expected_datetime": format_end_of_day(submission.due_at),
        "address": mask_personal_data(submission.address),
        "address_id": "",
        "zipcode": submission.postal_code,
        "lat": lat,
        "long": lon,
        "media_url": photo_url(submission),
    }


def created_request(submission: Submission) -> dict[str, Any]:
    """The answer to `POST requests`: realtime, so the id at once and never a token."""
    return {
        "service_request_id": submission.tracking_code,
        "service_notice": service_notice(submission),
    }


def request_update(event: SubmissionEvent) -> dict[str, Any]:
    """One entry of mySociety's `servicerequestupdates` (needs `submission` loaded).

    A status change carries the status it moved to; a public update or answer
    the submission's current status.
    """
    status = event.status_to or event.submission.status
    return {
        "update_id": str(event.pk),
        "service_request_id": event.submission.tracking_code,
        "status": pipeline.public_status(status),
        "updated_datetime": format_datetime(event.created_at),
        "description": event.text if event.kind != SubmissionEvent.Kind.STATUS_CHANGED else "",
        "media_url": "",
    }


def discovery(*, endpoint_url: str, contact: str) -> dict[str, Any]:
    return {
        "changeset": format_datetime(CHANGESET),
        "contact": contact,
        "key_service": _("Ask the municipality's administrators for an API key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": format_datetime(CHANGESET),
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
