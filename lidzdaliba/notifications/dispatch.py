"""Who is told what: matching subscribers, immediate fan-out, digests, officer reminders.

One event (a consultation announced, opened, about to close, …) becomes a NotificationEvent
row with a unique key, so a job that runs twice tells nobody twice. Immediate recipients get
an `EmailDelivery` row each and are sent in batches by separate jobs (workers on any number
of machines share them); daily and weekly subscribers get a `DigestItem`. An address matched
by several subscriptions hears once, at the most frequent of their frequencies.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations.models import Consultation
from lidzdaliba.consultations.selectors import overdue_consultations
from lidzdaliba.core.mail import send_bulk
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.institutions.models import OfficerRole

from .models import DigestItem, NotificationEvent, Subscription

Kind = NotificationEvent.Kind
Frequency = Subscription.Frequency
BATCH_SIZE = 2000
EVENT_TEMPLATE = "notifications/email/event"
DIGEST_TEMPLATE = "notifications/email/digest"
PERSONAL_KEYS = ("unsubscribe_url", "manage_url")
LIST_HEADERS = {
    "List-Unsubscribe": "<{{ personal_unsubscribe_url }}>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
}
# Events that concern everyone following what the consultation is about, not only its
# followers.
BROAD_EVENTS = {Kind.ANNOUNCED, Kind.OPENED, Kind.FEEDBACK_PUBLISHED, Kind.DECIDED}
RANK = {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}


@dataclass(frozen=True)
class Recipient:
    email: str
    frequency: str
    language: str
    token: str


def _territory_keys(consultation: Consultation) -> list[str]:
    """A territory subscription covers its sub-territories: a region's follower hears of
    its municipalities' consultations."""
    keys, territory = [], consultation.territory
    while territory is not None:
        keys.append(f"territory:{territory.pk}")
        territory = territory.parent
    return keys


def target_keys(consultation: Consultation, kind: str) -> list[str]:
    keys = [f"consultation:{consultation.pk}"]
    if kind in BROAD_EVENTS:
        keys += [f"institution:{consultation.institution_id}", f"topic:{consultation.topic_id}"]
        keys += _territory_keys(consultation)
        keys += [f"group:{pk}" for pk in consultation.affected_groups.values_list("pk", flat=True)]
    return keys


def recipients(consultation: Consultation, kind: str) -> list[Recipient]:
    """Confirmed subscribers of any matching target, one entry per address."""
    chosen: dict[str, Recipient] = {}
    rows = (
        Subscription.objects.filter(
            target_key__in=target_keys(consultation, kind), confirmed_at__isnull=False
        )
        .order_by("id")
        .values_list("email", "frequency", "language", "token")
        .iterator(chunk_size=5000)
    )
    for email, frequency, language, token in rows:
        current = chosen.get(email)
        if current is None or RANK[frequency] < RANK[current.frequency]:
            chosen[email] = Recipient(email, frequency, language, token)
    return list(chosen.values())


def link_builder():
    """Links from a subscription token; URLs are resolved once, not per recipient."""
    marker = "TOKENMARKER"
    unsubscribe = settings.SITE_URL + reverse("notifications:unsubscribe", args=[marker])
    manage = settings.SITE_URL + reverse("notifications:manage", args=[marker])

    def links(token: str) -> dict[str, str]:
        return {
            "unsubscribe_url": unsubscribe.replace(marker, token),
            "manage_url": manage.replace(marker, token),
        }

    return links


def event_key(kind: str, consultation_id: int, detail: str = "") -> str:
    return f"{kind}:{consultation_id}:{detail}" if detail else f"{kind}:{consultation_id}"


