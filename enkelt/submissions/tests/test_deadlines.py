from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enkelt.submissions.deadlines import (
    add_working_days,
    danish_public_holidays,
    easter_sunday,
    is_working_day,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_holidays_2023_include_great_prayer_day():
    holidays = danish_public_holidays(2023)
    assert date(2023, 5, 5) in holidays  # store bededag
    assert len(holidays) == 11


def test_great_prayer_day_abolished_from_2024():
    holidays = danish_public_holidays(2024)
    assert date(2024, 4, 26) not in holidays
    assert holidays == {
        date(2024, 1, 1),
        date(2024, 3, 28),
        date(2024, 3, 29),
        date(2024, 3, 31),
        date(2024, 4, 1),
        date(2024, 5, 9),
        date(2024, 5, 19),
        date(2024, 5, 20),
        date(2024, 12, 25),
        date(2024, 12, 26),
    }


def test_unofficial_days_are_working_days():
    assert is_working_day(date(2025, 6, 5))  # Constitution Day, a Thursday
    assert is_working_day(date(2025, 12, 24))  # Christmas Eve, a Wednesday
    assert is_working_day(date(2025, 12, 31))


def test_thursday_before_easter_2027():
    # Easter 2027 is 28 March: Maundy Thu 25, Good Fri 26, Easter Mon 29 are holidays.
    start = date(2027, 3, 24)  # the Wednesday; the next working days are 30, 31 March, 1 April
    assert add_working_days(start, 3) == date(2027, 4, 1)
    assert add_working_days(date(2027, 3, 25), 3) == date(2027, 4, 1)


def test_christmas():
    # 2026: 24 Dec Thursday (working), 25 Fri and 26 Sat holidays, 28 Monday.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 30)


def test_weekend_start():
    assert add_working_days(date(2025, 11, 22), 3) == date(2025, 11, 26)  # Sat → Wed


def test_zero_days_and_negative():
    assert add_working_days(date(2025, 11, 22), 0) == date(2025, 11, 22)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 11, 22), -1)


@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    days=st.integers(min_value=1, max_value=60),
)
def test_result_is_a_later_working_day(start, days):
    result = add_working_days(start, days)
    assert result > start
    assert result.weekday() < 5
    assert result not in danish_public_holidays(result.year)
    # Exactly `days` working days lie in (start, result].
    span = (result - start).days
    counted = sum(is_working_day(start + timedelta(days=n)) for n in range(1, span + 1))
    assert counted == days
