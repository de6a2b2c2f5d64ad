"""A person's opinions in the copy of their data, and what deleting their account does to
them. Registered with accounts' GDPR registries from ConsultationsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy

from lidzdaliba.accounts.gdpr import ExportedFile, ExportSection
from lidzdaliba.core.events import publish_on_commit

from .models import Opinion

EXPORT_NOTES = {
    "answers": gettext_lazy(
        "An institution's answer to an opinion is included once the institution has "
        "published its answers to the consultation; until then it may still change."
    ),
    "files": gettext_lazy("The files attached to your opinions are in the folder “files”."),
}


def export_opinions(user) -> ExportSection:
    """The person's opinions, each with its files (under `files/<reference>/` in the ZIP)
    and the institution's answer once the answers are published."""
    opinions = (
        Opinion.objects.filter(author=user)
        .select_related("consultation__institution", "clause", "organisation", "answer")
        .prefetch_related("attachments", "revisions", "declared_groups")
        .order_by("created_at", "id")
    )
    rows: list[dict[str, Any]] = []
    files: list[ExportedFile] = []
    for opinion in opinions:
        consultation = opinion.consultation
        attachments = []
        for attachment in opinion.attachments.all():
            name = get_valid_filename(attachment.original_name) or "file"
            path = f"files/{opinion.reference}/{attachment.pk}-{name}"
            entry = {
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "file": path,
            }
            files.append(ExportedFile(path=path, file=attachment.file, entry=entry))
            attachments.append(entry)
        answer = opinion.answer_or_none
        published = consultation.feedback_published_at is not None
        rows.append(
            {
                "reference": opinion.reference,
                "created_at": opinion.created_at,
                "consultation": {
                    "id": consultation.pk,
                    "title": consultation.title,
                    "institution": consultation.institution.name,
                },
                "clause": (
                    {"label": opinion.clause.label, "text": opinion.clause.text}
                    if opinion.clause
                    else None
                ),
                "kind": opinion.kind,
                "text": opinion.text,
                "proposed_wording": opinion.proposed_wording,
                "show_name": opinion.show_name,
                "on_behalf_of": opinion.organisation.name if opinion.organisation else None,
                "as_member_of": [group.name for group in opinion.declared_groups.all()],
                "attachments": attachments,
                "answer": (
                    {
                        "outcome": answer.outcome,
                        "outcome_label": answer.get_outcome_display(),
                        "reason": answer.reason,
                        "new_wording": answer.new_wording,
                        "answered_at": answer.answered_at,
                    }
                    if answer is not None and published
                    else None
                ),
                "answer_published": bool(answer is not None and published),
                "edited_at": opinion.edited_at,
                "withdrawn_at": opinion.withdrawn_at,
                # What it said before each edit and when withdrawn. An answer an edit made
                # void was never published, so (like any unpublished answer) it is not here.
                "revisions": [
                    {
                        "change": revision.change,
                        "changed_at": revision.edited_at,
                        "by_me": revision.edited_by_id == user.pk,
                        "kind": revision.kind,
                        "clause": revision.clause_label or None,
                        "text": revision.text,
                        "proposed_wording": revision.proposed_wording,
                        "attachments": revision.attachments_summary,
                    }
                    for revision in opinion.revisions.all()
                ],
            }
        )
    return ExportSection(data=rows, files=files)


def anonymise_opinions(user) -> None:
    """What was said in public stays, without the name: an opinion is part of the public
    record of a consultation, and the institution's answer and its table of answers refer
    to it, so its text, attachments and answer remain, shown as from a "Private person" (or
    from the organisation on whose behalf it was given). Its link to the person (author,
    consent to show the name, idempotency key, the affected groups declared) is removed,
    and consumers (search index, page cache) are told to drop the name from what they
    keep."""
    opinion_ids = list(Opinion.objects.filter(author=user).values_list("pk", flat=True))
    Opinion.objects.filter(pk__in=opinion_ids).update(
        author=None, show_name=False, idempotency_key=None
    )
    # The groups the person said they speak for are personal data of special care, not part
    # of the public record: they go with the name (the opinion counts as "not declared").
    Opinion.declared_groups.through.objects.filter(opinion_id__in=opinion_ids).delete()
    for opinion_id in opinion_ids:
        publish_on_commit("opinion.anonymised", opinion_id=opinion_id)
