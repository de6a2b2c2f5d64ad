"""Who may do what with organisations, and who must sign in with a second factor.

Views, templates, services and other apps ask these predicates instead of restating them
(DESIGN.md: one decision, one named rule).

Accounts is the lowest app that knows people, so it cannot know the roles the apps above it
give (an officer of an institution, later a body secretary). Such an app declares its roles
privileged with `register_privileged_role(predicate)` from its AppConfig.ready(); a person
for whom any registered predicate holds must add a second factor like staff and the
coordinator do.
"""

from __future__ import annotations

from collections.abc import Callable

import rules

from .models import Representation

PrivilegedRole = Callable[..., bool]

_privileged_roles: list[PrivilegedRole] = []


def register_privileged_role(predicate: PrivilegedRole) -> PrivilegedRole:
    """Add `predicate(user) -> bool` once: people it holds for need a second factor."""
    if predicate not in _privileged_roles:
        _privileged_roles.append(predicate)
    return predicate


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def needs_second_factor(user) -> bool:
    """Staff, superusers, the coordinator, moderators and holders of a registered privileged role
    (when REQUIRE_OFFICER_MFA is on, the edges make them add one before anything else)."""
    if not _signed_in(user):
        return False
    if user.is_staff or user.is_superuser or user.is_coordinator or user.is_moderator:
        return True
    return any(holds(user) for holds in list(_privileged_roles))


@rules.predicate
def represents(user, organisation) -> bool:
    """The person may speak on behalf of the organisation (and see who else does)."""
    if not _signed_in(user) or organisation is None:
        return False
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return Representation.objects.filter(organisation_id=organisation_id, user=user).exists()


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    """The person may add and remove the organisation's representatives."""
    if not _signed_in(user) or organisation is None:
        return False
    return Representation.objects.filter(
        organisation=organisation, user=user, is_admin=True
    ).exists()


rules.add_perm("accounts.view_organisation", represents)
rules.add_perm("accounts.manage_representatives", is_organisation_admin)
