"""The institution's part once the threshold is reached: consideration, the reasoned
answer, implementation milestones, and the audited export of signers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.uploads import sniff_upload

from ..models import (
    ANSWERABLE_STATUSES,
    Answer,
    AnswerDocument,
    Initiative,
    Milestone,
    Status,
)
from ..rules import answers_initiative
from .lifecycle import move

DOCUMENT_KINDS = {"docx", "odt", "pdf", "md", "txt", "xlsx", "ods", "png", "jpeg"}
MAX_DOCUMENTS = 5


def _locked(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("institution")
        .get(pk=initiative.pk)
    )


@transaction.atomic
def consideration_start(*, actor, initiative: Initiative) -> Initiative:
    """The institution tells the public it has taken the initiative up."""
    initiative = _locked(initiative)
    if not actor.has_perm("initiatives.take_into_consideration", initiative):
        raise PermissionDenied(
            _(
                "Only a responder of the addressed institution may do this, once the "
                "threshold is reached."
            )
        )
    move(initiative, Status.UNDER_CONSIDERATION, actor=actor)
    audit_record(
        actor=actor,
        action="initiative.consider",
        target=initiative,
        institution=initiative.institution,
        before={"status": Status.THRESHOLD_REACHED},
        after={"status": Status.UNDER_CONSIDERATION},
    )
    return initiative


def validate_answer(outcome: str, reason: str) -> None:
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose an outcome.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason. Every outcome needs one, including acceptance.")]
    try:
        check_lengths({"reason": reason})
    except ValidationError as too_long:
        for name, messages in too_long.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def answer_give(
    *,
    actor,
    initiative: Initiative,
    outcome: str,
    reason: str,
    documents: Sequence[UploadedFile] = (),
) -> Answer:
    """The institution's answer: an outcome and, always, the reason; documents optional."""
    initiative = _locked(initiative)
    if not answers_initiative(actor, initiative):
        raise PermissionDenied(
            _("Only a responder of the addressed institution may answer this initiative.")
        )
    if initiative.status not in ANSWERABLE_STATUSES:
        raise Conflict(
            _("An initiative is answered once its threshold is reached, and only once."),
            code="not_answerable",
        )
    validate_answer(outcome, reason)
    if len(documents) > MAX_DOCUMENTS:
        raise ValidationError(
            {"documents": [_("At most %(n)s files may be attached.") % {"n": MAX_DOCUMENTS}]}
        )
    sniffed = [sniff_upload(upload, allowed=DOCUMENT_KINDS) for upload in documents]
    answer = Answer.objects.create(
        initiative=initiative, outcome=outcome, reason=reason.strip(), answered_by=actor
    )
    for upload, info in zip(documents, sniffed, strict=True):
        document = AnswerDocument(
            answer=answer,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
        )
        document.file.save("upload", upload, save=False)
        document.save()
    before = {"status": initiative.status}
    move(initiative, Status.ANSWERED, actor=actor)
    audit_record(
        actor=actor,
        action="initiative.answer",
        target=initiative,
        institution=initiative.institution,
        before=before,
        after={"status": Status.ANSWERED, "outcome": outcome, "reason": answer.reason},
    )
    return answer


@transaction.atomic
def milestone_add(*, actor, initiative: Initiative, date: dt.date, text: str) -> Milestone:
    initiative = _locked(initiative)
    if not actor.has_perm("initiatives.add_milestone", initiative):
        raise PermissionDenied(
            _("Only the addressed institution records milestones, once it has answered.")
        )
    if not text.strip():
        raise ValidationError({"text": [_("Say what happened.")]})
    check_lengths({"text": text})
    milestone = Milestone.objects.create(
        initiative=initiative, date=date, text=text.strip(), recorded_by=actor
    )
    audit_record(
        actor=actor,
        action="initiative.milestone",
        target=initiative,
        institution=initiative.institution,
        after={"date": date, "text": milestone.text},
    )
    return milestone


@transaction.atomic
def implemented_mark(*, actor, initiative: Initiative) -> Initiative:
    initiative = _locked(initiative)
    if not actor.has_perm("initiatives.mark_implemented", initiative):
        raise PermissionDenied(
            _("Only the addressed institution marks the initiative implemented, once answered.")
        )
    move(initiative, Status.IMPLEMENTED, actor=actor)
    audit_record(
        actor=actor,
        action="initiative.implemented",
        target=initiative,
        institution=initiative.institution,
        before={"status": Status.ANSWERED},
        after={"status": Status.IMPLEMENTED},
    )
    return initiative


def signatures_export_record(*, actor, initiative: Initiative, file_format: str, rows: int) -> None:
    """Check the right to export signers and audit that it happened (who, when, how many)."""
    if not (actor is not None and actor.has_perm("initiatives.export_signatures", initiative)):
        raise PermissionDenied(
            _("Only the addressed institution's officers may export the signatures.")
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="initiative.signatures_export",
            target=initiative,
            institution=initiative.institution,
            after={"format": file_format, "rows": rows},
        )
