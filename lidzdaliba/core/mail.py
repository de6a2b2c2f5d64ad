"""Every e-mail of the platform: rendered in the recipient's language (text and HTML parts),
sent over SMTP, and written to the delivery log (`EmailDelivery`).

Two paths:
- `send_templated_mail` sends one transactional message (a receipt, an answer, a
  confirmation) and logs it;
- `send_bulk` sends one message to many addresses (a new consultation to 100,000
  subscribers). It renders the templates once per language, with placeholders where each
  recipient's own links go; each recipient's message is then built whole from that text
  with Django's e-mail API (the placeholders replaced) and handed to the configured e-mail
  backend over several connections at once.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from .models import EmailDelivery

logger = logging.getLogger(__name__)

Status = EmailDelivery.Status
BULK_CONNECTIONS = 4
BULK_CHUNK = 500


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_mail(template: str, context: dict, language: str) -> Rendered:
    """`<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language`."""
    with translation.override(language):
        context = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return Rendered(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, text, html)


def build_message(
    rendered: Rendered, to: str, headers: dict | None = None
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def send_templated_mail(
    *,
    to: str,
    template: str,
    context: dict,
    language: str = "lv",
    headers: dict | None = None,
    group: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> EmailDelivery:
    """Render, send and log one message. Raises on failure (so a job retries), after
    recording the failure with its reason. `attachments` are (name, content, MIME type),
    e.g. a meeting invitation `("invite.ics", ..., "text/calendar; method=REQUEST")`."""
    delivery = EmailDelivery.objects.create(
        to=to, language=language, template=template, group=group
    )
    try:
        rendered = render_mail(template, context, language)
        delivery.subject = rendered.subject[:300]
        message = build_message(rendered, to, headers)
        for name, content, content_type in attachments:
            message.attach(name, content, content_type)
        message.send()
    except Exception as error:
        _mark(delivery, Status.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    _mark(delivery, Status.SENT)
    return delivery


def _mark(delivery: EmailDelivery, status: str, error: str = "") -> None:
    delivery.status = status
    delivery.error = error[:2000]
    delivery.attempts += 1
    delivery.sent_at = timezone.now() if status == Status.SENT else None
    delivery.save(update_fields=["status", "error", "attempts", "sent_at", "subject"])


# --- Bulk --------------------------------------------------------------------------------


def _placeholder(key: str) -> str:
    return f"LDZPERSONAL{key.upper()}X"


@dataclass(frozen=True)
class _Personaliser:
    """One language's rendering, with a placeholder where each recipient's own values go
    (their links): the templates are rendered once, and each recipient's copy is that text
    with the placeholders replaced — escaped in the HTML part, as the template would have
    escaped them — built into a whole message of its own."""

    rendered: Rendered
    headers: dict[str, str]  # values may hold `{{ personal_<key> }}`
    keys: tuple[str, ...]

    def message(self, to: str, values: dict) -> EmailMultiAlternatives:
        own = {key: str(values.get(key, "")) for key in self.keys}
        plain = {_placeholder(key): value for key, value in own.items()}
        escaped = {_placeholder(key): escape(value) for key, value in own.items()}
        in_headers = {"{{ personal_" + key + " }}": value for key, value in own.items()}
        return build_message(
            Rendered(
                _replace(self.rendered.subject, plain),
                _replace(self.rendered.text, plain),
                _replace(self.rendered.html, escaped),
            ),
            to,
            {name: _replace(value, in_headers) for name, value in self.headers.items()},
        )


def _replace(text: str, values: dict[str, str]) -> str:
    for old, new in values.items():
        text = text.replace(old, new)
    return text


def _send_chunk(items: list[tuple[int, Callable[[], EmailMultiAlternatives]]]) -> list[tuple]:
    """Build and send one chunk's messages over one connection of the configured e-mail
    backend; returns (delivery id, error or "") pairs. A message the server refuses does
    not stop the chunk; a lost connection is opened again, and if that fails the rest of
    the chunk waits for the job's retry with the reason."""
    results: list[tuple] = []
    connection = get_connection()
    try:
        connection.open()  # opened here, `send_messages` keeps it open for the next one
    except OSError as error:
        return [(delivery_id, _reason(error)) for delivery_id, _build in items]
    try:
        for index, (delivery_id, build) in enumerate(items):
            try:
                connection.send_messages([build()])
                results.append((delivery_id, ""))
            except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
                results.append((delivery_id, _reason(error)))
            except OSError as error:  # the connection (smtplib's errors are OSErrors too)
                results.append((delivery_id, _reason(error)))
                with contextlib.suppress(OSError):
                    connection.close()
                try:
                    connection.open()
                except OSError as reopening:
                    results += [(pk, _reason(reopening)) for pk, _build in items[index + 1 :]]
                    break
    finally:
        with contextlib.suppress(OSError):
            connection.close()
    return results


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def send_bulk(
    deliveries: Iterable[EmailDelivery],
    *,
    template: str,
    context: dict,
    headers: dict | None = None,
    personal_keys: Sequence[str] = (),
    personalize: Callable[[EmailDelivery], dict] | None = None,
) -> dict[str, int]:
    """Send the same message to every queued delivery, personalised per recipient.

    Templates and headers refer to per-recipient values as `{{ personal_<key> }}` (used as
    they are, without filters); the values come from `personalize(delivery)` (default: the
    delivery's `personal` dict). Each language is rendered once; each recipient's message
    is built whole with Django's e-mail API and sent over one of `BULK_CONNECTIONS`
    connections. Statuses are written back in bulk. Idempotent: only queued deliveries are
    sent."""
    personalize = personalize or (lambda delivery: delivery.personal)
    by_language: dict[str, list[EmailDelivery]] = {}
    for delivery in deliveries:
        if delivery.status == Status.QUEUED:
            by_language.setdefault(delivery.language, []).append(delivery)
    counts = {"sent": 0, "failed": 0}  # "failed": not sent this time (may be retried)
    placeholders = {f"personal_{key}": _placeholder(key) for key in personal_keys}
    for language, batch in by_language.items():
        personaliser = _Personaliser(
            render_mail(template, {**context, **placeholders}, language),
            dict(headers or {}),
            tuple(personal_keys),
        )
        items = [
            (delivery.pk, partial(personaliser.message, delivery.to, personalize(delivery)))
            for delivery in batch
        ]
        chunks = [items[i : i + BULK_CHUNK] for i in range(0, len(items), BULK_CHUNK)]
        with ThreadPoolExecutor(max_workers=BULK_CONNECTIONS) as pool:
            for results in pool.map(_send_chunk, chunks):
                counts["sent"] += _write_results(results, personaliser.rendered.subject)
                counts["failed"] += sum(1 for _id, error in results if error)
    return counts


