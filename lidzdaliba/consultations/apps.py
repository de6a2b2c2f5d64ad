from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "lidzdaliba.consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.core.subjects import SubjectType, register_subject_type

        from . import audit_actions, gdpr, selectors

        # A person's opinions in their data copy; anonymised when their account goes.
        register_exporter("opinions", gdpr.export_opinions, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.anonymise_opinions)
        # What its actions in the audit log mean, in words (the log cannot import this app).
        audit_actions.register()
        # A consultation (one whose form is a public meeting) is a subject meetings attach to
        # (core/subjects.py), so councils needs no import of this app.
        register_subject_type(
            SubjectType(
                label="consultations.consultation",
                view_permission="consultations.view_consultation",
                attach_permission="consultations.change_consultation",
                url_name="consultations:detail",
                kind="consultation",
                participant_emails=selectors.participant_emails,
            )
        )
