"""Building the feedback table (izziņa) of a consultation from its opinions and answers."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, pgettext

from . import selectors
from .exports import FeedbackRow, FeedbackTable
from .models import Consultation, Opinion


def feedback_table_for(
    consultation: Consultation,
    *,
    opinions: Iterable[Opinion] | None = None,
    show_hidden: bool = False,
) -> FeedbackTable:
    """Rows in the order opinions arrived; unanswered ones have an empty outcome.

    Submitter names follow each author's consent (`Opinion.public_submitter`). Kind and
    outcome labels are rendered in the active language. `opinions` (a page of
    `selectors.opinions_of`) limits the rows to those; the downloads hold all of them.

    A hidden opinion keeps its row (it still needs an answer), its words replaced by
    "Hidden: <reason>" — unless `show_hidden` (the reader may see hidden text, the rule
    `consultations.view_hidden_text`), when the words follow that label.
    """
    if opinions is None:
        opinions = selectors.opinions_of(consultation)
    rows = []
    for opinion in opinions:
        if opinion.withdrawn_at is not None:
            rows.append(_withdrawn_row(opinion))
            continue
        answer = opinion.answer_or_none
        text, proposed_wording = opinion.text, opinion.proposed_wording
        if opinion.is_hidden:
            text = f"[{opinion.hidden_label}]\n{text}" if show_hidden else opinion.hidden_label
            proposed_wording = proposed_wording if show_hidden else ""
        rows.append(
            FeedbackRow(
                reference=opinion.reference,
                clause=opinion.clause.label if opinion.clause else "",
                clause_text=opinion.clause.text if opinion.clause else "",
                submitter=opinion.public_submitter,
                kind=opinion.get_kind_display(),
                opinion=text,
                proposed_wording=proposed_wording,
                outcome=answer.get_outcome_display() if answer else "",
                reason=answer.reason if answer else "",
                new_wording=answer.new_wording if answer else "",
                submitted_at=opinion.created_at,
            )
        )
    return FeedbackTable(
        title=consultation.title,
        institution=consultation.institution.display_name,
        generated_at=timezone.now(),
        published=consultation.feedback_published_at is not None,
        rows=rows,
        responsible_official=consultation.responsible_official,
    )


def _withdrawn_row(opinion: Opinion) -> FeedbackRow:
    """A withdrawn opinion keeps its row (the record shows that something was said and
    taken back) with a note instead of its text, and "withdrawn" as its outcome: it needs
    no answer. Its history stays with the officers."""
    return FeedbackRow(
        reference=opinion.reference,
        clause=opinion.clause.label if opinion.clause else "",
        clause_text=opinion.clause.text if opinion.clause else "",
        submitter=opinion.public_submitter,
        kind=opinion.get_kind_display(),
        opinion=gettext("Withdrawn by the author."),
        proposed_wording="",
        outcome=pgettext("opinion outcome", "Withdrawn"),
        reason="",
        new_wording="",
        submitted_at=opinion.created_at,
        withdrawn=True,
    )
