"""The JSON API v1, documented by OpenAPI 3 at /api/v1/openapi.json.

Every error is JSON `{error, message, details?}` with the message in the caller's language
(Accept-Language) and the fitting 4xx; bad input never produces a 500.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from lidzdaliba.accounts.api import router as accounts_router
from lidzdaliba.consultations.api import opinions_router
from lidzdaliba.consultations.api import router as consultations_router
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.ratelimits import RateLimited
from lidzdaliba.councils.api import bodies_router, meetings_router, recommendations_router
from lidzdaliba.councils.api_subjects import consultation_meetings_router
from lidzdaliba.initiatives.api import router as initiatives_router
from lidzdaliba.institutions.api import router as institutions_router
from lidzdaliba.monitoring.api import router as indicators_router
from lidzdaliba.notifications.api import router as subscriptions_router
from lidzdaliba.search.api import router as search_router
from lidzdaliba.surveys.api import router as surveys_router


class UnreadableBody(ValueError):
    """Why a request body was refused; the 400 handler tells the caller, in their language.

    django-ninja turns any error of the parser into one `HttpError(400)` whose `__cause__`
    is the original error, so the reason travels on that exception."""

    NOT_UTF8 = gettext_lazy("The request body is not valid UTF-8: send JSON encoded in UTF-8.")
    NOT_JSON = gettext_lazy("The request body is not valid JSON.")
    NUL = gettext_lazy("The request body could not be read: send JSON without NUL characters.")

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


class StrictJsonParser(Parser):
    """JSON bodies in UTF-8 (RFC 8259; a byte order mark is allowed) without NUL characters:
    PostgreSQL cannot store them, and no person types one, so such a body is refused as
    unreadable (400) before any view sees it."""

    def parse_body(self, request: HttpRequest):
        try:
            text = request.body.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableBody(UnreadableBody.NOT_UTF8) from error
        try:
            data = json.loads(text)
        except ValueError as error:
            raise UnreadableBody(UnreadableBody.NOT_JSON) from error
        if _has_nul(data):
            raise UnreadableBody(UnreadableBody.NUL)
        return data


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


api = NinjaAPI(
    parser=StrictJsonParser(),
    title="Līdzdalība API",
    version="1",
    description=(
        "Public consultations of Latvian state and municipal institutions: read them, give "
        "opinions, and (as an officer) answer every opinion with a reason."
    ),
    urls_namespace="api",
)

api.add_router("/auth", accounts_router)
api.add_router("/institutions", institutions_router)
api.add_router("/consultations", consultations_router)
api.add_router("/consultations", consultation_meetings_router)  # …/{id}/meetings
api.add_router("/opinions", opinions_router)
api.add_router("/bodies", bodies_router)
api.add_router("/meetings", meetings_router)
api.add_router("/recommendations", recommendations_router)
api.add_router("/initiatives", initiatives_router)
api.add_router("/search", search_router)
api.add_router("/surveys", surveys_router)
api.add_router("/subscriptions", subscriptions_router)
api.add_router("/indicators", indicators_router)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, details=None
) -> HttpResponse:
    body = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def on_invalid_input(request, exc: NinjaValidationError):
    details = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
        for error in exc.errors
    ]
    return error_response(request, 422, "invalid", _("The request is not valid."), details)


@api.exception_handler(DjangoValidationError)
def on_rejected_input(request, exc: DjangoValidationError):
    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    message = " ".join(message for messages in details.values() for message in messages)
    return error_response(request, 422, "invalid", message, details)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc: AuthenticationError):
    message = (
        str(exc)
        if str(exc) != "Unauthorized"
        else _("Authentication required: send 'Authorization: Bearer <token>'.")
    )
    response = error_response(request, 401, "unauthenticated", message)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:
        reason = exc.__cause__
        message = (
            str(reason.message)
            if isinstance(reason, UnreadableBody)
            else _("The request body could not be read.")
        )
        return error_response(request, 400, "bad_request", message)
    return error_response(request, exc.status_code, "error", str(exc))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc: PermissionDenied):
    return error_response(
        request, 403, "forbidden", str(exc) or _("You are not allowed to do this.")
    )


@api.exception_handler(Http404)
def on_not_found(request, exc: Http404):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(Conflict)
def on_conflict(request, exc: Conflict):
    return error_response(request, 409, exc.code, exc.message)


@api.exception_handler(RateLimited)
def on_rate_limited(request, exc: RateLimited):
    """A limit the service enforces was passed (core/ratelimits.py): 429 and when to retry."""
    response = error_response(request, 429, "rate_limited", exc.message)
    response["Retry-After"] = str(exc.retry_after)
    return response
