"""Reads of surveys: lists by who asks, and results aggregated in the database.

`survey_results` is what the results page, the API and exports show; `standard_question_means`
is what monitoring reads (it must not import this app's models).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lidzdaliba.institutions.rules import is_coordinator

from .answers import OTHER
from .models import (
    NO_NUMBER,
    Answer,
    AnswerCount,
    LemmaCount,
    Question,
    RespondentCount,
    Response,
    Survey,
)
from .stats import summarise
from .words import lemmas_of, top_words

Kind = Question.Kind
MIN_PUBLIC_N = 5  # fewer respondents than this: figures hidden in public views
STANDARD_KEYS = ("taken_into_account", "explained_why", "ease_of_taking_part")


def survey_list_public() -> QuerySet[Survey]:
    return Survey.objects.filter(status=Survey.Status.PUBLISHED).select_related("institution")


def survey_list_owned(user) -> QuerySet[Survey]:
    """The surveys `user` builds: their institutions', and all for the coordinator."""
    if not (user and user.is_authenticated):
        return Survey.objects.none()
    qs = Survey.objects.select_related("institution").annotate(
        responses_count=Count("responses", filter=Q(responses__submitted_at__isnull=False))
    )
    if is_coordinator(user):
        return qs
    institution_ids = list(user.officer_roles.values_list("institution_id", flat=True))
    return qs.filter(institution_id__in=institution_ids)


def survey_get(*, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("institution"), pk=pk)


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.select_related("section", "show_if"))


def surveys_about(subject) -> QuerySet[Survey]:
    content_type = ContentType.objects.get_for_model(subject)
    return Survey.objects.filter(subject_type=content_type, subject_id=subject.pk)


def response_of(*, person, survey: Survey) -> Response | None:
    """A person's own (non-anonymous) response, with saved progress."""
    if not (person and person.is_authenticated) or survey.anonymous:
        return None
    return Response.objects.filter(survey=survey, person=person).first()


def saved_values(response: Response | None) -> dict[int, Any]:
    """A response's answers as values in the API's shape (to fill the form again)."""
    if response is None:
        return {}
    questions = {q.pk: q for q in response.survey.questions.all()}
    values: dict[int, Any] = {}
    for a in response.answers.order_by("question_id", "number", "pk"):
        q = questions[a.question_id]
        label = a.text if a.choice == OTHER else a.choice
        if q.kind == Kind.SCALE:
            values[q.pk] = a.number
        elif q.kind == Kind.TEXT:
            values[q.pk] = a.text
        elif q.kind == Kind.SINGLE:
            values[q.pk] = label
        elif q.kind in (Kind.MULTIPLE, Kind.RANKING):
            values.setdefault(q.pk, []).append(label)
        elif q.kind == Kind.MATRIX:
            values.setdefault(q.pk, {})[a.choice] = a.number
    return values


# --- Results ---------------------------------------------------------------------------------


@dataclass
class Figures:
    """One question's figures for one group (or all): `counts` label → count in the
    question's order; scales also mean, median, ci95; matrices per row; text its words."""

    n: int = 0
    hidden: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    mean: float | None = None
    median: float | None = None
    ci95: tuple[float, float] | None = None
    rows: dict[str, Any] = field(default_factory=dict)
    words: list[tuple[str, int]] = field(default_factory=list)
    other: int = 0


@dataclass
class QuestionResult:
    question: Question
    all: Figures
    groups: dict[str, Figures]


@dataclass
class SurveyResults:
    survey: Survey
    n: int
    groups: dict[str, int]
    questions: list[QuestionResult]


def _responses_filter(filter_question: Question | None, filter_value: str | None):
    if filter_question is None or not filter_value:
        return None
    matching = Answer.objects.filter(question=filter_question, submitted=True)
    if filter_value.isdigit():
        matching = matching.filter(Q(choice=filter_value) | Q(number=int(filter_value)))
    else:
        matching = matching.filter(choice=filter_value)
    return matching.values("response_id")


