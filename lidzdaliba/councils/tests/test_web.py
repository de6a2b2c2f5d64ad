"""The web pages of bodies and meetings: who may open and post what (a role × action
matrix over HTTP), what the public sees and does not, late publication and overdue
minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lidzdaliba.councils import services
from lidzdaliba.councils.models import Meeting, Recommendation

from .conftest import REMOTE_URL, schedule

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "member",
    "applicant",
    "secretary",
    "editor",
    "other_officer",
    "coordinator",
]
ORGANISERS = {"secretary", "editor"}


@pytest.fixture
def web_as(request, client_for):
    def make(role: str):
        return client_for(None if role == "anonymous" else request.getfixturevalue(role))

    return make


@pytest.fixture
def recommendation(body, secretary, ministry):
    return services.recommendation_adopt(
        actor=secretary,
        body=body,
        text="Ieteikums ministrijai.",
        addressed_to=ministry,
        adopted_on=timezone.localdate(),
    )


def _expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


PAGES = {
    # name: (url template, roles allowed)
    "body": ("/bodies/{body}/", set(ROLES)),
    "body_list": ("/bodies/", set(ROLES)),
    "meeting": ("/meetings/{meeting}/", set(ROLES)),
    "meeting_list": ("/meetings/", set(ROLES)),
    "apply": (
        "/bodies/{body}/apply/",
        {"resident", "applicant", "secretary", "editor", "other_officer", "coordinator"},
    ),
    "applications": ("/bodies/{body}/applications/", {"secretary", "editor", "coordinator"}),
    "schedule": ("/bodies/{body}/meetings/new/", ORGANISERS),
    "recommend": ("/bodies/{body}/recommendations/new/", ORGANISERS),
    "answer": ("/recommendations/{recommendation}/answer/", {"secretary"}),
    "minutes": ("/meetings/{past_meeting}/minutes/", ORGANISERS),
    "desk": ("/officer/bodies/", {"secretary", "editor", "other_officer", "coordinator"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_who_may_open_each_page(page, role, web_as, body, meeting, past_meeting, recommendation):
    template, allowed = PAGES[page]
    url = template.format(
        body=body.pk,
        meeting=meeting.pk,
        past_meeting=past_meeting.pk,
        recommendation=recommendation.pk,
    )
    response = web_as(role).get(url)
    assert response.status_code == _expected(role, allowed), (page, role)


def _posts(body, meeting, past_meeting, recommendation, application):
    start = timezone.localtime(timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    return {
        "schedule": (
            f"/bodies/{body.pk}/meetings/new/",
            {"title": "Sēde", "starts_at": start, "duration_minutes": 90, "mode": "remote"},
            ORGANISERS,
        ),
        "agenda_item": (
            f"/meetings/{meeting.pk}/agenda/items/",
            {"title": "Par budžetu", "presenter": "A. Ozola"},
            ORGANISERS,
        ),
        "decide": (
            f"/bodies/{body.pk}/applications/",
            {"application": application.pk, "decision": "decline", "reason": "Vietu nav."},
            ORGANISERS,
        ),
        "answer": (
            f"/recommendations/{recommendation.pk}/answer/",
            {"outcome": "noted", "reason": "Pieņemts zināšanai."},
            {"secretary"},
        ),
        "minutes": (
            f"/meetings/{past_meeting.pk}/minutes/",
            {"minutes": "Protokols.", "late_reason": "Slimības dēļ."},
            ORGANISERS,
        ),
        "cancel": (f"/meetings/{meeting.pk}/cancel/", {}, ORGANISERS),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action", ["schedule", "agenda_item", "decide", "answer", "minutes", "cancel"]
)
def test_who_may_post_each_form(action, role, web_as, body, meeting, past_meeting, recommendation):
    application = body.applications.get()
    url, data, allowed = _posts(body, meeting, past_meeting, recommendation, application)[action]
    response = web_as(role).post(url, data)
    if role in allowed:
        assert response.status_code == 302, (action, role, response.content[:2000])
    else:
        assert response.status_code == (302 if role == "anonymous" else 403), (action, role)
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"]


def test_the_public_meeting_page_hides_the_remote_link_and_needs(web_as, meeting, resident, member):
    services.registration_register(
        person=member, meeting=meeting, mode="remote", needs="Zīmju valodas tulks"
    )
    for role in ["anonymous", "resident", "other_officer", "coordinator"]:
        html = web_as(role).get(f"/meetings/{meeting.pk}/").content.decode()
        assert REMOTE_URL not in html, role
        assert "Zīmju valodas tulks" not in html or role == "coordinator", role
    html = web_as("member").get(f"/meetings/{meeting.pk}/").content.decode()
    assert REMOTE_URL in html
    html = web_as("secretary").get(f"/meetings/{meeting.pk}/").content.decode()
    assert REMOTE_URL in html and "Zīmju valodas tulks" in html


def test_a_resident_registers_and_cancels_without_javascript(web_as, meeting, resident):
    client = web_as("resident")
    response = client.post(
        f"/meetings/{meeting.pk}/register/", {"mode": "remote", "question": "Kad?"}
    )
    assert response.status_code == 302
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert REMOTE_URL in page
    assert client.post(f"/meetings/{meeting.pk}/unregister/").status_code == 302
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert REMOTE_URL not in page


def test_a_late_agenda_needs_a_reason_that_is_shown_publicly(web_as, body, secretary):
    meeting = schedule(secretary, body, days=1)  # its agenda was due 3 working days before
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Par budžetu")
    client = web_as("secretary")
    refused = client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"late_reason": ""})
    assert refused.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).agenda_published_at is None
    published = client.post(
        f"/meetings/{meeting.pk}/agenda/publish/", {"late_reason": "Mainījās darba kārtība."}
    )
    assert published.status_code == 302
    html = web_as("anonymous").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Mainījās darba kārtība." in html and "Par budžetu" in html
    assert web_as("anonymous").get(f"/api/v1/meetings/{meeting.pk}").json()["agenda_late"]


def test_an_agenda_in_time_needs_no_reason(web_as, meeting, secretary):
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Par budžetu")
    response = web_as("secretary").post(f"/meetings/{meeting.pk}/agenda/publish/", {})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_published_at and not meeting.agenda_late_reason


def test_an_unpublished_agenda_is_for_organisers_only(web_as, meeting, secretary):
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Slepens punkts")
    assert (
        "Slepens punkts" not in web_as("resident").get(f"/meetings/{meeting.pk}/").content.decode()
    )
    assert "Slepens punkts" in web_as("secretary").get(f"/meetings/{meeting.pk}/").content.decode()


def test_overdue_minutes_are_flagged_on_the_body_page_and_the_desk(web_as, body, past_meeting):
    body_page = web_as("anonymous").get(f"/bodies/{body.pk}/").content.decode()
    assert "Pagājusī sēde" in body_page and "Protokols kavējas" in body_page
    desk = web_as("secretary").get("/officer/bodies/").content.decode()
    assert "Pagājusī sēde" in desk
    late = web_as("secretary").post(f"/meetings/{past_meeting.pk}/minutes/", {"minutes": "P."})
    assert late.status_code == 200  # the form again: a reason is required
    assert Meeting.objects.get(pk=past_meeting.pk).minutes_published_at is None


def test_the_body_page_shows_members_groups_and_the_answer_record(
    web_as, body, groups, recommendation, secretary
):
    services.recommendation_answer(
        actor=secretary, recommendation=recommendation, outcome="noted", reason="Labi."
    )
    html = web_as("anonymous").get(f"/bodies/{body.pk}/").content.decode()
    assert "Ilze Kalniņa" in html
    assert groups[2].name in html.split("Nav pārstāvētas")[1].split("</p>")[0]
    assert "1 / 1" in html
    assert Recommendation.objects.get(pk=recommendation.pk).answered_on_time


def test_empty_states(web_as, db):
    assert (
        "Neviena konsultatīvā institūcija" in web_as("anonymous").get("/bodies/").content.decode()
    )
    assert web_as("anonymous").get("/meetings/?past=1").status_code == 200


def test_attendance_names_only_those_who_consented(
    web_as, past_meeting, secretary, resident, member
):
    from lidzdaliba.councils.models import Registration

    named = Registration.objects.create(
        meeting=past_meeting,
        person=resident,
        mode="remote",
        status="confirmed",
        publish_name=True,
    )
    unnamed = Registration.objects.create(
        meeting=past_meeting, person=member, mode="in_person", status="confirmed"
    )
    data = {f"attended-{named.pk}": "remote", f"attended-{unnamed.pk}": "present"}
    assert (
        web_as("resident").post(f"/meetings/{past_meeting.pk}/attendance/", data).status_code == 403
    )
    assert (
        web_as("secretary").post(f"/meetings/{past_meeting.pk}/attendance/", data).status_code
        == 302
    )
    assert Registration.objects.get(pk=unnamed.pk).attended == "present"
    services.minutes_publish(
        actor=secretary, meeting=past_meeting, minutes="Protokols.", late_reason="Slimība."
    )
    html = web_as("anonymous").get(f"/meetings/{past_meeting.pk}/").content.decode()
    assert "Anna Bērziņa" in html
    assert "Ilze Kalniņa" not in html
