"""A public consultation meeting, through the browser (issue 12): the secretary schedules a
hybrid meeting from the consultation's page and publishes its agenda; a resident finds it on
the consultation's page, registers to take part remotely and receives the invitation with
its .ics over real SMTP; after the meeting the secretary publishes the minutes and the
resident is told by e-mail. axe finds nothing on any page visited.

Only time is moved by hand (the meeting "takes place" with an update); everything else is
clicked and typed as people would.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from lidzdaliba.councils.models import Meeting, Registration
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

from .conftest import BROWSER_MARKS, Browsing
from .test_accessibility import axe_violations, describe

pytestmark = BROWSER_MARKS

TITLE = "Publiskā apspriešana par peldvietu ūdens kvalitāti"
PLACE = "Brīvības iela 72, Rīga, 3. stāva zāle"
ACCESSIBILITY = "Ieeja no pagalma bez pakāpieniem; lifts līdz 3. stāvam."
REMOTE_URL = "https://meet.example.lv/peldvietas-7Kq2-slepena-saite"
AGENDA_ITEM = "Noteikumu projekta izklāsts"
QUESTION = "Vai paraugus ņems arī pēc lietusgāzēm?"
MINUTES = "Sanāksmē piedalījās 12 cilvēki, no tiem 5 attālināti. Apspriests projekta 2. punkts."
SUMMARY = "Iedzīvotāji lūdz ņemt paraugus biežāk jūlijā un augustā."


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def check_axe(page: Page, visited: list[str]) -> None:
    """axe (WCAG 2.1 A/AA and best practices) finds nothing on the page as it is now."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"
    visited.append(page.url)


def calendars(message) -> list[Calendar]:
    return [
        Calendar.from_ical(part.get_payload(decode=True))
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    ]


