"""Cross-cutting HTTP behaviour: security headers, the request log, read-replica routing,
unreadable query strings, passed rate limits."""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import parse_qsl, quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import ratelimits
from .db_router import use_replica
from .logging import mask
from .ratelimits import RateLimited

request_log = logging.getLogger("lidzdaliba.requests")


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class RequestLogMiddleware:
    """One structured line per request: method, path (secrets masked), status, duration.
    No IP address, no user name: who asked is not needed to run the service."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        # The client of this request, for rate limits counted where no request is at hand
        # (a form allauth builds): see ratelimits.current_client().
        token = ratelimits.current_client_var.set(ratelimits.client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            ratelimits.current_client_var.reset(token)
        path, duration = mask(request.path), round((time.perf_counter() - started) * 1000, 1)
        request_log.info(
            "%s %s %s %sms",
            request.method,
            path,
            response.status_code,
            duration,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration,
            },
        )
        return response


class ReadReplicaMiddleware:
    """Safe, anonymous requests may read from the replica (the router decides per query);
    anything that writes or is personal reads the primary, so people see their own
    changes at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD") and "sessionid" not in request.COOKIES
        safe = safe and "HTTP_AUTHORIZATION" not in request.META
        with use_replica(safe):
            return self.get_response(request)


# C0 control characters — tab and line breaks too: no form or link puts one into a query —
# and DEL; lone surrogates stand for bytes that are not UTF-8 (decoded with surrogateescape).
_UNREADABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
# Addresses read by feed readers and calendar apps, which show plain text, not our pages.
_PLAIN_TEXT_SUFFIXES = (".atom", ".ics")


def unreadable_query_parameters(query_string: str) -> list[str]:
    """The names (percent-encoded, to be shown safely) of the query parameters whose name or
    value holds a control character, DEL or bytes that are not UTF-8.

    `query_string` is WSGI's QUERY_STRING: the bytes as sent, decoded as Latin-1 (PEP 3333).
    Django's `request.GET` replaces bytes that are not UTF-8 with U+FFFD, so it cannot tell
    them from a real U+FFFD; hence the query string is read again here, strictly.
    """
    if not query_string:
        return []
    try:
        raw = query_string.encode("iso-8859-1")
    except UnicodeEncodeError:  # an ASGI server hands over text already decoded as UTF-8
        raw = query_string.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "surrogateescape")
    names: list[str] = []
    for name, value in parse_qsl(text, keep_blank_values=True, errors="surrogateescape"):
        if _UNREADABLE.search(name) or _UNREADABLE.search(value):
            shown = quote(name, safe="", errors="surrogateescape")[:50]
            if shown not in names:
                names.append(shown)
    return names


class UnreadableQueryMiddleware:
    """A 400 for a query string with control characters or bytes that are not UTF-8, before
    any view sees it.

    No form or link of the site makes such a query, and text like that breaks the formats
    it would be echoed into (XML refuses control characters, iCalendar line breaks) or is
    silently altered (Django turns bad bytes into U+FFFD). One check here covers every page,
    feed, calendar, download and API endpoint, including those added later. It runs after
    the language and the signed-in person are known, so the answer is in their language and
    an HTML page shows the usual header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        names = unreadable_query_parameters(request.META.get("QUERY_STRING", ""))
        if names:
            return unreadable_query_response(request, names)
        return self.get_response(request)


def unreadable_query_response(request: HttpRequest, names: list[str]) -> HttpResponse:
    """The 400 in the form the address's readers expect: the API's JSON error, plain text
    for feeds and calendars, the site's 400 page otherwise."""
    message = _(
        "The address contains a control character (such as a line break or a tab) or text "
        "that is not valid UTF-8 (%(parameters)s). Remove it and try again."
    ) % {"parameters": ", ".join(f"“{name}”" for name in names)}
    if request.path.startswith("/api/"):
        problem = _("A control character or text that is not valid UTF-8.")
        details = [{"loc": ["query", name], "msg": problem} for name in names]
        return JsonResponse(
            {"error": "bad_request", "message": message, "details": details}, status=400
        )
    if request.path.endswith(_PLAIN_TEXT_SUFFIXES):
        return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")
    return render(request, "400.html", {"message": message}, status=400)


class RateLimitedMiddleware:
    """Answers 429 for a `RateLimited` raised anywhere in a web request.

    Limits are enforced by the services (core/ratelimits.py), whichever edge called them —
    our views, or allauth's views through its adapter hooks and forms — so the answer to a
    passed limit is made once, here: the page that says when to try again, with
    `Retry-After`. The API answers in its own JSON (api/main.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, RateLimited):
            return rate_limited_response(request, exception)
        return None


def rate_limited_response(request: HttpRequest, limited: RateLimited) -> HttpResponse:
    """429 Too Many Requests with a page that says what happened and when to retry."""
    response = render(
        request,
        "accounts/rate_limited.html",
        {"message": limited.message, "retry_minutes": limited.retry_minutes},
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response
