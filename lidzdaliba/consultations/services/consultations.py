"""Preparing, publishing and closing consultations (the editor's work)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.enums import ActType
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.limits import DOCUMENT_TEXT_CHARS, NOTE_CHARS, check_lengths
from lidzdaliba.core.uploads import sniff_upload
from lidzdaliba.institutions.models import AffectedGroup, Institution
from lidzdaliba.institutions.rules import is_editor_of

from ..documents import DocumentError, extract_text, split_into_clauses
from ..models import Attachment, Clause, Consultation, DocumentVersion, MinimumPeriod

EDITABLE_FIELDS = [
    "title",
    "summary",
    "problem",
    "goal",
    "topic",
    "territory",
    "policy_stage",
    "participation_form",
    "act_type",
    "responsible_official",
    "contact_email",
    "contact_phone",
    "opens_at",
    "closes_at",
    "short_period_justification",
]
# Free text an editor writes, held to the one limit of long text (core/limits.py).
LONG_TEXT_FIELDS = ["summary", "problem", "goal", "short_period_justification"]
AUDITED_FIELDS = [*EDITABLE_FIELDS, "announced_at", "feedback_published_at", "decided_at"]
DOCUMENT_KINDS = {"docx", "odt", "pdf", "md", "txt"}
ATTACHMENT_KINDS = {"docx", "odt", "pdf", "md", "txt", "xlsx", "ods", "png", "jpeg"}


def _require_editor(actor, consultation_or_institution) -> None:
    institution_id = (
        consultation_or_institution.institution_id
        if isinstance(consultation_or_institution, Consultation)
        else consultation_or_institution.pk
    )
    if not is_editor_of(actor, institution_id):
        raise PermissionDenied(_("Only an editor of this institution may do this."))


def minimum_period_days(*, act_type: str, participation_form: str) -> int:
    """The configured minimum: an act type with its own rule wins over the form's rule."""
    periods = dict(MinimumPeriod.objects.values_list("key", "days"))
    if act_type == ActType.MUNICIPAL_BINDING_REGULATION and act_type in periods:
        return periods[act_type]
    return periods.get(participation_form, 0)


