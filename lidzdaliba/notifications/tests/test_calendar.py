"""The iCalendar of consultation dates: valid by RFC 5545 (parsed with `icalendar`, and the
raw bytes checked for CRLF and 75-octet folding), stable UIDs, the list's filters, no drafts."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lidzdaliba.notifications.calendar import EVENT_LENGTH, PAST_DAYS
from lidzdaliba.testing import factories

from .test_feeds import ENGLISH, World, build_world

pytestmark = pytest.mark.django_db

CALENDAR_URL = "/calendar.ics"


@pytest.fixture
def client() -> Client:
    """Texts are asserted in English, the source language, so translating never breaks them."""
    return Client(headers=ENGLISH)


@pytest.fixture
def world(editor, ministry, other_officer, municipality) -> World:
    return build_world(editor, ministry, other_officer, municipality)


def ics(response) -> Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def deadline_uid(consultation) -> str:
    return f"consultation-{consultation.pk}-deadline@127.0.0.1"


def opening_uid(consultation) -> str:
    return f"consultation-{consultation.pk}-opening@127.0.0.1"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"


def test_the_calendar_is_valid_icalendar(client, world):
    response = client.get(CALENDAR_URL)
    calendar = ics(response)

    assert response["Content-Disposition"] == 'inline; filename="lidzdaliba-consultations.ics"'
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "Līdzdalība – consultation dates"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Riga"
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, (required, event)
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        # RFC 5545 3.8.7.2: DTSTAMP is in UTC
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert len(uids(calendar)) == len(events)


def test_the_raw_bytes_use_crlf_and_fold_lines_at_75_octets(client, editor, ministry):
    # A long title in Latvian: multi-byte letters must not be cut in half or overflow a line.
    factories.published_consultation(
        editor, ministry, title="Grozījumi noteikumos par ūdenssaimniecības ģeogrāfisko " * 4
    )

    content = client.get(CALENDAR_URL).content

    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    assert b"\r" not in content.replace(b"\r\n", b"")
    lines = content.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long title was not folded"
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in content
    assert b"X-PUBLISHED-TTL:PT6H\r\n" in content


def test_a_deadline_is_a_one_hour_event_ending_at_the_closing_moment(client, world):
    calendar = ics(client.get(CALENDAR_URL))
    health = world.health
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == deadline_uid(health))

    closes = health.closes_at.replace(microsecond=0)
    assert event.decoded("DTEND") == closes
    assert event.decoded("DTSTART") == closes - EVENT_LENGTH
    assert str(event["SUMMARY"]) == f"Deadline: {health.title}"
    url = f"http://testserver/consultations/{health.pk}/"
    assert str(event["URL"]) == url
    description = str(event["DESCRIPTION"])
    assert health.summary in description
    assert "Veselības ministrija" in description
    assert url in description
    assert f"{timezone.localtime(health.closes_at):%H:%M}" in description
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert event.decoded("DTSTAMP") == max(health.updated_at, health.announced_at).replace(
        microsecond=0
    )


def test_an_announced_consultation_also_has_its_opening(client, world):
    calendar = ics(client.get(CALENDAR_URL))
    education = world.education
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == opening_uid(education))

    assert event.decoded("DTSTART") == education.opens_at.replace(microsecond=0).astimezone(UTC)
    assert str(event["SUMMARY"]) == f"Open for opinions: {education.title}"


def test_which_consultations_and_events_are_in_the_calendar(client, world, editor, ministry):
    now = timezone.now()
    recently_closed = factories.published_consultation(
        editor,
        ministry,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=PAST_DAYS - 5),
    )
    long_closed = factories.published_consultation(
        editor,
        ministry,
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=PAST_DAYS + 5),
    )

    found = uids(ics(client.get(CALENDAR_URL)))

    assert found == {
        deadline_uid(world.health),
        opening_uid(world.health),  # opened yesterday
        deadline_uid(world.transport),
        opening_uid(world.transport),
        deadline_uid(world.education),
        opening_uid(world.education),
        deadline_uid(recently_closed),  # its opening is older than the window
    }
    assert not {deadline_uid(long_closed), deadline_uid(world.draft)} & found


def test_uids_and_content_are_stable_across_requests(client, world):
    first = client.get(CALENDAR_URL).content
    second = client.get(CALENDAR_URL).content

    assert uids(Calendar.from_ical(first)) == uids(Calendar.from_ical(second))
    assert first == second


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"institution": "pasvaldiba"}, {"transport"}),
        ({"topic": "veseliba"}, {"health"}),
        ({"territory": "riga"}, {"education"}),
        ({"territory": "vidzemes-region"}, {"transport"}),
        ({"group": "studenti"}, {"education"}),
        ({"institution": "ministrija", "group": "pensionari"}, {"health"}),
        ({"status": "open"}, {"health", "transport"}),
        ({"topic": "kultura"}, set()),
    ],
)
def test_the_list_filters_work(client, world, query, expected):
    calendar = ics(client.get(CALENDAR_URL, query))

    assert {uid for uid in uids(calendar) if "-deadline@" in uid} == {
        deadline_uid(getattr(world, name)) for name in expected
    }


def test_the_name_says_what_is_filtered(client, world):
    calendar = ics(client.get(CALENDAR_URL, {"topic": "veseliba", "group": "pensionari"}))

    assert str(calendar["X-WR-CALNAME"]) == ("Līdzdalība – consultation dates (Health, Pensioners)")
    assert "Affected group: Pensioners" in str(calendar["X-WR-CALDESC"])


def test_an_unknown_filter_value_is_a_plain_400(client, world):
    response = client.get(CALENDAR_URL, {"group": "nav-tadas"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "group=nav-tadas" in response.content.decode()


def test_an_institution_has_its_own_calendar(client, world):
    url = reverse("feeds:institution_calendar", args=["pasvaldiba"])
    assert url == "/institutions/pasvaldiba/calendar.ics"

    response = client.get(url)
    calendar = ics(response)

    assert {uid for uid in uids(calendar) if "-deadline@" in uid} == {deadline_uid(world.transport)}
    assert str(calendar["X-WR-CALNAME"]) == (
        "Līdzdalība – consultation dates of Valmieras novada pašvaldība"
    )
    assert response["Content-Disposition"] == 'inline; filename="lidzdaliba-pasvaldiba.ics"'
    assert client.get("/institutions/nav-tadas/calendar.ics").status_code == 404


def test_user_content_is_escaped_as_ical_text(client, editor, ministry):
    title = 'Semikols; komats, slīpsvītra \\ un "><script>'
    consultation = factories.published_consultation(
        editor, ministry, title=title, summary="Pirmā rinda\nOtrā rinda"
    )

    calendar = ics(client.get(CALENDAR_URL))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == deadline_uid(consultation))

    assert str(event["SUMMARY"]) == f"Deadline: {title}"
    assert str(event["DESCRIPTION"]).startswith("Pirmā rinda\nOtrā rinda\n\n")


def test_line_breaks_and_control_characters_in_names_do_not_break_it(client, editor, ministry):
    """icalendar writes the calendar's name unescaped and asserts it has no line break: an
    institution name with one made its calendar a 500. Control characters RFC 5545 excludes
    from TEXT (a vertical tab pasted from Word into a title) are left out."""
    ministry.name = "Veselības\nministrija"
    ministry.save()
    consultation = factories.published_consultation(
        editor, ministry, title="Noteikumi\x0bpar biedrībām\x1f", summary="Kopsavilkums\x7f."
    )

    response = client.get("/institutions/ministrija/calendar.ics")
    calendar = ics(response)

    assert str(calendar["X-WR-CALNAME"]) == (
        "Līdzdalība – consultation dates of Veselības ministrija"
    )
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == deadline_uid(consultation))
    assert str(event["SUMMARY"]) == "Deadline: Noteikumi par biedrībām"
    assert str(event["DESCRIPTION"]).startswith("Kopsavilkums.\n\n")
    assert not {b"\x0b", b"\x1f", b"\x7f"} & {bytes([byte]) for byte in response.content}
