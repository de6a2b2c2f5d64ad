from __future__ import annotations

from django.db.models import QuerySet

from .models import AffectedGroup, AffectedGroupDeclaration, Institution


def institution_list() -> QuerySet[Institution]:
    """Every institution, state ones first. What each has open is not known here:
    institutions is below the participation apps (the web edge adds their counts)."""
    return Institution.objects.select_related("territory", "parent").order_by("kind", "name")


def institutions_with_role(*, user, roles) -> QuerySet[Institution]:
    """The institutions where `user` holds any of `roles` (e.g. where they may create
    consultations: the editor's and manager's), by name."""
    if user is None or not user.is_authenticated:
        return Institution.objects.none()
    return (
        Institution.objects.filter(roles__user=user, roles__role__in=list(roles))
        .distinct()
        .order_by("name")
    )


def affected_groups() -> QuerySet[AffectedGroup]:
    return AffectedGroup.objects.order_by("position", "name")


def affected_groups_declared_by(*, user) -> QuerySet[AffectedGroup]:
    """The groups `user` declared on their profile (none for an anonymous visitor): read
    only for the person themself, to show and to pre-fill their opinion form."""
    if user is None or not user.is_authenticated:
        return AffectedGroup.objects.none()
    return AffectedGroup.objects.filter(
        pk__in=AffectedGroupDeclaration.objects.filter(user=user).values("group_id")
    ).order_by("position", "name")