def fan_out(*, consultation_id: int, kind: str, detail: str = "") -> list[tuple[int, int, int]]:
    """Record the event once and queue its mails. Returns the delivery-id ranges of the
    immediate batches, to be sent by `send_event_batch` jobs; empty when the event was
    already handled."""
    consultation = (
        Consultation.objects.select_related("territory__parent__parent", "institution")
        .published()
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        return []
    try:
        with transaction.atomic():
            event = NotificationEvent.objects.create(
                key=event_key(kind, consultation_id, detail), kind=kind, consultation=consultation
            )
    except IntegrityError:
        return []  # told already
    immediate, digest = [], []
    for recipient in recipients(consultation, kind):
        if recipient.frequency == Frequency.IMMEDIATE:
            immediate.append(
                EmailDelivery(
                    to=recipient.email,
                    language=recipient.language,
                    template=EVENT_TEMPLATE,
                    group=f"event:{event.pk}",
                    personal={"token": recipient.token},
                )
            )
        else:
            digest.append(
                DigestItem(
                    event=event,
                    email=recipient.email,
                    language=recipient.language,
                    frequency=recipient.frequency,
                    token=recipient.token,
                )
            )
    EmailDelivery.objects.bulk_create(immediate, batch_size=5000, ignore_conflicts=True)
    DigestItem.objects.bulk_create(digest, batch_size=5000, ignore_conflicts=True)
    NotificationEvent.objects.filter(pk=event.pk).update(
        immediate_count=len(immediate), digest_count=len(digest)
    )
    deliveries = EmailDelivery.objects.filter(group=f"event:{event.pk}")
    return [(event.pk, first_id, last_id) for first_id, last_id in _id_ranges(deliveries)]


def _id_ranges(deliveries) -> list[tuple[int, int]]:
    """(first id, last id) of each batch of up to BATCH_SIZE deliveries."""
    ids = list(deliveries.order_by("pk").values_list("pk", flat=True))
    return [
        (chunk[0], chunk[-1])
        for chunk in (ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE))
    ]


def send_event_batch(*, event_id: int, first_id: int, last_id: int) -> dict[str, int]:
    event = NotificationEvent.objects.select_related(
        "consultation__institution", "consultation__topic"
    ).get(pk=event_id)
    deliveries = EmailDelivery.objects.filter(
        group=f"event:{event_id}",
        pk__gte=first_id,
        pk__lte=last_id,
        status=EmailDelivery.Status.QUEUED,
    )
    return send_bulk(
        list(deliveries),
        template=EVENT_TEMPLATE,
        context={"event": event, "consultation": event.consultation, "url": _url(event)},
        headers=LIST_HEADERS,
        personal_keys=PERSONAL_KEYS,
        personalize=_personalizer(),
    )


def _personalizer():
    links = link_builder()
    return lambda delivery: links(delivery.personal["token"])


def _url(event: NotificationEvent) -> str:
    consultation = event.consultation
    if event.kind == Kind.FEEDBACK_PUBLISHED:
        return settings.SITE_URL + reverse("consultations:feedback", args=[consultation.pk])
    return settings.SITE_URL + reverse("consultations:detail", args=[consultation.pk])


# --- Digests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestBatch:
    """Up to BATCH_SIZE queued digests with the same events and language, for one job."""

    group: str
    event_ids: tuple[int, ...]
    frequency: str
    first_id: int
    last_id: int


def queue_digests(*, frequency: str, now: dt.datetime | None = None) -> list[DigestBatch]:
    """One digest per address with everything that happened since its last one: a queued
    delivery each, in batches that `send_digest_batch` jobs send (any worker may take one).

    Addresses with the same events and language share a group, rendered once per batch.
    The items of a group are marked sent in the transaction that queues its deliveries, so
    a digest is queued once; sending it is then the batch job's, retried until it succeeds.
    """
    now = now or timezone.now()
    pending = (
        DigestItem.objects.filter(frequency=frequency, sent_at__isnull=True)
        .order_by("id")
        .values_list("pk", "email", "language", "token", "event_id")
    )
    per_address: dict[str, dict] = {}
    for pk, email, language, token, event_id in pending.iterator(chunk_size=5000):
        entry = per_address.setdefault(
            email, {"language": language, "token": token, "events": set(), "items": []}
        )
        entry["events"].add(event_id)
        entry["items"].append(pk)
    groups: dict[tuple, list[str]] = defaultdict(list)
    for email, entry in per_address.items():
        groups[(entry["language"], frozenset(entry["events"]))].append(email)
    batches: list[DigestBatch] = []
    stamp = now.strftime("%Y%m%d%H%M")
    for index, ((language, event_ids), emails) in enumerate(groups.items()):
        group = f"digest:{frequency}:{stamp}:{index}"
        with transaction.atomic():
            EmailDelivery.objects.bulk_create(
                [
                    EmailDelivery(
                        to=email,
                        language=language,
                        template=DIGEST_TEMPLATE,
                        group=group,
                        personal={"token": per_address[email]["token"]},
                    )
                    for email in emails
                ],
                batch_size=5000,
                ignore_conflicts=True,
            )
            item_ids = [pk for email in emails for pk in per_address[email]["items"]]
            for start in range(0, len(item_ids), 5000):
                DigestItem.objects.filter(pk__in=item_ids[start : start + 5000]).update(sent_at=now)
        batches += [
            DigestBatch(group, tuple(sorted(event_ids)), frequency, first_id, last_id)
            for first_id, last_id in _id_ranges(EmailDelivery.objects.filter(group=group))
        ]
    return batches


