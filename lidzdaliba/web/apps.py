from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "lidzdaliba.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from . import page_cache  # noqa: F401  (registers its domain-event subscribers)
