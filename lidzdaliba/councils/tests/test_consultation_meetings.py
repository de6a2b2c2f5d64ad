"""A public consultation meeting: its subject is a consultation (core/subjects.py), which
councils never imports; its materials are due 14 days before (configurable per
institution), and only the consultation's editors may schedule it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lidzdaliba.councils import services
from lidzdaliba.councils.models import DeadlineRules

pytestmark = pytest.mark.django_db


def _schedule(actor, consultation, days=30):
    return services.meeting_schedule(
        actor=actor,
        subject=consultation,
        title="Publiskā apspriešana",
        starts_at=timezone.now() + timedelta(days=days),
        mode="in_person",
        place="Rīga",
    )


def test_a_consultation_meeting_has_materials_due_14_days_before(open_consultation, editor, client):
    meeting = _schedule(editor, open_consultation)
    assert meeting.materials_due_at == meeting.starts_at - timedelta(days=14)
    assert meeting.minutes_due_at == meeting.ends_at + timedelta(days=14)
    listed = client.get(f"/api/v1/meetings?consultation={open_consultation.pk}").json()
    assert [m["id"] for m in listed["results"]] == [meeting.pk]
    row = listed["results"][0]
    assert row["subject"] == {
        "kind": "consultation",
        "id": open_consultation.pk,
        "title": open_consultation.title,
    }
    assert row["materials_due_at"] is not None
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f"/consultations/{open_consultation.pk}/" in page


def test_the_institution_sets_its_own_deadlines(open_consultation, editor, ministry):
    DeadlineRules.objects.create(institution=ministry, materials_days=21, minutes_days=7)
    meeting = _schedule(editor, open_consultation)
    assert meeting.materials_due_at == meeting.starts_at - timedelta(days=21)
    assert meeting.minutes_due_at == meeting.ends_at + timedelta(days=7)


@pytest.mark.parametrize("role", ["resident", "responder", "other_officer", "coordinator"])
def test_only_the_consultations_editors_schedule_its_meetings(open_consultation, request, role):
    with pytest.raises(PermissionDenied):
        _schedule(request.getfixturevalue(role), open_consultation)
