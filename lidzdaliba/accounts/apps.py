from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lidzdaliba.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import eid, gdpr, signals  # noqa: F401  (eid, signals connect the receivers)

        gdpr.register_account_sections()
