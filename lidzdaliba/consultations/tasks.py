"""Background jobs of the consultations app. They take ids and are safe to run twice."""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils import timezone

from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.tasks import job

from .models import Opinion

logger = logging.getLogger(__name__)


def _claim(queryset, field: str) -> bool:
    """Mark a mail as sent before sending, so a retried job never sends it twice."""
    return bool(queryset.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}))


@job()
def send_opinion_receipt(opinion_id: int) -> None:
    opinion = (
        Opinion.objects.select_related("author", "consultation__institution", "clause")
        .filter(pk=opinion_id)
        .first()
    )
    if opinion is None or opinion.author is None:
        return
    if not _claim(Opinion.objects.filter(pk=opinion_id), "receipt_sent_at"):
        return
    try:
        send_templated_mail(
            to=opinion.author.email,
            template="consultations/email/opinion_receipt",
            context={
                "opinion": opinion,
                "url": reverse("consultations:opinion", args=[opinion.pk]),
            },
            language=opinion.author.preferred_language,
        )
    except Exception:
        Opinion.objects.filter(pk=opinion_id).update(receipt_sent_at=None)
        raise


@job()
def send_answers_to_authors(consultation_id: int) -> None:
    """Tell every author of an answered opinion how it was taken into account, and why."""
    opinions = (
        Opinion.objects.filter(
            consultation_id=consultation_id,
            answer__isnull=False,
            answer_sent_at__isnull=True,
            author__isnull=False,
        )
        .select_related("author", "answer", "clause", "consultation__institution")
        .order_by("pk")
    )
    for opinion in opinions:
        if not _claim(Opinion.objects.filter(pk=opinion.pk), "answer_sent_at"):
            continue
        try:
            send_templated_mail(
                to=opinion.author.email,
                template="consultations/email/opinion_answered",
                context={
                    "opinion": opinion,
                    "answer": opinion.answer,
                    "url": reverse("consultations:opinion", args=[opinion.pk]),
                },
                language=opinion.author.preferred_language,
            )
        except Exception:
            Opinion.objects.filter(pk=opinion.pk).update(answer_sent_at=None)
            raise
