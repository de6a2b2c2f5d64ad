"""People in every role around a body, and a body with meetings, made through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lidzdaliba.councils import services
from lidzdaliba.councils.models import Body, Meeting
from lidzdaliba.institutions.models import AffectedGroup, OfficerRole
from lidzdaliba.testing import factories

Role = OfficerRole.Role
REMOTE_URL = "https://meet.example.lv/padome-slepena-saite"


@pytest.fixture
def secretary(ministry):
    """The body's secretary: an officer (responder) of its institution."""
    return factories.officer(ministry, Role.RESPONDER, email="secretary@example.lv")


@pytest.fixture
def member(db):
    return factories.UserFactory(email="member@example.lv", full_name="Ilze Kalniņa")


@pytest.fixture
def applicant(db):
    return factories.UserFactory(email="applicant@example.lv", full_name="Jānis Liepa")


@pytest.fixture
def groups(db):
    return list(AffectedGroup.objects.order_by("position", "pk")[:3])


@pytest.fixture
def body(ministry, secretary, member, applicant, groups) -> Body:
    body = services.body_create(
        actor=secretary,
        institution=ministry,
        kind=Body.Kind.COUNCIL,
        name="Veselības konsultatīvā padome",
        term_starts_on=date(2025, 1, 1),
        secretary=secretary,
        accepting_applications=True,
        affected_groups=groups,
    )
    services.member_add(
        actor=secretary,
        body=body,
        person=member,
        role="chair",
        starts_on=date(2025, 1, 1),
        represented_groups=groups[:2],
    )
    services.application_submit(applicant=applicant, body=body, motivation="Vēlos palīdzēt.")
    return body


def schedule(actor, body, *, days=10, mode=Meeting.Mode.HYBRID, capacity=None, **fields):
    return services.meeting_schedule(
        actor=actor,
        subject=body,
        title=fields.pop("title", "Padomes sēde"),
        starts_at=timezone.now() + timedelta(days=days),
        mode=mode,
        place="Brīvības iela 72, Rīga",
        remote_url=REMOTE_URL,
        capacity=capacity,
        **fields,
    )


@pytest.fixture
def meeting(body, secretary) -> Meeting:
    return schedule(secretary, body)


@pytest.fixture
def past_meeting(body, secretary) -> Meeting:
    meeting = schedule(secretary, body, title="Pagājusī sēde")
    start = timezone.now() - timedelta(days=20)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, minutes_due_at=start + timedelta(days=14, hours=2)
    )
    meeting.refresh_from_db()
    return meeting
