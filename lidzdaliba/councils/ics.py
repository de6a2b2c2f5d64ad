"""iCalendar for meetings: the invitation a registrant receives by e-mail (RFC 5546 iTIP:
METHOD:REQUEST, METHOD:CANCEL) and the public event of calendar feeds.

The UID is stable per meeting (`meeting-<id>@<host>`), so every update replaces the event
in the registrant's calendar; SEQUENCE is the meeting's `sequence`, raised by every change
registrants must see (services/meetings.py), so calendar apps accept the update. The
remote-participation link goes only into invitations, never into public feeds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from lidzdaliba.core.text import writable

from .models import Meeting, Registration

PRODID = "-//Lidzdaliba//Meetings//EN"


def identity_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "lidzdaliba.invalid"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{identity_host()}"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("councils:meeting", args=[meeting.pk])


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _location(meeting: Meeting, *, with_remote: bool) -> str:
    parts = [meeting.place] if meeting.place else []
    if with_remote and meeting.has_remote_part and meeting.remote_url:
        parts.append(meeting.remote_url)
    elif meeting.has_remote_part and not meeting.place:
        parts.append(_("Remote"))
    return ", ".join(parts)


def meeting_event(meeting: Meeting, *, url: str, with_remote: bool = False) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("created", _utc(meeting.created_at))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", writable(meeting.title))
    location = _location(meeting, with_remote=with_remote)
    if location:
        event.add("location", writable(location))
    description = [meeting.description, url]
    if with_remote and meeting.remote_url and meeting.has_remote_part:
        description.append(
            _("Link for remote participation: %(url)s") % {"url": meeting.remote_url}
        )
    if meeting.live_url:
        description.append(_("Live stream: %(url)s") % {"url": meeting.live_url})
    event.add("description", writable("\n\n".join(part for part in description if part)))
    event.add("url", url)
    event.add("class", "PUBLIC")
    event.add("status", "CANCELLED" if meeting.cancelled_at else "CONFIRMED")
    return event


def invitation(registration: Registration, *, method: str) -> bytes:
    """The .ics sent to a registrant: METHOD:REQUEST (with the remote link) or CANCEL."""
    meeting = registration.meeting
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = meeting_event(meeting, url=meeting_url(meeting), with_remote=method == "REQUEST")
    if method == "CANCEL":
        event["status"] = vText("CANCELLED")
    organizer = vCalAddress(f"mailto:{_sender_address()}")
    organizer.params["cn"] = vText(meeting.institution.name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.person.email}")
    attendee.params["cn"] = vText(registration.person.display_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def _sender_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@lidzdaliba.lv"
