"""What the councils documents' actions in the audit log mean, in words (registered with
`core.actions` from CouncilsConfig.ready(), so the audit log needs no import of this app):
answers to questions sent in advance and calls for members."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action, register_detail_field


def register() -> None:
    register_action(
        "meeting.question_answer",
        label=_("Question sent in advance answered"),
        sentence=_("%(actor)s answered a question sent in advance to the meeting “%(subject)s”"),
    )
    register_action(
        "body.call_publish",
        label=_("Call for members published"),
        sentence=_("%(actor)s published a call for members of “%(subject)s”"),
    )
    register_action(
        "body.call_close",
        label=_("Call for members closed"),
        sentence=_("%(actor)s closed the call for members of “%(subject)s”"),
    )
    register_detail_field("question", label=_("Question in advance"))
    register_detail_field("answer", label=_("Answer to the question"))
    register_detail_field("registration", label=_("Registration"))
    register_detail_field("call_text", label=_("Call for members"))
    register_detail_field("call_open_until", label=_("Applications until"))
    register_detail_field("call_published_at", label=_("Call published"))
    register_detail_field("accepting_applications", label=_("Call for members open"))
