"""Whole-page cache for anonymous readers of public pages.

A flash crowd reads the same few pages (the home page, a consultation everybody talks
about); rendering them once per minute instead of once per request is what lets a few app
servers carry it. The cache is Django's (Redis in production, so every app server shares
it). Freshness: every key contains a content version — one per consultation and one for
the whole site — that domain events bump the moment something changes, so a page changed
through one server is fresh on all the others. Time-driven changes (a consultation opening
or closing) show within PUBLIC_PAGE_CACHE_SECONDS.

Only GET/HEAD requests without a session, message or authorization are cached, only
responses with status 200 that set no cookie; signed-in people always get fresh pages.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from lidzdaliba.core.events import subscriber

PAGES = {
    "web:home": "site",
    "consultations:list": "site",
    "consultations:detail": "consultation",
    "consultations:feedback": "consultation",
    "institutions:list": "site",
    "institutions:detail": "site",
}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def _version_key(scope: str) -> str:
    return f"page-version:{scope}"


def version(scope: str) -> int:
    key = _version_key(scope)
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key) or 1
    return value


def bump(scope: str) -> None:
    key = _version_key(scope)
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value invalidates
        cache.set(key, 2, timeout=None)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _key(request: HttpRequest, name: str, kwargs: dict) -> str:
    scope = PAGES[name]
    versions = [f"s{version('site')}"]
    if scope == "consultation":
        pk = kwargs.get("pk")
        consultation_scope = f"consultation:{pk}"
        versions.append(f"c{version(consultation_scope)}")
    raw = "|".join(
        [
            name,
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            "htmx" if request.headers.get("HX-Request") else "",
            request.get_host(),
            *versions,
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), settings.PUBLIC_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            settings.PUBLIC_PAGE_CACHE_SECONDS <= 0
            or match is None
            or match.view_name not in PAGES
            or not _cacheable_request(request)
        ):
            return None
        key = _key(request, match.view_name, view_kwargs)
        hit = cache.get(key)
        if hit is None:
            request._page_cache_key = key
            return None
        content, headers = hit
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# --- Freshness: domain events bump the versions ----------------------------------------------


def _consultation_changed(*, consultation_id: int, **_) -> None:
    bump(f"consultation:{consultation_id}")
    bump("site")


def _opinion_changed(*, opinion_id: int, **_) -> None:
    from lidzdaliba.consultations.models import Opinion

    consultation_id = (
        Opinion.objects.filter(pk=opinion_id).values_list("consultation_id", flat=True).first()
    )
    if consultation_id is not None:
        _consultation_changed(consultation_id=consultation_id)


for _event in (
    "consultation.published",
    "consultation.changed",
    "consultation.version_added",
    "consultation.feedback_published",
    "consultation.decided",
):
    subscriber(_event)(_consultation_changed)
for _event in ("opinion.submitted", "opinion.answered", "opinion.anonymised"):
    subscriber(_event)(_opinion_changed)