MAX_ATTEMPTS = 5


def _write_results(results: list[tuple], subject: str) -> int:
    """Sent ones are marked sent; a failed one stays queued for the job's retry until it
    has failed MAX_ATTEMPTS times, then it is marked failed with the reason."""
    now = timezone.now()
    sent = [delivery_id for delivery_id, error in results if not error]
    EmailDelivery.objects.filter(pk__in=sent).update(
        status=Status.SENT, sent_at=now, subject=subject[:300], attempts=F("attempts") + 1
    )
    for delivery_id, error in results:
        if error:
            delivery = EmailDelivery.objects.get(pk=delivery_id)
            delivery.attempts += 1
            delivery.status = Status.FAILED if delivery.attempts >= MAX_ATTEMPTS else Status.QUEUED
            delivery.error = error[:2000]
            delivery.subject = subject[:300]
            delivery.save(update_fields=["attempts", "status", "error", "subject"])
    return len(sent)


class DeliveriesPending(Exception):
    """Raised by a job whose bulk send left deliveries queued, so the queue retries it."""


# --- Mail prepared elsewhere (django-allauth) ----------------------------------------------


def queue_prepared_mail(message: EmailMultiAlternatives, *, template: str, language: str) -> None:
    """Log a message rendered by a library and send it from a job after commit, so the
    request that caused it (sign-up, password reset) never waits for SMTP."""
    from django.db import transaction

    from .tasks import deliver_prepared_mail

    delivery = EmailDelivery.objects.create(
        to=message.to[0], language=language, template=template, subject=message.subject[:300]
    )
    html = next(
        (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
    )
    parts = {
        "subject": message.subject,
        "text": message.body,
        "html": html,
        "headers": dict(message.extra_headers),
    }
    transaction.on_commit(lambda: deliver_prepared_mail(delivery.pk, parts))


def deliver_prepared(delivery_id: int, parts: dict) -> None:
    delivery = EmailDelivery.objects.filter(pk=delivery_id, status=Status.QUEUED).first()
    if delivery is None:
        return  # already sent by an earlier run of the job
    rendered = Rendered(parts["subject"], parts["text"], parts["html"] or parts["text"])
    message = build_message(rendered, delivery.to, parts.get("headers"))
    if not parts["html"]:
        message.alternatives = []
    try:
        message.send()
    except Exception as error:
        _mark(delivery, Status.QUEUED, error=f"{type(error).__name__}: {error}")
        raise
    _mark(delivery, Status.SENT)
