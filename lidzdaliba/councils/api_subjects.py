"""Scheduling a public consultation meeting through the API: `POST /api/v1/consultations/
{id}/meetings`, served by councils (which never imports consultations: the consultation is
found through core/subjects.py). The same input, rules, deadlines and answer as a body's
meeting (`POST /api/v1/bodies/{id}/meetings`, api.py)."""

from __future__ import annotations

from datetime import timedelta

from ninja import Router
from ninja import Status as HttpStatus

from lidzdaliba.accounts.api_auth import bearer

from . import selectors, services
from .api import ERRORS, MeetingDetailOut, MeetingIn, _meeting_detail_out

consultation_meetings_router = Router(tags=["meetings"], auth=bearer)


@consultation_meetings_router.post(
    "/{int:consultation_id}/meetings", response={201: MeetingDetailOut, **ERRORS}
)
def create_consultation_meeting(request, consultation_id: int, payload: MeetingIn):
    """Schedule a public meeting of a published consultation (its institution's editors
    and managers). The answer carries the computed deadlines: the materials, the agenda
    included, 14 days before (`materials_due_at`), the minutes 14 days after (per
    institution)."""
    consultation, _type = selectors.subject_get(
        kind="consultation", pk=consultation_id, user=request.user
    )
    fields = payload.dict()
    fields["duration"] = timedelta(minutes=fields.pop("duration_minutes"))
    meeting = services.meeting_schedule(actor=request.user, subject=consultation, **fields)
    return HttpStatus(201, _meeting_detail_out(request, selectors.meeting_get(pk=meeting.pk)))
