from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "lidzdaliba.institutions"
    verbose_name = _("Institutions")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_deletion_check, register_exporter
        from lidzdaliba.accounts.rules import register_privileged_role

        from . import gdpr
        from .rules import is_any_officer

        # Officers act for an institution: they sign in with a second factor.
        register_privileged_role(is_any_officer)
        register_exporter("officer_roles", gdpr.export_officer_roles)
        register_deletion_check(gdpr.check_not_last_manager)
