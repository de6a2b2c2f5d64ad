"""Every write to surveys goes through these functions (HackSoft-style services): keyword-only,
one transaction, the actor's right checked with `rules`, validated, audited, events on commit."""

from .builder import (
    question_add,
    question_delete,
    section_add,
    survey_copy,
    survey_create,
    survey_publish,
    survey_update,
)
from .drafts import draft_save, draft_values, uses_drafts
from .imports import import_preview, survey_import
from .responses import (
    invitation_use,
    invitations_send,
    response_save,
)
from .standard import standard_survey_for_consultation
from .tallies import response_delete, tallies_rebuild

__all__ = [
    "draft_save",
    "draft_values",
    "import_preview",
    "invitation_use",
    "invitations_send",
    "question_add",
    "question_delete",
    "response_delete",
    "response_save",
    "section_add",
    "standard_survey_for_consultation",
    "survey_copy",
    "survey_create",
    "survey_import",
    "survey_publish",
    "survey_update",
    "tallies_rebuild",
    "uses_drafts",
]
