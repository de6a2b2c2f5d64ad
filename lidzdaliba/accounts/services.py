"""Writes to accounts: profile, organisations and representatives, API tokens."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.core.compiled import CompiledQuery

from .models import ApiToken, Organisation, Representation, User


def user_set_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_update_profile(*, user: User, full_name: str, preferred_language: str) -> User:
    if not full_name.strip():
        raise ValidationError({"full_name": [_("Enter your name.")]})
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": [_("Choose a language.")]})
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "preferred_language"])
    return user


@transaction.atomic
def organisation_create(
    *, user: User, name: str, kind: str, registration_number: str
) -> Organisation:
    """Register an organisation; its creator becomes its first representative."""
    registration_number = "".join(registration_number.split())
    if not registration_number.isdigit() or not 6 <= len(registration_number) <= 20:
        raise ValidationError(
            {"registration_number": [_("A registration number has 6 to 20 digits.")]}
        )
    if Organisation.objects.filter(registration_number=registration_number).exists():
        raise ValidationError(
            {
                "registration_number": [
                    _(
                        "This organisation is already registered. Ask one of its "
                        "representatives to add you."
                    )
                ]
            }
        )
    organisation = Organisation(
        name=name.strip(), kind=kind, registration_number=registration_number
    )
    organisation.full_clean()
    organisation.save()
    Representation.objects.create(organisation=organisation, user=user, is_admin=True)
    return organisation


@transaction.atomic
def representative_add(*, actor: User, organisation: Organisation, email: str) -> Representation:
    if not Representation.objects.filter(
        organisation=organisation, user=actor, is_admin=True
    ).exists():
        raise PermissionDenied(_("Only the organisation's administrators may add representatives."))
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": [_("No account uses this e-mail address. Ask the person to register first.")]}
        )
    try:
        with transaction.atomic():
            return Representation.objects.create(organisation=organisation, user=user)
    except IntegrityError:
        raise ValidationError(
            {"email": [_("This person already represents the organisation.")]}
        ) from None


@transaction.atomic
def representative_remove(*, actor: User, organisation: Organisation, user_id: int) -> None:
    if not Representation.objects.filter(
        organisation=organisation, user=actor, is_admin=True
    ).exists():
        raise PermissionDenied(
            _("Only the organisation's administrators may remove representatives.")
        )
    remaining_admins = Representation.objects.filter(organisation=organisation, is_admin=True)
    if remaining_admins.count() == 1 and remaining_admins.filter(user_id=user_id).exists():
        raise ValidationError(_("An organisation needs at least one administrator."))
    Representation.objects.filter(organisation=organisation, user_id=user_id).delete()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never shown again."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or _("API token"),
        prefix=key[4 : 4 + ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
    )
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own active tokens; False when there is no such token."""
    return bool(
        ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def api_token_for_credentials(*, email: str, password: str, name: str = "API") -> str | None:
    """Exchange an e-mail and password for a new token (POST /api/v1/auth/token).

    Only for confirmed addresses: otherwise anyone could register with someone else's
    e-mail and speak in their name through the API.
    """
    user = authenticate(username=email.strip().lower(), password=password)
    if user is None or not user.is_active or not email_is_verified(user):
        return None
    if settings.REQUIRE_OFFICER_MFA and needs_second_factor(user):
        # A password alone must not open what the web requires a second factor for.
        raise PermissionDenied(
            _(
                "Officers create API tokens on their profile page, after signing in with "
                "their second factor."
            )
        )
    _token, key = api_token_create(user=user, name=name)
    return key


def needs_second_factor(user: User) -> bool:
    from lidzdaliba.institutions.models import OfficerRole

    return bool(
        user.is_staff
        or user.is_superuser
        or user.is_coordinator
        or OfficerRole.objects.filter(user=user).exists()
    )


def email_is_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


# Every API request looks its token up: compiled once (core/compiled.py), as the ORM's
# query cost three times the database's answer on the busiest write.
_user_by_token_hash: CompiledQuery[User] = CompiledQuery(
    lambda key_hash: User.objects.filter(
        api_tokens__key_hash=key_hash, api_tokens__revoked_at__isnull=True, is_active=True
    ).annotate(token_id=F("api_tokens__id"), token_last_used_at=F("api_tokens__last_used_at"))[:1],
    key_hash=str,
)


def api_token_user(key: str) -> User | None:
    """The active user of a token that is not revoked, or None. Records the token's use
    (at most once a minute: the write would otherwise double the cost of every request)."""
    user = _user_by_token_hash.first(key_hash=ApiToken.hash_key(key))
    if user is None:
        return None
    now = timezone.now()
    last_used = user.token_last_used_at
    if last_used is None or (now - last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)
    return user
