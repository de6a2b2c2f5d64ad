"""Keeping scripts off the anonymous forms (registration, subscriptions) without a
third-party CAPTCHA: nothing is sent to anyone else, and nobody has to solve a puzzle.

Two cheap checks that people never notice and simple bots fail:
- a human-time check: every form carries a signed timestamp of the moment it was rendered
  (`django.core.signing.TimestampSigner`); a submission sooner than
  `ANTI_AUTOMATION_MIN_SECONDS` after rendering, older than a day, or with a changed
  value is refused and the form is shown again with a fresh timestamp;
- a honeypot: a text field that is visually hidden and skipped by the keyboard, labelled
  "Leave this field empty" for screen-reader users. Bots that fill every field fill it too.

And rate limits in Django's cache (Redis in production, so every app server counts against
the same numbers): `rate_limit()` counts one hit for a key, `rate_limited()` decorates a
view with a per-client-IP limit answering 429.

Setting `ANTI_AUTOMATION_MIN_SECONDS` to 0 turns the human-time check off (tests do, since
they post forms immediately and without rendering them first); the honeypot stays on.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

TIMESTAMP_FIELD = "human_check"
HONEYPOT_FIELD = "website"
DEFAULT_MIN_SECONDS = 3
# A form left open longer than this is refused (and shown again with a fresh timestamp), so
# a script cannot collect one timestamp and reuse it for ever.
MAX_AGE_SECONDS = 24 * 3600
SALT = "lidzdaliba.core.antiautomation"
RATE_LIMITED_TEMPLATE = "accounts/rate_limited.html"

CHECK_MESSAGE = _("Please take a moment to check the form and send it again.")
RATE_LIMITED_MESSAGE = _("Too many requests from your connection. Please try again later.")


def _now() -> float:
    """The clock of this module (tests move it instead of sleeping)."""
    return time.time()


def min_seconds() -> int:
    return int(getattr(settings, "ANTI_AUTOMATION_MIN_SECONDS", DEFAULT_MIN_SECONDS))


# --- The human-time check ----------------------------------------------------------------------


class _RenderStampSigner(signing.TimestampSigner):
    """A TimestampSigner on this module's clock."""

    def timestamp(self) -> str:
        return signing.b62_encode(int(_now()))


def _signer() -> _RenderStampSigner:
    return _RenderStampSigner(salt=SALT)


def render_stamp() -> str:
    """A signed 'this form was rendered now'."""
    return _signer().sign("rendered")


def render_stamp_age(value: str) -> float | None:
    """Seconds since `value` was issued, or None if it was not issued by us (tampered,
    truncated, signed with another key)."""
    signer = _signer()
    try:
        # The plain Signer check verifies the signature; the timestamp is read here because
        # TimestampSigner.unsign would only say "too old", never "too young".
        payload = signing.Signer.unsign(signer, value)
        _value, stamp = payload.rsplit(signer.sep, 1)
        return _now() - signing.b62_decode(stamp)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def human_check_problem(*, stamp: str | None, honeypot: str | None) -> str | None:
    """Why a submission looks automated ("honeypot", "missing", "tampered", "too_fast",
    "too_old"), or None when it passes. The reason is for logs only: people always see
    the same message, so a script learns nothing from it."""
    if honeypot:
        return "honeypot"
    minimum = min_seconds()
    if minimum <= 0:
        return None
    if not stamp:
        return "missing"
    age = render_stamp_age(stamp)
    if age is None:
        return "tampered"
    if age < minimum:
        return "too_fast"
    if age > MAX_AGE_SECONDS:
        return "too_old"
    return None


