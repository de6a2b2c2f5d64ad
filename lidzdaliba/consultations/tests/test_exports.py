"""The feedback table exports, read back with the same libraries an officer's tools trust.

Every format is parsed again (csv, openpyxl, odfpy, python-docx) rather than searched as
bytes, so the tests see what a spreadsheet or word processor would see.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from odf import teletype
from odf.namespaces import TABLENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableHeaderRows, TableRow
from odf.text import P, S
from openpyxl import load_workbook
from pypdf import PdfReader

from lidzdaliba.consultations.exports import (
    FORMATS,
    FeedbackRow,
    FeedbackTable,
    filename,
    neutralise,
    render,
)

LATVIAN = "āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ"
DRAFT = "DRAFT – not published"
HEADER = [
    "No.",
    "Reference",
    "Clause",
    "Clause text",
    "Submitter",
    "Kind",
    "Opinion",
    "Proposed wording",
    "Outcome",
    "Reason",
    "New wording",
    "Submitted",
]
DANGEROUS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1"]

ROWS = [
    FeedbackRow(
        reference="LDZ-7K3M-9Q2P",
        clause="2.1.",
        clause_text="Pašvaldība nodrošina ūdens ņemšanu.",
        submitter="Biedrība „Zaļā Latvija”",
        kind="Priekšlikums",
        opinion="Pirmā rinda\nOtrā rinda\r\nTrešā rinda",
        proposed_wording=f"Ūdens ņemšanas vieta — {LATVIAN}",
        outcome="Ņemts vērā",
        reason="Precizēts 2.1. punkts",
        new_wording="Žūrija ķēde",
        submitted_at=datetime(2026, 11, 20, 7, 5, tzinfo=UTC),
    ),
    FeedbackRow(
        reference="LDZ-AB23-CD45",
        clause="",
        clause_text="",
        submitter="\t=1",
        kind=" =1",
        opinion='=HYPERLINK("http://evil","x")',
        proposed_wording="+1+1",
        outcome="Nav ņemts vērā",
        reason="-2+3",
        new_wording="@SUM(A1)",
        submitted_at=datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
    ),
    FeedbackRow(
        reference="LDZ-EF67-GH89",
        clause="3.",
        clause_text="\x00=cmd|' /C calc'!A0",
        submitter="Privātpersona",
        kind="Jautājums",
        opinion="Kāpēc zvans\x07 skan?",
        proposed_wording="",
        outcome="",
        reason="",
        new_wording="",
        submitted_at=datetime(2026, 11, 21, 22, 30, tzinfo=UTC),
    ),
]

# What a spreadsheet cell must hold, by row: neutralised, cleaned, in Riga time.
EXPECTED = [
    [
        "1",
        "LDZ-7K3M-9Q2P",
        "2.1.",
        "Pašvaldība nodrošina ūdens ņemšanu.",
        "Biedrība „Zaļā Latvija”",
        "Priekšlikums",
        "Pirmā rinda\nOtrā rinda\nTrešā rinda",
        f"Ūdens ņemšanas vieta — {LATVIAN}",
        "Ņemts vērā",
        "Precizēts 2.1. punkts",
        "Žūrija ķēde",
        "2026-11-20 09:05",
    ],
    [
        "2",
        "LDZ-AB23-CD45",
        "Whole draft",
        "",
        "'\t=1",
        "' =1",
        '\'=HYPERLINK("http://evil","x")',
        "'+1+1",
        "Nav ņemts vērā",
        "'-2+3",
        "'@SUM(A1)",
        "2026-07-01 15:00",  # summer time: UTC+3
    ],
    [
        "3",
        "LDZ-EF67-GH89",
        "3.",
        "'=cmd|' /C calc'!A0",  # the NUL is dropped first, then the formula neutralised
        "Privātpersona",
        "Jautājums",
        "Kāpēc zvans skan?",
        "",
        "",
        "",
        "",
        "2026-11-22 00:30",  # a day later in Riga
    ],
]

TITLE = "Grozījumi Ūdenssaimniecības pakalpojumu likumā"
INSTITUTION = "Vides aizsardzības un reģionālās attīstības ministrija"
# 23:30 UTC on the 26th is already the 27th in Riga.
GENERATED = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
GENERATED_TEXT = "Generated: 2026-11-27 01:30"


def make_table(published: bool, rows: list[FeedbackRow] | None = None) -> FeedbackTable:
    return FeedbackTable(
        title=TITLE,
        institution=INSTITUTION,
        generated_at=GENERATED,
        published=published,
        rows=ROWS if rows is None else rows,
        responsible_official="Līga Kalniņa",
    )


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def read_xlsx(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [[xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def ods_cell_text(cell) -> str:
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))


def read_ods(content: bytes) -> list[list[str]]:
    document = load(io.BytesIO(content))
    rows = document.spreadsheet.getElementsByType(TableRow)
    return [[ods_cell_text(cell) for cell in row.getElementsByType(TableCell)] for row in rows]


READERS = {"csv": read_csv, "xlsx": read_xlsx, "ods": read_ods}


def split(grid: list[list[str]]) -> tuple[list[str], list[str], list[list[str]]]:
    """(preamble lines, header row, data rows) of a sheet read back as text."""
    start = next(i for i, row in enumerate(grid) if row[:1] == ["No."])
    preamble = [row[0] for row in grid[:start] if row and row[0]]
    return preamble, grid[start][: len(HEADER)], [row[: len(HEADER)] for row in grid[start + 1 :]]


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_prefixes_formula_starts(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Labdien", "2.1.", "LDZ-7K3M-9Q2P", "", "a = b", "e-pasts"])
def test_neutralise_leaves_ordinary_text(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
@pytest.mark.parametrize("published", [True, False])
def test_spreadsheets_hold_header_and_neutralised_rows(fmt, published):
    _preamble, header, data = split(READERS[fmt](render(make_table(published), fmt).content))
    assert header == HEADER
    assert data == EXPECTED


def test_csv_is_a_clean_table_with_bom():
    for published in (True, False):
        rendered = render(make_table(published), "csv")
        assert rendered.content.startswith(b"\xef\xbb\xbf")
        assert rendered.content_type == "text/csv; charset=utf-8"
        assert rendered.extension == "csv"
        rows = read_csv(rendered.content)
        # No title or draft lines: the header is the first row, then one row per opinion.
        assert rows[0] == HEADER
        assert len(rows) == 1 + len(ROWS)
        assert DRAFT not in rendered.content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheet_preamble_marks_drafts(fmt):
    published, _header, _data = split(READERS[fmt](render(make_table(True), fmt).content))
    draft, _header, _data = split(READERS[fmt](render(make_table(False), fmt).content))
    assert published == [TITLE, INSTITUTION, GENERATED_TEXT]
    assert draft == [TITLE, INSTITUTION, GENERATED_TEXT, DRAFT]


def test_xlsx_cells_are_strings_never_formulas():
    content = render(make_table(False), "xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    strings = 0
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                strings += 1
                assert not cell.value.lstrip().startswith(("=", "+", "-", "@"))
    assert strings > len(HEADER) * len(ROWS)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_layout():
    sheet = load_workbook(io.BytesIO(render(make_table(False), "xlsx").content)).active
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "No.")
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.cell(header_row, 1).font.b
    opinion = sheet.cell(header_row + 1, HEADER.index("Opinion") + 1)
    assert opinion.alignment.wrap_text
    assert opinion.value == "Pirmā rinda\nOtrā rinda\nTrešā rinda"
    assert sheet.cell(header_row + 1, 1).value == 1  # the running number stays a number
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width


def test_ods_cells_are_strings_never_formulas():
    content = render(make_table(False), "ods").content
    document = load(io.BytesIO(content))
    cells = document.spreadsheet.getElementsByType(TableCell)
    for cell in cells:
        assert (TABLENS, "formula") not in cell.attributes
        text = ods_cell_text(cell)
        if cell.getAttribute("valuetype") == "float":
            assert text.isdigit()  # only the running number is numeric
        elif cell.getAttribute("valuetype") == "date":
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", text)  # the submission time
        elif text:
            assert cell.getAttribute("valuetype") == "string"
            assert not text.lstrip().startswith(("=", "+", "-", "@"))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "table:formula" not in archive.read("content.xml").decode()


def test_ods_layout():
    document = load(io.BytesIO(render(make_table(False), "ods").content))
    (table,) = document.spreadsheet.getElementsByType(Table)
    (header_rows,) = table.getElementsByType(TableHeaderRows)
    header = [ods_cell_text(c) for c in header_rows.getElementsByType(TableCell)]
    assert header == HEADER
    # Each line of a multi-line opinion is its own paragraph, so line breaks survive.
    opinion = next(
        cell for cell in table.getElementsByType(TableCell) if "Pirmā" in ods_cell_text(cell)
    )
    assert [teletype.extractText(p) for p in opinion.getElementsByType(P)] == [
        "Pirmā rinda",
        "Otrā rinda",
        "Trešā rinda",
    ]
    number = next(c for c in table.getElementsByType(TableCell) if ods_cell_text(c) == "2")
    assert number.getAttribute("valuetype") == "float"
    assert "VerticalSplitMode" in document.settingsxml()


def test_ods_keeps_leading_spaces():
    # ODF collapses a paragraph's leading blanks unless they are written as <text:s>.
    row = replace(ROWS[0], reason="   ievilkts teksts")
    document = load(io.BytesIO(render(make_table(True, rows=[row]), "ods").content))
    cell = next(
        c
        for c in document.spreadsheet.getElementsByType(TableCell)
        if "ievilkts" in ods_cell_text(c)
    )
    (paragraph,) = cell.getElementsByType(P)
    first = paragraph.childNodes[0]
    assert first.qname == S().qname
    assert first.getAttribute("c") == "3"
    assert teletype.extractText(paragraph) == "   ievilkts teksts"


def read_docx(content: bytes):
    return Document(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("published", [True, False])
def test_docx_heading_table_and_draft_marker(published):
    rendered = render(make_table(published), "docx")
    assert rendered.extension == "docx"
    document = read_docx(rendered.content)
    texts = [p.text for p in document.paragraphs]
    # The header block: institution, the document's name, the consultation, the date.
    assert texts[:4] == [INSTITUTION, "Feedback table", TITLE, "27 November 2026"]
    assert (DRAFT in texts) is not published
    section = document.sections[0]
    assert (DRAFT in "".join(p.text for p in section.header.paragraphs)) is not published
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4

    (table,) = document.tables
    assert [cell.text for cell in table.rows[0].cells] == HEADER
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    data = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    expected = [list(row) for row in EXPECTED]
    # A document does not evaluate formulas: text is shown as typed, without the prefix.
    expected[1] = [
        "2",
        "LDZ-AB23-CD45",
        "Whole draft",
        "",
        "\t=1",
        " =1",
        '=HYPERLINK("http://evil","x")',
        "+1+1",
        "Nav ņemts vērā",
        "-2+3",
        "@SUM(A1)",
        "2026-07-01 15:00",
    ]
    expected[2][3] = "=cmd|' /C calc'!A0"
    assert data == expected
    assert LATVIAN in data[0][7]
    # The signature block under the table.
    assert texts[-4:] == [
        "Responsible official: Līga Kalniņa",
        "_" * 30,
        "(signature)",
        "Date: 27 November 2026",
    ]


def test_docx_columns_are_as_wide_as_their_content():
    """Issue 10.9: python-docx wrote twelve equal columns, and words broke mid-word."""
    (table,) = read_docx(render(make_table(True), "docx").content).tables
    grid = [round(column.width.mm, 1) for column in table.columns]
    assert len(set(grid)) > 1
    assert [round(cell.width.mm, 1) for cell in table.rows[1].cells] == grid
    width = dict(zip(HEADER, grid, strict=True))
    assert width["No."] < width["Submitted"] < width["Opinion"]
    assert width["No."] < 12 and width["Clause text"] > 25
    assert round(sum(grid)) == 297 - 2 * 12  # the page between its margins
    assert table._tbl.xpath("./w:tblPr/w:tblLayout[@w:type='fixed']")


def test_docx_signature_line_without_a_known_official():
    table = replace(make_table(True), responsible_official="")
    texts = [p.text for p in read_docx(render(table, "docx").content).paragraphs]
    assert "Responsible official: " + "_" * 30 in texts


@pytest.mark.parametrize("fmt", FORMATS)
def test_xml_illegal_characters_never_crash(fmt):
    garbage = "".join(chr(c) for c in range(32)) + "\ufffe\uffff\ud800" + LATVIAN
    row = FeedbackRow(*(garbage for _ in range(10)), submitted_at=GENERATED)
    table = FeedbackTable(garbage, garbage, GENERATED, False, [row])
    content = render(table, fmt).content
    if fmt == "pdf":
        assert LATVIAN in pdf_text(content)
    elif fmt == "docx":
        assert read_docx(content).tables[0].rows[1].cells[1].text == "\t\n\n" + LATVIAN
    else:
        _preamble, _header, (data,) = split(READERS[fmt](content))
        # Tab, newline and the carriage return (as a newline) stay; the rest is dropped.
        assert data[1] == "'\t\n\n" + LATVIAN


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_table_renders(fmt):
    content = render(make_table(True, rows=[]), fmt).content
    if fmt == "pdf":
        assert "Clause text" in pdf_text(content)
    elif fmt == "docx":
        assert len(read_docx(content).tables[0].rows) == 1
    else:
        _preamble, header, data = split(READERS[fmt](content))
        assert header == HEADER
        assert data == []


@pytest.mark.parametrize("fmt", ["pdfa", "", "CSV", "xls"])
def test_unknown_format_is_rejected(fmt):
    with pytest.raises(ValueError, match="Unknown export format"):
        render(make_table(True), fmt)


def test_content_types():
    assert {fmt: render(make_table(True), fmt).content_type for fmt in FORMATS} == {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }


def test_filename_transliterates_and_uses_local_date():
    expected = "izzina-grozijumi-udenssaimniecibas-pakalpojumu-likuma-2026-11-27.xlsx"
    assert filename(make_table(True), "xlsx") == expected
    assert filename(make_table(True), ".xlsx") == expected
    assert filename(make_table(False), "csv") == "draft-" + expected.replace(".xlsx", ".csv")


def test_filename_is_short_ascii_and_survives_odd_titles():
    long = FeedbackTable("Ļoti gara ģērbšanās ķēde " * 10, "", GENERATED, False, [])
    name = filename(long, "docx")
    assert len(name) <= 80
    assert name.startswith("draft-izzina-loti-gara-gerbsanas-kede-")
    assert name.endswith("-2026-11-27.docx")
    assert "--" not in name
    assert name.isascii()
    for title in ("Привет", "", "../../etc/passwd", '=cmd|"x"'):
        odd = filename(FeedbackTable(title, "", GENERATED, True, []), "ods")
        assert odd.isascii()
        assert "/" not in odd
        assert ".." not in odd
        assert odd.startswith("izzina-")
        assert odd.endswith("2026-11-27.ods")
    assert filename(FeedbackTable("Привет", "", GENERATED, True, []), "ods") == (
        "izzina-2026-11-27.ods"
    )


def test_spreadsheets_keep_the_submission_time_a_date():
    """Sorting and filtering by date needs a date cell, not text; in Riga time."""
    sheet = load_workbook(io.BytesIO(render(make_table(True), "xlsx").content)).active
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "No.")
    submitted = sheet.cell(header_row + 1, HEADER.index("Submitted") + 1)
    assert submitted.value == datetime(2026, 11, 20, 9, 5)
    assert submitted.is_date and submitted.number_format == "yyyy-mm-dd hh:mm"

    document = load(io.BytesIO(render(make_table(True), "ods").content))
    dates = [
        c
        for c in document.spreadsheet.getElementsByType(TableCell)
        if c.getAttribute("valuetype") == "date"
    ]
    assert [c.getAttribute("datevalue") for c in dates] == [
        "2026-11-20T09:05:00",
        "2026-07-01T15:00:00",
        "2026-11-22T00:30:00",
    ]
    assert "number:date-style" in document.xml().decode()
