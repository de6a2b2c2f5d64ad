"""Months: the unit the figures are kept in. A consultation belongs to the local month in
which it opened; a period is a range of whole months."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of `month` and of the month after, in local time."""
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    following = next_month(month)
    return start, timezone.make_aware(datetime(following.year, following.month, 1))


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Instants covering the whole months from `start`'s to `end`'s (either may be open)."""
    first = month_bounds(start.replace(day=1))[0] if start else None
    last = month_bounds(end.replace(day=1))[1] if end else None
    return first, last


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole calendar days in local time (an answer the same day: 0)."""
    return max(0, (timezone.localdate(later) - timezone.localdate(earlier)).days)
