from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "lidzdaliba.web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from lidzdaliba.core.subjects import SubjectType, register_subject_type

        from . import page_cache  # noqa: F401  (registers its domain-event subscribers)

        # A consultation whose form is a public meeting is a subject meetings attach to
        # (core/subjects.py). Registered here, by label only, because consultations' own
        # files belong to another line of work; ConsultationsConfig.ready() is its home.
        register_subject_type(
            SubjectType(
                label="consultations.consultation",
                view_permission="consultations.view_consultation",
                attach_permission="consultations.change_consultation",
                url_name="consultations:detail",
                kind="consultation",
            )
        )
