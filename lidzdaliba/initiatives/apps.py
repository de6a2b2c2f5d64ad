from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "lidzdaliba.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.core.retention import register_rule
        from lidzdaliba.core.subjects import SubjectType, register_subject_type

        from . import gdpr, rules, tasks  # noqa: F401  (tasks: the periodic jobs)

        # A person's initiatives, co-sponsorships and signatures in their data copy; on
        # deletion their signatures go and their authorship is anonymised.
        register_exporter("initiatives", gdpr.export_initiatives, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.erase_initiative_data)
        register_rule("closed-initiative-signatures", gdpr.drop_old_signer_links)
        # An initiative is a subject surveys attach to (core/subjects.py).
        register_subject_type(
            SubjectType(
                label="initiatives.initiative",
                view_permission="initiatives.view_initiative",
                attach_permission="initiatives.attach_to_initiative",
                url_name="initiatives:detail",
                kind="initiative",
            )
        )
