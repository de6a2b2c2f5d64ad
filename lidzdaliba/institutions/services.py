"""Granting and revoking officer roles: managers decide who works on their institution.

Each change is recorded in the audit log through `core.actions.record_action` (the audit log
is above institutions, so it registers itself there)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lidzdaliba.accounts.models import User
from lidzdaliba.core.actions import record_action

from .models import AffectedGroup, AffectedGroupDeclaration, Institution, OfficerRole
from .rules import is_manager_of


def _require_manager(actor, institution: Institution) -> None:
    if not is_manager_of(actor, institution):
        raise PermissionDenied(_("Only a manager of this institution may change its officers."))


@transaction.atomic
def officer_role_grant(*, actor, institution: Institution, email: str, role: str) -> OfficerRole:
    _require_manager(actor, institution)
    if role not in OfficerRole.Role.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": [_("No account uses this e-mail address. Ask the person to register first.")]}
        )
    try:
        with transaction.atomic():
            granted = OfficerRole.objects.create(user=user, institution=institution, role=role)
    except IntegrityError:
        raise ValidationError({"role": [_("This person already has this role.")]}) from None
    record_action(
        actor=actor,
        action="officer_role.grant",
        target=granted,
        institution=institution,
        after={"user": user.email, "role": role},
    )
    return granted


@transaction.atomic
def officer_role_revoke(*, actor, institution: Institution, role_id: int) -> None:
    _require_manager(actor, institution)
    role = (
        OfficerRole.objects.select_related("user")
        .filter(pk=role_id, institution=institution)
        .first()
    )
    if role is None:
        raise ValidationError(_("This role does not exist."))
    managers = OfficerRole.objects.filter(institution=institution, role=OfficerRole.Role.MANAGER)
    if role.role == OfficerRole.Role.MANAGER and managers.count() == 1:
        raise ValidationError(_("An institution needs at least one manager."))
    record_action(
        actor=actor,
        action="officer_role.revoke",
        target=role,
        institution=institution,
        before={"user": role.user.email, "role": role.role},
    )
    role.delete()


def affected_groups_declare(*, user, group_ids: Iterable[int]) -> list[AffectedGroup]:
    """Replace the affected groups `user` says they belong to (none: withdraw the
    declaration). Only the person writes their own declaration; what they gave before is
    removed, not kept as history (the minimum of data of special care)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to declare your groups."))
    wanted = set(group_ids)
    groups = list(AffectedGroup.objects.filter(pk__in=wanted))
    if len(groups) != len(wanted):
        raise ValidationError({"groups": [_("Choose groups from the list.")]})
    with transaction.atomic():
        AffectedGroupDeclaration.objects.filter(user=user).exclude(group__in=groups).delete()
        have = set(
            AffectedGroupDeclaration.objects.filter(user=user).values_list("group_id", flat=True)
        )
        AffectedGroupDeclaration.objects.bulk_create(
            [AffectedGroupDeclaration(user=user, group=g) for g in groups if g.pk not in have],
            ignore_conflicts=True,
        )
    return groups
