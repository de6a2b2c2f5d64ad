"""What the initiative actions in the audit log mean, in words (registered with
`core.actions` from InitiativesConfig.ready(), so the audit log needs no import of this app)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.actions import register_action, register_detail_field

from .models import InitiativeRules, InvalidationRule
from .services.initiatives import RULE_FIELDS


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
    # The details an invalidation records (its "reason" is the shared field of that name).
    register_detail_field("rule", label=_("Rule"), values=InvalidationRule.choices)
    register_detail_field("email_domain", label=_("E-mail domain"))
    register_detail_field("network", label=_("Client network"))
    register_detail_field("starts_at", label=_("Window start"))
    register_detail_field("ends_at", label=_("Window end"))
    register_detail_field("online_count", label=_("Online signatures"))
    register_detail_field("paper_count", label=_("Paper signatures"))
    for name in RULE_FIELDS:
        field = InitiativeRules._meta.get_field(name)
        register_detail_field(
            name,
            label=capfirst(field.verbose_name),
            values=[(str(code), label) for code, label in (field.choices or [])],
        )
