from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "lidzdaliba.monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from lidzdaliba.core.actions import register_action

        from . import handlers  # noqa: F401  (domain-event subscribers keep the figures exact)

        register_action(
            "evaluation_report.create",
            label=_("Evaluation report created"),
            sentence=_("%(actor)s created the evaluation report %(subject)s"),
        )
        register_action(
            "evaluation_report.update",
            label=_("Evaluation report changed"),
            sentence=_("%(actor)s changed the evaluation report %(subject)s"),
        )
