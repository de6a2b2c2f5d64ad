"""Keeping scripts off the anonymous forms (registration, subscriptions) without a
third-party CAPTCHA: nothing is sent to anyone else, and nobody has to solve a puzzle.

Two cheap checks that people never notice and simple bots fail:
- a human-time check: every form carries a signed timestamp of the moment it was rendered
  (`django.core.signing.TimestampSigner`); a submission sooner than
  `ANTI_AUTOMATION_MIN_SECONDS` after rendering, older than a day, or with a changed
  value is refused and the form is shown again with a fresh timestamp;
- a honeypot: a text field that is visually hidden and skipped by the keyboard, labelled
  "Leave this field empty" for screen-reader users. Bots that fill every field fill it too.

Rate limits are the project limiter's (core/ratelimits.py).

Setting `ANTI_AUTOMATION_MIN_SECONDS` to 0 turns the human-time check off (tests do, since
they post forms immediately and without rendering them first); the honeypot stays on.
"""

from __future__ import annotations

import logging
import time

from django import forms
from django.conf import settings
from django.core import signing
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
        if not self.is_bound or self.errors:
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
