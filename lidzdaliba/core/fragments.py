"""The bodies of public pages, rendered once per content version and shared by every reader.

Signed-in people never get the whole-page cache (their header, messages and CSRF token are
their own), yet what most of them see in the body of a consultation, the list or the
feedback table is what everyone sees. `cached_fragment` keeps such a body in Django's cache
(Redis in production) with the content versions it was rendered at (core/content_versions.py)
and renders it again only when a version has moved on, or after PUBLIC_PAGE_CACHE_SECONDS
(what follows the clock — a consultation opening — follows within that, as for anonymous
readers). The page and its versions are read in one cache round trip.

Whatever in the body depends on who is reading (may they see answers before publication?)
must be in `vary`; a body with a form that carries a CSRF token must not be cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .content_versions import current_versions, version_key


def cached_fragment(
    *, name: str, scopes: Iterable[str], vary: Iterable[object], render: Callable[[], str]
) -> SafeString:
    """The HTML `render()` returns, from the cache while `scopes` keep their versions.

    `vary` holds everything else the HTML depends on (page number, filters, the reader's
    permissions); the active language is added."""
    timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
    if timeout <= 0:
        return mark_safe(render())  # noqa: S308  (rendered by our own templates)
    scopes = list(scopes)
    raw = "|".join([name, get_language() or "", *(str(part) for part in vary)])
    key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get_many([key, *map(version_key, scopes)])
    versions = current_versions(scopes, found)
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return mark_safe(entry[1])  # noqa: S308
    # Stored with the versions read before rendering: a change made while it rendered has
    # moved a version on, so the next reader renders again.
    html = render()
    cache.set(key, (versions, html), timeout)
    return mark_safe(html)  # noqa: S308
