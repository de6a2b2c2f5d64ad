from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from lidzdaliba.core.api_schemas import ERRORS, ErrorOut
from lidzdaliba.core.ratelimits import client_ip

from .services import api_token_for_credentials

router = Router(tags=["auth"])


class TokenIn(Schema):
    email: str
    password: str


class ReplacedTokenOut(Schema):
    name: str
    prefix: str


class TokenOut(Schema):
    token: str
    expires_at: datetime
    # An account holds at most ten live tokens: the oldest one this token replaced.
    replaced: ReplacedTokenOut | None = None
    message: str = ""


@router.post("/token", response={200: TokenOut, 429: ErrorOut, **ERRORS}, auth=None)
def create_token(request, payload: TokenIn):
    """Exchange an e-mail and password for a bearer token (`Authorization: Bearer <token>`).

    Wrong passwords count against the same limits as signing in on the web (429 with
    `Retry-After` once passed). Officers and coordinators create tokens on their profile
    page after signing in with their second factor; here they get the same 401 as a wrong
    password. A token expires after 90 days; an account keeps at most ten, and an eleventh
    revokes the oldest (named in `replaced`)."""
    token = api_token_for_credentials(
        email=payload.email, password=payload.password, client=client_ip(request)
    )
    if token is None:
        raise AuthenticationError(
            401,
            _(
                "Wrong e-mail address or password, or the address is not confirmed yet. "
                "Officers create API tokens on their profile page."
            ),
        )
    replaced = token.replaced
    return {
        "token": token.key,
        "expires_at": token.expires_at,
        "replaced": {"name": replaced.name, "prefix": replaced.prefix} if replaced else None,
        "message": (
            _("Your oldest token (%(name)s) was revoked: an account keeps at most %(n)s.")
            % {"name": replaced.name, "n": settings.API_TOKENS_PER_ACCOUNT}
            if replaced
            else ""
        ),
    }
