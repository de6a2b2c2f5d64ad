"""Bearer-token authentication for the API.

`bearer` requires a valid token (401 otherwise). `optional_bearer` lets anonymous callers
through, but a token that is sent and wrong is still a 401 — a client with a broken token
should learn it, not silently see the public view.

Tokens are accounts' own, so their check lives here, where every app's `api.py` may use it
(the `api` package only assembles the routers: an edge no app imports).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .services import api_token_user


class BearerAuth(HttpBearer):
    openapi_description = "A token from POST /api/v1/auth/token or the profile page."

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if user is None and request.headers.get(self.header):
            raise AuthenticationError(401, _("The API token is not valid or was revoked."))
        return user


class OptionalBearerAuth(BearerAuth):
    def __call__(self, request: HttpRequest):
        if not request.headers.get(self.header):
            request.user = AnonymousUser()
            return request.user
        return super().__call__(request)


bearer = BearerAuth()
optional_bearer = OptionalBearerAuth()
