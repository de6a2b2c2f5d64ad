from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from .models import ApiToken, Organisation


def organisations_represented_by(*, user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(representation__user=user).order_by("name")


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    """Tokens that still open the API (revoked and expired ones are not listed)."""
    return ApiToken.objects.live().filter(user=user).order_by("-created_at")


def addresses_of(user) -> set[str]:
    """Every address of the person, confirmed or not, lower-cased: whatever was sent to
    any of them was sent to the person."""
    listed = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return {user.email.lower()} | {address.lower() for address in listed}


def own_addresses_of(user) -> set[str]:
    """The sign-in address and the confirmed ones, lower-cased: only what was subscribed
    with these is the person's (an unconfirmed address may belong to someone else)."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True)
    return {user.email.lower()} | {e.lower() for e in confirmed.values_list("email", flat=True)}


def any_address_q(field: str, addresses: set[str]) -> Q:
    """Rows whose `field` is one of `addresses`, in any letter case (none when empty)."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


IDENTITY_NONE = "none"
IDENTITY_EMAIL = "email"
IDENTITY_EID = "eid"


def identity_level(user) -> str:
    """How well we know who the person is: "eid" (verified with eID), "email" (the sign-in
    address confirmed), "none". Initiatives ask for one of these to sign."""
    if not user.is_authenticated:
        return IDENTITY_NONE
    if user.eid_verified:
        return IDENTITY_EID
    confirmed = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return IDENTITY_EMAIL if confirmed.exists() else IDENTITY_NONE


def masked_personal_code(user) -> str:
    """What the person sees of their own personal code (GDPR copy, profile): its last four
    digits. The code in clear is for the institution's verification export only."""
    from .identity import decrypt, masked

    if not user.personal_code_encrypted:
        return ""
    return masked(decrypt(user.personal_code_encrypted))


def personal_code_for_verification(user) -> str:
    """The personal code in clear, for the addressed institution's verification export of
    an initiative's signatures (its only reader; the export is audited). "" without one."""
    from .identity import decrypt

    if not user.personal_code_encrypted:
        return ""
    return decrypt(user.personal_code_encrypted)
