"""Who may act for an institution. Every other app asks these predicates, never re-implements.

Predicates take (user, institution). Managers may do everything editors and responders may.
"""

from __future__ import annotations

import rules

from .models import OfficerRole

Role = OfficerRole.Role


def _roles(user, institution) -> set[str]:
    """Roles of `user` in `institution`, cached on the user object for the request."""
    if user is None or not user.is_authenticated or institution is None:
        return set()
    # getattr/setattr, not __dict__: request.user is a lazy proxy whose own __dict__ is not
    # the user's, and both the view and the templates must find the same cache.
    cache = getattr(user, "officer_roles_cache", None)
    if cache is None:
        cache = {}
        for institution_id, role in OfficerRole.objects.filter(user=user).values_list(
            "institution_id", "role"
        ):
            cache.setdefault(institution_id, set()).add(role)
        user.officer_roles_cache = cache
    institution_id = institution if isinstance(institution, int) else institution.pk
    return cache.get(institution_id, set())


def roles_of(user, institution) -> set[str]:
    return set(_roles(user, institution))


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_coordinator)


@rules.predicate
def is_moderator(user) -> bool:
    """Appointed by the coordinator: hides and restores contributions of any institution."""
    return bool(user and user.is_authenticated and user.is_moderator)


@rules.predicate
def is_editor_of(user, institution) -> bool:
    return bool(_roles(user, institution) & {Role.EDITOR, Role.MANAGER})


@rules.predicate
def is_responder_of(user, institution) -> bool:
    return bool(_roles(user, institution) & {Role.RESPONDER, Role.MANAGER})


@rules.predicate
def is_manager_of(user, institution) -> bool:
    return Role.MANAGER in _roles(user, institution)


@rules.predicate
def is_officer_of(user, institution) -> bool:
    return bool(_roles(user, institution))


@rules.predicate
def is_any_officer(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    _roles(user, 0)  # fills the cache
    return bool(getattr(user, "officer_roles_cache", None))


rules.add_perm("institutions.view_internal", is_officer_of | is_coordinator)
rules.add_perm("institutions.manage_roles", is_manager_of)
rules.add_perm("institutions.view_audit", is_manager_of | is_coordinator)
