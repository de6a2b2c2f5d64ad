"""Giving an opinion: the one write the public makes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lidzdaliba.accounts.models import Organisation
from lidzdaliba.accounts.rules import represents
from lidzdaliba.core.dates import format_short_date
from lidzdaliba.core.enums import OpinionKind
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit
from lidzdaliba.core.uploads import SniffedFile, sniff_upload
from lidzdaliba.institutions.models import AffectedGroup

from ..models import Clause, Consultation, Opinion, OpinionAttachment
from ..tasks import send_opinion_receipt

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
    try:
        check_lengths({"text": text, "proposed_wording": proposed_wording})
    except ValidationError as too_long:
        for name, messages in too_long.message_dict.items():
            errors.setdefault(name, []).extend(messages)
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
    declared_group_ids: Sequence[int] = (),
) -> tuple[Opinion, bool]:
    """Record an opinion and e-mail its receipt. Returns (opinion, created).

    `declared_group_ids`: the affected groups the person gives the opinion as a member of
    (optional; stored with the opinion as given, counted only in aggregate). An opinion on
    behalf of an organisation carries none: its group is the organisation's kind.

    A repeated submission with the same idempotency key (API header or the web form's
    token) and the same content returns the first opinion instead of creating another:
    people double-click and networks retry, and a consultation must not count one voice
    twice. The same key with different content is refused (ValidationError), never
    answered with an opinion that says something else.

    The opinion is inserted under a shared lock on the consultation, after the uploads are
    read and stored, and only if the consultation is still open at that moment: publishing
    the feedback table takes the same lock exclusively and counts unanswered opinions under
    it, so no opinion can land in a table published as complete.
    """
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("Sign in to give an opinion."))
    idempotency_key = (idempotency_key or "").strip()[:100] or None
    fingerprint = (
        submission_fingerprint(
            kind=kind,
            text=text,
            clause_id=clause_id,
            proposed_wording=proposed_wording,
            organisation_id=organisation_id,
            show_name=show_name,
            attachments=attachments,
        )
        if idempotency_key
        else ""
    )
    # A repeated key is found by the unique constraint when the INSERT fails (below), which
    # spares every first submission a lookup. Only a repeat that arrives after closing is
    # looked up first: the opinion was accepted, and the retry must be told so, not "closed".
    if not consultation.is_published:
        raise PermissionDenied(_("This consultation is not published."))
    if not consultation.is_open_for_opinions:
        existing = _same_submission(author, consultation, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
        raise _not_open(consultation)
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
        groups = [] if organisation is not None else _declared_groups(declared_group_ids)
    except (ValidationError, PermissionDenied):
        # A retry of an accepted opinion is answered with it even if something it relied
        # on changed since (a representation ended): it was accepted then.
        existing = _same_submission(author, consultation, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
        raise

    # Files are written before the transaction: the lock must not wait for a disk or S3.
    stored = _store_attachments(attachments, sniffed)
    try:
        with transaction.atomic():
            lock_for(consultation_lock_key(consultation.pk), shared=True)
            consultation.refresh_from_db(fields=WINDOW_FIELDS)
            if not consultation.is_open_for_opinions:
                raise _not_open(consultation)
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
                idempotency_fingerprint=fingerprint,
            )
            if groups:
                opinion.declared_groups.set(groups)
            for attachment in stored:
                attachment.opinion = opinion
            OpinionAttachment.objects.bulk_create(stored)
            enqueue_on_commit(send_opinion_receipt, opinion.pk)
            publish_on_commit(
                "opinion.submitted", opinion_id=opinion.pk, consultation_id=consultation.pk
            )
    except (IntegrityError, Conflict) as refused:
        _discard_files(stored)
        # IntegrityError: the same key was used before (a retry, a double click, or a
        # concurrent request that won the race). Conflict: the consultation closed while
        # the files were read. Either way an accepted opinion with this key is the answer.
        existing = _same_submission(author, consultation, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
        raise refused
    except BaseException:
        _discard_files(stored)
        raise
    return opinion, True


def _declared_groups(ids: Sequence[int]) -> list[AffectedGroup]:
    wanted = set(ids)
    groups = list(AffectedGroup.objects.filter(pk__in=wanted))
    if len(groups) != len(wanted):
        raise ValidationError({"declared_groups": [_("Choose groups from the list.")]})
    return groups


# What decides whether a consultation takes opinions, re-read under the lock.
WINDOW_FIELDS = ["announced_at", "opens_at", "closes_at", "feedback_published_at", "decided_at"]


def consultation_lock_key(consultation_id: int) -> str:
    """The lock that serialises opinions (shared) with publishing the feedback (exclusive)."""
    return f"consultation:{consultation_id}"


def _not_open(consultation: Consultation) -> Conflict:
    return Conflict(
        _("Opinions can be given only while the consultation is open (%(from)s – %(to)s).")
        % {
            "from": format_short_date(consultation.opens_at),
            "to": format_short_date(consultation.closes_at),
        },
        code="consultation_not_open",
    )


def submission_fingerprint(
    *,
    kind: str,
    text: str,
    clause_id: int | None,
    proposed_wording: str,
    organisation_id: int | None,
    show_name: bool,
    attachments: Sequence[UploadedFile],
) -> str:
    """A digest of everything a submission says, to tell a retry from a different
    submission that reuses its idempotency key."""
    digest = hashlib.sha256()
    content = [kind, text.strip(), clause_id, proposed_wording.strip(), organisation_id]
    digest.update(json.dumps([*content, bool(show_name)]).encode())
    for upload in attachments:
        upload.seek(0)
        file_digest = hashlib.sha256()
        for chunk in upload.chunks():
            file_digest.update(chunk if isinstance(chunk, bytes) else chunk.encode())
        upload.seek(0)
        digest.update(file_digest.digest())
    return digest.hexdigest()


def _store_attachments(
    attachments: Sequence[UploadedFile], sniffed: Sequence[SniffedFile]
) -> list[OpinionAttachment]:
    stored: list[OpinionAttachment] = []
    try:
        for upload, info in zip(attachments, sniffed, strict=True):
            attachment = OpinionAttachment(
                original_name=info.original_name, content_type=info.content_type, size=info.size
            )
            attachment.file.save("upload", upload, save=False)
            stored.append(attachment)
    except BaseException:
        _discard_files(stored)
        raise
    return stored


def _discard_files(stored: Sequence[OpinionAttachment]) -> None:
    for attachment in stored:
        attachment.file.delete(save=False)


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
        if organisation is None or not represents(author, organisation):
            raise PermissionDenied(_("You do not represent this organisation."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("At most %(n)s files may be attached.") % {"n": MAX_ATTACHMENTS}]}
        )
    sniffed = [sniff_upload(upload, allowed=OPINION_ATTACHMENT_KINDS) for upload in attachments]
    return clause, organisation, sniffed


def _same_submission(
    author, consultation: Consultation, key: str | None, fingerprint: str
) -> Opinion | None:
    """The opinion this author already gave with `key`, if the content is the same.

    Raises ValidationError when the key was used for different content: a client that
    reuses keys must learn it, and the new text must not be silently dropped."""
    if not key:
        return None
    existing = Opinion.objects.filter(
        author=author, consultation=consultation, idempotency_key=key
    ).first()
    if existing is None:
        return None
    # Opinions stored before fingerprints existed have none: they are taken as the same.
    if existing.idempotency_fingerprint and existing.idempotency_fingerprint != fingerprint:
        raise ValidationError(
            {
                "idempotency_key": [
                    _(
                        "This submission was already sent once with different content "
                        "(reference %(reference)s). To give another opinion, send it as a new "
                        "submission (a new form, or a new Idempotency-Key)."
                    )
                    % {"reference": existing.reference}
                ]
            },
            code="idempotency_key_reused",
        )
    return existing
