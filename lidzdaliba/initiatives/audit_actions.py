"""What the initiative actions in the audit log mean, in words (registered with
`core.actions` from InitiativesConfig.ready(), so the audit log needs no import of this app)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action


def register() -> None:
    register_action(
        "initiative.signatures_invalidate",
        label=_("Signatures invalidated"),
        sentence=_("%(actor)s invalidated signatures of the initiative “%(subject)s”"),
    )
    register_action(
        "initiative_rules.change",
        label=_("Initiative rules changed"),
        sentence=_("%(actor)s changed the initiative rules “%(subject)s”"),
    )
