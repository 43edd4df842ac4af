"""Norwegian working days: Monday–Friday except public holidays (from the `holidays`
library, which follows the Norwegian calendar including Easter and Whitsun)."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> frozenset[datetime.date]:
    # include_sundays=False: Sundays are handled as weekend days, not as holidays.
    return frozenset(holidays.Norway(years=year, include_sundays=False).keys())


def holiday_name(day: datetime.date) -> str | None:
    return holidays.Norway(years=day.year, include_sundays=False).get(day)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (before it, when negative).

    A deadline of three working days from a Friday registration is the following
    Wednesday; holidays in between push it further.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative when end < start)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def first_working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