def send_digest_batch(batch: DigestBatch) -> dict[str, int]:
    events = list(
        NotificationEvent.objects.filter(pk__in=batch.event_ids)
        .select_related("consultation__institution")
        .order_by("created_at")
    )
    deliveries = EmailDelivery.objects.filter(
        group=batch.group,
        pk__gte=batch.first_id,
        pk__lte=batch.last_id,
        status=EmailDelivery.Status.QUEUED,
    )
    return send_bulk(
        list(deliveries),
        template=DIGEST_TEMPLATE,
        context={"events": events, "frequency": batch.frequency},
        headers=LIST_HEADERS,
        personal_keys=PERSONAL_KEYS,
        personalize=_personalizer(),
    )


def send_digests(*, frequency: str, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue the digests and send every batch here, one after another (the scheduled job
    hands the batches to workers instead)."""
    counts = {"sent": 0, "failed": 0}
    for batch in queue_digests(frequency=frequency, now=now):
        result = send_digest_batch(batch)
        counts["sent"] += result["sent"]
        counts["failed"] += result["failed"]
    return counts


# --- Time-driven events --------------------------------------------------------------------

CLOSING_SOON = dt.timedelta(days=3)


def due_time_events(now: dt.datetime | None = None) -> list[tuple[int, str]]:
    """Consultations that opened, or will close within three days, since nobody was told.

    Status follows the clock, so these are found by looking, not by an event; the
    NotificationEvent key keeps each from being told twice.
    """
    now = now or timezone.now()
    live = Consultation.objects.open_for_opinions(now)
    told = set(
        NotificationEvent.objects.filter(
            kind__in=[Kind.OPENED, Kind.CLOSING_SOON, Kind.ANNOUNCED]
        ).values_list("key", flat=True)
    )
    due = []
    # Announced before opening: tell again when it opens. Announced while already open:
    # the announcement said so.
    for pk, announced_at, opens_at in live.values_list("pk", "announced_at", "opens_at"):
        if announced_at < opens_at and event_key(Kind.OPENED, pk) not in told:
            due.append((pk, Kind.OPENED))
    for pk in live.filter(closes_at__lte=now + CLOSING_SOON).values_list("pk", flat=True):
        if event_key(Kind.CLOSING_SOON, pk) not in told:
            due.append((pk, Kind.CLOSING_SOON))
    return due


# --- Officers: answers overdue -------------------------------------------------------------

ESCALATE_AFTER = dt.timedelta(days=7)


def remind_officers(now: dt.datetime | None = None) -> dict[str, int]:
    """Remind responders when answers are overdue; a week later, tell the managers.

    Each stage is recorded once (its NotificationEvent); its mails are delivery rows sent
    until they succeed, so a failed run is completed by the retry, not repeated.
    """
    now = now or timezone.now()
    counts = {"reminders": 0, "escalations": 0, "failed": 0}
    for consultation in overdue_consultations(now=now):
        deadline = consultation.answer_deadline
        stages = [(Kind.ANSWER_REMINDER, [OfficerRole.Role.RESPONDER, OfficerRole.Role.MANAGER])]
        if now >= deadline + ESCALATE_AFTER:
            stages.append((Kind.ANSWER_ESCALATION, [OfficerRole.Role.MANAGER]))
        for kind, roles in stages:
            key = event_key(kind, consultation.pk)
            _event, created = NotificationEvent.objects.get_or_create(
                key=key, defaults={"kind": kind, "consultation": consultation}
            )
            if created:
                officers = {
                    role.user
                    for role in OfficerRole.objects.filter(
                        institution=consultation.institution, role__in=roles
                    ).select_related("user")
                    if role.user.is_active
                }
                EmailDelivery.objects.bulk_create(
                    [
                        EmailDelivery(
                            to=user.email,
                            language=user.preferred_language,
                            template=f"notifications/email/{kind}",
                            group=key,
                        )
                        for user in officers
                    ],
                    ignore_conflicts=True,
                )
            result = send_bulk(
                list(EmailDelivery.objects.filter(group=key, status="queued")),
                template=f"notifications/email/{kind}",
                context={
                    "consultation": consultation,
                    "unanswered": consultation.unanswered_count,
                    "deadline": deadline,
                    "url": settings.SITE_URL + reverse("officer:answers", args=[consultation.pk]),
                },
            )
            counts["reminders" if kind == Kind.ANSWER_REMINDER else "escalations"] += result["sent"]
            counts["failed"] += result["failed"]
    return counts
