"""Import of CSV and XLSX: kinds detected (and overridable), the group column, values the
chosen kind cannot hold left out, bad files refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from lidzdaliba.surveys.models import Answer, Question
from lidzdaliba.surveys.services import survey_import
from lidzdaliba.surveys.services.imports import detect_kinds

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_detects_kinds():
    header = ["skala", "viena", "vairākas", "teksts"]
    rows = [
        ["1", "Jā", "a;b", "Garš un atšķirīgs teksts viens"],
        ["10", "Nē", "b", "Cits teksts divi"],
        ["4", "Jā", "c;a", "Vēl cits trīs"],
        ["7", "Jā", "a", "Un vēl četri"],
        ["3", "Nē", "b;c", "Pieci"],
    ]
    assert detect_kinds(header, rows) == {
        "skala": Kind.SCALE,
        "viena": Kind.SINGLE,
        "vairākas": Kind.MULTIPLE,
        "teksts": Kind.TEXT,
    }


def test_xlsx_import_with_numbers_as_numbers_and_groups(editor, ministry):
    content = _xlsx(
        [
            ["Kas jūs esat?", "Vērtējums 1–10", "Kā uzzinājāt?"],
            ["Iedzīvotājs", 6, "TAP portāls"],
            ["Iestāde", 8, "e-pasts"],
            ["Iedzīvotājs", 4, "TAP portāls"],
            ["Iedzīvotājs", None, "e-pasts"],
        ]
    )
    survey = survey_import(
        actor=editor,
        institution=ministry,
        title="Dvīņu aptauja",
        content=content,
        filename="x.xlsx",
        group_column="Kas jūs esat?",
    )
    questions = list(survey.questions.all())
    assert [q.kind for q in questions] == [Kind.SCALE, Kind.SINGLE]
    assert sorted(
        Answer.objects.filter(question=questions[0]).values_list("number", flat=True)
    ) == [4, 6, 8]
    assert set(survey.responses.values_list("group", flat=True)) == {"Iedzīvotājs", "Iestāde"}
    assert survey.imported and survey.is_published and not survey.results_public


def test_kind_can_be_overridden_and_semicolon_csv(editor, ministry):
    content = "Jautājums;Cits\nviens;1\ndivi;2\nviens;3\n".encode()
    survey = survey_import(
        actor=editor,
        institution=ministry,
        title="T",
        content=content,
        filename="t.csv",
        kinds={"Jautājums": Kind.TEXT},
    )
    assert [q.kind for q in survey.questions.all()] == [Kind.TEXT, Kind.SCALE]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "x.csv"),
        (b"only,header\n", "x.csv"),
        (b"\xff\xfe bad", "x.csv"),
        (b"not a zip", "x.xlsx"),
        (b"a,a\n1,2\n", "x.csv"),
    ],
)
def test_bad_files_are_refused(editor, ministry, content, name):
    with pytest.raises(ValidationError):
        survey_import(actor=editor, institution=ministry, title="T", content=content, filename=name)


def test_unknown_group_column_is_refused(editor, ministry):
    with pytest.raises(ValidationError):
        survey_import(
            actor=editor,
            institution=ministry,
            title="T",
            content=b"a\n1\n",
            filename="x.csv",
            group_column="nav",
        )
