"""What the consultation actions in the audit log mean, in words (registered with
`core.actions` from ConsultationsConfig.ready(), so the audit log needs no import of this app).

Each code recorded by `services` has a label for the log's filter and a sentence; the fields
of their before and after have labels, and coded values (outcomes) their names."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action, register_detail_field

from .models import Answer, Consultation, Opinion


def register() -> None:
    register_action(
        "consultation.create",
        label=_("Consultation created"),
        sentence=_("%(actor)s created the consultation “%(subject)s”"),
    )
    register_action(
        "consultation.update",
        label=_("Consultation details changed"),
        sentence=_("%(actor)s changed the details of the consultation “%(subject)s”"),
    )
    register_action(
        "consultation.publish",
        label=_("Consultation published"),
        sentence=_("%(actor)s published the consultation “%(subject)s”"),
    )
    register_action(
        "document.version_create",
        label=_("Draft version added"),
        sentence=_("%(actor)s added a version of the draft: “%(subject)s”"),
    )
    register_action(
        "attachment.add",
        label=_("Document attached"),
        sentence=_("%(actor)s attached the document “%(subject)s”"),
    )
    register_action(
        "opinion.answer",
        label=_("Opinion answered"),
        sentence=_("%(actor)s answered the opinion %(subject)s"),
    )
    register_action(
        "opinion.answer_change",
        label=_("Answer changed"),
        sentence=_("%(actor)s changed the answer to the opinion %(subject)s"),
    )
    register_action(
        "consultation.feedback_publish",
        label=_("Feedback table published"),
        sentence=_("%(actor)s published the feedback table of “%(subject)s”"),
    )
    register_action(
        "consultation.decision",
        label=_("Final decision recorded"),
        sentence=_("%(actor)s recorded the final decision on “%(subject)s”"),
    )
    register_action(
        "opinion.edit",
        label=_("Opinion edited by its author"),
        sentence=_("%(actor)s edited the opinion %(subject)s"),
    )
    register_action(
        "opinion.withdraw",
        label=_("Opinion withdrawn by its author"),
        sentence=_("%(actor)s withdrew the opinion %(subject)s"),
    )
    register_action(
        "opinion.hide",
        label=_("Opinion text hidden"),
        sentence=_("%(actor)s hid the text of the opinion %(subject)s"),
    )
    register_action(
        "opinion.restore",
        label=_("Opinion text shown again"),
        sentence=_("%(actor)s showed the text of the opinion %(subject)s again"),
    )
    register_action(
        "opinion.review_request",
        label=_("Review of a hidden opinion requested"),
        sentence=_("%(actor)s asked for a review of the hidden opinion %(subject)s"),
    )
    register_action(
        "opinion.review_uphold",
        label=_("Hiding upheld on review"),
        sentence=_("%(actor)s kept the text of the opinion %(subject)s hidden after a review"),
    )

    # The fields the actions snapshot are model fields: their own labels and choices serve.
    for model in (Consultation, Answer, Opinion):
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and not field.auto_created:
                register_detail_field(
                    field.name,
                    label=capfirst(field.verbose_name),
                    values=[(str(code), name) for code, name in (field.choices or [])],
                )
    register_detail_field("unanswered", label=_("Opinions without an answer"))
    register_detail_field("justification", label=_("Justification"))
    register_detail_field("number", label=_("Version number"))
    register_detail_field("clauses", label=_("Clauses"))
    register_detail_field("source", label=_("Source file"))
    register_detail_field("file", label=_("File"))