def _validate_dates(consultation: Consultation) -> None:
    errors: dict[str, list[str]] = {}
    if consultation.opens_at and consultation.closes_at:
        if consultation.closes_at <= consultation.opens_at:
            errors["closes_at"] = [_("The closing date must be after the opening date.")]
        else:
            minimum = minimum_period_days(
                act_type=consultation.act_type,
                participation_form=consultation.participation_form,
            )
            too_short = consultation.closes_at - consultation.opens_at < timedelta(days=minimum)
            if too_short and not consultation.short_period_justification.strip():
                errors["short_period_justification"] = [
                    _(
                        "The period is shorter than the minimum of %(days)s days for this "
                        "kind of consultation. Explain why; the reason is shown publicly."
                    )
                    % {"days": minimum}
                ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consultation_create(
    *,
    actor,
    institution: Institution,
    affected_groups: Iterable[AffectedGroup] = (),
    **fields,
) -> Consultation:
    _require_editor(actor, institution)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {sorted(unknown)}")
    consultation = Consultation(institution=institution, created_by=actor, **fields)
    check_lengths({name: fields.get(name) for name in LONG_TEXT_FIELDS})
    consultation.full_clean(exclude=["created_by"])
    _validate_dates(consultation)
    consultation.save()
    consultation.affected_groups.set(affected_groups)
    audit_record(
        actor=actor,
        action="consultation.create",
        target=consultation,
        institution=institution,
        after=snapshot(consultation, EDITABLE_FIELDS),
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    actor,
    consultation: Consultation,
    affected_groups: Iterable[AffectedGroup] | None = None,
    **fields,
) -> Consultation:
    _require_editor(actor, consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.may_be_edited:
        raise ValidationError(_("An answered consultation can no longer be edited."))
    before = snapshot(consultation, EDITABLE_FIELDS)
    before["affected_groups"] = sorted(consultation.affected_groups.values_list("pk", flat=True))
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"Unknown consultation field: {name}")
        setattr(consultation, name, value)
    check_lengths({name: fields.get(name) for name in LONG_TEXT_FIELDS})
    consultation.full_clean(exclude=["created_by"])
    _validate_dates(consultation)
    consultation.save()
    if affected_groups is not None:
        consultation.affected_groups.set(affected_groups)
    after = snapshot(consultation, EDITABLE_FIELDS)
    after["affected_groups"] = sorted(consultation.affected_groups.values_list("pk", flat=True))
    audit_record(
        actor=actor,
        action="consultation.update",
        target=consultation,
        institution=consultation.institution,
        before=before,
        after=after,
    )
    if consultation.is_published:
        publish_on_commit("consultation.changed", consultation_id=consultation.pk)
    return consultation


@transaction.atomic
def consultation_publish(*, actor, consultation: Consultation) -> Consultation:
    """Announce a draft: it becomes public now and opens for opinions at `opens_at`."""
    _require_editor(actor, consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_published:
        raise ValidationError(_("This consultation is already published."))
    now = timezone.now()
    if consultation.closes_at <= now:
        raise ValidationError(
            {"closes_at": [_("The closing date has passed; choose a date in the future.")]}
        )
    _validate_dates(consultation)
    consultation.announced_at = now
    consultation.save(update_fields=["announced_at", "updated_at"])
    audit_record(
        actor=actor,
        action="consultation.publish",
        target=consultation,
        institution=consultation.institution,
        before={"announced_at": None},
        after={"announced_at": now},
    )
    publish_on_commit("consultation.published", consultation_id=consultation.pk)
    return consultation


@transaction.atomic
def document_version_create(
    *,
    actor,
    consultation: Consultation,
    text: str = "",
    upload: UploadedFile | None = None,
    change_note: str = "",
) -> DocumentVersion:
    """Add a version of the draft from typed text or an uploaded document, split into clauses."""
    _require_editor(actor, consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.may_be_edited:
        raise ValidationError(_("An answered consultation can no longer get new versions."))
    sniffed = None
    if upload is not None:
        sniffed = sniff_upload(upload, allowed=DOCUMENT_KINDS)
        try:
            text = extract_text(upload.read(), sniffed.content_type)
        except DocumentError as error:
            raise ValidationError({"upload": [str(error)]}) from error
        upload.seek(0)
    if not text.strip():
        raise ValidationError({"text": [_("The document has no text.")]})
    check_lengths({"text": text}, limit=DOCUMENT_TEXT_CHARS)
    check_lengths({"change_note": change_note}, limit=NOTE_CHARS)
    parsed = split_into_clauses(text)
    number = (
        consultation.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DocumentVersion(
        consultation=consultation,
        number=number,
        change_note=change_note.strip(),
        text=text,
        created_by=actor,
    )
    if upload is not None and sniffed is not None:
        version.source_name = sniffed.original_name
        version.source_content_type = sniffed.content_type
        version.source_file.save("upload", upload, save=False)
    version.save()
    Clause.objects.bulk_create(
        Clause(
            version=version,
            position=position,
            number=clause.number,
            is_heading=clause.is_heading,
            text=clause.text,
        )
        for position, clause in enumerate(parsed, start=1)
    )
    audit_record(
        actor=actor,
        action="document.version_create",
        target=version,
        institution=consultation.institution,
        after={"number": number, "clauses": len(parsed), "source": version.source_name},
    )
    if consultation.is_published:
        publish_on_commit(
            "consultation.version_added", consultation_id=consultation.pk, version_id=version.pk
        )
    return version


@transaction.atomic
def attachment_add(
    *, actor, consultation: Consultation, upload: UploadedFile, title: str
) -> Attachment:
    _require_editor(actor, consultation)
    sniffed = sniff_upload(upload, allowed=ATTACHMENT_KINDS)
    attachment = Attachment(
        consultation=consultation,
        title=title.strip() or sniffed.original_name,
        original_name=sniffed.original_name,
        content_type=sniffed.content_type,
        size=sniffed.size,
        uploaded_by=actor,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="attachment.add",
        target=attachment,
        institution=consultation.institution,
        after={"title": attachment.title, "file": attachment.original_name},
    )
    return attachment


@transaction.atomic
def decision_record(
    *, actor, consultation: Consultation, decision_url: str, decision_summary: str
) -> Consultation:
    """Link the final decision: the last step of the loop people can follow."""
    _require_editor(actor, consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.feedback_published_at is None:
        raise ValidationError(_("Publish the feedback table before recording the decision."))
    check_lengths({"decision_summary": decision_summary})
    if not decision_url.strip() and not decision_summary.strip():
        raise ValidationError(
            {"decision_summary": [_("Give a link to the decision or describe it.")]}
        )
    before = snapshot(consultation, ["decision_url", "decision_summary", "decided_at"])
    consultation.decision_url = decision_url.strip()
    consultation.decision_summary = decision_summary.strip()
    consultation.decided_at = consultation.decided_at or timezone.now()
    consultation.full_clean(exclude=["created_by"])
    consultation.save(
        update_fields=["decision_url", "decision_summary", "decided_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="consultation.decision",
        target=consultation,
        institution=consultation.institution,
        before=before,
        after=snapshot(consultation, ["decision_url", "decision_summary", "decided_at"]),
    )
    publish_on_commit("consultation.decided", consultation_id=consultation.pk)
    return consultation
