from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "lidzdaliba.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import handlers  # noqa: F401  (registers domain-event subscribers)
