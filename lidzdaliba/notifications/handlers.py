"""Domain-event subscribers of notifications (see lidzdaliba.core.events): each turns an
event into a `notify` job; nothing is sent inside the request that caused it."""

from __future__ import annotations

from lidzdaliba.core.events import subscriber

from .models import NotificationEvent
from .tasks import notify, tell_responders_of_edited_opinion

Kind = NotificationEvent.Kind


@subscriber("consultation.published")
def on_published(*, consultation_id: int, **_) -> None:
    notify(consultation_id, Kind.ANNOUNCED)


@subscriber("consultation.version_added")
def on_version_added(*, consultation_id: int, version_id: int, **_) -> None:
    notify(consultation_id, Kind.VERSION_ADDED, str(version_id))


@subscriber("consultation.feedback_published")
def on_feedback_published(*, consultation_id: int, **_) -> None:
    notify(consultation_id, Kind.FEEDBACK_PUBLISHED)


@subscriber("consultation.decided")
def on_decided(*, consultation_id: int, **_) -> None:
    notify(consultation_id, Kind.DECIDED)


@subscriber("opinion.edited")
def on_opinion_edited(*, revision_id: int, answer_cleared: bool = False, **_) -> None:
    """An answered opinion was changed: its answer no longer holds, and the responders
    must know it waits for a new one (an unanswered count alone would not tell them)."""
    if answer_cleared:
        tell_responders_of_edited_opinion(revision_id)
