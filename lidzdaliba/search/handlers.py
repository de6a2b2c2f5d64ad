"""Domain-event subscribers of search (see lidzdaliba.core.events).

Every event that changes what the public can read re-indexes the smallest unit that covers
it: a whole consultation when it or its draft or its feedback changes (publishing the
feedback makes every answer visible at once), one opinion when it is submitted, answered
(its answer is indexed only if the feedback is already public), anonymised (the erased
author's name must leave the index too), hidden or restored by moderation. Handlers only enqueue.
"""

from __future__ import annotations

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.tasks import enqueue_on_commit

from . import tasks

CONSULTATION_EVENTS = (
    "consultation.published",
    "consultation.changed",
    "consultation.version_added",
    "consultation.feedback_published",
    "consultation.decided",
)
OPINION_EVENTS = (
    "opinion.submitted",
    "opinion.answered",
    "opinion.anonymised",
    "opinion.edited",
    "opinion.withdrawn",
    "opinion.hidden",
    "opinion.restored",
)


def on_consultation_event(*, consultation_id: int, **_payload) -> None:
    enqueue_on_commit(tasks.reindex_consultation, consultation_id)


def on_opinion_event(*, opinion_id: int, **_payload) -> None:
    enqueue_on_commit(tasks.reindex_opinion, opinion_id)


for _event in CONSULTATION_EVENTS:
    subscriber(_event)(on_consultation_event)
for _event in OPINION_EVENTS:
    subscriber(_event)(on_opinion_event)


def on_initiative_event(*, initiative_id: int, **_payload) -> None:
    enqueue_on_commit(tasks.reindex_initiative, initiative_id)


for _event in ("initiative.status_changed", "initiative.changed"):
    subscriber(_event)(on_initiative_event)
