"""A consultation's page lists its meetings, and its editors schedule one from there.

Consultations never import councils: the page asks core's registry of what is attached to a
subject (core/subjects.py), which councils fills. Scheduling is councils' own page
(`/meetings/new/?subject=consultation:<id>`), allowed by the subject type's attach permission
(`consultations.change_consultation`: the institution's editors and managers)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.councils import services
from lidzdaliba.councils.models import DeadlineRules, Meeting
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "editor",
    "manager",
    "responder",
    "secretary",
    "other_officer",
    "coordinator",
]
EDITORS = {"editor", "manager"}


@pytest.fixture
def web_as(request, client_for):
    def make(role: str):
        return client_for(None if role == "anonymous" else request.getfixturevalue(role))

    return make


def _schedule(actor, consultation, *, days=30, **fields):
    return services.meeting_schedule(
        actor=actor,
        subject=consultation,
        title=fields.pop("title", "Publiskā apspriešana par peldvietām"),
        starts_at=timezone.now() + timedelta(days=days),
        mode=fields.pop("mode", "hybrid"),
        place="Brīvības iela 72, Rīga",
        remote_url="https://meet.example.lv/apspriede-slepena",
        **fields,
    )


def _new_url(consultation) -> str:
    return f"/meetings/new/?subject=consultation:{consultation.pk}"


def _form(starts_at, **fields) -> dict:
    return {
        "title": "Sabiedriskā apspriešana klātienē un attālināti",
        "starts_at": timezone.localtime(starts_at).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "mode": "hybrid",
        "place": "Brīvības iela 72, Rīga",
        "accessibility": "Ieeja bez pakāpieniem.",
        "remote_url": "https://meet.example.lv/apspriede",
        "capacity": "40",
        **fields,
    }


# --- The consultation's page ------------------------------------------------------------------


def test_without_meetings_the_section_is_absent(open_consultation, client):
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert 'id="attached-meetings"' not in page
    assert "<!--attached-->" not in page


def test_the_page_lists_its_meetings_in_order_with_their_status(open_consultation, editor, client):
    later = _schedule(editor, open_consultation, days=40, title="Otrā sanāksme")
    sooner = _schedule(editor, open_consultation, days=20, title="Pirmā sanāksme")
    services.agenda_item_add(actor=editor, meeting=sooner, title="Projekta izklāsts")
    services.agenda_publish(actor=editor, meeting=sooner)
    cancelled = _schedule(editor, open_consultation, days=30, title="Atceltā sanāksme")
    services.meeting_cancel(actor=editor, meeting=cancelled)
    other = factories.published_consultation(editor, open_consultation.institution)
    _schedule(editor, other, title="Citas apspriešanas sanāksme")

    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()

    start = page.index('id="attached-meetings"')
    section = page[start : page.index("</section>", start)]
    assert "Sanāksmes" in section
    titles = re.findall(r'<a href="/meetings/(\d+)/" lang="lv">', section)
    assert titles == [str(sooner.pk), str(cancelled.pk), str(later.pk)]
    assert "Citas apspriešanas" not in page
    assert "darba kārtība publicēta" in section  # the sooner one's agenda is out
    assert "darba kārtība vēl nav publicēta" in section
    assert "Atcelta" in section
    # The remote link is for registrants only, never on the consultation's public page.
    assert "meet.example.lv" not in page
    # Visitors are not offered to schedule.
    assert "/meetings/new/" not in page


def test_past_meetings_say_where_their_minutes_are(open_consultation, editor, client):
    meeting = _schedule(editor, open_consultation)
    start = timezone.now() - timedelta(days=20)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, minutes_due_at=start + timedelta(days=14)
    )
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert "Protokols kavējas" in page
    meeting.refresh_from_db()
    services.minutes_publish(
        actor=editor, meeting=meeting, minutes="Protokols.", late_reason="Slimības dēļ."
    )
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert "Protokols publicēts" in page


def test_more_meetings_take_no_more_queries(
    open_consultation, editor, client_for, django_assert_max_num_queries
):
    client = client_for(editor)
    url = f"/consultations/{open_consultation.pk}/"
    _schedule(editor, open_consultation)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in (21, 22, 23, 24):
        _schedule(editor, open_consultation, days=days)
    with django_assert_max_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert len(re.findall(r'<a href="/meetings/\d+/"', page)) == 5


@pytest.mark.parametrize("role", ROLES)
def test_the_schedule_link_is_offered_to_editors_only(role, web_as, open_consultation, secretary):
    page = web_as(role).get(f"/consultations/{open_consultation.pk}/").content.decode()
    offered = f'href="/meetings/new/?subject=consultation%3A{open_consultation.pk}"' in page
    assert offered == (role in EDITORS)
    # An editor sees the section for the link alone; everyone else sees no empty section.
    assert ('id="attached-meetings"' in page) == (role in EDITORS)


def test_the_page_in_english(open_consultation, editor, client):
    _schedule(editor, open_consultation)
    client.post("/language/", {"language": "en"})
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert ">Meetings</h2>" in page
    assert "agenda not yet published" in page


def test_the_cached_page_shows_a_new_meeting_at_once(
    open_consultation, editor, settings, django_capture_on_commit_callbacks
):
    """Anonymous readers get the page from the cache (web/page_cache.py); scheduling,
    changing or cancelling a meeting refreshes it."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    url = f"/consultations/{open_consultation.pk}/"
    reader = Client()
    assert reader.get(url)["X-Page-Cache"] == "miss"
    assert reader.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _schedule(editor, open_consultation, title="Jauna sanāksme")
    fresh = reader.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Jauna sanāksme" in fresh.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=editor, meeting=meeting)
    assert "Atcelta" in reader.get(url).content.decode()
    # A signed-in editor's page body is cached too (core/fragments.py); the list is not.
    signed_in = Client()
    signed_in.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(editor, open_consultation, title="Vēl viena sanāksme")
    assert "Vēl viena sanāksme" in signed_in.get(url).content.decode()
    cache.clear()


