"""A person changing their mind: editing or withdrawing an opinion while the consultation is
open ("Mani viedokļi").

Both take the consultation's lock shared, like giving an opinion, and re-check under it that
the consultation is still open: publishing the feedback table takes it exclusively, so an
edit either lands before the publication (and is counted) or is refused after it. What the
opinion said before is kept as an `OpinionRevision` for the officers, with the answer the
edit made void; every change is audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.locks import lock_for

from ..models import Opinion, OpinionRevision
from .opinions import _not_open, _validate, consultation_lock_key

EDITABLE_FIELDS = ["kind", "text", "proposed_wording", "clause_id"]


def _locked_opinion(*, actor, opinion_id: int) -> Opinion:
    """The opinion, locked and read afresh under the consultation's shared lock; refused
    unless `actor` speaks for it and the consultation still takes opinions."""
    consultation_id = Opinion.objects.values_list("consultation_id", flat=True).get(pk=opinion_id)
    lock_for(consultation_lock_key(consultation_id), shared=True)
    opinion = (
        Opinion.objects.select_for_update(of=("self",))
        .select_related("consultation__institution", "clause", "answer")
        .get(pk=opinion_id)
    )
    if actor is None or not actor.has_perm("consultations.follow_opinion", opinion):
        raise PermissionDenied(_("Only the author of an opinion may change it."))
    if opinion.withdrawn_at is not None:
        raise Conflict(_("This opinion has been withdrawn."), code="opinion_withdrawn")
    if not opinion.consultation.is_open_for_opinions:
        raise _not_open(opinion.consultation)
    return opinion


def _revision_of(opinion: Opinion, *, actor, change: str) -> OpinionRevision:
    # Only an edit makes an answer void; a withdrawn opinion keeps whatever answer it had.
    answer = opinion.answer_or_none if change == OpinionRevision.Change.EDITED else None
    return OpinionRevision.objects.create(
        opinion=opinion,
        change=change,
        kind=opinion.kind,
        text=opinion.text,
        proposed_wording=opinion.proposed_wording,
        clause=opinion.clause,
        clause_label=opinion.clause.label[:64] if opinion.clause else "",
        attachments_summary="\n".join(
            f"{attachment.original_name} ({attachment.size} B)"
            for attachment in opinion.attachments.all()
        ),
        previous_outcome=answer.outcome if answer else "",
        previous_reason=answer.reason if answer else "",
        previous_new_wording=answer.new_wording if answer else "",
        previous_answered_at=answer.answered_at if answer else None,
        edited_by=actor,
    )


def opinion_edit(
    *,
    actor,
    opinion: Opinion,
    kind: str,
    text: str,
    clause_id: int | None = None,
    proposed_wording: str = "",
) -> Opinion:
    """Change what an opinion says while its consultation is open.

    An answer given to the earlier text no longer answers this one: it is removed (kept in
    the revision for the officers), the opinion counts as unanswered again, and the
    consultation's responders are told (event `opinion.edited` with `answer_cleared`).
    An edit that changes nothing writes nothing.
    """
    with transaction.atomic():
        opinion = _locked_opinion(actor=actor, opinion_id=opinion.pk)
        clause = _validate(
            consultation=opinion.consultation,
            kind=kind,
            text=text,
            proposed_wording=proposed_wording,
            clause_id=clause_id,
        )
        before = snapshot(opinion, EDITABLE_FIELDS)
        after = {
            "kind": kind,
            "text": text.strip(),
            "proposed_wording": proposed_wording.strip(),
            "clause_id": clause.pk if clause else None,
        }
        if before == after:
            return opinion
        revision = _revision_of(opinion, actor=actor, change=OpinionRevision.Change.EDITED)
        answer = opinion.answer_or_none
        if answer is not None:
            answer.delete()
        opinion.kind = kind
        opinion.text = text.strip()
        opinion.proposed_wording = proposed_wording.strip()
        opinion.clause = clause
        opinion.edited_at = revision.edited_at
        opinion.answer_sent_at = None
        opinion.save(
            update_fields=[
                "kind",
                "text",
                "proposed_wording",
                "clause",
                "edited_at",
                "answer_sent_at",
            ]
        )
        audit_record(
            actor=actor,
            action="opinion.edit",
            target=opinion,
            institution=opinion.consultation.institution,
            before={**before, "answer": revision.previous_outcome or None},
            after={**after, "answer": None},
        )
        publish_on_commit(
            "opinion.edited",
            opinion_id=opinion.pk,
            consultation_id=opinion.consultation_id,
            revision_id=revision.pk,
            answer_cleared=answer is not None,
        )
    # Read afresh: the copy in hand still holds the answer this edit deleted.
    return Opinion.objects.select_related("consultation__institution", "clause").get(pk=opinion.pk)


def opinion_withdraw(*, actor, opinion: Opinion) -> Opinion:
    """Withdraw an opinion while its consultation is open. It stays in the feedback table
    as withdrawn (the public record shows that something was said and taken back), needs
    no answer, and its text leaves the public pages; officers keep the history."""
    with transaction.atomic():
        opinion = _locked_opinion(actor=actor, opinion_id=opinion.pk)
        _revision_of(opinion, actor=actor, change=OpinionRevision.Change.WITHDRAWN)
        opinion.withdrawn_at = timezone.now()
        opinion.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action="opinion.withdraw",
            target=opinion,
            institution=opinion.consultation.institution,
            before={"withdrawn_at": None},
            after={"withdrawn_at": opinion.withdrawn_at},
        )
        publish_on_commit(
            "opinion.withdrawn", opinion_id=opinion.pk, consultation_id=opinion.consultation_id
        )
    return opinion
