"""Latvian dates in every case and month, English dates, times and the time left."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from lidzdaliba.core.dates import (
    format_date,
    format_datetime,
    format_short_date,
    format_time,
    time_left,
)

# month: (nominative, genitive, dative, accusative, locative)
LATVIAN = {
    1: ("janvāris", "janvāra", "janvārim", "janvāri", "janvārī"),
    2: ("februāris", "februāra", "februārim", "februāri", "februārī"),
    3: ("marts", "marta", "martam", "martu", "martā"),
    4: ("aprīlis", "aprīļa", "aprīlim", "aprīli", "aprīlī"),
    5: ("maijs", "maija", "maijam", "maiju", "maijā"),
    6: ("jūnijs", "jūnija", "jūnijam", "jūniju", "jūnijā"),
    7: ("jūlijs", "jūlija", "jūlijam", "jūliju", "jūlijā"),
    8: ("augusts", "augusta", "augustam", "augustu", "augustā"),
    9: ("septembris", "septembra", "septembrim", "septembri", "septembrī"),
    10: ("oktobris", "oktobra", "oktobrim", "oktobri", "oktobrī"),
    11: ("novembris", "novembra", "novembrim", "novembri", "novembrī"),
    12: ("decembris", "decembra", "decembrim", "decembri", "decembrī"),
}
ENGLISH = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CASES = ("nom", "gen", "dat", "acc", "loc")


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("case", CASES)
def test_every_month_in_every_case(month, case):
    expected = LATVIAN[month][CASES.index(case)]
    assert format_date(date(2026, month, 10), case, "lv") == f"2026. gada 10. {expected}"


@pytest.mark.parametrize("month", range(1, 13))
def test_english_dates(month):
    assert format_date(date(2026, month, 1), "dat", "en") == f"1 {ENGLISH[month - 1]} 2026"


def test_times_are_local_and_written_the_latvian_way():
    # 21:59 UTC is 23:59 in Riga in winter, 00:59 next day in summer.
    winter = datetime(2026, 12, 10, 21, 59, tzinfo=UTC)
    assert format_datetime(winter, "dat", "lv") == "2026. gada 10. decembrim plkst. 23.59"
    assert format_datetime(winter, "nom", "en") == "10 December 2026 at 23:59"
    summer = datetime(2026, 6, 30, 21, 59, tzinfo=UTC)
    assert format_date(summer, "gen", "lv") == "2026. gada 1. jūlija"
    assert format_time(summer, "lv") == "plkst. 00.59"


def test_short_dates():
    assert format_short_date(date(2026, 3, 5), "lv") == "05.03.2026."
    assert format_short_date(date(2026, 3, 5), "en") == "5 Mar 2026"


def test_language_follows_the_active_one_and_none_is_empty():
    with translation.override("en"):
        assert format_date(date(2026, 1, 2)) == "2 January 2026"
    with translation.override("lv"):
        assert format_date(date(2026, 1, 2)) == "2026. gada 2. janvāris"
    assert format_date(None) == format_datetime(None) == format_time(None) == ""
    with pytest.raises(ValueError):
        format_date(date(2026, 1, 2), "abl")


NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # 12:00 in Riga


@pytest.mark.parametrize(
    ("deadline", "latvian", "english"),
    [
        (datetime(2026, 12, 6, 21, 59, tzinfo=UTC), "beidzas šodien", "ends today"),
        (datetime(2026, 12, 7, 21, 59, tzinfo=UTC), "beidzas rīt", "ends tomorrow"),
        (datetime(2026, 12, 10, 21, 59, tzinfo=UTC), "vēl 4 dienas", "4 days left"),
        (datetime(2026, 12, 16, 21, 59, tzinfo=UTC), "vēl 10 dienu", "10 days left"),
        (datetime(2026, 12, 27, 21, 59, tzinfo=UTC), "vēl 21 diena", "21 days left"),
        (datetime(2026, 12, 17, 21, 59, tzinfo=UTC), "vēl 11 dienu", "11 days left"),
        (datetime(2026, 12, 6, 9, 0, tzinfo=UTC), "", ""),
    ],
)
def test_time_left(deadline, latvian, english):
    with translation.override("lv"):
        assert time_left(deadline, NOW) == latvian
    with translation.override("en"):
        assert time_left(deadline, NOW) == english