# --- Scheduling through the web form ------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_and_post_the_schedule_form(role, web_as, open_consultation, secretary):
    client = web_as(role)
    url = _new_url(open_consultation)
    starts = timezone.now() + timedelta(days=30)
    got = client.get(url)
    posted = client.post(url, _form(starts))
    if role in EDITORS:
        assert got.status_code == 200
        meeting = Meeting.objects.get()
        assert posted.status_code == 302 and posted["Location"] == f"/meetings/{meeting.pk}/"
    elif role == "anonymous":
        assert got.status_code == 302 and got["Location"].startswith("/accounts/login/")
        assert posted.status_code == 302
        assert not Meeting.objects.exists()
    else:
        assert (got.status_code, posted.status_code) == (403, 403)
        assert not Meeting.objects.exists()


def test_the_editor_schedules_a_hybrid_meeting(open_consultation, editor, client_for, ministry):
    DeadlineRules.objects.create(institution=ministry, materials_days=21, minutes_days=10)
    client = client_for(editor)
    form = client.get(_new_url(open_consultation)).content.decode()
    assert "vismaz 21 dienu pirms" in form  # the institution's own rule is stated
    assert "ne vēlāk kā 10 dienu pēc" in form
    assert f'href="/consultations/{open_consultation.pk}/"' in form  # back to the consultation
    starts = (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)

    response = client.post(_new_url(open_consultation), _form(starts))

    meeting = Meeting.objects.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.subject_id == open_consultation.pk
    assert meeting.subject_type.model == "consultation"
    assert meeting.institution_id == ministry.pk
    assert (meeting.mode, meeting.capacity, meeting.duration) == (
        "hybrid",
        40,
        timedelta(minutes=90),
    )
    assert meeting.starts_at == starts
    assert meeting.materials_due_at == starts - timedelta(days=21)
    assert meeting.agenda_due_at == meeting.materials_due_at
    assert meeting.minutes_due_at == starts + timedelta(minutes=90) + timedelta(days=10)
    entry = AuditEntry.objects.get(action="meeting.schedule")
    assert entry.actor_id == editor.pk and entry.institution_id == ministry.pk
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in page


