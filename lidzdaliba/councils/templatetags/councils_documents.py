"""The meeting page's documents part (downloads, answered questions, the organisers' link)
asks its selectors here, so views.py stays as it is."""

from __future__ import annotations

from django import template

from .. import selectors_documents

register = template.Library()


@register.simple_tag
def public_answers(meeting):
    """The answered questions the public may see (none before the minutes are published)."""
    return selectors_documents.public_answers(meeting)


@register.simple_tag
def question_counts(meeting) -> dict[str, int]:
    """How many questions were sent in advance and how many still wait for an answer."""
    questions = selectors_documents.questions_of(meeting)
    return {
        "total": questions.count(),
        "unanswered": questions.filter(answered_at__isnull=True).count(),
    }


@register.simple_tag
def call_is_open(body) -> bool:
    return selectors_documents.call_is_open(body)


@register.simple_tag
def applications_open(body) -> bool:
    return selectors_documents.applications_open(body)
