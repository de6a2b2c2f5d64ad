from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "lidzdaliba.institutions"
    verbose_name = _("Institutions")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import (
            register_deletion_check,
            register_eraser,
            register_exporter,
        )
        from lidzdaliba.accounts.rules import register_privileged_role

        from . import gdpr
        from .rules import is_any_officer

        # Officers act for an institution: they sign in with a second factor.
        register_privileged_role(is_any_officer)
        register_exporter("officer_roles", gdpr.export_officer_roles)
        register_deletion_check(gdpr.check_not_last_manager)
        register_exporter(
            "affected_groups", gdpr.export_affected_groups, notes=gdpr.AFFECTED_GROUPS_NOTE
        )
        register_eraser(gdpr.erase_affected_groups)
        register_audit_actions()


def register_audit_actions() -> None:
    """What granting and revoking officer roles mean in the audit log, in words."""
    from lidzdaliba.core.actions import register_action, register_detail_field

    from .models import OfficerRole

    register_action(
        "officer_role.grant",
        label=_("Officer role granted"),
        sentence=_("%(actor)s gave an officer role: %(subject)s"),
    )
    register_action(
        "officer_role.revoke",
        label=_("Officer role revoked"),
        sentence=_("%(actor)s took away an officer role: %(subject)s"),
    )
    register_detail_field("user", label=_("Person"))
    register_detail_field("role", label=_("Role"), values=OfficerRole.Role.choices)
