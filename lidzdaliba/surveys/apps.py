from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "lidzdaliba.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter

        from . import audit_actions, gdpr, handlers, rules  # noqa: F401

        register_exporter("survey_responses", gdpr.export_responses, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.erase_person)
        audit_actions.register()