# Counts of one question in one group: {(choice, number): rows}; number None for a choice.
ValueCounts = dict[tuple[str, int | None], int]


@dataclass
class _Tallies:
    """Per question id and group: value counts, respondents, and {lemma: answers}."""

    values: dict[int, dict[str, ValueCounts]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    respondents: dict[int, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    words: dict[int, dict[str, dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )


def survey_results(
    *,
    survey: Survey,
    group: str | None = None,
    filter_question: Question | None = None,
    filter_value: str | None = None,
    public: bool = False,
    from_rows: bool = False,
) -> SurveyResults:
    """Every question's figures, overall and per respondent group. `public`: figures of
    fewer than 5 respondents are hidden.

    Without a filter by another question's answer the figures come from the tallies kept
    as answers are written (services/tallies.py: a few hundred rows per survey, whatever
    the number of responses; the group filter is a column of theirs). A filter by another
    answer selects responses, which no tally can know in advance, so then the answer rows
    are aggregated in the database (`GROUP BY`s, and the free-text answers read for their
    words). `from_rows=True` takes that path unfiltered too: tests and the benchmark
    compare the two, which must give identical results."""
    questions = questions_of(survey)
    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    if group:
        responses = responses.filter(group=group)
    subquery = _responses_filter(filter_question, filter_value)
    if subquery is not None:
        responses = responses.filter(pk__in=subquery)
    group_n = dict(responses.values_list("group").annotate(n=Count("id")).order_by("group"))
    if subquery is None and not from_rows:
        tallies = _from_tallies(questions, group)
    else:
        tallies = _from_rows(survey, questions, group, subquery)
    results = []
    for question in questions:
        values = tallies.values[question.pk]
        respondents = tallies.respondents[question.pk]
        words = tallies.words[question.pk]
        per_group = {
            grp: _figures(
                question, values.get(grp, {}), respondents.get(grp, 0), words.get(grp, {}), public
            )
            for grp in sorted(group_n)
        }
        merged: ValueCounts = defaultdict(int)
        for grp_counts in values.values():
            for key, count in grp_counts.items():
                merged[key] += count
        merged_words: dict[str, int] = defaultdict(int)
        for grp_words in words.values():
            for word, count in grp_words.items():
                merged_words[word] += count
        overall = _figures(question, merged, sum(respondents.values()), merged_words, public)
        results.append(QuestionResult(question, overall, per_group))
    return SurveyResults(survey, sum(group_n.values()), group_n, results)


def _from_tallies(questions: list[Question], group: str | None) -> _Tallies:
    """Three small reads of the tallies (models.AnswerCount, RespondentCount, LemmaCount)."""
    out = _Tallies()
    ids = [q.pk for q in questions]
    only = {"group": group} if group else {}
    for qid, grp, choice, number, count in AnswerCount.objects.filter(
        question_id__in=ids, count__gt=0, **only
    ).values_list("question_id", "group", "choice", "number", "count"):
        out.values[qid][grp][(choice, None if number == NO_NUMBER else number)] = count
    for qid, grp, count in RespondentCount.objects.filter(
        question_id__in=ids, count__gt=0, **only
    ).values_list("question_id", "group", "count"):
        out.respondents[qid][grp] = count
    text_ids = [q.pk for q in questions if q.kind == Kind.TEXT]
    if text_ids:
        for qid, grp, lemma, count in LemmaCount.objects.filter(
            question_id__in=text_ids, count__gt=0, **only
        ).values_list("question_id", "group", "lemma", "count"):
            out.words[qid][grp][lemma] = count
    return out


def _from_rows(survey: Survey, questions: list[Question], group: str | None, subquery) -> _Tallies:
    """The same figures aggregated from the answer rows, in a fixed number of queries:
    counts per (question, group, choice, number) and distinct respondents per (question,
    group) are `GROUP BY`s; only free-text answers are read row by row (for their words)."""
    out = _Tallies()
    answers = Answer.objects.filter(question__survey=survey, submitted=True)
    if group:
        answers = answers.filter(group=group)
    if subquery is not None:
        answers = answers.filter(response_id__in=subquery)
    for qid, grp, choice, number, count in (
        answers.exclude(question__kind=Kind.TEXT)
        .values_list("question_id", "group", "choice", "number")
        .annotate(c=Count("id"))
        .order_by()
    ):
        out.values[qid][grp][(choice, number)] = count
    # A scale, single choice or free text has one row per respondent, so its n is its row
    # count; only kinds with several rows per respondent need the costlier distinct count.
    many_rows = (Kind.MULTIPLE, Kind.RANKING, Kind.MATRIX)
    for qid, grp, count in (
        answers.filter(question__kind__in=many_rows)
        .values_list("question_id", "group")
        .annotate(c=Count("response_id", distinct=True))
        .order_by()
    ):
        out.respondents[qid][grp] = count
    for question in questions:
        if question.kind in (Kind.SCALE, Kind.SINGLE):
            for grp, counts in out.values[question.pk].items():
                out.respondents[question.pk][grp] = sum(counts.values())
    text_ids = [q.pk for q in questions if q.kind == Kind.TEXT]
    if text_ids:
        for qid, grp, text in answers.filter(question_id__in=text_ids).values_list(
            "question_id", "group", "text"
        ):
            out.respondents[qid][grp] = out.respondents[qid].get(grp, 0) + 1
            words = out.words[qid][grp]
            for word in set(lemmas_of(text)):
                words[word] = words.get(word, 0) + 1
    return out


def _figures(question, counts, n, words, public) -> Figures:
    figures = Figures(n=n)
    if public and n < MIN_PUBLIC_N:
        figures.hidden = True
        return figures
    kind = question.kind
    if kind == Kind.SCALE:
        dist = {number: count for (_c, number), count in counts.items()}
        figures.counts = {str(v): dist.get(v, 0) for v in range(1, question.scale_max + 1)}
        summary = summarise(dist)
        figures.mean, figures.median, figures.ci95 = summary.mean, summary.median, summary.ci95
    elif kind in (Kind.SINGLE, Kind.MULTIPLE):
        figures.counts = {label: counts.get((label, None), 0) for label in question.options}
        figures.other = counts.get((OTHER, None), 0)
        if question.allow_other:
            figures.counts[_("Other")] = figures.other
    elif kind == Kind.RANKING:
        # counts: how often each option was ranked first; rows: its mean place
        for label in question.options:
            places = {number: c for (choice, number), c in counts.items() if choice == label}
            figures.counts[label] = places.get(1, 0)
            figures.rows[label] = summarise(places)
    elif kind == Kind.MATRIX:
        for label in question.rows:
            dist = {number: c for (choice, number), c in counts.items() if choice == label}
            figures.rows[label] = summarise(dist)
        figures.counts = {label: figures.rows[label].n for label in question.rows}
    elif kind == Kind.TEXT:
        figures.words = top_words(words)
    return figures


def text_answers(
    *, question: Question, word: str = "", group: str | None = None, limit: int = 500
) -> list[str]:
    """The free-text answers to `question`, those with the lemma `word` if given (the
    lemmas stored with each answer, models.AnswerLemma: the same test as the word cloud's)."""
    qs = Answer.objects.filter(question=question, submitted=True).exclude(text="")
    if group:
        qs = qs.filter(group=group)
    if word:
        qs = qs.filter(lemmas__lemma=word)
    return list(qs.order_by("pk").values_list("text", flat=True)[:limit])


def export_rows(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """Raw responses without personal data: a response number, its group, the day it was
    submitted, and one column per question (a matrix one per row)."""
    questions = questions_of(survey)
    header = [_("Response"), _("Group"), _("Submitted")]
    columns: list[tuple[int, str | None]] = []
    for q in questions:
        if q.kind == Kind.MATRIX:
            for matrix_row in q.rows:
                header.append(f"{q.text}: {matrix_row}")
                columns.append((q.pk, matrix_row))
        else:
            header.append(q.text)
            columns.append((q.pk, None))
    kinds = {q.pk: q.kind for q in questions}
    values: dict[int, dict[tuple[int, str | None], list]] = defaultdict(lambda: defaultdict(list))
    for response_id, qid, number, choice, text in (
        Answer.objects.filter(question__survey=survey, submitted=True)
        .order_by("response_id", "question_id", "number", "pk")
        .values_list("response_id", "question_id", "number", "choice", "text")
    ):
        kind = kinds[qid]
        if kind == Kind.MATRIX:
            values[response_id][(qid, choice)].append(number)
        elif kind == Kind.SCALE:
            values[response_id][(qid, None)].append(number)
        elif kind == Kind.TEXT:
            values[response_id][(qid, None)].append(text)
        else:
            values[response_id][(qid, None)].append(text if choice == OTHER else choice)
    rows = []
    for number, (pk, grp, submitted) in enumerate(
        Response.objects.filter(survey=survey, submitted_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "group", "submitted_at"),
        1,
    ):
        # submitted_at is set: the query keeps submitted responses only.
        row: list[Any] = [number, grp, submitted.date().isoformat() if submitted else ""]
        for column in columns:
            cell = values[pk].get(column, [])
            row.append(
                cell[0]
                if len(cell) == 1 and not isinstance(cell[0], str)
                else "; ".join(str(v) for v in cell)
            )
        rows.append(row)
    return header, rows


# --- For monitoring ----------------------------------------------------------------------------


def standard_question_means(
    consultation_ids: list[int] | None = None,
    period: tuple[date, date] | None = None,
    institution_ids: list[int] | None = None,
) -> dict[str, dict[str, Any]]:
    """The three standard questions asked of consultations' participants once feedback is
    published, over the standard surveys of `consultation_ids` (None: every consultation)
    and of `institution_ids` (None: every institution), answered within `period` (inclusive
    dates, either end may be None; None: ever).

    Returns {key: {"text", "n", "mean", "median", "ci95": (low, high) | None}} for the keys
    "taken_into_account" (was your opinion taken into account, 1–10), "explained_why" (did
    the institution explain why, 1–10) and "ease_of_taking_part" (how easy was it to take
    part, 1–10). A key with no answers has n 0 and None figures. Computed from one GROUP BY
    over the answers, so it is exact and cheap for any number of responses. Monitoring reads
    it through `core.indicators` (registered in SurveysConfig.ready()).
    """
    answers = Answer.objects.filter(
        submitted=True,
        question__standard_key__in=STANDARD_KEYS,
        question__survey__purpose="standard",
    )
    if consultation_ids is not None:
        content_type = ContentType.objects.get_by_natural_key("consultations", "consultation")
        answers = answers.filter(
            question__survey__subject_type=content_type,
            question__survey__subject_id__in=list(consultation_ids),
        )
    if institution_ids is not None:
        answers = answers.filter(question__survey__institution_id__in=list(institution_ids))
    if period is not None:
        start, end = period
        if start is not None:
            answers = answers.filter(response__submitted_at__date__gte=start)
        if end is not None:
            answers = answers.filter(response__submitted_at__date__lte=end)
    counts: dict[str, dict[int, int]] = {key: {} for key in STANDARD_KEYS}
    for key, number, count in (
        answers.values_list("question__standard_key", "number").annotate(c=Count("id")).order_by()
    ):
        counts[key][number] = counts[key].get(number, 0) + count
    from .standard import STANDARD_QUESTIONS

    out = {}
    for key in STANDARD_KEYS:
        summary = summarise(counts[key])
        out[key] = {
            "text": str(STANDARD_QUESTIONS[key]),
            "n": summary.n,
            "mean": summary.mean,
            "median": summary.median,
            "ci95": summary.ci95,
        }
    return out
