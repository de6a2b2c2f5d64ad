"""Writes to accounts: profile, organisations and representatives, API tokens."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import passwords
from .identity import (
    EidIdentity,
    decrypt,
    encrypt,
    personal_code_hash,
    rehash_hooks,
    rotate,
)
from .models import ApiToken, Organisation, Representation, User
from .rules import is_organisation_admin, needs_second_factor


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
    if not is_organisation_admin(actor, organisation):
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
    if not is_organisation_admin(actor, organisation):
        raise PermissionDenied(
            _("Only the organisation's administrators may remove representatives.")
        )
    remaining_admins = Representation.objects.filter(organisation=organisation, is_admin=True)
    if remaining_admins.count() == 1 and remaining_admins.filter(user_id=user_id).exists():
        raise ValidationError(_("An organisation needs at least one administrator."))
    Representation.objects.filter(organisation=organisation, user_id=user_id).delete()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never shown again.

    A token lives `API_TOKEN_DAYS` days. An account holds at most `API_TOKENS_PER_ACCOUNT`
    live tokens: a new one beyond that revokes the oldest, which the returned token names
    in `replaced` (None otherwise) so the edge can tell the person.
    """
    key = ApiToken.generate_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100] or _("API token"),
            prefix=key[4 : 4 + ApiToken.PREFIX_LENGTH],
            key_hash=ApiToken.hash_key(key),
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        )
        live = ApiToken.objects.live().filter(user=user).order_by("-created_at", "-pk")
        surplus = list(live[settings.API_TOKENS_PER_ACCOUNT :])
        _revoke(surplus)
    token.replaced = surplus[0] if surplus else None
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own active tokens; False when there is no such token."""
    tokens = list(ApiToken.objects.live().filter(user=user, pk=token_id))
    _revoke(tokens)
    return bool(tokens)


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of `user` (their password changed or was reset: whoever
    might have learnt the old one must not keep a way in). Returns how many."""
    tokens = list(ApiToken.objects.live().filter(user=user))
    _revoke(tokens)
    return len(tokens)


def _revoke(tokens: list[ApiToken]) -> None:
    if not tokens:
        return
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens], revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    forget_token_users(t.key_hash for t in tokens)


def api_token_for_credentials(
    *, email: str, password: str, client: str, name: str = "API"
) -> ApiToken | None:
    """Exchange an e-mail and password for a new token (POST /api/v1/auth/token); the
    token's secret is in `.key`. None when no token can be given this way.

    The attempt counts against the password limits every sign-in shares (RateLimited when
    they are passed, before the password is even looked at). Only confirmed addresses get a
    token: otherwise anyone could register with someone else's e-mail and speak in their
    name. People who must use a second factor get theirs on the profile page, after signing
    in with it; for them the answer is the same None as for a wrong password, so the
    endpoint cannot tell anyone which accounts are privileged.
    """
    address = email.strip().lower()
    passwords.attempts_allowed(account=address, client=client)
    user = authenticate(username=address, password=password)
    if user is None:
        passwords.attempt_failed(account=address, client=client)
        return None
    if not user.is_active or not email_is_verified(user):
        return None
    if settings.REQUIRE_OFFICER_MFA and needs_second_factor(user):
        return None
    token, key = api_token_create(user=user, name=name)
    token.key = key
    return token


def email_is_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


# Every API request looks its token up. The answer is kept in the cache (Redis in
# production) for a minute: revoking, expiry, a password change and deactivating the
# account end it at once (`forget_token_users`), and the minute bounds anything else.
TOKEN_CACHE_SECONDS = 60
_NO_TOKEN = "none"  # noqa: S105  (a cache marker, not a secret)
# What the API needs of the person; the password hash is never put in the cache.
_CACHED_USER_FIELDS = (
    "id",
    "email",
    "full_name",
    "preferred_language",
    "is_active",
    "is_staff",
    "is_superuser",
    "is_coordinator",
)


def _token_cache_key(key_hash: str) -> str:
    return f"api-token:{key_hash}"


def forget_token_users(key_hashes) -> None:
    cache.delete_many([_token_cache_key(key_hash) for key_hash in key_hashes])


