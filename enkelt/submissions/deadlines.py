"""Answer deadlines in Danish working days.

A working day is Monday to Friday except the Danish public holidays
(helligdage) named in the Holidays Act:

- New Year's Day (1 January);
- Maundy Thursday, Good Friday, Easter Sunday and Easter Monday;
- Great Prayer Day (store bededag, the fourth Friday after Easter) — only up to
  and including 2023: Act no. 39 of 28 February 2023 abolished it from 2024;
- Ascension Day (39 days after Easter), Whit Sunday and Whit Monday;
- Christmas Day and Boxing Day (25 and 26 December).

Left out on purpose, because they are not public holidays by law even though
many workplaces close early or are closed: Christmas Eve (24 December), New
Year's Eve (31 December), Constitution Day (5 June) and 1 May. A municipality
that closes on those days gives a citizen a deadline one day too early at
most, which errs on the side of the citizen.

Holidays are computed per year (Easter by the anonymous Gregorian algorithm),
so the calendar never needs updating.
"""

from datetime import date, timedelta
from functools import lru_cache

LAST_YEAR_WITH_GREAT_PRAYER_DAY = 2023


def easter_sunday(year: int) -> date:
    """Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def danish_public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    offsets = [
        -3,
        -2,
        0,
        1,
        39,
        49,
        50,
    ]  # Maundy Thu, Good Fri, Easter, Easter Mon, Ascension, Whit
    if year <= LAST_YEAR_WITH_GREAT_PRAYER_DAY:
        offsets.append(26)  # Great Prayer Day: the fourth Friday after Easter
    holidays = {easter + timedelta(days=n) for n in offsets}
    holidays |= {date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)}
    return frozenset(holidays)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in danish_public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (`start` itself is not counted).

    With `days == 0` the start date is returned unchanged. A submission
    received on a Saturday with a three-day deadline is due on Wednesday:
    Monday, Tuesday and Wednesday are the three working days after it.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
