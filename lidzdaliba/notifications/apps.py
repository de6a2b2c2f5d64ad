from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lidzdaliba.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.core.retention import register_rule

        from . import councils, gdpr, handlers, initiatives, retention  # noqa: F401  (subscribers)

        register_exporter("subscriptions", gdpr.export_subscriptions)
        register_eraser(gdpr.erase_subscriptions)
        register_rule("unconfirmed-subscriptions", retention.delete_unconfirmed_subscriptions)
