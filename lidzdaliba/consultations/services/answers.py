"""Answering opinions with reasons and publishing the feedback table (the responder's work)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit
from lidzdaliba.institutions.rules import is_responder_of

from ..models import Answer, Consultation, Opinion, awaiting_answer_q
from ..tasks import send_answer_to_author, send_answers_to_authors
from .opinions import consultation_lock_key

ANSWER_FIELDS = ["outcome", "reason", "new_wording"]


def _require_responder(actor, consultation: Consultation) -> None:
    if not is_responder_of(actor, consultation.institution_id):
        raise PermissionDenied(_("Only a responder of this institution may answer opinions."))


def _validate(outcome: str, reason: str, new_wording: str) -> None:
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose an outcome.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason. Every outcome needs one, including acceptance.")]
    try:
        check_lengths({"reason": reason, "new_wording": new_wording})
    except ValidationError as too_long:
        for name, messages in too_long.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _write_answer(
    *, actor, opinion: Opinion, outcome: str, reason: str, new_wording: str, batch=None
) -> Answer:
    answer = Answer.objects.filter(opinion=opinion).first()
    before = snapshot(answer, ANSWER_FIELDS) if answer else None
    if answer is None:
        answer = Answer(opinion=opinion)
    answer.outcome = outcome
    answer.reason = reason.strip()
    answer.new_wording = new_wording.strip()
    answer.answered_by = actor
    answer.batch = batch
    answer.save()
    if opinion.consultation.feedback_published_at is not None and opinion.author_id:
        # The feedback is public already: the author hears of this answer (or of the
        # change) now rather than never. Their earlier mail, if any, no longer holds.
        Opinion.objects.filter(pk=opinion.pk).update(answer_sent_at=None)
        enqueue_on_commit(send_answer_to_author, opinion.pk, changed=before is not None)
    audit_record(
        actor=actor,
        action="opinion.answer" if before is None else "opinion.answer_change",
        target=opinion,
        institution=opinion.consultation.institution,
        before=before,
        after=snapshot(answer, ANSWER_FIELDS),
    )
    return answer


def _check_answerable(consultation: Consultation) -> None:
    if not consultation.is_published:
        raise Conflict(_("This consultation is not published."), code="not_published")
    if consultation.decided_at is not None:
        raise Conflict(
            _("The decision has been taken; answers can no longer change."), code="decided"
        )


@transaction.atomic
def answer_give(
    *, actor, opinion: Opinion, outcome: str, reason: str, new_wording: str = ""
) -> Answer:
    # Shared with other answers, exclusive with publishing: an answer written while the
    # feedback is being published knows which side of the publication it is on.
    lock_for(consultation_lock_key(opinion.consultation_id), shared=True)
    # Read the consultation afresh: the caller's copy may predate a decision.
    consultation = Consultation.objects.select_related("institution").get(
        pk=opinion.consultation_id
    )
    _require_responder(actor, consultation)
    _check_answerable(consultation)
    _validate(outcome, reason, new_wording)
    # Parallel answers to one opinion wait for each other instead of both inserting.
    opinion = (
        Opinion.objects.select_for_update(of=("self",))
        .select_related("consultation__institution")
        .get(pk=opinion.pk)
    )
    answer = _write_answer(
        actor=actor, opinion=opinion, outcome=outcome, reason=reason, new_wording=new_wording
    )
    publish_on_commit("opinion.answered", opinion_id=opinion.pk)
    return answer


@transaction.atomic
def answers_give_bulk(
    *,
    actor,
    consultation: Consultation,
    opinion_ids: Sequence[int],
    outcome: str,
    reason: str,
    new_wording: str = "",
) -> list[Answer]:
    """Answer several similar opinions at once with one reason (one batch, one transaction)."""
    lock_for(consultation_lock_key(consultation.pk), shared=True)
    consultation = Consultation.objects.select_related("institution").get(pk=consultation.pk)
    _require_responder(actor, consultation)
    _check_answerable(consultation)
    _validate(outcome, reason, new_wording)
    opinions = list(
        Opinion.objects.select_for_update(of=("self",))
        .filter(consultation=consultation, pk__in=set(opinion_ids))
        .select_related("consultation__institution")
        .order_by("pk")
    )
    if not opinions:
        raise ValidationError({"opinion_ids": [_("Choose at least one opinion.")]})
    if len(opinions) != len(set(opinion_ids)):
        raise ValidationError(
            {"opinion_ids": [_("Some of the chosen opinions are not part of this consultation.")]}
        )
    batch = uuid.uuid4()
    answers = [
        _write_answer(
            actor=actor,
            opinion=opinion,
            outcome=outcome,
            reason=reason,
            new_wording=new_wording,
            batch=batch,
        )
        for opinion in opinions
    ]
    for opinion in opinions:
        publish_on_commit("opinion.answered", opinion_id=opinion.pk)
    return answers


@transaction.atomic
def feedback_publish(*, actor, consultation: Consultation, justification: str = "") -> Consultation:
    """Make every answer public and e-mail each author theirs.

    Allowed once the consultation has closed and every opinion has an answer — or, when some
    cannot be answered yet, with a justification that is recorded and shown publicly.
    """
    _require_responder(actor, consultation)
    # Exclusive: opinions being written right now (they hold the lock shared) are committed
    # before the count below, and later ones see the publication and are refused.
    lock_for(consultation_lock_key(consultation.pk))
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.feedback_published_at is not None:
        raise Conflict(_("The feedback is already published."), code="already_published")
    if not consultation.is_awaiting_feedback:
        raise Conflict(
            _("Feedback can be published once the consultation has closed."), code="not_closed"
        )
    check_lengths({"justification": justification})
    # A withdrawn opinion needs no answer.
    unanswered = consultation.opinions.filter(awaiting_answer_q()).count()
    if unanswered and not justification.strip():
        raise ValidationError(
            {
                "justification": [
                    _(
                        "%(n)s opinions have no answer yet. Answer them, or explain why the "
                        "feedback is published now; the explanation is shown publicly."
                    )
                    % {"n": unanswered}
                ]
            }
        )
    consultation.feedback_published_at = timezone.now()
    consultation.feedback_justification = justification.strip() if unanswered else ""
    consultation.save(
        update_fields=["feedback_published_at", "feedback_justification", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="consultation.feedback_publish",
        target=consultation,
        institution=consultation.institution,
        before={"feedback_published_at": None},
        after={
            "feedback_published_at": consultation.feedback_published_at,
            "unanswered": unanswered,
            "justification": consultation.feedback_justification,
        },
    )
    enqueue_on_commit(send_answers_to_authors, consultation.pk)
    publish_on_commit("consultation.feedback_published", consultation_id=consultation.pk)
    return consultation
