"""An external survey's export (CSV or XLSX: one row per response, the first row the
question texts) becomes a survey with responses, so the same analysis runs on it.

Question kinds are detected from the values (`detect_kinds`) and may be overridden by the
importer (`kinds`); one column may name the respondent group (the source's twin surveys).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.spreadsheets import clean

from ..answers import rows_for
from ..models import PUBLIC, Answer, Question, Response, Survey
from .builder import survey_create
from .tallies import tallies_rebuild

Kind = Question.Kind
MAX_ROWS = 200_000
MAX_CHOICES = 15
SEPARATOR = ";"


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """Rows of cells as text, from CSV (UTF-8, `,` or `;`) or XLSX."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:
            raise ValidationError({"file": [_("The file is not a readable XLSX file.")]}) from error
        return [
            [
                ""
                if v is None
                else clean(str(int(v) if isinstance(v, float) and v.is_integer() else v)).strip()
                for v in row
            ]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": [_("The CSV file must be in UTF-8.")]}) from error
    # The delimiter the header line uses most (spreadsheets in Latvian locales write ";").
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [[clean(c).strip() for c in row] for row in rows]
    except csv.Error as error:
        raise ValidationError({"file": [_("The CSV file cannot be read.")]}) from error


def detect_kinds(header: list[str], rows: list[list[str]]) -> dict[str, str]:
    """A kind for each column: whole numbers 1–10 → scale; values joined by ";" from a small
    set → multiple choice; a small set of values → single choice; anything else → text."""
    kinds: dict[str, str] = {}
    for index, name in enumerate(header):
        values = [row[index] for row in rows if index < len(row) and row[index]]
        if not values:
            kinds[name] = Kind.TEXT
            continue
        if all(v.isdigit() and 1 <= int(v) <= 10 for v in values):
            kinds[name] = Kind.SCALE
            continue
        parts = {p.strip() for v in values for p in v.split(SEPARATOR) if p.strip()}
        distinct = set(values)
        if any(SEPARATOR in v for v in values) and len(parts) <= MAX_CHOICES:
            kinds[name] = Kind.MULTIPLE
        elif len(distinct) <= MAX_CHOICES and len(distinct) <= max(1, len(values) / 2):
            kinds[name] = Kind.SINGLE
        else:
            kinds[name] = Kind.TEXT
    return kinds


@transaction.atomic
def survey_import(
    *,
    actor,
    institution,
    title: str,
    content: bytes,
    filename: str,
    group_column: str | None = None,
    kinds: Mapping[str, str] | None = None,
    results_public: bool = False,
) -> Survey:
    header, rows = _checked_table(content, filename, group_column)
    question_columns = [name for name in header if name != group_column]
    detected = detect_kinds(header, rows)
    for name, kind in (kinds or {}).items():
        if name in detected and kind in Kind.values:
            detected[name] = kind
    return _create(
        actor,
        institution,
        title,
        group_column,
        results_public,
        header,
        rows,
        question_columns,
        detected,
    )


IMPORT_KINDS = (Kind.SCALE, Kind.SINGLE, Kind.MULTIPLE, Kind.TEXT)


def import_preview(
    *, content: bytes, filename: str, group_column: str | None = None
) -> list[tuple[str, str]]:
    """The question columns of a file with the kind each would be imported as, for the
    importer to confirm or change before `survey_import(kinds=...)`; the same checks (and
    errors) as the import itself, so a file that previews also imports."""
    header, rows = _checked_table(content, filename, group_column)
    detected = detect_kinds(header, rows)
    return [(name, detected[name]) for name in header if name != group_column]


def _checked_table(
    content: bytes, filename: str, group_column: str | None
) -> tuple[list[str], list[list[str]]]:
    table = [row for row in read_table(content, filename) if any(row)]
    if len(table) < 2:
        raise ValidationError(
            {"file": [_("The file needs a row of questions and at least one response.")]}
        )
    header, rows = table[0], table[1:]
    if len(rows) > MAX_ROWS:
        raise ValidationError({"file": [_("The file has too many rows.")]})
    if len(set(header)) != len(header) or not all(header):
        raise ValidationError({"file": [_("Every column needs a different question text.")]})
    if group_column and group_column not in header:
        raise ValidationError({"group_column": [_("There is no such column.")]})
    return header, rows


def _create(
    actor,
    institution,
    title,
    group_column,
    results_public,
    header,
    rows,
    question_columns,
    detected,
) -> Survey:
    survey = survey_create(
        actor=actor,
        institution=institution,
        title=title,
        audience=Survey.Audience.BOTH if group_column else Survey.Audience.PUBLIC,
        results_public=results_public,
        audited=False,
    )
    survey.imported = True
    survey.status = Survey.Status.PUBLISHED
    survey.published_at = survey.closes_at = timezone.now()
    survey.save()
    questions: dict[int, Question] = {}
    for position, name in enumerate(question_columns, 1):
        index = header.index(name)
        kind = detected[name]
        values = [row[index] for row in rows if index < len(row) and row[index]]
        options: list[str] = []
        scale_max = 10
        if kind == Kind.SCALE:
            numbers = [int(v) for v in values if v.isdigit()]
            top = max(numbers, default=10)
            # The scale the form most likely had: nobody may have chosen its top value.
            scale_max = 5 if top <= 5 else 7 if top <= 7 else 10
        elif kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING):
            parts = (
                [p.strip() for v in values for p in v.split(SEPARATOR)]
                if kind != Kind.SINGLE
                else values
            )
            options = list(dict.fromkeys(p[:300] for p in parts if p))[:50]
        if kind == Kind.MATRIX:
            kind = Kind.TEXT  # a matrix spans columns; one column cannot be one
        questions[index] = Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=name[:1000],
            scale_max=scale_max,
            options=options,
        )
    now = timezone.now()
    group_index = header.index(group_column) if group_column else None
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            group=(row[group_index] if group_index is not None and group_index < len(row) else "")[
                :100
            ]
            or PUBLIC,
            submitted_at=now,
            updated_at=now,
        )
        for row in rows
    )
    answers: list[Answer] = []
    for response, row in zip(responses, rows, strict=True):
        for index, question in questions.items():
            raw = row[index] if index < len(row) else ""
            if not raw:
                continue
            value: object = raw
            if question.kind in (Kind.MULTIPLE, Kind.RANKING):
                value = [p.strip() for p in raw.split(SEPARATOR) if p.strip()]
            try:
                found = rows_for(question, value)
            except ValueError:
                found = []  # a value the chosen kind cannot hold is left out
            answers.extend(
                Answer(
                    response=response,
                    question=question,
                    group=response.group,
                    submitted=True,
                    number=r.number,
                    choice=r.choice,
                    text=r.text,
                )
                for r in found
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    tallies_rebuild(survey_id=survey.pk)  # the rows went in bulk: count them once
    audit_record(
        actor=actor,
        action="survey.import",
        target=survey,
        institution=institution,
        after={"responses": len(rows), "questions": len(questions)},
    )
    return survey
