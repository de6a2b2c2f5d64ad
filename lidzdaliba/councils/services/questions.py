"""Answers to the questions registrants sent in advance of a meeting.

The organisers answer each question (before the meeting or after it); the asker is told by
e-mail at once (a job, on commit), and the answer is public on the meeting page and in the
minutes once the minutes are published — without the asker's name, unless they asked on
behalf of an organisation (selectors_documents.public_answers).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.tasks import enqueue_on_commit

from ..models import Registration


@transaction.atomic
def question_answer(*, actor, registration: Registration, answer: str) -> Registration:
    """Answer (or correct the answer to) the question of `registration`. A changed answer
    is sent to the asker again; the same answer saved twice is not."""
    meeting = registration.meeting
    if not actor.has_perm("councils.answer_questions", meeting):
        raise PermissionDenied(_("Only the organisers of this meeting may do this."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.question.strip():
        raise ValidationError(_("This registration asked no question."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": [_("Write the answer.")]})
    check_lengths({"answer": answer}, limit=2000)
    if answer == registration.answer and registration.answered_at is not None:
        return registration
    before = {"answer": registration.answer}
    registration.answer = answer
    registration.answered_at = timezone.now()
    registration.answered_by = actor
    registration.answer_notice_sent_at = None
    registration.save(
        update_fields=[
            "answer",
            "answered_at",
            "answered_by",
            "answer_notice_sent_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="meeting.question_answer",
        target=meeting,
        institution=meeting.institution,
        before=before,
        after={
            "registration": registration.pk,
            "question": registration.question,
            "answer": answer,
        },
    )
    from ..tasks import send_answer_notice

    enqueue_on_commit(send_answer_notice, registration.pk)
    publish_on_commit(
        "meeting.question_answered", meeting_id=meeting.pk, registration_id=registration.pk
    )
    return registration
