"""The demo has bodies and meetings in every state the pages show."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lidzdaliba.councils import selectors
from lidzdaliba.councils.models import Body, Meeting, Recommendation

pytestmark = pytest.mark.django_db


def test_demo_bodies_meetings_and_recommendations(client):
    call_command("load_demo", verbosity=0)
    council = Body.objects.get(kind=Body.Kind.COUNCIL)
    unrepresented = selectors.representation_of(council).unrepresented
    assert [g.slug for g in unrepresented] == ["pensionari"]
    assert selectors.members_of(council, current=False)  # a past member stays in history
    assert Body.objects.filter(kind=Body.Kind.RESIDENTS_COUNCIL, accepting_applications=True)
    assert Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()

    meetings = Meeting.objects.all()
    assert meetings.filter(mode=Meeting.Mode.HYBRID).exists()
    assert meetings.exclude(minutes_late_reason="").exists()  # minutes published late
    assert meetings.minutes_overdue().exists()
    statuses = {r.status for r in Recommendation.objects.all()}
    assert statuses == {"answered", "pending", "overdue"}

    assert client.get(f"/bodies/{council.pk}/").status_code == 200
    # A published call for members, and a question answered in the published minutes.
    residents = Body.objects.get(kind=Body.Kind.RESIDENTS_COUNCIL)
    assert residents.call_published_at and residents.call_open_until
    assert "Padome aicina pieteikties" in client.get(f"/bodies/{residents.pk}/").content.decode()
    held = meetings.exclude(minutes_published_at=None).get(subject_id=council.pk)
    page = client.get(f"/meetings/{held.pk}/").content.decode()
    assert "reģionu slimnīcām" in page and "katru ārstniecības iestādi" in page
    assert client.get(f"/meetings/{held.pk}/minutes.pdf").status_code == 200
    for meeting in meetings:
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
