"""Whole-page cache for anonymous readers of public pages.

A flash crowd reads the same few pages (the home page, a consultation everybody talks
about); rendering them once per minute instead of once per request is what lets a few app
servers carry it. The cache is Django's (Redis in production, so every app server shares
it). Freshness: every page is stored with the content versions it was rendered at — one per
consultation and one for the whole site — that domain events bump the moment something
changes, so a page changed through one server is fresh on all the others. Time-driven
changes (a consultation opening or closing) and the opinion counts shown on lists follow
within PUBLIC_PAGE_CACHE_SECONDS.

Only GET/HEAD requests without a session, message or authorization are cached, only
responses with status 200 that set no cookie; signed-in people always get fresh pages.

Pages are stored gzip-compressed, once, when rendered, and sent compressed to every client
that accepts gzip (every browser): a hit then moves a fifth of the bytes out of Redis and
onto the network and costs no compression at all. That is safe from BREACH-style attacks
because a cached page holds no secret: it is the same for every anonymous reader and has no
CSRF token (a response that sets a cookie is never cached). The rare client without gzip
gets the page decompressed.
"""

from __future__ import annotations

import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from lidzdaliba.core.content_versions import bump, current_versions, version_key
from lidzdaliba.core.events import subscriber
from lidzdaliba.councils.selectors import meeting_subject_key

PAGES = {
    "web:home": "site",
    "consultations:list": "site",
    "consultations:detail": "consultation",
    "consultations:feedback": "consultation",
    "institutions:list": "site",
    "institutions:detail": "site",
}
# Every header the view set is kept with the page (a download's Content-Disposition names its
# file), except those that belong to one response only.
NOT_KEPT_HEADERS = frozenset({"content-length", "content-encoding", "set-cookie", "date"})


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _scopes(name: str, kwargs: dict) -> list[str]:
    scopes = ["site"]
    if PAGES[name] == "consultation":
        scopes.append(f"consultation:{kwargs.get('pk')}")
    return scopes


def _key(request: HttpRequest, name: str) -> str:
    raw = "|".join(
        [
            name,
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            "htmx" if request.headers.get("HX-Request") else "",
            request.get_host(),
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if (
            key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")
        ):
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in NOT_KEPT_HEADERS
            }
            compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
            # Stored with the versions read *before* rendering: content that changed while
            # the page rendered has moved a version on, so the next reader renders again.
            entry = (request._page_cache_versions, compressed, headers)
            cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
            response = _cached_response(request, compressed, headers)
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
        # One cache round trip: the page and the versions of what it shows. The page is
        # fresh when it was rendered at the current versions.
        key = _key(request, match.view_name)
        scopes = _scopes(match.view_name, view_kwargs)
        found = cache.get_many([key, *map(version_key, scopes)])
        current = current_versions(scopes, found)
        entry = found.get(key)
        if entry is None or entry[0] != current:
            request._page_cache_key = key
            request._page_cache_versions = current
            return None
        _versions, compressed, headers = entry
        response = _cached_response(request, compressed, headers)
        response["X-Page-Cache"] = "hit"
        return response


def _accepts_gzip(request: HttpRequest) -> bool:
    """Whether Accept-Encoding allows gzip (`gzip` or `*`, without `q=0`)."""
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        if coding.lower() not in ("gzip", "*"):
            continue
        quality = next((p[2:] for p in parameters if p.lower().startswith("q=")), "1")
        try:
            return float(quality) > 0
        except ValueError:
            return False
    return False


def _cached_response(request: HttpRequest, compressed: bytes, headers: dict) -> HttpResponse:
    if _accepts_gzip(request):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed))
    for name, value in headers.items():
        response[name] = value
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


# --- Freshness: domain events bump the versions ----------------------------------------------


def _consultation_changed(*, consultation_id: int, **_) -> None:
    bump(f"consultation:{consultation_id}")
    bump("site")


def _opinion_changed(*, opinion_id: int, consultation_id: int | None = None, **_) -> None:
    from lidzdaliba.consultations.models import Opinion

    if consultation_id is None:  # only opinion.submitted carries it: the busiest event
        consultation_id = (
            Opinion.objects.filter(pk=opinion_id).values_list("consultation_id", flat=True).first()
        )
    if consultation_id is not None:
        # Only the consultation's own pages: what lists and the home page show of opinions
        # is a count, which may lag by PUBLIC_PAGE_CACHE_SECONDS for anonymous readers
        # (signed-in people, the author included, always see fresh pages). Bumping the site
        # version here would make every opinion of a flash crowd re-render every list.
        bump(f"consultation:{consultation_id}")


for _event in (
    "consultation.published",
    "consultation.changed",
    "consultation.version_added",
    "consultation.feedback_published",
    "consultation.decided",
):
    subscriber(_event)(_consultation_changed)
for _event in (
    "opinion.submitted",
    "opinion.answered",
    "opinion.anonymised",
    "opinion.edited",
    "opinion.withdrawn",
    "opinion.hidden",
    "opinion.restored",
):
    subscriber(_event)(_opinion_changed)


def _initiative_changed(*, initiative_id: int, **_) -> None:
    # Institution pages (cached under "site") list initiatives and their overdue answers.
    bump("site")


for _event in ("initiative.status_changed", "initiative.changed"):
    subscriber(_event)(_initiative_changed)


def _meeting_changed(*, meeting_id: int, **_) -> None:
    # A consultation's page lists its meetings (core/subjects.py, what is attached).
    subject = meeting_subject_key(meeting_id)
    if subject is not None and subject[0] == "consultations.consultation":
        bump(f"consultation:{subject[1]}")


for _event in (
    "meeting.scheduled",
    "meeting.changed",
    "meeting.agenda_published",
    "meeting.minutes_published",
):
    subscriber(_event)(_meeting_changed)
