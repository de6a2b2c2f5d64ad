"""Working days in Latvia: weekends, public holidays, the Cabinet's moved days known to the
holiday library, and moved days only the coordinator's list knows."""

from __future__ import annotations

from datetime import date

import pytest

from lidzdaliba.core.models import MovedWorkingDay
from lidzdaliba.core.working_days import add_working_days, is_working_day, subtract_working_days

pytestmark = pytest.mark.django_db

CASES = [
    # (function, start, count, expected, why)
    (
        subtract_working_days,
        date(2026, 3, 9),
        1,
        date(2026, 3, 6),
        "Monday → Friday over a weekend",
    ),
    (subtract_working_days, date(2026, 3, 12), 3, date(2026, 3, 9), "Thursday, 3 back → Monday"),
    (add_working_days, date(2026, 3, 6), 1, date(2026, 3, 9), "Friday + 1 → Monday"),
    (subtract_working_days, date(2026, 4, 7), 1, date(2026, 4, 2), "Easter Monday, Good Friday"),
    (subtract_working_days, date(2026, 5, 7), 3, date(2026, 4, 30), "4 May and 1 May holidays"),
    (subtract_working_days, date(2025, 11, 19), 3, date(2025, 11, 12), "18 Nov + moved 17 Nov"),
    (add_working_days, date(2024, 12, 19), 2, date(2024, 12, 27), "Christmas and moved 23 Dec"),
    (add_working_days, date(2025, 5, 9), 1, date(2025, 5, 10), "Saturday 10 May 2025 worked"),
    (add_working_days, date(2026, 6, 26), 1, date(2026, 6, 27), "Saturday 27 June 2026 worked"),
    (subtract_working_days, date(2026, 6, 29), 1, date(2026, 6, 27), "…also counting back"),
    (add_working_days, date(2026, 3, 9), 0, date(2026, 3, 9), "zero days: the same day"),
]


@pytest.mark.parametrize(("function", "start", "count", "expected", "why"), CASES)
def test_working_day_table(function, start, count, expected, why):
    assert function(start, count) == expected, why


COORDINATOR_CASES = [
    # A weekday the coordinator made a day off, and a Saturday made a working day.
    (subtract_working_days, date(2026, 3, 10), 1, date(2026, 3, 6)),
    (add_working_days, date(2026, 3, 6), 1, date(2026, 3, 10)),
    (add_working_days, date(2026, 3, 13), 1, date(2026, 3, 14)),
    (subtract_working_days, date(2026, 3, 16), 1, date(2026, 3, 14)),
]


@pytest.mark.parametrize(("function", "start", "count", "expected"), COORDINATOR_CASES)
def test_the_coordinators_moved_days_count(function, start, count, expected):
    MovedWorkingDay.objects.create(date=date(2026, 3, 9), is_working_day=False, note="Rīk. 1")
    MovedWorkingDay.objects.create(date=date(2026, 3, 14), is_working_day=True, note="Rīk. 1")
    assert function(start, count) == expected


def test_the_coordinators_list_wins_over_the_library():
    assert is_working_day(date(2026, 6, 27))  # the library's working Saturday
    MovedWorkingDay.objects.create(date=date(2026, 6, 27), is_working_day=False)
    assert not is_working_day(date(2026, 6, 27))
    assert add_working_days(date(2026, 6, 26), 1) == date(2026, 6, 29)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)
