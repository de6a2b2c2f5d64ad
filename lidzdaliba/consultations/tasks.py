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
    opinion_ids = Opinion.objects.filter(
        consultation_id=consultation_id,
        answer__isnull=False,
        answer_sent_at__isnull=True,
        author__isnull=False,
    ).values_list("pk", flat=True)
    for opinion_id in list(opinion_ids):
        _send_answer(opinion_id, changed=False)


@job()
def send_answer_to_author(opinion_id: int, changed: bool = False) -> None:
    """One answer given or changed after the feedback was published."""
    _send_answer(opinion_id, changed=changed)


def _send_answer(opinion_id: int, *, changed: bool) -> None:
    # Claimed first, read after: an answer changed meanwhile is the one that goes out (the
    # change clears the claim and sends again, so the author always ends with the last one).
    if not _claim(Opinion.objects.filter(pk=opinion_id), "answer_sent_at"):
        return
    opinion = (
        Opinion.objects.filter(pk=opinion_id, answer__isnull=False, author__isnull=False)
        .select_related("author", "answer", "clause", "consultation__institution")
        .first()
    )
    if opinion is None or opinion.consultation.feedback_published_at is None:
        Opinion.objects.filter(pk=opinion_id).update(answer_sent_at=None)
        return
    try:
        send_templated_mail(
            to=opinion.author.email,
            template="consultations/email/opinion_answered",
            context={
                "opinion": opinion,
                "answer": opinion.answer,
                "changed": changed,
                "url": reverse("consultations:opinion", args=[opinion.pk]),
            },
            language=opinion.author.preferred_language,
        )
    except Exception:
        Opinion.objects.filter(pk=opinion_id).update(answer_sent_at=None)
        raise


def _author_mail(opinion_id: int, template: str, **context) -> None:
    opinion = (
        Opinion.objects.select_related("author", "consultation__institution")
        .filter(pk=opinion_id, author__isnull=False)
        .first()
    )
    if opinion is None:
        return
    send_templated_mail(
        to=opinion.author.email,
        template=template,
        context={
            "opinion": opinion,
            "url": reverse("consultations:opinion", args=[opinion.pk]),
            **context,
        },
        language=opinion.author.preferred_language,
    )


@job()
def send_hiding_notice(opinion_id: int) -> None:
    """Tell the author why their opinion's words were hidden and how to ask for a review.
    Sent only while it is still hidden (a quick restore makes the mail moot)."""
    if Opinion.objects.filter(pk=opinion_id, hidden_at__isnull=False).exists():
        _author_mail(opinion_id, "consultations/email/opinion_hidden")


@job()
def send_review_decision(opinion_id: int, restored: bool) -> None:
    """Tell the author what became of their request for a review, and why."""
    _author_mail(opinion_id, "consultations/email/opinion_review_decided", restored=restored)
