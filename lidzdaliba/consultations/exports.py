"""The feedback table (izziņa) rendered as CSV, XLSX, ODS and DOCX.

A pure module: the caller builds a `FeedbackTable` from the database (with names already
made public-safe and choices already translated) and this module only turns it into bytes,
so every format can be tested without a database and cannot leak anything it is not given.

Safety rules shared by every format:

* Text is first `clean`-ed: characters XML 1.0 cannot hold (C0 controls other than tab and
  newline, lone surrogates, U+FFFE/U+FFFF) are dropped, because openpyxl refuses them,
  python-docx/lxml refuses them and odfpy would write a file no program opens. Line
  endings become "\\n". CSV gets the same cleaning so all four formats say the same thing.
* Every spreadsheet cell (CSV, XLSX, ODS) goes through `neutralise`, so text an opinion
  author typed can never run as a formula on an officer's computer (CSV injection).
* A table that is not published yet is marked "DRAFT – not published" inside every format
  that has room for it (XLSX/ODS title rows, DOCX heading and page header). CSV stays a
  clean table with one header row, so its draft marker is the `draft-` filename prefix,
  which `filename` adds for every format.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

FORMATS = ("csv", "xlsx", "ods", "docx")

# (key, header). `clause_text` is shown in the spreadsheets, where width is cheap and the
# text helps filtering; the printable DOCX leaves it out (see DOCX_COLUMNS).
COLUMNS = [
    ("number", _("No.")),
    ("reference", _("Reference")),
    ("clause", _("Clause")),
    ("clause_text", _("Clause text")),
    ("submitter", _("Submitter")),
    ("kind", _("Kind")),
    ("opinion", _("Opinion")),
    ("proposed_wording", _("Proposed wording")),
    ("outcome", _("Outcome")),
    ("reason", _("Reason")),
    ("new_wording", _("New wording")),
    ("submitted_at", _("Submitted")),
]
DOCX_COLUMNS = [column for column in COLUMNS if column[0] != "clause_text"]

# Relative column widths, in COLUMNS order (characters in a spreadsheet, shares in DOCX).
WIDTHS = dict(
    zip((k for k, _l in COLUMNS), (6, 16, 10, 40, 22, 14, 50, 40, 20, 50, 40, 17), strict=True)
)

# Excel refuses longer cell text. A longer text (a very long clause of a draft: what people
# write is held to core.limits.LONG_TEXT_CHARS) ends in a note saying where the rest is,
# rather than being cut silently or handing officers a file Excel must repair.
XLSX_MAX_CELL = 32767
MAX_FILENAME = 80

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class FeedbackRow:
    reference: str
    clause: str  # "2.1." or "" for an opinion on the whole draft
    clause_text: str
    submitter: str
    kind: str  # translated display value
    opinion: str
    proposed_wording: str
    outcome: str  # translated display value; "" while unanswered
    reason: str
    new_wording: str
    submitted_at: datetime
    withdrawn: bool = False  # by its author: `opinion` holds a note, `outcome` says so


@dataclass(frozen=True)
class FeedbackTable:
    title: str
    institution: str
    generated_at: datetime
    published: bool  # False: an officer's working copy, marked as a draft everywhere
    rows: list[FeedbackRow]


class Rendered(NamedTuple):
    content: bytes
    content_type: str
    extension: str


def clean(value: str) -> str:
    """Drop what XML cannot hold and unify line endings, so no input can crash a writer."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", value)


def fit_spreadsheet_cell(text: str) -> str:
    """`text` whole if an XLSX cell holds it, else as much as fits and a note that it goes on
    (the CSV, ODS and DOCX downloads and the page hold every character)."""
    if len(text) <= XLSX_MAX_CELL:
        return text
    note = " […] " + gettext(
        "(The text is longer than a spreadsheet cell can hold; characters in all: %(n)s. The "
        "whole text is in the ODS, CSV and DOCX downloads.)"
    ) % {"n": len(text)}
    return text[: XLSX_MAX_CELL - len(note)] + note


def neutralise(value: str) -> str:
    """Make text that a spreadsheet would read as a formula inert by prefixing `'`.

    Opinions are typed by anyone, and officers open the table in Excel or LibreOffice: a
    cell like `=HYPERLINK("http://evil", "x")` would otherwise run there (OWASP "CSV
    injection"). Spreadsheets treat a value as a formula when it starts with = + - @, and
    some also after leading whitespace or a tab/carriage return, so all of those are
    prefixed. The same prefix is used in CSV, XLSX and ODS so a value copied from any of
    them into another program stays harmless. Negative numbers typed as text ("-5") get
    the prefix too; that is the accepted price of the rule.
    """
    if value.startswith(("\t", "\r")) or value.lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value


