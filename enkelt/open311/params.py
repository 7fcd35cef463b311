"""Reading Open311 parameters: robust to whatever a client sends.

Open311 clients are written against many servers and retry forever when they
are refused, so parsing is lenient where the spec allows it (unknown
parameters and attributes are ignored, a `+` that arrived as a space in a date
is put back) and strict only where a value cannot mean anything (a malformed
date, a status other than `open`/`closed`). Every problem becomes an
`Open311Error` with status 400, never an exception that could become a 500.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.open311.errors import BAD_REQUEST, Open311Error
from enkelt.submissions import pipeline
from enkelt.submissions.tracking import tracking_code_normalise

DEFAULT_WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
MAX_PAGE = 100_000
MAX_LIST_ITEMS = 1000
MAX_DATE_LENGTH = 64
MAX_KEY_LENGTH = 200

# A `+` in an offset that the client failed to encode arrives as a space.
_SPACE_FOR_PLUS = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]*)\](\[\])?$")
_DIGITS = re.compile(r"^[0-9]{1,9}$")


def clean_text(value: Any) -> str:
    """A string safe to store and to render: no NUL, no lone surrogates."""
    text = value if isinstance(value, str) else str(value)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def first(data: Mapping[str, Any] | QueryDict, name: str) -> str:
    """A parameter's value trimmed; '' when absent or empty (the spec's rule for optional ones)."""
    value = data.get(name)
    if value is None:
        return ""
    return clean_text(value).strip()


def request_body(request: HttpRequest) -> tuple[QueryDict, list[Any]]:
    """The form fields and every uploaded file of a POST (urlencoded or multipart).

    A body Django cannot read (a broken multipart boundary, an unknown charset,
    too many fields, too large) is a 400, never a server error.
    """
    try:
        fields = request.POST
        files = [f for name in request.FILES for f in request.FILES.getlist(name)]
    except Exception as error:
        raise Open311Error(BAD_REQUEST, _("The request body could not be read.")) from error
    return fields, files


def from_body_or_query(request: HttpRequest, body: QueryDict | None, name: str) -> str:
    """`api_key` and `jurisdiction_id` may come in the body or in the query string."""
    if body is not None:
        value = first(body, name)
        if value:
            return value
    return first(request.GET, name)


def comma_list(data: QueryDict, name: str) -> list[str]:
    """`a,b` and repeated `name=a&name=b` alike; empty items dropped, order kept, no repeats."""
    items: list[str] = []
    for raw in data.getlist(name):
        for item in clean_text(raw).split(","):
            item = item.strip()
            if item and item not in items:
                items.append(item)
    if len(items) > MAX_LIST_ITEMS:
        raise Open311Error(
            BAD_REQUEST,
            _("%(name)s lists too many values (at most %(max)d).")
            % {"name": name, "max": MAX_LIST_ITEMS},
        )
    return items


def parse_datetime(value: str, name: str) -> datetime:
    """An ISO 8601 date-time with `Z` or `±HH:MM` (a date alone means local midnight).

    A space where a `+` should be is accepted, since many clients do not encode
    it. A time without a zone is taken as Danish local time. Returns UTC.
    """
    malformed = Open311Error(
        BAD_REQUEST,
        _("%(name)s is not a valid date and time; use ISO 8601 such as 2026-11-22T06:11:45+01:00.")
        % {"name": name},
    )
    text = value.strip()
    if not text or len(text) > MAX_DATE_LENGTH:
        raise malformed
    text = _SPACE_FOR_PLUS.sub(r"\1+\2", text)
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        raise malformed from None


def optional_datetime(data: QueryDict, name: str) -> datetime | None:
    value = first(data, name)
    return parse_datetime(value, name) if value else None


def positive_int(data: QueryDict, name: str, *, default: int, maximum: int) -> int:
    value = first(data, name)
    if not value:
        return default
    if not _DIGITS.match(value) or not 1 <= int(value) <= maximum:
        raise Open311Error(
            BAD_REQUEST,
            _("%(name)s must be a whole number from 1 to %(max)d.")
            % {"name": name, "max": maximum},
        )
    return int(value)


@dataclass(frozen=True)
class RequestsQuery:
    """The filters of `GET requests`, checked."""

    service_request_ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    statuses: list[str] = field(default_factory=list)
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    page: int = 1
    page_size: int = MAX_REQUESTS


def requests_query(data: QueryDict, *, now: datetime | None = None) -> RequestsQuery:
    """Filters of `GET requests`.

    `service_request_id` overrides every other filter. Without dates the window
    is the last 90 days; with only an end date, the 90 days before it.
    Unknown tracking codes are kept out (they match nothing) rather than refused.
    """
    ids = comma_list(data, "service_request_id")
    page = positive_int(data, "page", default=1, maximum=MAX_PAGE)
    page_size = positive_int(data, "page_size", default=MAX_REQUESTS, maximum=MAX_REQUESTS)
    if ids:
        codes = [c for c in (tracking_code_normalise(i) for i in ids) if c]
        # A list of nothing but unknown codes must still match nothing.
        return RequestsQuery(service_request_ids=codes or ["-"], page=page, page_size=page_size)

    statuses = [s.lower() for s in comma_list(data, "status")]
    unknown = [s for s in statuses if s not in (pipeline.OPEN, pipeline.CLOSED)]
    if unknown:
        raise Open311Error(BAD_REQUEST, _("status must be open, closed or both, comma-separated."))
    start = optional_datetime(data, "start_date")
    end = optional_datetime(data, "end_date")
    if start is None:
        reference = end or now or timezone.now()
        start = reference - DEFAULT_WINDOW
    return RequestsQuery(
        service_codes=comma_list(data, "service_code"),
        start=start,
        end=end,
        statuses=statuses,
        updated_after=optional_datetime(data, "updated_after"),
        updated_before=optional_datetime(data, "updated_before"),
        page=page,
        page_size=page_size,
    )


@dataclass(frozen=True)
class UpdatesQuery:
    """The window of mySociety's `GET servicerequestupdates`."""

    start: datetime
    end: datetime | None


