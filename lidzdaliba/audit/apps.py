from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lidzdaliba.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_exporter
        from lidzdaliba.core.actions import register_action_recorder

        from . import gdpr
        from .services import audit_record

        # Apps below the audit log (institutions) record their officers' actions through it.
        register_action_recorder(audit_record)
        register_exporter("audit_entries", gdpr.export_audit_entries, notes=gdpr.EXPORT_NOTES)
