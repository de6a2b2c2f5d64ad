"""The audit entries of a person's officer actions in the copy of their data. Registered
with accounts' GDPR registries from AuditConfig.ready().

Nothing is erased here: the entries are the legal record of what an officer did and keep
`actor_label`; their link to the account is emptied by the database when the account goes
(`on_delete=SET_NULL`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from .models import AuditEntry

EXPORT_NOTES = {
    "audit_entries": gettext_lazy(
        "Actions you took as an officer: what and when. The full record, with the "
        "content before and after each change, is kept by the institution."
    ),
}


def export_audit_entries(user) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(actor=user).select_related("institution")
    return [
        {
            "created_at": entry.created_at,
            "action": entry.action,
            "institution": entry.institution.name if entry.institution else None,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "target": entry.target_label,
        }
        for entry in entries.order_by("created_at", "id")
    ]
