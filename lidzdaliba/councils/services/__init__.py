"""Every write to bodies and meetings goes through these functions (HackSoft-style services).

Each is keyword-only, runs in one transaction, checks the actor's right with `rules`,
validates, writes, records the audit entry for officer actions, and publishes domain events
(and queues e-mail) on commit.
"""

from .bodies import (
    application_decide,
    application_submit,
    body_create,
    member_add,
    member_end,
    recommendation_adopt,
    recommendation_answer,
)
from .calls import call_close, call_publish
from .meetings import (
    agenda_item_add,
    agenda_publish,
    attendance_record,
    deadline_rules_for,
    due_dates_for,
    meeting_cancel,
    meeting_schedule,
    meeting_update,
    minutes_publish,
    subject_is_public,
)
from .questions import question_answer
from .registrations import registration_cancel, registration_register

__all__ = [
    "agenda_item_add",
    "agenda_publish",
    "application_decide",
    "application_submit",
    "attendance_record",
    "body_create",
    "call_close",
    "call_publish",
    "deadline_rules_for",
    "due_dates_for",
    "meeting_cancel",
    "meeting_schedule",
    "meeting_update",
    "member_add",
    "member_end",
    "minutes_publish",
    "question_answer",
    "recommendation_adopt",
    "recommendation_answer",
    "registration_cancel",
    "registration_register",
    "subject_is_public",
]
