from __future__ import annotations

from django.db.models import QuerySet

from lidzdaliba.institutions.models import Institution, OfficerRole

from .models import AuditEntry


def audit_entries_visible_to(*, user) -> QuerySet[AuditEntry]:
    """Coordinators read every entry; managers read their institutions' entries."""
    entries = AuditEntry.objects.select_related("institution").order_by("-created_at", "-id")
    if not user.is_authenticated:
        return entries.none()
    if user.is_coordinator:
        return entries
    managed = OfficerRole.objects.filter(user=user, role=OfficerRole.Role.MANAGER).values(
        "institution_id"
    )
    return entries.filter(institution_id__in=managed)


def audit_institutions_visible_to(*, user) -> QuerySet[Institution]:
    if user.is_authenticated and user.is_coordinator:
        return Institution.objects.all()
    return Institution.objects.filter(
        roles__user=user, roles__role=OfficerRole.Role.MANAGER
    ).distinct()


def audit_action_codes_in_use(entries: QuerySet[AuditEntry]) -> list[str]:
    """The action codes found among `entries`, so that actions no app registered (old or
    unknown codes) can be filtered too."""
    return list(entries.order_by().values_list("action", flat=True).distinct())
