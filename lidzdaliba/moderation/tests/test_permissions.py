"""Who may report, read the queue, hide, restore and ask for a review: every role against
every action, over HTTP. A refused action leaves the data as it was; an allowed one has its
effect."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import HiddenReason, Opinion
from lidzdaliba.moderation.models import Report

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "author",
    "responder",  # an officer of the opinion's institution
    "other_officer",  # an officer of another institution
    "moderator",
    "coordinator",
]
LOGIN = "login"
MODERATES = {"responder", "moderator"}


def outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.fixture
def person(request):
    return lambda name: None if name == "anonymous" else request.getfixturevalue(name)


def expected(role: str, allowed: set[str], ok: int = 302) -> int | str:
    if role == "anonymous":
        return LOGIN
    return ok if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_report(role, person, reported, client_for):
    response = client_for(person(role)).post(
        reverse("moderation:report", args=[reported.pk]), {"reason": "spam", "note": ""}
    )
    signed_in = set(ROLES) - {"anonymous"}
    assert outcome(response) == expected(role, signed_in)
    assert Report.objects.filter(opinion=reported).count() == (role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_view_queue(role, person, reported, resident, client_for):
    Report.objects.create(opinion=reported, reporter=resident, reason="spam")
    response = client_for(person(role)).get(reverse("moderation:queue"))
    readers = {"responder", "other_officer", "moderator", "coordinator"}
    assert outcome(response) == expected(role, readers, ok=200)
    if response.status_code == 200:
        listed = f'id="reported-{reported.pk}"' in response.content.decode()
        assert listed == (role != "other_officer")  # another institution's opinion


@pytest.mark.parametrize("role", ROLES)
def test_hide(role, person, reported, client_for):
    response = client_for(person(role)).post(
        reverse("moderation:hide", args=[reported.pk]), {"reason": "abusive", "note": ""}
    )
    assert outcome(response) == expected(role, MODERATES)
    assert Opinion.objects.get(pk=reported.pk).is_hidden == (role in MODERATES)


@pytest.mark.parametrize("role", ROLES)
def test_restore(role, person, reported, responder, client_for):
    services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.SPAM)
    response = client_for(person(role)).post(
        reverse("moderation:restore", args=[reported.pk]), {"note": ""}
    )
    assert outcome(response) == expected(role, MODERATES)
    assert Opinion.objects.get(pk=reported.pk).is_hidden == (role not in MODERATES)


@pytest.mark.parametrize("role", ROLES)
def test_request_review(role, person, reported, responder, client_for):
    services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.SPAM)
    response = client_for(person(role)).post(
        reverse("consultations:review_request", args=[reported.pk]),
        {"text": "Tas nav surogātpasts."},
    )
    assert outcome(response) == expected(role, {"author"})
    requested = Opinion.objects.get(pk=reported.pk).review_requested_at is not None
    assert requested == (role == "author")


@pytest.mark.parametrize("role", ROLES)
def test_appoint_moderators(role, person, resident, client_for):
    client = client_for(person(role))
    page = client.get(reverse("moderation:moderators"))
    assert outcome(page) == expected(role, {"coordinator"}, ok=200)
    response = client.post(reverse("moderation:moderators"), {"email": resident.email})
    assert outcome(response) == expected(role, {"coordinator"})
    resident.refresh_from_db()
    assert resident.is_moderator == (role == "coordinator")