def api_token_user(key: str) -> User | None:
    """The active user of a live token (not revoked, not expired), or None. Records the
    token's use at most once a minute (the write would otherwise double the cost of every
    request)."""
    key_hash = ApiToken.hash_key(key)
    cache_key = _token_cache_key(key_hash)
    entry = cache.get(cache_key)
    if entry is None:
        token = (
            ApiToken.objects.live()
            .filter(key_hash=key_hash, user__is_active=True)
            .select_related("user")
            .only("id", "expires_at", "last_used_at", *(f"user__{f}" for f in _CACHED_USER_FIELDS))
            .first()
        )
        entry = (
            _NO_TOKEN
            if token is None
            else (token.user, token.pk, token.expires_at, token.last_used_at)
        )
        cache.set(cache_key, entry, TOKEN_CACHE_SECONDS)
    if entry == _NO_TOKEN:
        return None
    user, token_id, expires_at, last_used = entry
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        return None
    if last_used is None or (now - last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
        cache.set(cache_key, (user, token_id, expires_at, now), TOKEN_CACHE_SECONDS)
    return user


# --- eID identity (accounts/identity.py) ----------------------------------------------------


class EidIdentityTaken(PermissionDenied):
    """The personal code is verified on another account already."""


def eid_identity_check(*, user: User | None, identity: EidIdentity) -> None:
    """Refuse an eID identity that another account holds: one identity, one account (so one
    signature per person however many e-mail addresses they have)."""
    holder = User.objects.filter(personal_code_hash=identity.code_hash).first()
    if holder is not None and (user is None or holder.pk != user.pk):
        raise EidIdentityTaken(
            _(
                "This eID identity is already linked to another account. Sign in to that "
                "account, or delete it first."
            )
        )


@transaction.atomic
def eid_identity_record(*, user: User, identity: EidIdentity) -> User:
    """Mark `user` eID-verified now with `identity`: the code kept as its keyed hash and
    encrypted, the date of birth, citizenship and declared municipality the eID gives (each
    replaced at every verification: a claim the provider no longer sends is forgotten), the
    name the eID gives when none was set."""
    eid_identity_check(user=user, identity=identity)
    user.eid_verified_at = timezone.now()
    user.personal_code_hash = identity.code_hash
    user.personal_code_encrypted = encrypt(identity.personal_code)
    user.verified_birth_date = identity.birth_date
    user.verified_latvian_citizen = identity.latvian_citizen
    user.verified_municipality = identity.municipality
    fields = [
        "eid_verified_at",
        "personal_code_hash",
        "personal_code_encrypted",
        "verified_birth_date",
        "verified_latvian_citizen",
        "verified_municipality",
    ]
    if identity.full_name and not user.full_name:
        user.full_name = identity.full_name[:200]
        fields.append("full_name")
    try:
        with transaction.atomic():
            user.save(update_fields=fields)
    except IntegrityError:  # the same identity verified on another account at this moment
        raise EidIdentityTaken(
            _("This eID identity is already linked to another account.")
        ) from None
    return user


def eid_identity_remove(*, user: User) -> None:
    """Forget the eID identity (erasure, or unlinking): the account is e-mail level again."""
    user.eid_verified_at = None
    user.personal_code_hash = None
    user.personal_code_encrypted = ""
    user.verified_birth_date = None
    user.verified_latvian_citizen = None
    user.verified_municipality = ""
    user.save(
        update_fields=[
            "eid_verified_at",
            "personal_code_hash",
            "personal_code_encrypted",
            "verified_birth_date",
            "verified_latvian_citizen",
            "verified_municipality",
        ]
    )


@transaction.atomic
def eid_keys_rotate() -> dict[str, int]:
    """Re-encrypt every personal code under the newest key and re-compute every hash under
    the current hash key; apps that keep hashes get the old → new mapping. Run after the
    keys in the environment changed (`manage.py rotate_eid_keys`)."""
    mapping: dict[str, str] = {}
    reencrypted = 0
    users = User.objects.select_for_update().exclude(personal_code_encrypted="")
    for user in users.only("pk", "personal_code_hash", "personal_code_encrypted"):
        code = decrypt(user.personal_code_encrypted)
        new_hash = personal_code_hash(code)
        if user.personal_code_hash and user.personal_code_hash != new_hash:
            mapping[user.personal_code_hash] = new_hash
        User.objects.filter(pk=user.pk).update(
            personal_code_encrypted=rotate(user.personal_code_encrypted),
            personal_code_hash=new_hash,
        )
        reencrypted += 1
    elsewhere = sum(hook(mapping) for hook in rehash_hooks()) if mapping else 0
    return {"reencrypted": reencrypted, "rehashed": len(mapping), "rehashed_elsewhere": elsewhere}
