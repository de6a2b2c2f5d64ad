"""Turning submitted values into answer rows, and checking them against the questions.

Pure functions over `Question` objects (no queries), shared by the web form, the API and the
import. Values follow the API: a number for a scale, an option's label for single choice, a
list of labels for multiple choice and for ranking (in order), {row label: number} for a
matrix, text for free text. A label that is not an option is "other" when the question
allows it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Question

Kind = Question.Kind
OTHER = "__other__"  # the `choice` of an "other" answer; its words are in `text`
TEXT_CHARS = 5000


@dataclass(frozen=True)
class Row:
    question_id: int
    number: int | None = None
    choice: str = ""
    text: str = ""


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def rows_for(question: Question, value: Any) -> list[Row]:
    """The answer rows of one value; raises ValueError with a message when it does not fit."""
    qid = question.pk
    kind = question.kind
    if kind == Kind.SCALE:
        number = _as_int(value)
        if number is None or not 1 <= number <= question.scale_max:
            raise ValueError(_("Choose a number from 1 to %(max)d.") % {"max": question.scale_max})
        return [Row(qid, number=number)]
    if kind == Kind.TEXT:
        if not isinstance(value, str):
            raise ValueError(_("Give the answer as text."))
        text = value.strip().replace("\x00", "")
        if len(text) > TEXT_CHARS:
            raise ValueError(_("An answer may have at most 5000 characters."))
        return [Row(qid, text=text)] if text else []
    if kind == Kind.SINGLE:
        if not isinstance(value, str):
            raise ValueError(_("Choose one of the options."))
        return [_choice_row(question, value)]
    if kind == Kind.MULTIPLE:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(_("Choose the options as a list."))
        rows = [_choice_row(question, v) for v in dict.fromkeys(v.strip() for v in values) if v]
        if sum(1 for r in rows if r.choice == OTHER) > 1:
            raise ValueError(_("Give one “other” answer at most."))
        return rows
    if kind == Kind.RANKING:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(_("Give the options as a list, in order."))
        items = [v.strip() for v in value]
        if len(set(items)) != len(items) or not set(items) <= set(question.options):
            raise ValueError(_("Rank each option at most once, using only the options given."))
        return [Row(qid, number=place, choice=item) for place, item in enumerate(items, 1)]
    if kind == Kind.MATRIX:
        if not isinstance(value, Mapping):
            raise ValueError(_("Give a number for each row."))
        rows = []
        for label, raw in value.items():
            if label not in question.rows:
                raise ValueError(_("%(row)s is not a row of this question.") % {"row": label})
            if _blank(raw):
                continue
            number = _as_int(raw)
            if number is None or not 1 <= number <= question.scale_max:
                raise ValueError(
                    _("Choose a number from 1 to %(max)d.") % {"max": question.scale_max}
                )
            rows.append(Row(qid, number=number, choice=label))
        return rows
    raise ValueError(_("Unknown kind of question."))


def _choice_row(question: Question, value: str) -> Row:
    label = " ".join(value.split())
    if label in question.options:
        return Row(question.pk, choice=label)
    if question.allow_other and label:
        return Row(question.pk, choice=OTHER, text=label[:TEXT_CHARS])
    raise ValueError(_("%(value)s is not one of the options.") % {"value": label[:100]})


def _shown_by(question: Question, rows_by_question: dict[int, list[Row]]) -> bool:
    if not question.show_if_id:
        return True
    values = set(question.show_if_values)
    for row in rows_by_question.get(question.show_if_id, []):
        given = str(row.number) if row.number is not None else row.choice
        if given in values:
            return True
    return False


def check_answers(
    questions: Iterable[Question], values: Mapping[int, Any], *, complete: bool
) -> list[Row]:
    """Rows for the questions the respondent was shown. A hidden question's value is
    dropped (its condition was not met); `complete` demands every shown required question
    (a final submission, not saved progress). Raises ValidationError keyed by question id."""
    errors: dict[str, list[str]] = {}
    rows_by_question: dict[int, list[Row]] = {}
    known = set()
    for question in questions:  # in order, so a condition sees the earlier answer
        known.add(question.pk)
        shown = question.show_if_id is None or (
            question.show_if_id in rows_by_question and _shown_by(question, rows_by_question)
        )
        if not shown:
            continue
        value = values.get(question.pk)
        if _blank(value):
            rows = []
        else:
            try:
                rows = rows_for(question, value)
            except ValueError as error:
                errors[str(question.pk)] = [str(error)]
                continue
        if complete and question.required and not rows:
            errors[str(question.pk)] = [_("This question needs an answer.")]
            continue
        rows_by_question[question.pk] = rows
    unknown = set(values) - known
    if unknown:
        errors["answers"] = [
            _("Not questions of this survey: %(ids)s")
            % {"ids": ", ".join(str(i) for i in sorted(unknown, key=str))}
        ]
    if errors:
        raise ValidationError(errors)
    return [row for rows in rows_by_question.values() for row in rows]
