"""The tallies the results page reads (models.AnswerCount, RespondentCount, AnswerLemma,
LemmaCount), kept exact in the same transaction as the answers they count.

Why: a 100,000-response survey has ~700,000 answer rows, and aggregating them on every view
of its results (plus lemmatising every free-text answer) took 2 s on SQLite. The tallies
are a few hundred rows per survey, so the page reads them instead.

How they stay exact: every write of answer rows goes through `answers_replace` (a submitted
response, progress saved, changed answers) or `response_delete`, which subtract what the
response counted before and add what it counts now, in the response's transaction; an import
writes its rows in bulk and then `tallies_rebuild` recomputes the survey's tallies from the
rows (also `manage.py rebuild_survey_tallies`, and the data migration that filled them).
tests/test_tallies.py compares the tallied results with the results aggregated from the rows
after random submissions, changes and deletions.

Concurrency: each counter changes by `UPDATE … SET count = count + d` (F()), never by a read
and a write, so parallel submissions cannot lose an increment; a counter that does not exist
yet is inserted in a savepoint, and an insert that loses the race to a parallel one becomes
the update. The counters are changed in one fixed order (table, then sorted key), so two
transactions that touch the same counters wait for each other and never deadlock.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from ..models import (
    NO_NUMBER,
    Answer,
    AnswerCount,
    AnswerLemma,
    LemmaCount,
    Question,
    RespondentCount,
    Response,
)
from ..words import lemmas_of

logger = logging.getLogger(__name__)

TEXT = Question.Kind.TEXT
BATCH = 5000


@dataclass
class Tally:
    """Signed changes of the counters, by key."""

    answers: Counter[tuple[int, str, str, int]] = field(default_factory=Counter)
    respondents: Counter[tuple[int, str]] = field(default_factory=Counter)
    lemmas: Counter[tuple[int, str, str]] = field(default_factory=Counter)

    def add(self, answer_rows, lemma_rows, sign: int) -> None:
        """Count `answer_rows` (question_id, group, choice, number) and `lemma_rows`
        (question_id, group, lemma) of one response, times `sign`."""
        answered = set()
        for question_id, group, choice, number in answer_rows:
            value = NO_NUMBER if number is None else number
            self.answers[(question_id, group, choice, value)] += sign
            answered.add((question_id, group))
        for key in answered:
            self.respondents[key] += sign
        for question_id, group, lemma in lemma_rows:
            self.lemmas[(question_id, group, lemma)] += sign


def _stored(response: Response) -> tuple[list[tuple], list[tuple]]:
    """What `response` counts now: its submitted answer rows and their lemmas."""
    answers = list(
        Answer.objects.filter(response=response, submitted=True).values_list(
            "question_id", "group", "choice", "number"
        )
    )
    lemmas = (
        list(
            AnswerLemma.objects.filter(answer__response=response).values_list(
                "question_id", "group", "lemma"
            )
        )
        if answers
        else []
    )
    return answers, lemmas


def answers_replace(response: Response, answers: Iterable[Answer]) -> list[Answer]:
    """Replace `response`'s answer rows by `answers` (unsaved Answer objects) and move the
    tallies by the difference. Call inside the response's transaction."""
    tally = Tally()
    tally.add(*_stored(response), sign=-1)
    response.answers.all().delete()  # their AnswerLemma rows go with them (CASCADE)
    created = Answer.objects.bulk_create(list(answers))
    submitted = [a for a in created if a.submitted]
    lemma_rows: list[AnswerLemma] = []
    if submitted:
        text_ids = set(
            Question.objects.filter(survey_id=response.survey_id, kind=TEXT).values_list(
                "pk", flat=True
            )
        )
        for answer in submitted:
            if answer.question_id in text_ids and answer.text:
                lemma_rows.extend(
                    AnswerLemma(
                        answer=answer, question_id=answer.question_id, group=answer.group, lemma=w
                    )
                    for w in sorted(set(lemmas_of(answer.text)))
                )
        AnswerLemma.objects.bulk_create(lemma_rows)
    tally.add(
        [(a.question_id, a.group, a.choice, a.number) for a in submitted],
        [(x.question_id, x.group, x.lemma) for x in lemma_rows],
        sign=1,
    )
    _apply(tally)
    return created


@transaction.atomic
def response_delete(*, response: Response) -> None:
    """Delete a response with its answers, taking them out of the tallies. (No page deletes
    a response today: a person's erasure keeps their answers in the figures without them,
    and a deleted survey or question takes its tallies with it; this is the one way for
    whatever comes to delete one, such as a retention rule.)"""
    response = Response.objects.select_for_update().get(pk=response.pk)
    tally = Tally()
    tally.add(*_stored(response), sign=-1)
    response.delete()
    _apply(tally)


