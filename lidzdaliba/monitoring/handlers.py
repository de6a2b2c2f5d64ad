"""Domain-event subscribers: every event that can change a figure enqueues the rebuild of
the bucket concerned (see services.bucket_refresh). Handlers only enqueue."""

from __future__ import annotations

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.tasks import enqueue_on_commit

from . import tasks

CONSULTATION_EVENTS = (
    "consultation.published",
    "consultation.changed",
    "consultation.feedback_published",
    "consultation.decided",
)
OPINION_EVENTS = (
    "opinion.submitted",
    "opinion.answered",
    "opinion.edited",
    "opinion.withdrawn",
    "opinion.anonymised",
)


def on_consultation_event(*, consultation_id: int, **_payload) -> None:
    enqueue_on_commit(tasks.refresh_consultation_figures, consultation_id)


def on_opinion_event(*, opinion_id: int, **_payload) -> None:
    enqueue_on_commit(tasks.refresh_opinion_figures, opinion_id)


for _event in CONSULTATION_EVENTS:
    subscriber(_event)(on_consultation_event)
for _event in OPINION_EVENTS:
    subscriber(_event)(on_opinion_event)