def test_the_form_says_what_is_wrong(open_consultation, editor, client_for):
    client = client_for(editor)
    soon = timezone.now() + timedelta(days=3)
    response = client.post(_new_url(open_consultation), _form(soon, place=""))
    assert response.status_code == 200
    assert "Norādiet, kur notiek sanāksme." in response.content.decode()
    past = timezone.now() - timedelta(days=1)
    response = client.post(_new_url(open_consultation), _form(past))
    assert "Izvēlieties laiku nākotnē." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_draft_consultation_gets_no_meetings(editor, ministry, client_for):
    from lidzdaliba.consultations import services as consultation_services

    draft = consultation_services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    client = client_for(editor)
    page = client.get(f"/consultations/{draft.pk}/").content.decode()
    assert "/meetings/new/" not in page  # not offered...
    response = client.post(_new_url(draft), _form(timezone.now() + timedelta(days=30)))
    assert response.status_code == 200  # ...and refused with the reason
    assert "vispirms publicējiet" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?subject=",
        "?subject=consultation:",
        "?subject=survey:1",
        "?subject=consultation:999999",
        "?subject=consultation:x",
    ],
)
def test_an_unknown_subject_is_not_found(query, editor, client_for, open_consultation):
    assert client_for(editor).get(f"/meetings/new/{query}").status_code == 404


def test_a_body_can_be_named_too(secretary, client_for, ministry):
    """The page is generic: a body's secretary may use it (with the agenda rule)."""
    from datetime import date

    from lidzdaliba.councils.models import Body

    body = services.body_create(
        actor=secretary,
        institution=ministry,
        kind=Body.Kind.COUNCIL,
        name="Padome",
        term_starts_on=date(2025, 1, 1),
        secretary=secretary,
    )
    client = client_for(secretary)
    starts = timezone.now() + timedelta(days=30)
    response = client.post(f"/meetings/new/?subject=body:{body.pk}", _form(starts))
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.materials_due_at is None and meeting.agenda_due_at is not None


# --- Scheduling through the API -------------------------------------------------------------


def _api_post(client, consultation_id: int, **fields):
    body = {
        "title": "Publiskā apspriešana",
        "starts_at": (timezone.now() + timedelta(days=30)).isoformat(),
        "mode": "remote",
        "remote_url": "https://meet.example.lv/apspriede",
        **fields,
    }
    return client.post(
        f"/api/v1/consultations/{consultation_id}/meetings",
        json.dumps(body),
        content_type="application/json",
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_schedule_through_the_api(role, request, api_for, open_consultation, secretary):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = _api_post(api_for(user), open_consultation.pk)
    expected = 201 if role in EDITORS else 401 if role == "anonymous" else 403
    assert response.status_code == expected, response.content
    assert Meeting.objects.exists() == (role in EDITORS)
    if expected != 201:
        assert set(response.json()) >= {"error", "message"}


def test_the_api_answers_with_the_computed_deadlines(open_consultation, editor, api_for):
    response = _api_post(api_for(editor), open_consultation.pk, capacity=30)
    assert response.status_code == 201
    data = response.json()
    meeting = Meeting.objects.get()
    assert data["id"] == meeting.pk
    assert data["subject"] == {
        "kind": "consultation",
        "id": open_consultation.pk,
        "title": open_consultation.title,
    }
    assert data["mode"] == "remote" and data["capacity"] == 30
    assert data["remote_url"] == "https://meet.example.lv/apspriede"  # the organiser's
    starts = meeting.starts_at
    assert data["materials_due_at"] == data["agenda_due_at"]
    assert meeting.materials_due_at == starts - timedelta(days=14)
    assert AuditEntry.objects.filter(action="meeting.schedule", actor=editor).exists()


def test_the_api_hides_drafts_and_refuses_a_draft_to_its_editors(
    editor, ministry, api_for, resident
):
    from lidzdaliba.consultations import services as consultation_services

    draft = consultation_services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    assert _api_post(api_for(resident), draft.pk).status_code == 404
    assert _api_post(api_for(editor), 999999).status_code == 404
    refused = _api_post(api_for(editor), draft.pk)
    assert refused.status_code == 422
    assert not Meeting.objects.exists()
