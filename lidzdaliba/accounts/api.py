from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from lidzdaliba.api.schemas import ERRORS

from .services import api_token_for_credentials

router = Router(tags=["auth"])


class TokenIn(Schema):
    email: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", response={200: TokenOut, **ERRORS}, auth=None)
def create_token(request, payload: TokenIn):
    """Exchange an e-mail and password for a bearer token (`Authorization: Bearer <token>`)."""
    key = api_token_for_credentials(email=payload.email, password=payload.password)
    if key is None:
        raise AuthenticationError(
            401, _("Wrong e-mail address or password, or the address is not confirmed yet.")
        )
    return {"token": key}
