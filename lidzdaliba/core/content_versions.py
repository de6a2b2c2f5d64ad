"""Content versions: one number per piece of content that pages show, changed the moment the
content changes, so anything rendered from it can be kept until its version moves on.

A scope is "site" (everything lists and the home page show) or "consultation:<id>" (one
consultation's own pages). Domain events bump them (web/page_cache.py subscribes); the
whole-page cache of anonymous readers and the cached page bodies of signed-in readers
(core/fragments.py) both compare the versions they were rendered at with the current ones.
The store is Django's cache (Redis in production: one version for every app server).
"""

from __future__ import annotations

import secrets

from django.core.cache import cache


def version_key(scope: str) -> str:
    return f"page-version:{scope}"


def new_version() -> int:
    """A version is only ever compared for equality, so a random one will do: setting it
    takes one cache write, where counting up takes a read and a write (Django's `incr`),
    and no two app servers can hand out the same one."""
    return secrets.randbits(62)


def current_versions(scopes: list[str], found: dict) -> tuple[int, ...]:
    """The versions of `scopes`, from `found` (a `cache.get_many` result holding their
    `version_key`s) where they are there; a missing one (first use, or evicted) is created."""
    values = []
    for scope in scopes:
        key = version_key(scope)
        value = found.get(key)
        if value is None:
            cache.add(key, new_version(), timeout=None)
            # Evicted again at once: an unstored version, so nothing cached now is reused.
            value = cache.get(key) or new_version()
        values.append(value)
    return tuple(values)


def version(scope: str) -> int:
    return current_versions([scope], {})[0]


def bump(scope: str) -> None:
    cache.set(version_key(scope), new_version(), timeout=None)
