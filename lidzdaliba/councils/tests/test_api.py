"""The JSON API of bodies, meetings and recommendations: shapes, filters, due dates,
registration with a waiting list, and who may do what (a role × action matrix)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lidzdaliba.core.enums import Outcome
from lidzdaliba.councils import services
from lidzdaliba.councils.models import Meeting, Recommendation, Registration

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


@pytest.fixture
def api_as(request, api_for):
    def make(role: str) -> Client:
        return api_for(None if role == "anonymous" else request.getfixturevalue(role))

    return make


def post_json(client: Client, url: str, payload: dict):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_bodies_list_filters_and_detail_shows_representation(body, api_as, groups, municipality):
    client = api_as("anonymous")
    listed = client.get("/api/v1/bodies").json()
    assert listed["count"] == 1 and listed["results"][0]["kind"] == "council"
    assert client.get("/api/v1/bodies?institution=ministrija").json()["count"] == 1
    assert client.get("/api/v1/bodies?institution=pasvaldiba").json()["count"] == 0
    assert client.get("/api/v1/bodies?kind=working_group").json()["count"] == 0
    assert client.get("/api/v1/bodies?kind=nonsense").status_code == 422

    detail = client.get(f"/api/v1/bodies/{body.pk}").json()
    assert detail["members"] == [
        {
            "name": "Ilze Kalniņa",
            "kind": "person",
            "role": "chair",
            "starts_on": "2025-01-01",
            "ends_on": None,
            "represented_groups": [g.slug for g in groups[:2]],
        }
    ]
    assert [g["slug"] for g in detail["represented_groups"]] == [g.slug for g in groups[:2]]
    assert [g["slug"] for g in detail["unrepresented_groups"]] == [groups[2].slug]
    assert client.get("/api/v1/bodies/999999").status_code == 404


def test_creating_a_meeting_answers_201_with_its_due_dates(body, api_as):
    starts = timezone.localtime(timezone.now() + timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    response = post_json(
        api_as("secretary"),
        f"/api/v1/bodies/{body.pk}/meetings",
        {
            "title": "Sēde",
            "starts_at": starts.isoformat(),
            "mode": "remote",
            "remote_url": REMOTE_URL,
            "capacity": 10,
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    meeting = Meeting.objects.get(pk=data["id"])
    assert data["mode"] == "remote" and data["remote_url"] == REMOTE_URL
    assert data["agenda_due_at"] is not None and data["materials_due_at"] is None
    agenda_due = timezone.localtime(meeting.agenda_due_at)
    assert agenda_due.time() == starts.time() and agenda_due < starts
    assert (starts.date() - agenda_due.date()).days >= 3
    assert meeting.minutes_due_at == meeting.ends_at + timedelta(days=14)
    assert data["agenda_late"] is False and data["minutes_late"] is False


def test_an_in_person_meeting_needs_a_place(body, api_as):
    response = post_json(
        api_as("secretary"),
        f"/api/v1/bodies/{body.pk}/meetings",
        {
            "title": "Sēde",
            "starts_at": (timezone.now() + timedelta(days=9)).isoformat(),
            "mode": "in_person",
        },
    )
    assert response.status_code == 422
    assert "place" in response.json()["details"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("resident", 403),
        ("member", 403),
        ("applicant", 403),
        ("secretary", 201),
        ("editor", 201),
        ("other_officer", 403),
        ("coordinator", 403),
    ],
)
def test_who_may_schedule_a_meeting(body, api_as, role, status):
    response = post_json(
        api_as(role),
        f"/api/v1/bodies/{body.pk}/meetings",
        {
            "title": "Sēde",
            "starts_at": (timezone.now() + timedelta(days=9)).isoformat(),
            "mode": "hybrid",
            "place": "Rīga",
        },
    )
    assert response.status_code == status, response.content


def test_meetings_list_filters_and_late_flags(body, meeting, past_meeting, api_as, municipality):
    client = api_as("anonymous")
    everything = client.get("/api/v1/meetings").json()
    assert everything["count"] == 2
    by_body = client.get(f"/api/v1/meetings?body={body.pk}").json()
    assert by_body["count"] == 2
    assert client.get("/api/v1/meetings?institution=pasvaldiba").json()["count"] == 0
    assert client.get("/api/v1/meetings?institution=nav-tadas").status_code == 422
    assert client.get("/api/v1/meetings?consultation=1").json()["count"] == 0
    since = (timezone.now() - timedelta(days=1)).isoformat()
    upcoming = client.get("/api/v1/meetings", {"from": since}).json()
    assert [m["id"] for m in upcoming["results"]] == [meeting.pk]
    earlier = client.get("/api/v1/meetings", {"to": since}).json()
    past = earlier["results"][0]
    assert past["id"] == past_meeting.pk
    # Its minutes were due six days ago and are not published.
    assert past["minutes_late"] is True and past["minutes_published_at"] is None
    for key in (
        "starts_at",
        "mode",
        "agenda_published_at",
        "agenda_due_at",
        "materials_due_at",
        "minutes_due_at",
        "agenda_late",
    ):
        assert key in past


@pytest.mark.parametrize(
    ("role", "sees_link"),
    [
        ("anonymous", False),
        ("resident", False),
        ("member", False),
        ("applicant", False),
        ("other_officer", False),
        ("coordinator", False),
        ("secretary", True),
        ("editor", True),
    ],
)
def test_the_remote_link_is_only_for_registrants_and_organisers(meeting, api_as, role, sees_link):
    response = api_as(role).get(f"/api/v1/meetings/{meeting.pk}")
    assert response.status_code == 200
    assert (response.json()["remote_url"] == REMOTE_URL) is sees_link
    assert (REMOTE_URL in response.content.decode()) is sees_link


def test_a_registrant_sees_the_remote_link(meeting, api_as, resident):
    client = api_as("resident")
    created = post_json(
        client,
        f"/api/v1/meetings/{meeting.pk}/registrations",
        {"mode": "remote", "question": "Kāpēc?"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["remote_url"] == REMOTE_URL
    assert client.get(f"/api/v1/meetings/{meeting.pk}").json()["remote_url"] == REMOTE_URL


def test_registering_twice_returns_the_same_registration_and_a_full_meeting_waitlists(
    body, secretary, api_as, resident, member, applicant
):
    meeting = schedule(secretary, body, capacity=1)
    url = f"/api/v1/meetings/{meeting.pk}/registrations"
    first = post_json(api_as("resident"), url, {"mode": "in_person"})
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    again = post_json(api_as("resident"), url, {"mode": "remote", "needs": "Ratiņkrēsls"})
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["mode"] == "remote"
    waiting = post_json(api_as("member"), url, {"mode": "in_person"})
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"
    assert waiting.json()["remote_url"] is None

    assert api_as("resident").delete(f"{url}/me").status_code == 204
    assert Registration.objects.get(pk=waiting.json()["id"]).status == "confirmed"
    assert api_as("resident").delete(f"{url}/me").status_code == 404


def test_registration_needs_a_sign_in_and_a_fitting_mode(body, secretary, api_as):
    meeting = schedule(secretary, body, mode=Meeting.Mode.IN_PERSON)
    url = f"/api/v1/meetings/{meeting.pk}/registrations"
    assert post_json(api_as("anonymous"), url, {"mode": "in_person"}).status_code == 401
    assert post_json(api_as("resident"), url, {"mode": "remote"}).status_code == 422
    assert post_json(api_as("resident"), url, {"mode": "by_pigeon"}).status_code == 422


def test_a_cancelled_meeting_takes_no_registrations(meeting, secretary, api_as):
    services.meeting_cancel(actor=secretary, meeting=meeting)
    response = post_json(
        api_as("resident"), f"/api/v1/meetings/{meeting.pk}/registrations", {"mode": "remote"}
    )
    assert response.status_code == 409


@pytest.fixture
def recommendation(body, secretary, ministry):
    return services.recommendation_adopt(
        actor=secretary,
        body=body,
        text="Ieteikums.",
        addressed_to=ministry,
        adopted_on=timezone.localdate() - timedelta(days=40),
    )


def test_recommendations_list_with_status(body, recommendation, api_as):
    data = api_as("anonymous").get(f"/api/v1/bodies/{body.pk}/recommendations").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["status"] == "overdue" and row["outcome"] is None
    assert row["due_on"] == (recommendation.adopted_on + timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("resident", 403),
        ("member", 403),
        ("applicant", 403),
        ("secretary", 200),
        ("editor", 403),
        ("other_officer", 403),
        ("coordinator", 403),
    ],
)
def test_who_may_answer_a_recommendation(recommendation, api_as, role, status):
    response = post_json(
        api_as(role),
        f"/api/v1/recommendations/{recommendation.pk}/answer",
        {"outcome": "partly_taken_into_account", "reason": "Daļēji ņemts vērā."},
    )
    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["status"] == "answered"
        assert response.json()["outcome"] == Outcome.PARTLY_TAKEN_INTO_ACCOUNT


def test_an_answer_needs_a_reason(recommendation, api_as):
    response = post_json(
        api_as("secretary"),
        f"/api/v1/recommendations/{recommendation.pk}/answer",
        {"outcome": "noted", "reason": "  "},
    )
    assert response.status_code == 422
    assert Recommendation.objects.get(pk=recommendation.pk).answered_at is None


def test_list_queries_do_not_grow_with_the_rows(
    body, secretary, api_as, django_assert_max_num_queries
):
    client = api_as("anonymous")
    schedule(secretary, body)
    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/meetings")
    for n in range(5):
        schedule(secretary, body, title=f"Sēde {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/meetings").json()["count"] == 6
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/bodies")