def format_datetime(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def draft_marker() -> str:
    return gettext("DRAFT – not published")


def _cells(table: FeedbackTable) -> list[dict[str, str | int]]:
    """Every row as key → display value, the same for all formats (text not yet cleaned)."""
    whole = gettext("Whole draft")
    return [
        {key: getattr(row, key, "") for key, _label in COLUMNS}
        | {
            "number": index,
            "clause": row.clause or whole,
            "submitted_at": format_datetime(row.submitted_at),
        }
        for index, row in enumerate(table.rows, start=1)
    ]


def _preamble(table: FeedbackTable) -> list[str]:
    """The lines above the table in XLSX, ODS and DOCX: title, institution, date, draft."""
    lines = [
        table.title,
        table.institution,
        gettext("Generated: %(date)s") % {"date": format_datetime(table.generated_at)},
    ]
    if not table.published:
        lines.append(draft_marker())
    return lines


def _sheet_name() -> str:
    """A sheet name both Excel and LibreOffice accept (≤ 31 chars, none of []:*?/\\)."""
    return (
        re.sub(
            r"[\[\]:*?/\\]",
            "",
            pgettext("spreadsheet tab, at most 31 characters", "Feedback table"),
        )[:31]
        or "Sheet1"
    )


def _render_csv(table: FeedbackTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(clean(str(label))) for _key, label in COLUMNS])
    for cells in _cells(table):
        writer.writerow([neutralise(clean(str(cells[key]))) for key, _label in COLUMNS])
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return buffer.getvalue().encode("utf-8-sig")


def _render_xlsx(table: FeedbackTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_name()
    workbook.properties.title = clean(table.title)[:255]

    def put(row: int, column: int, value: str | int) -> None:
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, int):
            cell.value = value
            return
        cell.value = fit_spreadsheet_cell(neutralise(clean(value)))
        # openpyxl stores any text starting with "=" as a formula; neutralise() already
        # prevents that, and forcing the type keeps it so if the rule ever changes.
        cell.data_type = "s"

    preamble = _preamble(table)
    for offset, line in enumerate(preamble):
        put(offset + 1, 1, line)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    if not table.published:
        sheet.cell(row=len(preamble), column=1).font = Font(bold=True, color="C00000")

    header = len(preamble) + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, (key, label) in enumerate(COLUMNS, start=1):
        put(header, column, str(label))
        sheet.cell(row=header, column=column).font = Font(bold=True)
        sheet.cell(row=header, column=column).alignment = wrap
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[key]
    for offset, cells in enumerate(_cells(table), start=1):
        for column, (key, _label) in enumerate(COLUMNS, start=1):
            put(header + offset, column, cells[key])
            sheet.cell(row=header + offset, column=column).alignment = wrap

    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = f"A{header + 1}"
    sheet.auto_filter.ref = f"A{header}:{last}{header + len(table.rows)}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods_text(cell, value: str) -> None:
    """One text:p per line (as LibreOffice writes), keeping leading spaces and tabs."""
    from odf import teletype
    from odf.text import P, S

    for line in value.split("\n"):
        paragraph = P()
        stripped = line.lstrip(" ")
        if len(stripped) < len(line):
            paragraph.addElement(S(c=len(line) - len(stripped)))
        teletype.addTextToElement(paragraph, stripped)
        cell.addElement(paragraph)


def _ods_freeze(document, sheet_name: str, row: int) -> None:
    """Freeze the rows above `row` (0-based) through the view settings LibreOffice reads."""
    from odf import config

    def nest(parent, *children):
        for child in children:
            parent.addElement(child)
        return parent

    def item(name: str, kind: str, value: str | int):
        return config.ConfigItem(name=name, type=kind, text=str(value))

    sheet = nest(
        config.ConfigItemMapEntry(name=sheet_name),
        item("VerticalSplitMode", "short", 2),  # 2 = frozen
        item("VerticalSplitPosition", "int", row),
        item("ActiveSplitRange", "short", 2),
        item("PositionBottom", "int", row),
    )
    tables = nest(config.ConfigItemMapNamed(name="Tables"), sheet)
    view = nest(config.ConfigItemMapEntry(), item("ViewId", "string", "view1"), tables)
    views = nest(config.ConfigItemMapIndexed(name="Views"), view)
    document.settings.addElement(nest(config.ConfigItemSet(name="ooo:view-settings"), views))


