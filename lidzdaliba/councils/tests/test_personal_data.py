"""Personal data of meetings: accessibility needs are erased after the meeting (retention
rule), registrations are in a person's data copy and go with the account; registrants
hear when the minutes are published."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from lidzdaliba.accounts.gdpr import personal_data_export
from lidzdaliba.core.retention import apply_rules
from lidzdaliba.councils import services
from lidzdaliba.councils.models import Meeting, Registration

pytestmark = pytest.mark.django_db


def test_accessibility_needs_are_erased_after_the_meeting(meeting, resident, member):
    services.registration_register(person=resident, meeting=meeting, mode="remote", needs="Tulks")
    services.registration_register(person=member, meeting=meeting, mode="remote", needs="Lifts")
    apply_rules(names=["meeting-accessibility-needs"])
    assert set(Registration.objects.values_list("needs", flat=True)) == {"Tulks", "Lifts"}
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=2))
    result = apply_rules(names=["meeting-accessibility-needs"])
    assert result["meeting-accessibility-needs"] == 2
    assert set(Registration.objects.values_list("needs", flat=True)) == {""}
    assert Registration.objects.filter(question="").count() == 2  # the rest stays


def test_registrations_and_applications_are_in_the_data_copy(meeting, applicant):
    services.registration_register(
        person=applicant, meeting=meeting, mode="in_person", question="Kur?"
    )
    with zipfile.ZipFile(io.BytesIO(personal_data_export(user=applicant))) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["meeting_registrations"][0]["question"] == "Kur?"
    assert data["body_applications"][0]["motivation"] == "Vēlos palīdzēt."


def test_registrants_are_told_when_the_minutes_are_published(
    past_meeting, secretary, resident, member, mailbox, django_capture_on_commit_callbacks
):
    Registration.objects.create(
        meeting=past_meeting, person=resident, mode="remote", status="confirmed"
    )
    Registration.objects.create(
        meeting=past_meeting, person=member, mode="remote", status="cancelled"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(
            actor=secretary,
            meeting=past_meeting,
            minutes="Protokols.",
            late_reason="Kavējās saskaņošana.",
        )
    messages = mailbox.wait_for(1)
    assert [m["To"] for m in messages] == ["resident@example.lv"]
    assert "Pagājusī sēde" in messages[0]["Subject"]
