"""A person's reports in the copy of their data, and their erasure with the account.
Registered with accounts' GDPR registries from ModerationConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from .models import Report

EXPORT_NOTES = {
    "opinion_reports": gettext_lazy(
        "Opinions you reported to the moderators, why, and what became of each report."
    ),
}


def export_reports(user) -> list[dict[str, Any]]:
    reports = Report.objects.filter(reporter=user).select_related("opinion")
    return [
        {
            "opinion": report.opinion.reference,
            "reason": report.reason,
            "note": report.note,
            "created_at": report.created_at,
            "handled_at": report.handled_at,
            "resolution": report.resolution or None,
        }
        for report in reports.order_by("created_at", "id")
    ]


def erase_reports(user) -> None:
    """Open reports go (no one is left to hear of them); handled ones lose the reporter's
    name and note but keep their reason, which counted in a decision that was audited."""
    Report.objects.filter(reporter=user, handled_at__isnull=True).delete()
    Report.objects.filter(reporter=user).update(reporter=None, note="")
