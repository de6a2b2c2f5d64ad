"""Cross-cutting HTTP behaviour: security headers, the request log, read-replica routing."""

from __future__ import annotations

import logging
import time

from django.conf import settings

from .db_router import use_replica
from .logging import mask

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
        response = self.get_response(request)
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
