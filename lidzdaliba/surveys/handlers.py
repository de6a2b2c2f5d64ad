"""What surveys do when other apps' events happen (core/events.py).

A consultation whose feedback is published gets its standard survey two days later: its
participants first read how their opinions were answered (the feedback e-mail goes out at
publication), then are asked whether they felt heard. The job is scheduled, so the publishing
request never waits, and it is idempotent (one standard survey per consultation)."""

from __future__ import annotations

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.tasks import job

ASK_AFTER_SECONDS = 2 * 24 * 3600


@job()
def create_standard_survey(consultation_id: int) -> None:
    from .services import standard_survey_for_consultation

    standard_survey_for_consultation(consultation_id=consultation_id)


@subscriber("consultation.feedback_published")
def on_feedback_published(consultation_id: int) -> None:
    create_standard_survey.schedule(args=(consultation_id,), delay=ASK_AFTER_SECONDS)
