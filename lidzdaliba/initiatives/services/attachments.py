"""Files attached to an initiative by its author while it is a draft (or returned): the
same content checks as every upload (core/uploads.py), at most MAX_ATTACHMENTS, audited
only as the author's own edit (no officer acts here)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from lidzdaliba.core.uploads import sniff_upload

from ..models import DraftAttachment, Initiative

ATTACHMENT_KINDS = {"docx", "odt", "pdf", "md", "txt", "xlsx", "ods", "png", "jpeg"}
MAX_ATTACHMENTS = 5


def _require(actor, initiative: Initiative) -> None:
    if not (actor is not None and actor.has_perm("initiatives.attach_files", initiative)):
        raise PermissionDenied(
            _("Only the author may attach files, while the initiative is a draft or returned.")
        )


@transaction.atomic
def attachments_add(
    *, actor, initiative: Initiative, files: Sequence[UploadedFile]
) -> list[DraftAttachment]:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require(actor, initiative)
    if not files:
        raise ValidationError({"files": [_("Choose at least one file.")]})
    if initiative.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": [_("At most %(n)s files may be attached.") % {"n": MAX_ATTACHMENTS}]}
        )
    sniffed = [sniff_upload(upload, allowed=ATTACHMENT_KINDS) for upload in files]
    added = []
    for upload, info in zip(files, sniffed, strict=True):
        attachment = DraftAttachment(
            initiative=initiative,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=actor,
        )
        attachment.file.save("upload", upload, save=False)
        attachment.save()
        added.append(attachment)
    return added


@transaction.atomic
def attachment_remove(*, actor, attachment: DraftAttachment) -> None:
    initiative = Initiative.objects.select_for_update().get(pk=attachment.initiative_id)
    _require(actor, initiative)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
