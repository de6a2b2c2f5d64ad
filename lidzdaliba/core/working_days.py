"""Working days in Latvia, for deadlines counted in them ("the agenda at least 3 working
days before the sitting").

A day is a working day when it is Monday to Friday and not a public holiday, with the
Cabinet's moved days applied: `holidays.LV` (pinned) knows the public holidays and the
weekdays made days off ("Day off (substituted from 10.05.2025)"), and from those names the
Saturdays made working days in exchange. Orders the library does not have yet are kept by
the coordinator in `MovedWorkingDay`, which wins over the library.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from .models import MovedWorkingDay

# The English names of holidays 0.109: "Day off (substituted from 05/10/2025)".
_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")
# Counting never runs away: no deadline is more than a year of working days long.
_MAX_STEPS = 400


@lru_cache(maxsize=64)
def _library_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, Saturdays made working days) of `year` according to the library."""
    calendar = holidays.LV(years=[year - 1, year, year + 1], language="en_US")
    days_off = frozenset(day for day in calendar if day.year == year)
    working = set()
    for name in calendar.values():
        for month, day, in_year in _SUBSTITUTED.findall(name):
            moved = date(int(in_year), int(month), int(day))
            if moved.year == year:
                working.add(moved)
    return days_off, frozenset(working)


def _moved_days(start: date, end: date) -> dict[date, bool]:
    """The coordinator's entries between `start` and `end` (inclusive)."""
    return dict(
        MovedWorkingDay.objects.filter(date__range=(start, end)).values_list(
            "date", "is_working_day"
        )
    )


def is_working_day(day: date, *, moved: dict[date, bool] | None = None) -> bool:
    if moved is None:
        moved = _moved_days(day, day)
    if day in moved:
        return moved[day]
    days_off, working_saturdays = _library_year(day.year)
    if day in working_saturdays:
        return True
    return day.weekday() < 5 and day not in days_off


def _step(day: date, count: int, direction: int) -> date:
    if count < 0:
        raise ValueError("count must not be negative")
    window = timedelta(days=count * 3 + 30)
    low, high = (day - window, day) if direction < 0 else (day, day + window)
    moved = _moved_days(low, high)
    steps = 0
    while count:
        day += timedelta(days=direction)
        steps += 1
        if steps > _MAX_STEPS * 2:
            raise ValueError("no working days found")
        if not low <= day <= high:
            moved |= _moved_days(min(day, low), max(day, high))
            low, high = min(day, low), max(day, high)
        if is_working_day(day, moved=moved):
            count -= 1
    return day


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (`day` itself never counts)."""
    return _step(day, count, +1)


def subtract_working_days(day: date, count: int) -> date:
    """The working day `count` working days before `day` (`day` itself never counts):
    the latest date something due "`count` working days before `day`" may happen."""
    return _step(day, count, -1)


def working_days_before(moment: datetime, count: int) -> datetime:
    """`moment` moved back `count` working days, keeping its local time of day."""
    local = moment
    earlier = subtract_working_days(local.date(), count)
    return local.replace(year=earlier.year, month=earlier.month, day=earlier.day)
