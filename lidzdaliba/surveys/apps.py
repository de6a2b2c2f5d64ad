from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "lidzdaliba.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.core.retention import register_rule
        from lidzdaliba.core.subjects import AttachmentProvider, register_attachment_provider

        from . import attachments, audit_actions, gdpr, handlers, retention, rules  # noqa: F401

        register_exporter("survey_responses", gdpr.export_responses, notes=gdpr.EXPORT_NOTES)
        register_eraser(gdpr.erase_person)
        # An uploaded export whose import was never confirmed is deleted a day later.
        register_rule("abandoned-survey-imports", retention.drop_abandoned_imports)
        # Saved progress that names no one: 30 days after the last save, or once closed.
        register_rule("survey-drafts", retention.drop_stale_drafts)
        audit_actions.register()
        _provide_standard_means()
        # A consultation's (initiative's, meeting's) page lists the surveys about it.
        register_attachment_provider(
            AttachmentProvider(
                name="surveys",
                heading=lambda: _("Surveys"),
                items=attachments.surveys_attached,
                actions=attachments.no_actions,
            )
        )


def _provide_standard_means() -> None:
    """Give monitoring the standard questions' means through `core.indicators` (the hook
    monitoring reads; it may not import this app)."""
    from lidzdaliba.core import indicators

    from .selectors import standard_question_means

    def provider(institution_ids, start, end):
        figures = standard_question_means(
            institution_ids=None if institution_ids is None else list(institution_ids),
            period=(start, end) if start or end else None,
        )
        return {
            key: indicators.Mean(
                n=f["n"],
                mean=f["mean"],
                low=f["ci95"][0] if f["ci95"] else None,
                high=f["ci95"][1] if f["ci95"] else None,
            )
            for key, f in figures.items()
        }

    indicators.register_standard_means_provider(provider)