def _apply(tally: Tally) -> None:
    for question_id, group, choice, number in sorted(tally.answers):
        key = {"question_id": question_id, "group": group, "choice": choice, "number": number}
        _bump(AnswerCount, key, tally.answers[(question_id, group, choice, number)])
    for question_id, group in sorted(tally.respondents):
        key = {"question_id": question_id, "group": group}
        _bump(RespondentCount, key, tally.respondents[(question_id, group)])
    for question_id, group, lemma in sorted(tally.lemmas):
        key = {"question_id": question_id, "group": group, "lemma": lemma}
        _bump(LemmaCount, key, tally.lemmas[(question_id, group, lemma)])


def _bump(model, key: dict[str, Any], delta: int) -> None:
    if delta == 0:
        return
    counters = model.objects.filter(**key)
    if counters.update(count=F("count") + delta):
        return
    if delta < 0:
        # Cannot happen while every write goes through this module; the rebuild repairs it.
        logger.error("survey tally %s %s missing; run rebuild_survey_tallies", model, key)
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, count=delta)
    except IntegrityError:  # a parallel transaction inserted it first (and has committed)
        counters.update(count=F("count") + delta)


# --- Rebuilding from the rows ------------------------------------------------------------------


def _models() -> SimpleNamespace:
    return SimpleNamespace(
        Question=Question,
        Answer=Answer,
        AnswerCount=AnswerCount,
        RespondentCount=RespondentCount,
        AnswerLemma=AnswerLemma,
        LemmaCount=LemmaCount,
    )


@transaction.atomic
def tallies_rebuild(*, survey_id: int, models: SimpleNamespace | None = None) -> None:
    """Recompute one survey's tallies from its answer rows: after an import (its rows are
    written in bulk), by `manage.py rebuild_survey_tallies` (e.g. after simplemma's
    dictionary changed) and by the migration that created them (`models` are then the
    migration's historical models). The result is what the increments would have made."""
    m = models or _models()
    question_ids = list(m.Question.objects.filter(survey_id=survey_id).values_list("pk", flat=True))
    for model in (m.AnswerCount, m.RespondentCount, m.LemmaCount, m.AnswerLemma):
        model.objects.filter(question_id__in=question_ids).delete()
    answers = m.Answer.objects.filter(question_id__in=question_ids, submitted=True)
    m.AnswerCount.objects.bulk_create(
        (
            m.AnswerCount(
                question_id=qid,
                group=group,
                choice=choice,
                number=NO_NUMBER if number is None else number,
                count=count,
            )
            for qid, group, choice, number, count in answers.values_list(
                "question_id", "group", "choice", "number"
            )
            .annotate(c=Count("id"))
            .order_by()
        ),
        batch_size=BATCH,
    )
    m.RespondentCount.objects.bulk_create(
        (
            m.RespondentCount(question_id=qid, group=group, count=count)
            for qid, group, count in answers.values_list("question_id", "group")
            .annotate(c=Count("response_id", distinct=True))
            .order_by()
        ),
        batch_size=BATCH,
    )
    text_ids = list(
        m.Question.objects.filter(survey_id=survey_id, kind=TEXT).values_list("pk", flat=True)
    )
    batch: list = []
    for pk, qid, group, text in (
        answers.filter(question_id__in=text_ids)
        .exclude(text="")
        .values_list("pk", "question_id", "group", "text")
        .iterator(chunk_size=BATCH)
    ):
        batch.extend(
            m.AnswerLemma(answer_id=pk, question_id=qid, group=group, lemma=w)
            for w in sorted(set(lemmas_of(text)))
        )
        if len(batch) >= BATCH:
            m.AnswerLemma.objects.bulk_create(batch)
            batch = []
    m.AnswerLemma.objects.bulk_create(batch)
    m.LemmaCount.objects.bulk_create(
        (
            m.LemmaCount(question_id=qid, group=group, lemma=lemma, count=count)
            for qid, group, lemma, count in m.AnswerLemma.objects.filter(question_id__in=text_ids)
            .values_list("question_id", "group", "lemma")
            .annotate(c=Count("id"))
            .order_by()
        ),
        batch_size=BATCH,
    )


def tallies_rebuild_all(models: SimpleNamespace | None = None) -> int:
    """Rebuild every survey's tallies, one survey per transaction; returns how many."""
    m = models or _models()
    survey_ids = list(m.Question.objects.order_by().values_list("survey_id", flat=True).distinct())
    for survey_id in survey_ids:
        tallies_rebuild(survey_id=survey_id, models=m)
    return len(survey_ids)
