"""The "trending" view of an initiative's signatures, for the institution and moderators:
signatures per hour, the busiest e-mail domains and client networks, bursts marked.

It reads only what a signature records against fraud (integrity.py): domains and
networks cut to a /24 or /48, never a person or an address, so moderators and the
coordinator may see it too. Every figure is one grouped query over the initiative's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone

from .models import Initiative, Signature

WINDOWS = {1: "1", 24: "24", 168: "168", 0: "0"}  # hours; 0 = since publication
DEFAULT_WINDOW = 24
# An hour is a burst when it holds at least BURST_FLOOR signatures and BURST_FACTOR times
# the window's average hour; a domain or network is "sudden" with BURST_FLOOR in the last hour.
BURST_FLOOR = 20
BURST_FACTOR = 5
TOP = 10


@dataclass(frozen=True)
class Hour:
    start: datetime
    count: int
    burst: bool


@dataclass(frozen=True)
class Source:
    label: str
    count: int
    share: int  # % of the window's signatures
    last_hour: int
    sudden: bool
    disposable: bool = False


@dataclass(frozen=True)
class Trends:
    window_hours: int
    since: datetime | None
    total: int
    invalidated: int
    disposable: int
    hours: list[Hour]
    domains: list[Source]
    networks: list[Source]

    @property
    def bursts(self) -> int:
        return sum(1 for hour in self.hours if hour.burst)


def _sources(rows, total: int, last_hour: dict[str, int], disposable=frozenset()) -> list[Source]:
    return [
        Source(
            label=label,
            count=count,
            share=round(100 * count / total) if total else 0,
            last_hour=last_hour.get(label, 0),
            sudden=last_hour.get(label, 0) >= BURST_FLOOR,
            disposable=label in disposable,
        )
        for label, count in rows
    ]


def signature_trends(
    initiative: Initiative, *, window_hours: int = DEFAULT_WINDOW, now: datetime | None = None
) -> Trends:
    now = now or timezone.now()
    if window_hours not in WINDOWS:
        window_hours = DEFAULT_WINDOW
    rows = Signature.objects.filter(initiative=initiative)
    since = now - timedelta(hours=window_hours) if window_hours else None
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    figures = rows.aggregate(
        total=Count("id", filter=Q(invalidation__isnull=True)),
        invalidated=Count("id", filter=Q(invalidation__isnull=False)),
        disposable=Count("id", filter=Q(disposable_email=True, invalidation__isnull=True)),
    )
    valid = rows.filter(invalidation__isnull=True)
    per_hour = list(
        valid.annotate(hour=TruncHour("created_at"))
        .values("hour")
        .annotate(n=Count("id"))
        .order_by("-hour")
        .values_list("hour", "n")
    )
    span = window_hours or max(
        1, int((now - (initiative.published_at or now)).total_seconds() // 3600)
    )
    average = figures["total"] / span
    hours = [
        Hour(start=hour, count=n, burst=n >= BURST_FLOOR and n >= BURST_FACTOR * average)
        for hour, n in per_hour
    ]
    last = valid.filter(created_at__gte=now - timedelta(hours=1))

    def top(field: str):
        return list(
            valid.exclude(**{field: ""})
            .values(field)
            .annotate(n=Count("id"))
            .order_by("-n", field)
            .values_list(field, "n")[:TOP]
        )

    def last_hour(field: str) -> dict[str, int]:
        return dict(
            last.exclude(**{field: ""})
            .values(field)
            .annotate(n=Count("id"))
            .values_list(field, "n")
        )

    disposable_domains = frozenset(
        valid.filter(disposable_email=True).values_list("email_domain", flat=True).distinct()
    )
    return Trends(
        window_hours=window_hours,
        since=since,
        total=figures["total"],
        invalidated=figures["invalidated"],
        disposable=figures["disposable"],
        hours=hours,
        domains=_sources(
            top("email_domain"), figures["total"], last_hour("email_domain"), disposable_domains
        ),
        networks=_sources(top("client_network"), figures["total"], last_hour("client_network")),
    )