def test_public_consultation_meeting_from_scheduling_to_minutes(
    browsing: Browsing, ministry, resident, mailbox
):
    secretary = factories.officer(
        ministry,
        OfficerRole.Role.EDITOR,
        email="sekretare@example.lv",
        full_name="Līga Kalniņa",
    )
    consultation = factories.published_consultation(secretary, ministry)
    visited: list[str] = []

    # --- The secretary schedules a hybrid meeting from the consultation's page -----------
    desk = browsing.new_page(user=secretary)
    desk.goto(f"/consultations/{consultation.pk}/")
    check_axe(desk, visited)
    desk.locator("main section.attached a.button").click()
    desk.wait_for_url(re.compile(r"/meetings/new/\?subject=consultation"))
    expect(desk.locator("main h1")).to_have_text("Plānot sanāksmi")
    expect(desk.locator("main")).to_contain_text("vismaz 14 dienu pirms sanāksmes")
    check_axe(desk, visited)
    starts = (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    desk.locator("main #id_title").fill(TITLE)
    desk.locator("main #id_starts_at").fill(local_input(starts))
    desk.locator("main #id_duration_minutes").fill("90")
    desk.locator("main #id_mode").select_option("hybrid")
    desk.locator("main #id_place").fill(PLACE)
    desk.locator("main #id_accessibility").fill(ACCESSIBILITY)
    desk.locator("main #id_remote_url").fill(REMOTE_URL)
    desk.locator("main #id_capacity").fill("40")
    desk.locator("main form button[type=submit]").click()

    desk.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting = Meeting.objects.get()
    assert meeting.subject_id == consultation.pk and meeting.mode == "hybrid"
    assert meeting.starts_at == starts
    assert meeting.materials_due_at == starts - timedelta(days=14)
    expect(desk.locator("main h1")).to_have_text(TITLE)
    expect(desk.locator("main .messages")).to_be_visible()
    expect(desk.locator("main [data-remote-link]")).to_have_text(REMOTE_URL)  # an organiser
    check_axe(desk, visited)

    # ...adds an agenda item and publishes the agenda.
    desk.locator("main #id_title").fill(AGENDA_ITEM)
    desk.locator("main #id_presenter").fill("Līga Kalniņa")
    desk.locator(f"main form[action='/meetings/{meeting.pk}/agenda/items/'] button").click()
    desk.wait_for_url(f"**/meetings/{meeting.pk}/")
    desk.locator(f"main form[action='/meetings/{meeting.pk}/agenda/publish/'] button").click()
    desk.wait_for_url(f"**/meetings/{meeting.pk}/")
    expect(desk.locator("main .messages")).to_contain_text("Darba kārtība publicēta.")
    expect(desk.locator("main ol")).to_contain_text(AGENDA_ITEM)
    check_axe(desk, visited)

    # --- A resident finds it on the consultation's page and registers remotely -----------
    home = browsing.new_page(user=resident)
    home.goto(f"/consultations/{consultation.pk}/")
    meetings = home.locator("main section.attached")
    expect(meetings.locator("h2")).to_have_text("Sanāksmes")
    expect(meetings).to_contain_text("darba kārtība publicēta")
    expect(meetings.locator("a.button")).to_have_count(0)  # not hers to schedule
    assert REMOTE_URL not in home.content()
    check_axe(home, visited)
    meetings.locator(f"a[href='/meetings/{meeting.pk}/']").click()
    home.wait_for_url(f"**/meetings/{meeting.pk}/")
    expect(home.locator("main ol")).to_contain_text(AGENDA_ITEM)
    expect(home.locator("main")).to_contain_text(ACCESSIBILITY)
    assert REMOTE_URL not in home.content(), "the remote link is not public"
    check_axe(home, visited)
    home.locator("main #id_mode").select_option("remote")
    home.locator("main #id_question").fill(QUESTION)
    home.locator(f"main form[action='/meetings/{meeting.pk}/register/'] button").click()
    home.wait_for_url(f"**/meetings/{meeting.pk}/")
    expect(home.locator("main .messages")).to_contain_text("Jūs esat reģistrējies")
    expect(home.locator("main [data-remote-link]")).to_have_text(REMOTE_URL)  # now hers
    check_axe(home, visited)
    registration = Registration.objects.get(meeting=meeting, person=resident)
    assert (registration.mode, registration.status) == ("remote", "confirmed")
    assert registration.question == QUESTION

    # The invitation arrived over SMTP: the link, and a calendar invitation to accept.
    [invitation] = mailbox.wait_for(1)
    assert invitation["X-Envelope-To"] == resident.email
    assert TITLE in invitation["Subject"]
    text = body_text(invitation)
    assert REMOTE_URL in text and PLACE in text
    [calendar] = calendars(invitation)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].dt == starts
    assert REMOTE_URL in str(event["LOCATION"]) + str(event["DESCRIPTION"])
    # A visitor still does not see the link.
    visitor = browsing.new_page()
    visitor.goto(f"/meetings/{meeting.pk}/")
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    assert REMOTE_URL not in visitor.content()
    check_axe(visitor, visited)

    # --- Time passes: the meeting took place ---------------------------------------------
    start = timezone.now() - timedelta(days=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, minutes_due_at=start + timedelta(minutes=90, days=14)
    )

    # --- The secretary publishes the minutes ---------------------------------------------
    desk.goto(f"/meetings/{meeting.pk}/")
    check_axe(desk, visited)
    desk.locator(f"main a[href='/meetings/{meeting.pk}/minutes/']").click()
    desk.wait_for_url(f"**/meetings/{meeting.pk}/minutes/")
    check_axe(desk, visited)
    desk.locator("main #id_minutes").fill(MINUTES)
    desk.locator("main #id_summary").fill(SUMMARY)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(f"**/meetings/{meeting.pk}/")
    expect(desk.locator("main .messages")).to_contain_text("Protokols publicēts.")
    check_axe(desk, visited)

    # --- The resident is told, and reads them --------------------------------------------
    messages = mailbox.wait_for(2)
    assert len(messages) == 2
    notice = messages[1]
    assert notice["X-Envelope-To"] == resident.email
    assert TITLE in notice["Subject"]
    assert f"/meetings/{meeting.pk}/#minutes" in body_text(notice)
    assert calendars(notice) == []
    home.goto(f"/meetings/{meeting.pk}/")  # (with "#minutes" it would not reload)
    expect(home.locator("main")).to_contain_text(MINUTES)
    expect(home.locator("main")).to_contain_text(SUMMARY)
    check_axe(home, visited)
    home.goto(f"/consultations/{consultation.pk}/")
    expect(home.locator("main section.attached")).to_contain_text("Protokols publicēts")
    check_axe(home, visited)

    assert len(visited) == 13
    assert browsing.problems.all == [], "\n".join(browsing.problems.all)
