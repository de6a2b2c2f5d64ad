"""Every write to consultations goes through these functions (HackSoft-style services).

Each runs in one transaction, checks the actor's right with `rules`, validates, writes,
records the audit entry, and publishes domain events on commit.
"""

from .answers import answer_give, answers_give_bulk, feedback_publish
from .consultations import (
    attachment_add,
    consultation_create,
    consultation_publish,
    consultation_update,
    decision_record,
    document_version_create,
    minimum_period_days,
)
from .moderation import (
    opinion_hide,
    opinion_restore,
    opinion_review_request,
    opinion_review_uphold,
)
from .opinion_changes import opinion_edit, opinion_withdraw
from .opinions import opinion_submit

__all__ = [
    "answer_give",
    "answers_give_bulk",
    "attachment_add",
    "consultation_create",
    "consultation_publish",
    "consultation_update",
    "decision_record",
    "document_version_create",
    "feedback_publish",
    "minimum_period_days",
    "opinion_edit",
    "opinion_hide",
    "opinion_restore",
    "opinion_review_request",
    "opinion_review_uphold",
    "opinion_submit",
    "opinion_withdraw",
]
