"""A person's registrations and applications in the copy of their data, and what deleting
their account does to them (registered from CouncilsConfig.ready())."""

from __future__ import annotations

from typing import Any

from .models import Application, Member, Registration


def export_registrations(user) -> list[dict[str, Any]]:
    rows = [
        {
            "meeting": r.meeting.title,
            "starts_at": r.meeting.starts_at,
            "mode": r.mode,
            "status": r.status,
            "accessibility_needs": r.needs,
            "question": r.question,
            "answer": r.answer,
            "registered_at": r.created_at,
        }
        for r in Registration.objects.filter(person=user).select_related("meeting")
    ]
    return rows


def export_applications(user) -> list[dict[str, Any]]:
    rows = [
        {
            "body": a.body.name,
            "motivation": a.motivation,
            "status": a.status,
            "reason": a.decision_reason,
            "applied_at": a.created_at,
        }
        for a in Application.objects.filter(applicant=user).select_related("body")
    ]
    return rows


def erase_person(user) -> None:
    """Registrations and applications go with the account (cascade); the body's history
    keeps no name of a private person who left."""
    Registration.objects.filter(person=user).delete()
    Application.objects.filter(applicant=user).delete()
    Member.objects.filter(person=user).delete()
