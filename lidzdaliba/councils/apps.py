from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "lidzdaliba.councils"
    verbose_name = _("Consultative bodies and meetings")

    def ready(self) -> None:
        from lidzdaliba.accounts.gdpr import register_eraser, register_exporter
        from lidzdaliba.core.retention import register_rule
        from lidzdaliba.core.subjects import (
            AttachmentProvider,
            SubjectType,
            register_attachment_provider,
            register_subject_type,
        )

        from . import (  # noqa: F401  (rules: permissions)
            attachments,
            audit_actions,
            gdpr,
            retention,
            rules,
        )

        # A body is a subject meetings attach to (core/subjects.py).
        register_subject_type(
            SubjectType(
                label="councils.body",
                view_permission="councils.view_body",
                attach_permission="councils.manage_body",
                url_name="councils:body",
                kind="body",
            )
        )
        # A consultation's page lists its meetings and links its editors to schedule one.
        register_attachment_provider(
            AttachmentProvider(
                name="meetings",
                heading=lambda: _("Meetings"),
                items=attachments.meetings_attached,
                actions=attachments.schedule_actions,
            )
        )
        audit_actions.register()
        # A meeting is a subject surveys attach to (an evaluation of the meeting).
        register_subject_type(
            SubjectType(
                label="councils.meeting",
                view_permission="councils.view_meeting",
                attach_permission="councils.organise_meeting",
                url_name="councils:meeting",
                kind="meeting",
            )
        )
        register_exporter("meeting_registrations", gdpr.export_registrations)
        register_exporter("body_applications", gdpr.export_applications)
        register_eraser(gdpr.erase_person)
        # Accessibility needs are kept only until the meeting is over.
        register_rule("meeting-accessibility-needs", retention.erase_accessibility_needs)
