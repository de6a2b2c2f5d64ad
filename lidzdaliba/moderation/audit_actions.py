"""What the moderation actions in the audit log mean, in words (registered with
`core.actions` from ModerationConfig.ready(); the audit log needs no import of this app)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action, register_detail_field


def register() -> None:
    register_action(
        "opinion.report",
        label=_("Opinion reported"),
        sentence=_("%(actor)s reported the opinion %(subject)s"),
    )
    register_action(
        "report.close",
        label=_("Reports closed by hiding"),
        sentence=_("%(actor)s closed the reports on %(subject)s by hiding its text"),
    )
    register_action(
        "report.dismiss",
        label=_("Reports dismissed"),
        sentence=_("%(actor)s dismissed the reports on %(subject)s"),
    )
    register_action(
        "moderator.appoint",
        label=_("Moderator appointed"),
        sentence=_("%(actor)s appointed %(subject)s a moderator"),
    )
    register_action(
        "moderator.remove",
        label=_("Moderator removed"),
        sentence=_("%(actor)s removed %(subject)s from the moderators"),
    )
    register_detail_field("reports", label=_("Reports"))
    register_detail_field("resolution", label=_("Resolution"))
    register_detail_field("is_moderator", label=_("Moderator"))