class RenderStampField(forms.CharField):
    """The hidden signed timestamp. Every rendering, also of a form sent back with errors,
    carries a fresh one: the time is measured from the moment the person last saw it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", render_stamp)
        super().__init__(**kwargs)

    def bound_data(self, data, initial):
        return initial


class HoneypotInput(forms.TextInput):
    """A text input people do not see or reach with Tab, with its own label so that
    screen-reader users who do meet it are told to leave it empty. It counts as a hidden
    widget, so every form layout renders it without a visible label of its own."""

    @property
    def is_hidden(self) -> bool:
        return True

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.get("id") or f"id_{name}"
        return format_html(
            '<span class="visually-hidden"><label for="{}">{}</label>'
            '<input type="text" name="{}" id="{}" value="" tabindex="-1" autocomplete="off">'
            "</span>",
            field_id,
            gettext("Leave this field empty"),
            name,
            field_id,
        )


class HoneypotField(forms.CharField):
    widget = HoneypotInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        super().__init__(**kwargs)

    def bound_data(self, data, initial):
        return ""  # never echo what a bot (or a browser's autofill) put there


class HumanCheckMixin:
    """Add to an anonymous form: `class SignupForm(HumanCheckMixin, forms.Form)`.

    Adds the signed render time and (unless `honeypot = False`) the honeypot, and refuses
    an otherwise valid submission that fails either, with one message at the top of the
    form.
    """

    honeypot: bool = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[TIMESTAMP_FIELD] = RenderStampField()
        if self.honeypot:
            self.fields[HONEYPOT_FIELD] = HoneypotField()

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self._errors:
            # A form with other errors is refused anyway and shown again with a fresh
            # stamp: a second message about speed would only confuse.
            return
        problem = human_check_problem(
            stamp=self.data.get(self.add_prefix(TIMESTAMP_FIELD)),
            honeypot=self.data.get(self.add_prefix(HONEYPOT_FIELD)) if self.honeypot else "",
        )
        if problem:
            logger.info("Form %s refused by the human check: %s", type(self).__name__, problem)
            self.add_error(None, CHECK_MESSAGE)


# --- Rate limits -------------------------------------------------------------------------------


def _hit(
    key: str, limit: int, period_seconds: int, backend: BaseCache | None = None
) -> tuple[bool, int]:
    """Count one hit of `key` in the current fixed window of `period_seconds`.

    Returns (allowed, seconds until the window ends). `cache.add` creates the counter only
    if absent and `cache.incr` increments it, both atomically in Redis (SET NX, INCR), so
    hits through any number of app servers are counted exactly once. The counter lives a
    minute longer than its window, so it cannot expire between the two calls.
    """
    backend = backend or cache
    now = _now()
    window = int(now // period_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]  # no addresses in the cache
    cache_key = f"ratelimit:{digest}:{period_seconds}:{window}"
    retry_after = max(1, int((window + 1) * period_seconds - now))
    if backend.add(cache_key, 1, timeout=period_seconds + 60):
        count = 1
    else:
        try:
            count = backend.incr(cache_key)
        except ValueError:  # evicted in between: start again
            backend.add(cache_key, 0, timeout=period_seconds + 60)
            count = backend.incr(cache_key)
    return count <= limit, retry_after


def rate_limit(key: str, limit: int, period_seconds: int) -> bool:
    """Count one hit for `key`; True while at most `limit` hits fell in the current window
    of `period_seconds`, False once the limit is passed (until the window ends)."""
    allowed, _retry_after = _hit(key, limit, period_seconds)
    return allowed


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, as a key for rate limits.

    Behind a reverse proxy every request comes from the proxy, which appends the address it
    saw to X-Forwarded-For. With `TRUSTED_PROXY_COUNT` proxies in front of the app the
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


def rate_limited_response(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """429 Too Many Requests with a page that says what happened and when to retry."""
    response = render(
        request,
        RATE_LIMITED_TEMPLATE,
        {"message": RATE_LIMITED_MESSAGE, "retry_minutes": max(1, (retry_after + 59) // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def check_rate_limit(
    request: HttpRequest, *, scope: str, limit: int, period_seconds: int, key: str | None = None
) -> HttpResponse | None:
    """Count a hit for `scope` and `key` (the client's IP when None); the 429 response when
    the limit is passed, None when the request may go on."""
    allowed, retry_after = _hit(
        f"{scope}:{key if key is not None else client_ip(request)}", limit, period_seconds
    )
    return None if allowed else rate_limited_response(request, retry_after=retry_after)


def rate_limited(
    *, scope: str, limit: int, period_seconds: int, methods: Iterable[str] = ("POST",)
) -> Callable:
    """A view decorator: at most `limit` `methods` requests per client IP and window."""
    methods = frozenset(method.upper() for method in methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                refused = check_rate_limit(
                    request, scope=scope, limit=limit, period_seconds=period_seconds
                )
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimited(Exception):
    """A limit was passed; edges answer 429 (the API as `{error: "rate_limited", message}`)."""

    def __init__(self, retry_after: int) -> None:
        self.message = str(RATE_LIMITED_MESSAGE)
        self.retry_after = retry_after
        super().__init__(self.message)


def enforce_rate_limit(*, scope: str, key: str, limit: int, period_seconds: int) -> None:
    """Count a hit for `scope` and `key` like `check_rate_limit`, for edges without pages
    (the API): raises `RateLimited` once the limit is passed."""
    allowed, retry_after = _hit(f"{scope}:{key}", limit, period_seconds)
    if not allowed:
        raise RateLimited(retry_after)
