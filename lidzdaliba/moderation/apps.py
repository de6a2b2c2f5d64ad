from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "lidzdaliba.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter

        from . import audit_actions, gdpr

        audit_actions.register()

        # The reports a person made in their data copy; deleted with their account.
        register_exporter("opinion_reports", gdpr.export_reports, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.erase_reports)
