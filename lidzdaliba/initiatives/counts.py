"""The public signature count, cheap under load and exact once the load stops.

Counting the rows on every page view would read the whole signature index each time, and
one counter row that every signature updates would make all signers of a popular
initiative queue behind one row lock. Instead the count of rows is kept in Django's cache
(Redis in production, shared by every app server) together with the initiative's
*signature version*, a random number every signature and withdrawal replaces (a cache
write, not a database write). A read whose cached count was made at the current version is
exact. While the version keeps moving (people are signing), a cached count is served for up
to SIGNATURE_COUNT_STALE_SECONDS before it is recounted, so a crowd causes at most one
COUNT per initiative per window; when the signing stops, the first read after the window
recounts at the final version, and from then on every read is exact and free.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum

from lidzdaliba.core.content_versions import new_version

from .models import Initiative, PaperBatch, Signature


def _version_key(initiative_id: int) -> str:
    return f"initiative-signatures-version:{initiative_id}"


def _count_key(initiative_id: int) -> str:
    return f"initiative-signatures-count:{initiative_id}"


def stale_seconds() -> float:
    return float(getattr(settings, "SIGNATURE_COUNT_STALE_SECONDS", 5))


def bump(initiative_id: int) -> None:
    """The signatures of `initiative_id` changed: a later read must not trust older counts
    beyond the stale window."""
    cache.set(_version_key(initiative_id), new_version(), timeout=None)


def bump_now_and_on_commit(initiative_id: int) -> None:
    """Bump now, so the writer's own next read (and a test's) is fresh, and again after the
    commit, so a count a reader took between the two (without the new row) is not kept as
    the count of the final version."""
    from django.db import transaction

    bump(initiative_id)
    transaction.on_commit(lambda: bump(initiative_id))


def forget(initiative_id: int) -> None:
    bump(initiative_id)
    cache.delete(_count_key(initiative_id))


def forget_now_and_on_commit(initiative_id: int) -> None:
    """Signatures stopped counting (an institution invalidated them): unlike a new
    signature, this must not wait out the stale window, so the cached count is dropped and
    the next read counts the valid rows."""
    from django.db import transaction

    forget(initiative_id)
    transaction.on_commit(lambda: forget(initiative_id))


def exact_counts(initiative: Initiative) -> tuple[int, int]:
    """(online rows, paper) counted in the database now; invalidated ones do not count."""
    online = Signature.objects.filter(
        initiative_id=initiative.pk, invalidation__isnull=True
    ).count()
    paper = (
        PaperBatch.objects.filter(initiative_id=initiative.pk, invalidation__isnull=True).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    return online + initiative.archived_signature_count, paper


def counts(initiative: Initiative) -> tuple[int, int]:
    """(online, paper) signatures of `initiative` as the public sees them (see above)."""
    found = cache.get_many([_version_key(initiative.pk), _count_key(initiative.pk)])
    version = found.get(_version_key(initiative.pk))
    if version is None:
        cache.add(_version_key(initiative.pk), new_version(), timeout=None)
        version = cache.get(_version_key(initiative.pk))
    cached = found.get(_count_key(initiative.pk))
    now = time.time()
    if cached is not None:
        cached_version, counted_at, online, paper = cached
        if cached_version == version or now - counted_at < stale_seconds():
            return online, paper
    online, paper = exact_counts(initiative)
    cache.set(_count_key(initiative.pk), (version, now, online, paper), timeout=None)
    return online, paper


def total(initiative: Initiative) -> int:
    online, paper = counts(initiative)
    return online + paper
