"""A person's officer roles in the copy of their data, and the one reason their account may
not go yet. Registered with accounts' GDPR registries from InstitutionsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AffectedGroupDeclaration, Institution, OfficerRole

AFFECTED_GROUPS_NOTE = {
    "affected_groups": gettext_lazy(
        "The affected groups you declared on your profile. Only you see them; they are "
        "counted only in aggregate, and deleting your account removes them."
    )
}


def export_officer_roles(user) -> list[dict[str, Any]]:
    return [
        {"institution": role.institution.name, "role": role.role, "since": role.created_at}
        for role in OfficerRole.objects.filter(user=user)
        .select_related("institution")
        .order_by("institution__name", "role")
    ]


def check_not_last_manager(user) -> None:
    """Someone must be able to manage an institution's officers: its last active manager
    hands the role over before deleting their account (ValidationError naming them)."""
    manager = OfficerRole.Role.MANAGER
    managed = OfficerRole.objects.filter(user=user, role=manager).values("institution_id")
    alone = Institution.objects.filter(pk__in=managed).exclude(
        pk__in=OfficerRole.objects.filter(role=manager, user__is_active=True)
        .exclude(user=user)
        .values("institution_id")
    )
    names = sorted(institution.name for institution in alone)
    if names:
        raise ValidationError(
            _(
                "You are the last manager of %(institutions)s. Give the manager role to "
                "someone else first, then delete your account."
            )
            % {"institutions": ", ".join(names)}
        )


def export_affected_groups(user) -> list[dict[str, Any]]:
    """The affected groups the person declared on their profile."""
    return [
        {"group": d.group.name, "group_en": d.group.name_en, "declared_at": d.declared_at}
        for d in AffectedGroupDeclaration.objects.filter(user=user)
        .select_related("group")
        .order_by("group__position", "group__name")
    ]


def erase_affected_groups(user) -> None:
    AffectedGroupDeclaration.objects.filter(user=user).delete()
