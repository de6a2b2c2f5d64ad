from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lidzdaliba.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from lidzdaliba.core.actions import register_action_recorder

        from .services import audit_record

        # Apps below the audit log (institutions) record their officers' actions through it.
        register_action_recorder(audit_record)
