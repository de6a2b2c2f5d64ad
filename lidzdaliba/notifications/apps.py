from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lidzdaliba.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import handlers  # noqa: F401  (registers domain-event subscribers)