def _render_ods(table: FeedbackTable) -> bytes:
    from odf.dc import Title
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(Title(text=clean(table.title)))
    styles = document.automaticstyles

    def cell_style(name: str, **text: str) -> Style:
        style = Style(name=name, family="table-cell")
        style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
        if text:
            style.addElement(TextProperties(**text))
        styles.addElement(style)
        return style

    plain = cell_style("cell")
    bold = cell_style("header", fontweight="bold")
    title = cell_style("title", fontweight="bold", fontsize="14pt")
    draft = cell_style("draft", fontweight="bold", color="#c00000")

    sheet_name = _sheet_name()
    sheet = Table(name=sheet_name)
    for key, _label in COLUMNS:
        column_style = Style(name=f"col-{key}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{WIDTHS[key] * 0.21:.2f}cm"))
        styles.addElement(column_style)
        sheet.addElement(TableColumn(stylename=column_style))

    def row_of(values: list[str | int], style: Style) -> TableRow:
        row = TableRow()
        for value in values:
            if isinstance(value, int):
                cell = TableCell(valuetype="float", value=value, stylename=style)
                _ods_text(cell, str(value))
            else:
                cell = TableCell(valuetype="string", stylename=style)
                _ods_text(cell, neutralise(clean(value)))
            row.addElement(cell)
        return row

    preamble = _preamble(table)
    for index, line in enumerate(preamble):
        style = title if index == 0 else plain
        if not table.published and index == len(preamble) - 1:
            style = draft
        sheet.addElement(row_of([line], style))
    spacer = TableRow()  # a row must hold at least one cell to be valid ODF
    spacer.addElement(TableCell())
    sheet.addElement(spacer)
    # Header rows are repeated on every printed page.
    header_rows = TableHeaderRows()
    header_rows.addElement(row_of([str(label) for _key, label in COLUMNS], bold))
    sheet.addElement(header_rows)
    for cells in _cells(table):
        sheet.addElement(row_of([cells[key] for key, _label in COLUMNS], plain))
    document.spreadsheet.addElement(sheet)
    _ods_freeze(document, sheet_name, len(preamble) + 2)

    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _render_docx(table: FeedbackTable) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    document.core_properties.title = clean(table.title)[:255]
    document.styles["Normal"].font.size = Pt(9)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    if section.page_width < section.page_height:
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))

    preamble = _preamble(table)
    document.add_heading(clean(table.title), level=1)
    for line in preamble[1:3]:
        document.add_paragraph(clean(line))
    if not table.published:
        for paragraph in (document.add_paragraph(), section.header.paragraphs[0]):
            run = paragraph.add_run(draft_marker())
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    grid = document.add_table(rows=1, cols=len(DOCX_COLUMNS))
    grid.style = "Table Grid"
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(WIDTHS[key] for key, _label in DOCX_COLUMNS)
    widths = [int(usable * WIDTHS[key] / total) for key, _label in DOCX_COLUMNS]

    header = grid.rows[0]
    # w:tblHeader makes Word repeat this row at the top of every page the table spans.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, (_key, label), width in zip(header.cells, DOCX_COLUMNS, widths, strict=True):
        cell.width = width
        cell.text = clean(str(label))
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for cells in _cells(table):
        row = grid.add_row()
        for cell, (key, _label), width in zip(row.cells, DOCX_COLUMNS, widths, strict=True):
            cell.width = width
            cell.text = clean(str(cells[key]))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_RENDERERS: dict[str, tuple[Callable[[FeedbackTable], bytes], str]] = {
    "csv": (_render_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        _render_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ods": (_render_ods, "application/vnd.oasis.opendocument.spreadsheet"),
    "docx": (
        _render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


# The media type of each format, without parameters (for the API's OpenAPI document).
CONTENT_TYPES = [content_type.split(";")[0] for _renderer, content_type in _RENDERERS.values()]


def render(table: FeedbackTable, fmt: str) -> Rendered:
    """The table as one of FORMATS; anything else is a ValueError (a caller's mistake)."""
    try:
        renderer, content_type = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {FORMATS}") from None
    return Rendered(renderer(table), content_type, fmt)


def filename(table: FeedbackTable, extension: str) -> str:
    """`izzina-<title>-<date>.<ext>`, ASCII only, at most 80 characters.

    ASCII because browsers and mail clients still mangle non-ASCII download names; Latvian
    letters lose their marks (ā → a) through NFKD. A draft table's name starts with
    `draft-`, the only draft marker a plain CSV can carry.
    """
    extension = extension.lstrip(".")
    decomposed = unicodedata.normalize("NFKD", table.title)
    slug = slugify("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    prefix = "izzina" if table.published else "draft-izzina"
    suffix = f"{timezone.localtime(table.generated_at):%Y-%m-%d}.{extension}"
    room = MAX_FILENAME - len(prefix) - len(suffix) - 2
    slug = slug[: max(room, 0)].strip("-")
    return "-".join(part for part in (prefix, slug) if part) + "-" + suffix
