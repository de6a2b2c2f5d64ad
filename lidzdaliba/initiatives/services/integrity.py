"""The fraud measures on the signing path, kept apart from `signature_add` so the
eligibility check and these hooks change independently.

`signing_guard` runs before the insert: it counts the attempt against the signing rate
limits (per client and per account, a burst and a sustained rate each, in the shared
limiter of `core.ratelimits`, so every app server counts the same numbers) and returns
what the signature records about its mailbox and network (integrity.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lidzdaliba.core import ratelimits

from .. import integrity

SIGNING_LIMITS = (
    "signature.client.burst",
    "signature.client.sustained",
    "signature.account.burst",
    "signature.account.sustained",
)


@dataclass(frozen=True)
class SigningMarks:
    email_key: str
    email_domain: str
    disposable_email: bool
    client_network: str

    def fields(self) -> dict:
        return {
            "email_key": self.email_key,
            "email_domain": self.email_domain,
            "disposable_email": self.disposable_email,
            "client_network": self.client_network,
        }


def disposable_policy() -> str:
    """ "flag" (default: the signature counts, marked for the institution) or "refuse"."""
    return getattr(settings, "INITIATIVE_DISPOSABLE_EMAIL", "flag")


def signing_guard(*, signer) -> SigningMarks:
    """Count this signing attempt (RateLimited past a limit) and mark the signature."""
    client = ratelimits.current_client()
    limits = [
        (name, client if ".client." in name else f"account:{signer.pk}")
        for name in SIGNING_LIMITS
        if client or ".account." in name
    ]
    ratelimits.hit(
        limits,
        message=_("Too many signatures from your connection or account. Try again later."),
    )
    domain = integrity.email_domain(signer.email)
    disposable = integrity.is_disposable(domain)
    if disposable and disposable_policy() == "refuse":
        raise PermissionDenied(
            _(
                "Addresses of disposable mail services cannot sign initiatives here. Sign in "
                "with your usual e-mail address."
            )
        )
    return SigningMarks(
        email_key=integrity.email_key(signer.email),
        email_domain=domain,
        disposable_email=disposable,
        client_network=integrity.client_network(client),
    )
