"""Registrants receive the meeting as an iCalendar invitation over real SMTP: METHOD:REQUEST
with a stable UID and a SEQUENCE that rises on every change, METHOD:CANCEL when they cancel
or the meeting is cancelled. Public calendars list meetings without the remote link."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from icalendar import Calendar

from lidzdaliba.councils import services

from .conftest import REMOTE_URL

pytestmark = pytest.mark.django_db


def _invitations(messages) -> list[Calendar]:
    found = []
    for message in messages:
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                found.append(Calendar.from_ical(part.get_payload(decode=True)))
    return found


def _event(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def test_invitation_update_and_cancellation(
    meeting, secretary, resident, api_for, mailbox, django_capture_on_commit_callbacks
):
    client = api_for(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/meetings/{meeting.pk}/registrations",
            json.dumps({"mode": "remote"}),
            content_type="application/json",
        )
    assert response.status_code == 201
    [first] = _invitations(mailbox.wait_for(1))
    assert first["METHOD"] == "REQUEST"
    event = _event(first)
    uid = str(event["UID"])
    assert uid == f"meeting-{meeting.pk}@{uid.split('@')[1]}"
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].dt == meeting.starts_at.replace(microsecond=0)
    assert REMOTE_URL in str(event["LOCATION"]) + str(event["DESCRIPTION"])
    assert "resident@example.lv" in str(event["ATTENDEE"])
    assert mailbox.messages[0]["To"] == "resident@example.lv"

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=secretary, meeting=meeting, starts_at=meeting.starts_at + timedelta(hours=1)
        )
    second = _invitations(mailbox.wait_for(2))[1]
    assert second["METHOD"] == "REQUEST"
    assert str(_event(second)["UID"]) == uid
    assert int(_event(second)["SEQUENCE"]) == 1
    assert _event(second)["DTSTART"].dt == (meeting.starts_at + timedelta(hours=1)).replace(
        microsecond=0
    )

    # A change registrants need not know (the description) sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(actor=secretary, meeting=meeting, description="Sīkāk.")
    assert len(mailbox.wait_for(3, timeout=1)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/meetings/{meeting.pk}/registrations/me").status_code == 204
    third = _invitations(mailbox.wait_for(3))[2]
    assert third["METHOD"] == "CANCEL"
    assert str(_event(third)["UID"]) == uid
    assert str(_event(third)["STATUS"]) == "CANCELLED"
    assert REMOTE_URL not in third.to_ical().decode()


def test_cancelling_the_meeting_sends_cancel_with_a_higher_sequence(
    meeting, secretary, resident, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_register(person=resident, meeting=meeting, mode="in_person")
    mailbox.wait_for(1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretary, meeting=meeting)
    cancel = _invitations(mailbox.wait_for(2))[1]
    assert cancel["METHOD"] == "CANCEL"
    assert int(_event(cancel)["SEQUENCE"]) == 1


def test_the_waiting_list_gets_no_invitation_until_promoted(
    body, secretary, resident, member, mailbox, django_capture_on_commit_callbacks
):
    from .conftest import schedule

    meeting = schedule(secretary, body, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_register(person=resident, meeting=meeting, mode="in_person")
        services.registration_register(person=member, meeting=meeting, mode="in_person")
    mailbox.wait_for(2, timeout=1)
    assert [m["To"] for m in mailbox.messages] == ["resident@example.lv"]
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(person=resident, meeting=meeting)
    mailbox.wait_for(3)
    assert mailbox.to("member@example.lv"), "the promoted person is invited"
    [invitation] = _invitations(mailbox.to("member@example.lv"))
    assert invitation["METHOD"] == "REQUEST"


@pytest.mark.parametrize("url", ["/calendar.ics", "/institutions/ministrija/calendar.ics"])
def test_public_calendars_list_meetings_without_the_remote_link(client, meeting, url):
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert any(uid.startswith(f"meeting-{meeting.pk}@") for uid in uids)
    assert REMOTE_URL not in response.content.decode()


def test_a_calendar_of_another_institution_has_no_meeting(client, meeting, municipality):
    response = client.get("/institutions/pasvaldiba/calendar.ics")
    assert f"meeting-{meeting.pk}@".encode() not in response.content
