"""Notification jobs. They take ids, are idempotent, and fan out into batch jobs that any
number of workers can share."""

from __future__ import annotations

import logging
from dataclasses import astuple

from django.conf import settings
from django.urls import reverse

from lidzdaliba.core.mail import DeliveriesPending, send_templated_mail
from lidzdaliba.core.tasks import crontab, job, periodic_job

from . import dispatch
from .models import Subscription

logger = logging.getLogger(__name__)


@job()
def send_subscription_confirmation(subscription_id: int) -> None:
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.is_confirmed:
        return
    send_templated_mail(
        to=subscription.email,
        template="notifications/email/confirm",
        context={
            "subscription": subscription,
            "target": subscription.target,
            "confirm_url": settings.SITE_URL
            + reverse("notifications:confirm", args=[subscription.token]),
        },
        language=subscription.language,
    )


@job()
def notify(consultation_id: int, kind: str, detail: str = "") -> None:
    """Tell the subscribers of a consultation about `kind`, in batches."""
    for event_id, first_id, last_id in dispatch.fan_out(
        consultation_id=consultation_id, kind=kind, detail=detail
    ):
        send_event_batch(event_id, first_id, last_id)


@job()
def send_event_batch(event_id: int, first_id: int, last_id: int) -> None:
    result = dispatch.send_event_batch(event_id=event_id, first_id=first_id, last_id=last_id)
    if result["failed"]:
        raise DeliveriesPending(f"{result['failed']} deliveries of event {event_id} pending")


@periodic_job(crontab(minute="*/5"))
def notify_time_events() -> None:
    """Every five minutes: consultations that opened or will close within three days."""
    for consultation_id, kind in dispatch.due_time_events():
        notify(consultation_id, kind)


@periodic_job(crontab(minute="0", hour="5"))
def send_daily_digests() -> None:
    for batch in dispatch.queue_digests(frequency=Subscription.Frequency.DAILY):
        send_digest_batch(*astuple(batch))


@periodic_job(crontab(minute="0", hour="5", day_of_week="1"))
def send_weekly_digests() -> None:
    for batch in dispatch.queue_digests(frequency=Subscription.Frequency.WEEKLY):
        send_digest_batch(*astuple(batch))


@job()
def send_digest_batch(
    group: str, event_ids: list[int], frequency: str, first_id: int, last_id: int
) -> None:
    batch = dispatch.DigestBatch(group, tuple(event_ids), frequency, first_id, last_id)
    if dispatch.send_digest_batch(batch)["failed"]:
        raise DeliveriesPending(f"{group}: digest deliveries pending")


@periodic_job(crontab(minute="30", hour="6"))
def remind_officers_of_overdue_answers() -> None:
    result = dispatch.remind_officers()
    if result["failed"]:
        raise DeliveriesPending("officer reminders pending")
