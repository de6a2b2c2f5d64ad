"""An iCalendar (RFC 5545) of consultation dates, filtered like the list and the feeds,
and of public meetings (`meetings_for`; the event is `councils.ics.meeting_event`).

Which consultations: published ones whose closing is ahead or at most `PAST_DAYS` behind
(announced, open and recently closed), with the list's filters (`feeds.selection_from`).

Which events, per consultation:
- the deadline for opinions: a one-hour event that *ends* at the exact closing moment
  (`consultation-<id>-deadline@<host>`);
- the opening: a one-hour event that starts at the opening moment
  (`consultation-<id>-opening@<host>`), while the opening is ahead or at most `PAST_DAYS`
  behind.
Every event stays in the calendar until `PAST_DAYS` after it happened, so subscribers do not
see a deadline vanish the moment it passes.

Why timed events, not all-day ones: a closing time is legally exact (12:00 is not 23:59), a
consultation closing at 00:00 would put an all-day event on the wrong day, and a timed event
lets a calendar app remind people before the real moment. Times are written in UTC ("…Z"),
which needs no VTIMEZONE; X-WR-TIMEZONE asks apps to show them in Riga time.

DTSTAMP and LAST-MODIFIED are the consultation's last change (without a METHOD property RFC
5545 makes DTSTAMP the last revision), so unchanged data gives byte-identical output and
calendar apps see no false updates.

Text typed elsewhere (titles, summaries, institution names) may hold control characters
RFC 5545 excludes from TEXT; they are dropped (`core.text.writable`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from lidzdaliba.consultations.models import Consultation
from lidzdaliba.consultations.selectors import ConsultationFilters, consultation_list
from lidzdaliba.core.dates import DATIVE, GENITIVE, format_datetime
from lidzdaliba.core.text import writable
from lidzdaliba.councils.ics import meeting_event
from lidzdaliba.councils.models import Meeting
from lidzdaliba.councils.selectors import calendar_meetings
from lidzdaliba.institutions.models import Institution

from .feeds import SITE_NAME, InvalidFilters, Selection, identity_host, invalid_filters_response
from .feeds import selection_from as _selection_from

PRODID = "-//Lidzdaliba//Consultation dates//EN"
PAST_DAYS = 30
EVENT_LENGTH = timedelta(hours=1)
REFRESH_INTERVAL = timedelta(hours=6)
CALENDAR_LIMIT = 500


def calendar_consultations(
    *, filters: ConsultationFilters, now: datetime | None = None
) -> list[Consultation]:
    """Published consultations matching `filters` whose closing is ahead or at most
    `PAST_DAYS` behind, soonest closing first."""
    now = now or timezone.now()
    consultations = consultation_list(filters=filters, now=now).filter(
        closes_at__gte=now - timedelta(days=PAST_DAYS)
    )
    return list(consultations.order_by("closes_at", "id")[:CALENDAR_LIMIT])


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _local(moment: datetime, case: str) -> str:
    """The moment in Latvia's time, in the grammatical case its sentence needs."""
    return _("%(date)s (Latvian time)") % {"date": format_datetime(moment, case)}


def _event(
    consultation: Consultation,
    *,
    kind: str,
    start: datetime,
    summary: str,
    when: str,
    url: str,
) -> Event:
    changed = _utc(max(consultation.updated_at, consultation.announced_at))
    event = Event()
    event.add("uid", f"consultation-{consultation.pk}-{kind}@{identity_host()}")
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", _utc(consultation.created_at))
    event.add("dtstart", _utc(start))
    event.add("dtend", _utc(start + EVENT_LENGTH))
    event.add("summary", writable(summary))
    event.add(
        "description",
        writable(
            "\n\n".join(
                [
                    consultation.summary,
                    when,
                    _("Institution: %(institution)s")
                    % {"institution": consultation.institution.display_name},
                    url,
                ]
            )
        ),
    )
    event.add("url", url)
    event.add("categories", [writable(consultation.topic.display_name)])
    event.add("class", "PUBLIC")
    event.add("status", "CONFIRMED")
    # A deadline is a reminder, not an appointment: it must not block free/busy time.
    event.add("transp", "TRANSPARENT")
    return event


