"""Dates, times and counts as a person reads them, in Latvian and in English.

Latvian writes a date year first, with "gada", and puts the month in the case the sentence
needs: "2026. gada 10. decembris" (a heading), "līdz 2026. gada 10. decembrim" (dative after
"līdz"), "no 2026. gada 1. decembra" (genitive after "no"), "2026. gada 10. decembrī"
(locative: on that day). A time of day is "plkst. 23.59". English reads "10 December 2026"
and "23:59". Django's date filter knows neither the cases nor the order, so every template,
e-mail, feed and calendar formats dates here (template filters in core/templatetags/lidz.py).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

# The grammatical cases a date takes in our sentences.
NOMINATIVE, GENITIVE, DATIVE, ACCUSATIVE, LOCATIVE = "nom", "gen", "dat", "acc", "loc"
CASES = (NOMINATIVE, GENITIVE, DATIVE, ACCUSATIVE, LOCATIVE)

# Month names by case: the first declension (marts, maijs, jūnijs, jūlijs, augusts) and the
# second (janvāris…; aprīlis alternates l → ļ in the genitive).
_LATVIAN_MONTHS: dict[str, tuple[str, ...]] = {
    NOMINATIVE: (
        "janvāris",
        "februāris",
        "marts",
        "aprīlis",
        "maijs",
        "jūnijs",
        "jūlijs",
        "augusts",
        "septembris",
        "oktobris",
        "novembris",
        "decembris",
    ),
    GENITIVE: (
        "janvāra",
        "februāra",
        "marta",
        "aprīļa",
        "maija",
        "jūnija",
        "jūlija",
        "augusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ),
    DATIVE: (
        "janvārim",
        "februārim",
        "martam",
        "aprīlim",
        "maijam",
        "jūnijam",
        "jūlijam",
        "augustam",
        "septembrim",
        "oktobrim",
        "novembrim",
        "decembrim",
    ),
    ACCUSATIVE: (
        "janvāri",
        "februāri",
        "martu",
        "aprīli",
        "maiju",
        "jūniju",
        "jūliju",
        "augustu",
        "septembri",
        "oktobri",
        "novembri",
        "decembri",
    ),
    LOCATIVE: (
        "janvārī",
        "februārī",
        "martā",
        "aprīlī",
        "maijā",
        "jūnijā",
        "jūlijā",
        "augustā",
        "septembrī",
        "oktobrī",
        "novembrī",
        "decembrī",
    ),
}
_ENGLISH_MONTHS = (
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
)


def _latvian(language: str | None) -> bool:
    return (language or get_language() or "lv").startswith("lv")


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value: date | datetime | None, case: str = NOMINATIVE, language=None) -> str:
    """ "2026. gada 10. decembrim" (case `dat`) / "10 December 2026"; "" for None."""
    if value is None:
        return ""
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}: one of {CASES}")
    value = _local(value)
    if _latvian(language):
        month = _LATVIAN_MONTHS[case][value.month - 1]
        return f"{value.year}. gada {value.day}. {month}"
    return f"{value.day} {_ENGLISH_MONTHS[value.month - 1]} {value.year}"


def format_time(value: datetime | None, language=None) -> str:
    """ "plkst. 23.59" / "23:59"."""
    if value is None:
        return ""
    value = _local(value)
    if _latvian(language):
        return f"plkst. {value.hour:02d}.{value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def format_datetime(value: datetime | None, case: str = NOMINATIVE, language=None) -> str:
    """ "2026. gada 10. decembrim plkst. 23.59" / "10 December 2026 at 23:59"."""
    if value is None:
        return ""
    if _latvian(language):
        return f"{format_date(value, case, language)} {format_time(value, language)}"
    return f"{format_date(value, case, language)} at {format_time(value, language)}"


def format_short_date(value: date | datetime | None, language=None) -> str:
    """Tables and lists: "10.12.2026." / "10 Dec 2026"."""
    if value is None:
        return ""
    value = _local(value)
    if _latvian(language):
        return f"{value.day:02d}.{value.month:02d}.{value.year}."
    return f"{value.day} {_ENGLISH_MONTHS[value.month - 1][:3]} {value.year}"


def format_short_datetime(value: datetime | None, language=None) -> str:
    """Tables and lists: "10.12.2026. 23.59" / "10 Dec 2026 23:59"."""
    if value is None:
        return ""
    value = _local(value)
    if _latvian(language):
        return f"{format_short_date(value, language)} {value.hour:02d}.{value.minute:02d}"
    return f"{format_short_date(value, language)} {value.hour:02d}:{value.minute:02d}"


def time_left(deadline: datetime | None, now: datetime | None = None) -> str:
    """How long until a deadline, as a person says it: "ends today", "ends tomorrow",
    "4 days left" (Latvian: "beidzas šodien", "beidzas rīt", "vēl 4 dienas"); "" once passed.
    Counted in calendar days of Latvia's time zone: a deadline at 23.59 today "ends today"
    whatever the hour now."""
    if deadline is None:
        return ""
    now = now or timezone.now()
    if deadline <= now:
        return ""
    days = (timezone.localtime(deadline).date() - timezone.localtime(now).date()).days
    if days <= 0:
        return _("ends today")
    if days == 1:
        return _("ends tomorrow")
    return ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days}
