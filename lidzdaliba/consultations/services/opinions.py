"""Giving an opinion: the one write the public makes."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lidzdaliba.accounts.models import Organisation, Representation
from lidzdaliba.core.enums import OpinionKind
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.tasks import enqueue_on_commit
from lidzdaliba.core.uploads import sniff_upload

from ..models import Clause, Consultation, Opinion, OpinionAttachment, Status
from ..tasks import send_opinion_receipt

MAX_OPINION_CHARS = 20_000
MAX_ATTACHMENTS = 5
OPINION_ATTACHMENT_KINDS = {"docx", "odt", "pdf", "md", "txt", "xlsx", "ods", "png", "jpeg"}


def _validate(
    *, consultation: Consultation, kind: str, text: str, proposed_wording: str, clause_id
) -> Clause | None:
    errors: dict[str, list[str]] = {}
    if kind not in OpinionKind.values:
        errors["kind"] = [_("Choose what kind of opinion this is.")]
    if not text.strip():
        errors["text"] = [_("Write your opinion.")]
    elif len(text) > MAX_OPINION_CHARS:
        errors["text"] = [
            _("The opinion is too long (at most %(n)s characters).") % {"n": MAX_OPINION_CHARS}
        ]
    if len(proposed_wording) > MAX_OPINION_CHARS:
        errors["proposed_wording"] = [
            _("The proposed wording is too long (at most %(n)s characters).")
            % {"n": MAX_OPINION_CHARS}
        ]
    clause = None
    if clause_id is not None:
        clause = (
            Clause.objects.filter(pk=clause_id, version__consultation=consultation)
            .select_related("version")
            .first()
        )
        if clause is None:
            errors["clause_id"] = [_("This clause is not part of this consultation.")]
        elif clause.is_heading:
            errors["clause_id"] = [_("Choose a clause, not a heading.")]
    if errors:
        raise ValidationError(errors)
    return clause


def opinion_submit(
    *,
    author,
    consultation: Consultation,
    kind: str,
    text: str,
    clause_id: int | None = None,
    proposed_wording: str = "",
    organisation_id: int | None = None,
    show_name: bool = False,
    attachments: Sequence[UploadedFile] = (),
    idempotency_key: str | None = None,
) -> tuple[Opinion, bool]:
    """Record an opinion and e-mail its receipt. Returns (opinion, created).

    A repeated submission with the same idempotency key (API header or the web form's
    token) returns the first opinion instead of creating another: people double-click and
    networks retry, and a consultation must not count one voice twice.
    """
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("Sign in to give an opinion."))
    idempotency_key = (idempotency_key or "").strip()[:100] or None
    # A repeated key is found by the unique constraint when the INSERT fails (below), which
    # spares every first submission a lookup. Only a repeat that arrives after closing is
    # looked up first: the opinion was accepted, and the retry must be told so, not "closed".
    if consultation.announced_at is None:
        raise PermissionDenied(_("This consultation is not published."))
    if consultation.status != Status.OPEN:
        existing = _same_submission(author, consultation, idempotency_key)
        if existing is not None:
            return existing, False
        raise Conflict(
            _("Opinions can be given only while the consultation is open (%(from)s – %(to)s).")
            % {
                "from": consultation.opens_at.strftime("%d.%m.%Y"),
                "to": consultation.closes_at.strftime("%d.%m.%Y"),
            },
            code="consultation_not_open",
        )
    try:
        clause, organisation, sniffed = _checked_input(
            author=author,
            consultation=consultation,
            kind=kind,
            text=text,
            proposed_wording=proposed_wording,
            clause_id=clause_id,
            organisation_id=organisation_id,
            attachments=attachments,
        )
    except (ValidationError, PermissionDenied):
        # A retry of an accepted opinion is answered with it even if something it relied
        # on changed since (a representation ended): it was accepted then.
        existing = _same_submission(author, consultation, idempotency_key)
        if existing is not None:
            return existing, False
        raise

    # One INSERT is atomic by itself; a transaction is needed only to keep an opinion and
    # its attachments together (and costs two more round trips on the busiest write), or
    # as a savepoint when the caller is in a transaction that a refused INSERT must not
    # break.
    atomic = bool(attachments) or transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if atomic else contextlib.nullcontext():
            opinion = Opinion.objects.create(
                consultation=consultation,
                clause=clause,
                author=author,
                organisation=organisation,
                kind=kind,
                text=text.strip(),
                proposed_wording=proposed_wording.strip(),
                show_name=show_name,
                idempotency_key=idempotency_key,
            )
            for upload, info in zip(attachments, sniffed, strict=True):
                attachment = OpinionAttachment(
                    opinion=opinion,
                    original_name=info.original_name,
                    content_type=info.content_type,
                    size=info.size,
                )
                attachment.file.save("upload", upload, save=False)
                attachment.save()
            enqueue_on_commit(send_opinion_receipt, opinion.pk)
            publish_on_commit(
                "opinion.submitted", opinion_id=opinion.pk, consultation_id=consultation.pk
            )
    except IntegrityError:
        # The same key was used before (a retry, a double click, or a concurrent request
        # that won the race): answer with that opinion.
        existing = _same_submission(author, consultation, idempotency_key)
        if existing is not None:
            return existing, False
        raise
    return opinion, True


def _checked_input(
    *,
    author,
    consultation: Consultation,
    kind: str,
    text: str,
    proposed_wording: str,
    clause_id: int | None,
    organisation_id: int | None,
    attachments: Sequence[UploadedFile],
) -> tuple[Clause | None, Organisation | None, list]:
    """The clause, the organisation and the checked uploads; ValidationError or
    PermissionDenied for what cannot be accepted."""
    clause = _validate(
        consultation=consultation,
        kind=kind,
        text=text,
        proposed_wording=proposed_wording,
        clause_id=clause_id,
    )
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        represents = Representation.objects.filter(
            organisation_id=organisation_id, user=author
        ).exists()
        if organisation is None or not represents:
            raise PermissionDenied(_("You do not represent this organisation."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("At most %(n)s files may be attached.") % {"n": MAX_ATTACHMENTS}]}
        )
    sniffed = [sniff_upload(upload, allowed=OPINION_ATTACHMENT_KINDS) for upload in attachments]
    return clause, organisation, sniffed


def _same_submission(author, consultation: Consultation, key: str | None) -> Opinion | None:
    if not key:
        return None
    return Opinion.objects.filter(
        author=author, consultation=consultation, idempotency_key=key
    ).first()
