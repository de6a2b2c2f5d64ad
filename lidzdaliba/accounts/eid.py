"""eID sign-in: allauth's OpenID Connect client, fitted to the platform.

allauth does the protocol (discovery, the code flow with PKCE, the ID token's checks, the
userinfo call); this module turns what the provider vouches for into the account's eID
identity (accounts/identity.py), through the hooks allauth documents: the social account
adapter's `pre_social_login` (every eID sign-in and every linking, before anything is
decided) and the signals `user_signed_up` (a new account) and `social_account_added` (an
existing account links its eID), `social_account_removed` (it unlinks it).

The personal code is taken out of what allauth stores (`SocialAccount.extra_data`, and the
session while a new account's sign-up form is open): a `pre_save` receiver scrubs it, and
the identity travels in the sign-in's state only encrypted.
"""

from __future__ import annotations

import json
from datetime import date

from allauth.account import signals as account_signals
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount import signals as social_signals
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from .identity import (
    EidIdentity,
    InvalidPersonalCode,
    claims_of,
    decrypt,
    encrypt,
    identity_from_claims,
    scrub_claims,
)
from .services import EidIdentityTaken, eid_identity_check, eid_identity_record, eid_identity_remove

EID_PROVIDER_ID = "eid"
STATE_KEY = "eid_identity"


def is_enabled() -> bool:
    """Whether eID sign-in is configured (issuer, client id and secret in the environment)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS") or []
    return any(app.get("provider_id") == EID_PROVIDER_ID for app in apps)


def _seal(identity: EidIdentity) -> str:
    birth = identity.birth_date.isoformat() if identity.birth_date else None
    return encrypt(
        json.dumps(
            [
                identity.personal_code,
                identity.full_name,
                birth,
                identity.latvian_citizen,
                identity.municipality,
            ]
        )
    )


def _unseal(token: str | None) -> EidIdentity | None:
    if not token:
        return None
    # A sign-up begun before citizenship and municipality were read sealed three values.
    code, name, birth, citizen, municipality = [*json.loads(decrypt(token)), None, ""][:5]
    return EidIdentity(
        personal_code=code,
        full_name=name,
        birth_date=date.fromisoformat(birth) if birth else None,
        latvian_citizen=citizen,
        municipality=municipality,
    )


def _refuse(request: HttpRequest, message: str) -> ImmediateHttpResponse:
    return ImmediateHttpResponse(
        render(request, "accounts/eid_refused.html", {"message": message}, status=403)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """Read and check the identity before allauth signs in, signs up or links:
        a provider that sends no valid personal code, or an identity another account
        holds, ends the flow here with the reason."""
        account = sociallogin.account
        if account.provider != EID_PROVIDER_ID:
            return
        claims = getattr(account, "_eid_claims", None) or claims_of(account.extra_data)
        scrub_claims(account.extra_data)
        try:
            identity = identity_from_claims(claims)
        except InvalidPersonalCode:
            raise _refuse(
                request, _("The eID service did not give a valid Latvian personal code.")
            ) from None
        connecting = sociallogin.state.get("process") == "connect"
        if connecting and request.user.is_authenticated:
            user = request.user
        else:
            user = sociallogin.user if sociallogin.is_existing else None
        try:
            eid_identity_check(user=user, identity=identity)
            if sociallogin.is_existing and not connecting:
                eid_identity_record(user=sociallogin.user, identity=identity)
        except EidIdentityTaken as taken:
            raise _refuse(request, str(taken)) from None
        sociallogin.state[STATE_KEY] = _seal(identity)


def _record_from_state(user, sociallogin, request) -> None:
    if sociallogin is None or sociallogin.account.provider != EID_PROVIDER_ID:
        return
    identity = _unseal(sociallogin.state.get(STATE_KEY))
    if identity is not None:
        eid_identity_record(user=user, identity=identity)


@receiver(account_signals.user_signed_up)
def eid_signed_up(sender, request, user, sociallogin=None, **kwargs) -> None:
    _record_from_state(user, sociallogin, request)


@receiver(social_signals.social_account_added)
def eid_linked(sender, request, sociallogin, **kwargs) -> None:
    _record_from_state(sociallogin.user, sociallogin, request)


@receiver(social_signals.social_account_removed)
def eid_unlinked(sender, request, socialaccount, **kwargs) -> None:
    if socialaccount.provider == EID_PROVIDER_ID:
        eid_identity_remove(user=socialaccount.user)


@receiver(pre_save, sender=SocialAccount)
def scrub_stored_claims(sender, instance: SocialAccount, **kwargs) -> None:
    """Never store the personal code in allauth's copy of the claims; keep what was
    received on the object for `pre_social_login`, which runs after allauth's first save."""
    if instance.provider != EID_PROVIDER_ID:
        return
    if not hasattr(instance, "_eid_claims"):
        instance._eid_claims = claims_of(instance.extra_data)
    scrub_claims(instance.extra_data)
