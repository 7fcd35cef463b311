"""Masking personal data typed into text that will be published.

Citizens sometimes write their CPR number, phone number or e-mail address into
the description of a report. Before the text is shown on a public page or
through Open311, each such occurrence is replaced by `PLACEHOLDER`. Staff keep
seeing the original text.

What is detected:

- CPR numbers: `ddmmyy-xxxx` and `ddmmyyxxxx` (a space instead of the hyphen is
  accepted too) whose first six digits are a plausible date (day 01 to 31 valid for
  the month, 29 February always allowed, since the century is unknown);
- Danish phone numbers: eight digits (any: a case number looks the same and
  masking it does no harm), optionally preceded by
  `+45` or `0045`, written together or in groups of two or four separated by
  spaces or hyphens (`12345678`, `12 34 56 78`, `1234 5678`, `+45 12 34 56 78`);
- e-mail addresses.

A match must not touch other digits, so house numbers, postal codes, years and
amounts such as `25 000 000` stay as they are. Known false positive: two
four-digit numbers separated by a single space (`2024 2025`) look exactly like
a phone number and are masked; masking too much is the safe side.

The placeholder is the same in every language, `[…]`, the usual mark for an
omission in both Danish and English, so a masked text needs no translation and
reads naturally in either.
"""

import calendar
import re

PLACEHOLDER = "[…]"

_EMAIL_RE = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[\w-]+\.)+[\w-]{2,}",
)
_CPR_RE = re.compile(
    r"(?<![\d+])(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{2})[- ]?\d{4}(?!\d)",
)
_PHONE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)45[ -]?)?\d{2}(?:[ -]?\d{2}){3}(?!\d)",
)


def _is_plausible_birth_date(day: int, month: int) -> bool:
    if not 1 <= month <= 12:
        return False
    # A leap year (2000) so that 29 February is allowed: the century is unknown.
    return 1 <= day <= calendar.monthrange(2000, month)[1]


def _mask_cpr(match: re.Match[str]) -> str:
    if _is_plausible_birth_date(int(match["day"]), int(match["month"])):
        return PLACEHOLDER
    return match.group(0)


def mask_personal_data(text: str) -> str:
    """`text` with CPR numbers, phone numbers and e-mail addresses replaced.

    E-mail addresses go first (they may contain digits), then CPR numbers (ten
    digits, which must not be half-read as a phone number), then phone numbers.
    """
    if not text:
        return text
    masked = _EMAIL_RE.sub(PLACEHOLDER, text)
    masked = _CPR_RE.sub(_mask_cpr, masked)
    return _PHONE_RE.sub(PLACEHOLDER, masked)


def contains_personal_data(text: str) -> bool:
    """Whether masking would change `text`; moderation can flag such submissions."""
    return mask_personal_data(text) != text
