"""The project's one rate limiter: every limit named once, counted by the `limits` library.

Limits are decided here and enforced by the service that does the limited thing (sign-in,
subscribing, exporting one's data…), so every edge that reaches the service — a web form,
the API, allauth's adapter hooks — counts against the same numbers. The counters live in
Redis in production (`REDIS_URL`: shared by every app server) and in memory in the
embedded default, which serves from one process.

A limit counts per *subject*: "client" is the address a request came from
(`client_ip`, which honours `TRUSTED_PROXY_COUNT`), other subjects are whatever the caller
names (an account, an e-mail address). Subjects are hashed before they are stored, so no
address sits in the counters. Deployments may change a rate with the `RATE_LIMITS` setting
(`{"password.account": "5/5 minutes"}`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import threading
import time
from collections.abc import Iterable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from limits import RateLimitItem, parse, storage, strategies

# name → rate ("count/period", see the `limits` notation).
DEFAULT_LIMITS: dict[str, str] = {
    # Failed password attempts, whatever the form (sign-in, API token, password change,
    # re-authentication, account deletion): per account and per client.
    "password.account": "5/5 minutes",
    "password.client": "10/minute",
    # Registration and mails that go to an address someone typed.
    "signup.client": "20/hour",
    "password_reset.client": "20/hour",
    "password_reset.address": "5/hour",
    "confirmation_mail.address": "1/3 minutes",
    "subscribe.client": "20/hour",
    "subscribe.address": "5/hour",
    # Wrong codes of a second factor (TOTP, recovery codes), per account.
    "second_factor.account": "5/5 minutes",
    # A person's own heavy requests.
    "data_export.account": "10/hour",
    "account_delete.account": "5/hour",
    # Reports of opinions to the moderators, per account.
    "report.account": "20/hour",
    # Signing initiatives (initiatives/services/integrity.py): a burst and a sustained rate
    # per client (a shared office or school network signs too) and per account.
    "signature.client.burst": "60/minute",
    "signature.client.sustained": "600/hour",
    "signature.account.burst": "10/minute",
    "signature.account.sustained": "60/hour",
}

RATE_LIMITED_MESSAGE = _("Too many requests from your connection. Please try again later.")


class RateLimited(Exception):
    """A limit was passed; edges answer 429 (the API as `{error: "rate_limited", message}`)
    with `Retry-After: retry_after` seconds."""

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        self.retry_after = max(1, int(retry_after))
        self.message = str(message or RATE_LIMITED_MESSAGE)
        super().__init__(self.message)

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


_lock = threading.Lock()
_limiter: strategies.RateLimiter | None = None
_limiter_source: str | None = None


def _storage_uri() -> str:
    redis_url = getattr(settings, "REDIS_URL", None)
    return redis_url if redis_url else "memory://"


def limiter() -> strategies.RateLimiter:
    """The limiter over the configured store, made once per process (and again when the
    store's address changes, as tests do)."""
    global _limiter, _limiter_source
    uri = _storage_uri()
    if _limiter is None or _limiter_source != uri:
        with _lock:
            if _limiter is None or _limiter_source != uri:
                store = storage.storage_from_string(uri, key_prefix="lidzdaliba-limits")
                _limiter = strategies.SlidingWindowCounterRateLimiter(store)
                _limiter_source = uri
    return _limiter


def reset() -> None:
    """Forget every count (tests; an administrator after a mistaken lock-out)."""
    limiter().storage.reset()


def rate_of(name: str) -> RateLimitItem:
    rates = {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    if name not in rates:
        raise KeyError(f"Unknown rate limit {name!r}: add it to core.ratelimits.DEFAULT_LIMITS")
    return parse(rates[name])


def subject_key(subject: str) -> str:
    """What is stored for a subject: a digest, so no address sits in the counters."""
    return hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]


def _retry_after(item: RateLimitItem, name: str, subject: str) -> int:
    stats = limiter().get_window_stats(item, name, subject)
    return max(1, math.ceil(stats.reset_time - time.time()))


def check(limits: Iterable[tuple[str, str]], *, message: str | None = None) -> None:
    """Raise RateLimited if any of `limits` ((name, subject) pairs) has no room left,
    without counting anything. For limits that count failures only: ask first, then
    `hit` when the attempt failed."""
    for name, subject in limits:
        item, hashed = rate_of(name), subject_key(subject)
        if not limiter().test(item, name, hashed):
            raise RateLimited(_retry_after(item, name, hashed), message)


def hit(limits: Iterable[tuple[str, str]], *, message: str | None = None) -> None:
    """Count one for each of `limits`; raise RateLimited once any of them is passed.
    Every limit is counted even when an earlier one refuses, so a client cannot spread its
    attempts over subjects to stay under a per-client limit."""
    refused: RateLimited | None = None
    for name, subject in limits:
        item, hashed = rate_of(name), subject_key(subject)
        if not limiter().hit(item, name, hashed) and refused is None:
            refused = RateLimited(_retry_after(item, name, hashed), message)
    if refused is not None:
        raise refused


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, as the subject of per-client limits.

    Behind a reverse proxy every request comes from the proxy, which writes the address it
    saw into X-Forwarded-For. With `TRUSTED_PROXY_COUNT` proxies in front of the app the
    client is the entry that many places from the end (the last one with one proxy);
    anything further left was written by the client and could be forged. Without trusted
    proxies the header is ignored. An IPv6 client is keyed by its /64 network, since one
    household or host gets a whole /64.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-min(proxies, len(hops))]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


# Set for every web request (core.middleware.RequestLogMiddleware).
current_client_var: ContextVar[str] = ContextVar("lidzdaliba_client", default="")


def current_client() -> str:
    """The client of the request being served, or "" outside a request."""
    return current_client_var.get()
