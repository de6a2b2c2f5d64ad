"""What surveys do when other apps' events happen (core/events.py): a consultation whose
feedback is published gets its standard survey (a job, so the publishing request never
waits for the invitations)."""

from __future__ import annotations

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.tasks import job


@job()
def create_standard_survey(consultation_id: int) -> None:
    from .services import standard_survey_for_consultation

    standard_survey_for_consultation(consultation_id=consultation_id)


@subscriber("consultation.feedback_published")
def on_feedback_published(consultation_id: int) -> None:
    create_standard_survey(consultation_id)
