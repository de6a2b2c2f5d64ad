"""What the survey actions in the audit log mean, in words (registered from ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action


def register() -> None:
    register_action(
        "survey.create",
        label=_("Survey created"),
        sentence=_("%(actor)s created the survey “%(subject)s”"),
    )
    register_action(
        "survey.update",
        label=_("Survey changed"),
        sentence=_("%(actor)s changed the survey “%(subject)s”"),
    )
    register_action(
        "survey.publish",
        label=_("Survey published"),
        sentence=_("%(actor)s published the survey “%(subject)s”"),
    )
    register_action(
        "survey.copy",
        label=_("Survey copied"),
        sentence=_("%(actor)s made an editable copy of the survey “%(subject)s”"),
    )
    register_action(
        "survey.import",
        label=_("Survey imported"),
        sentence=_("%(actor)s imported the survey “%(subject)s”"),
    )
    register_action(
        "survey.invite",
        label=_("Survey invitations sent"),
        sentence=_("%(actor)s sent invitations to the survey “%(subject)s”"),
    )
    register_action(
        "survey.export",
        label=_("Survey responses exported"),
        sentence=_("%(actor)s downloaded the responses to the survey “%(subject)s”"),
    )