def updates_query(data: QueryDict, *, now: datetime | None = None) -> UpdatesQuery:
    start = optional_datetime(data, "start_date")
    end = optional_datetime(data, "end_date")
    if start is None:
        start = (end or now or timezone.now()) - DEFAULT_WINDOW
    return UpdatesQuery(start=start, end=end)


@dataclass(frozen=True)
class NewRequest:
    """The fields of `POST requests` that we use; everything else sent is ignored."""

    service_code: str
    lat: str
    long: str
    address_string: str
    address_id: str
    email: str
    first_name: str
    last_name: str
    phone: str
    description: str
    media_urls: list[str]
    attributes: dict[str, Any]

    @property
    def has_location(self) -> bool:
        return bool((self.lat and self.long) or self.address_string or self.address_id)


def attributes(data: QueryDict) -> dict[str, Any]:
    """`attribute[CODE]=v` → `{CODE: v}`; `attribute[CODE][]=v` (repeatable) → a list.

    A code sent several times without `[]` becomes a list too; whether a
    question accepts that is the question's business (questions.clean_answers).
    """
    found: dict[str, Any] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if not match or not match.group(1).strip():
            continue
        code = clean_text(match.group(1)).strip()
        values = [clean_text(v) for v in data.getlist(key)]
        if match.group(2) or len(values) > 1:
            existing = found.get(code)
            previous = existing if isinstance(existing, list) else []
            found[code] = previous + values
        elif code not in found:
            found[code] = values[0] if values else ""
    return found


def media_urls(data: QueryDict) -> list[str]:
    """Client-side photo addresses (repeatable); anything but an http(s) URL is dropped."""
    urls = []
    for name in ("media_url", "media_url[]"):
        for raw in data.getlist(name):
            url = clean_text(raw).strip()
            if url.lower().startswith(("http://", "https://")) and len(url) <= 2000:
                urls.append(url)
    return urls[:10]


def new_request(data: QueryDict) -> NewRequest:
    """The POST's fields. The checks that need the category live in the service."""
    return NewRequest(
        service_code=first(data, "service_code"),
        lat=first(data, "lat"),
        long=first(data, "long"),
        address_string=first(data, "address_string"),
        address_id=first(data, "address_id"),
        email=first(data, "email"),
        first_name=first(data, "first_name"),
        last_name=first(data, "last_name"),
        phone=first(data, "phone"),
        description=first(data, "description"),
        media_urls=media_urls(data),
        attributes=attributes(data),
    )


def idempotency_key(request: HttpRequest) -> str:
    return clean_text(request.headers.get("Idempotency-Key", "")).strip()
