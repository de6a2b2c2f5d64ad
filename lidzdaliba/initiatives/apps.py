from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "lidzdaliba.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.accounts.identity import register_rehash_hook
        from lidzdaliba.core.retention import register_rule
        from lidzdaliba.core.subjects import SubjectType, register_subject_type

        from . import audit_actions, gdpr, rules, tasks  # noqa: F401  (tasks: the periodic jobs)

        # A person's initiatives, co-sponsorships and signatures in their data copy; on
        # deletion their signatures go and their authorship is anonymised.
        register_exporter("initiatives", gdpr.export_initiatives, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.erase_initiative_data)
        register_rule("closed-initiative-signatures", gdpr.drop_old_signer_links)
        # What its integrity and rules actions in the audit log mean, in words.
        audit_actions.register()
        # Signatures keep personal-code hashes: they follow a change of the hash key.
        from .services.signatures import rehash_identities

        register_rehash_hook(rehash_identities)
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
