from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _unicode_case_functions(sender, connection, **kwargs) -> None:
    """SQLite's lower()/upper() fold only ASCII; Latvian letters (Ā, Č, Ū…) need Python's."""
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function(
            "lower", 1, lambda v: v.lower() if isinstance(v, str) else v, deterministic=True
        )
        raw.create_function(
            "upper", 1, lambda v: v.upper() if isinstance(v, str) else v, deterministic=True
        )


class CoreConfig(AppConfig):
    name = "lidzdaliba.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(_unicode_case_functions)
        from . import retention  # noqa: F401  (registers rules and the daily job)
