"""Guarding anonymous submission against bots and floods (reliability.md).

Two cheap defences in front of the citizen journey:

- a **honeypot**: a form field people never see or fill in. A bot that fills
  it is not told anything; its submission is stored but flagged for
  moderation, so it never reaches the public pages and a moderator can reject
  it (a silent flag gives a bot no signal to adapt to);
- a **rate limit per client** (IP address) on anonymous submissions, counted
  in Django's cache in fixed windows. Over the limit the journey answers 429
  and stores nothing; logged-in staff are not limited.

`ENKELT_SUBMISSION_RATE` sets the limit as `<count>/<period>`, the period a
number of seconds or e.g. `10m`, `1h` (default `5/10m`).
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from enkelt.audit.services import audit_record
from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode
from enkelt.submissions.models import Submission
from enkelt.submissions.services import Actor
from enkelt.tenants.models import Municipality

DEFAULT_SUBMISSION_RATE = "5/10m"
HONEYPOT_FIELD = "website"
MODERATION_NOTE_MAX_LENGTH = 300

_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    period_seconds: int


def parse_rate(value: str) -> Rate:
    """`5/10m` → Rate(5, 600); `5/m` → Rate(5, 60). ValueError for anything else."""
    match = _RATE_RE.match(value or "")
    if not match:
        raise ValueError(f"invalid rate {value!r}; use e.g. '5/10m'")
    count, amount, unit = match.groups()
    period = int(amount or 1) * _UNIT_SECONDS[unit]
    if int(count) < 1 or period < 1:
        raise ValueError(f"invalid rate {value!r}; count and period must be positive")
    return Rate(int(count), period)


def submission_rate() -> Rate:
    return parse_rate(str(getattr(settings, "ENKELT_SUBMISSION_RATE", DEFAULT_SUBMISSION_RATE)))


def client_key(request: HttpRequest) -> str:
    """The client's address, hashed: the cache never holds IP addresses in clear.

    REMOTE_ADDR only: a forwarded header is set by whoever sends the request. A
    reverse proxy in front must put the client address into REMOTE_ADDR.
    """
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limit_hit(request: HttpRequest, *, scope: str = "submission") -> bool:
    """Count one attempt by this client; True when it goes over the limit.

    Fixed windows: at most `count` attempts are let through per window of
    `period_seconds`. Attempts over the limit are counted too, so hammering
    does not reopen the door before the window ends.
    """
    rate = submission_rate()
    window = int(time.time()) // rate.period_seconds
    key = f"enkelt:rate:{scope}:{window}:{client_key(request)}"
    cache.add(key, 0, timeout=rate.period_seconds + 1)
    try:
        attempts = cache.incr(key)
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(key, 1, timeout=rate.period_seconds + 1)
        attempts = 1
    return attempts > rate.count


def honeypot_tripped(value: object) -> bool:
    """The hidden field has content: only software fills in a field nobody sees."""
    return bool(str(value or "").strip())


@transaction.atomic
def submission_flag_for_moderation(
    *, actor: Actor, municipality: Municipality, submission: Submission, note: str
) -> Submission:
    """Hold a submission back from the public until a moderator has looked at it."""
    if submission.municipality_id != municipality.pk:
        raise SubmissionError(SubmissionErrorCode.WRONG_MUNICIPALITY)
    note = note.strip()[:MODERATION_NOTE_MAX_LENGTH]
    before = {
        "needs_moderation": submission.needs_moderation,
        "moderation_note": submission.moderation_note,
    }
    submission.needs_moderation = True
    submission.moderation_note = note
    submission.save(update_fields=["needs_moderation", "moderation_note", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=submission,
        verb="submission.flagged",
        before=before,
        after={"needs_moderation": True, "moderation_note": note},
    )
    return submission