def consultation_events(
    consultation: Consultation, *, absolute: Callable[[str], str], now: datetime
) -> list[Event]:
    url = absolute(reverse("consultations:detail", args=[consultation.pk]))
    window_start = now - timedelta(days=PAST_DAYS)
    events = []
    if consultation.opens_at >= window_start:
        events.append(
            _event(
                consultation,
                kind="opening",
                start=consultation.opens_at,
                summary=_("Open for opinions: %(title)s") % {"title": consultation.title},
                when=_("Opinions can be given from %(opens)s until %(closes)s.")
                % {
                    "opens": _local(consultation.opens_at, GENITIVE),
                    "closes": _local(consultation.closes_at, DATIVE),
                },
                url=url,
            )
        )
    events.append(
        _event(
            consultation,
            kind="deadline",
            start=consultation.closes_at - EVENT_LENGTH,
            summary=_("Deadline: %(title)s") % {"title": consultation.title},
            when=_("Opinions are accepted until %(date)s.")
            % {"date": _local(consultation.closes_at, DATIVE)},
            url=url,
        )
    )
    return events


def _one_line(text: str) -> str:
    """`text` fit for the calendar's name and description: one line, nothing unwritable.

    icalendar's `calendar_name` and `description` setters write the X-WR- twins (and NAME)
    as unknown properties, unescaped, and its serializer stops at a line break in them with
    a bare `assert`: an institution name with a line break would make its calendar a 500.
    Apps show these names on one line anyway.
    """
    return " ".join(writable(text).split())


def meetings_for(selection: Selection, *, now: datetime) -> list[Meeting]:
    """Public meetings (of bodies and consultations) in the calendar: those of the named
    institution, or all. Meetings have no policy area, territory or group, so a calendar
    filtered by one of those holds consultations only."""
    filters = selection.filters
    if any(
        [
            filters.topic,
            filters.territory,
            filters.group,
            filters.stage,
            filters.form,
            filters.status,
            filters.q,
        ]
    ):
        return []
    return calendar_meetings(
        institution=selection.named_institution,
        since=now - timedelta(days=PAST_DAYS),
        limit=CALENDAR_LIMIT,
    )


def build_calendar(
    *,
    selection: Selection,
    consultations: list[Consultation],
    absolute: Callable[[str], str],
    now: datetime,
    meetings: Sequence[Meeting] = (),
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # NAME and DESCRIPTION (RFC 7986) and their X-WR- twins, which older apps read.
    calendar.calendar_name = _one_line(
        selection.title(
            everything=_("consultation dates"),
            of_institution=_("consultation dates of %(institution)s"),
        )
    )
    intro = _("Opening dates and deadlines for opinions of public consultations on %(site)s.") % {
        "site": SITE_NAME
    }
    calendar.description = _one_line(f"{intro} {selection.description()}")
    calendar.add("x-wr-timezone", "Europe/Riga")
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for consultation in consultations:
        for event in consultation_events(consultation, absolute=absolute, now=now):
            calendar.add_component(event)
    for meeting in meetings:
        # The public event: never the remote-participation link (ics.meeting_event).
        url = absolute(reverse("councils:meeting", args=[meeting.pk]))
        calendar.add_component(meeting_event(meeting, url=url, with_remote=False))
    return calendar


def _calendar_response(request: HttpRequest, *, institution: Institution | None) -> HttpResponse:
    try:
        selection = _selection_from(request.GET, institution=institution)
    except InvalidFilters as error:
        return invalid_filters_response(error)
    now = timezone.now()
    calendar = build_calendar(
        selection=selection,
        consultations=calendar_consultations(filters=selection.filters, now=now),
        absolute=request.build_absolute_uri,
        now=now,
        meetings=meetings_for(selection, now=now),
    )
    name = f"lidzdaliba-{institution.slug}" if institution else "lidzdaliba-consultations"
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def consultation_calendar(request: HttpRequest) -> HttpResponse:
    """`/calendar.ics?institution=…&topic=…&territory=…&group=…`"""
    return _calendar_response(request, institution=None)


def institution_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """`/institutions/<slug>/calendar.ics`"""
    institution = get_object_or_404(Institution, slug=slug)
    return _calendar_response(request, institution=institution)
