"""The feedback table as the official DOCX document, laid out as Latvian institutions print it.

An A4 landscape page: the institution, the document's name ("Izziņa par viedokļu ņemšanu
vērā"), the consultation and the date on top; the table with every column (the clause text
too); and a signature block for the responsible official with a line for the signature.

Column widths follow the content (`column_widths`): each column is at least as wide as its
longest word, so no word breaks in the middle, and the room left goes to the columns with
the most text. python-docx would otherwise write twelve equal columns, which Word and
LibreOffice both honour.
"""

from __future__ import annotations

import io
import re
import unicodedata

from django.utils.translation import gettext

from lidzdaliba.core.spreadsheets import clean

from .table import (
    COLUMNS,
    FeedbackTable,
    cells,
    document_date,
    document_title,
    draft_marker,
)

# Arial is on every office computer and LibreOffice replaces it with the metrically equal
# Liberation Sans, so a width measured for one fits the other (python-docx's default Calibri
# falls back to a wider serif font where it is missing, breaking words).
FONT = "Arial"
TABLE_FONT_POINTS = 8
POINT_MM = 25.4 / 72
CELL_PADDING_MM = 1.0  # left and right, each (w:tblCellMar)
LONGEST_WORD_MM = 30.0  # a longer "word" (a link) may break rather than crowd the rest
CONTENT_CAP_MM = 400.0  # beyond this much text on a line a column is simply "long text"
# Widths of Arial's letters in ems, by shape (bold is a little wider: see SAFETY).
_NARROW, _SLIM, _WIDE = set("ijl.,:;'|!"), set('ftrI()[]-/"„”“«» '), set("mwMW")
SAFETY = 1.06
BOLD = 1.08  # the header row


def letter_em(char: str) -> float:
    base = unicodedata.normalize("NFD", char)[:1] or char
    if base in _NARROW:
        return 0.23
    if base in _SLIM:
        return 0.34
    if base in _WIDE:
        return 0.88
    if base.isupper():
        return 0.72
    return 0.56


def text_mm(text: str) -> float:
    """How wide `text` prints on one line in the table's font, rounded up for safety."""
    return sum(letter_em(char) for char in text) * TABLE_FONT_POINTS * POINT_MM * SAFETY


# Where a line may break: at spaces and after a hyphen ("LDZ-7K3M-9Q2P", "e-pasts").
_BREAKS = re.compile(r"\s+|(?<=-)")


def _longest_word_mm(text: str) -> float:
    return max((text_mm(word) for word in _BREAKS.split(text)), default=0.0)


def _longest_line_mm(text: str) -> float:
    return max((text_mm(line) for line in text.split("\n")), default=0.0)


def column_widths(rows: list[list[str]], usable_mm: float) -> list[float]:
    """Column widths in millimetres for `rows` (the header first) across `usable_mm`.

    Every column gets its longest word plus padding; what remains is shared in proportion
    to how much more text each column holds than that minimum, so the number and date
    columns stay narrow and the opinion, clause and reason columns take the space. If even
    the longest words do not fit, every column shrinks alike.
    """
    columns = list(zip(*rows, strict=True))
    padding = 2 * CELL_PADDING_MM + 1.0
    minimum = [
        min(
            max([_longest_word_mm(column[0]) * BOLD, *map(_longest_word_mm, column[1:])]),
            LONGEST_WORD_MM,
        )
        + padding
        for column in columns
    ]
    wanted = [
        min(max(_longest_line_mm(v) for v in column), CONTENT_CAP_MM) + padding
        for column in columns
    ]
    spare = usable_mm - sum(minimum)
    if spare <= 0:
        return [width * usable_mm / sum(minimum) for width in minimum]
    extra = [max(want - least, 0.0) for want, least in zip(wanted, minimum, strict=True)]
    if sum(extra) <= spare:
        # Everything fits on one line each: give the leftover room alike.
        share = (spare - sum(extra)) / len(columns)
        return [least + more + share for least, more in zip(minimum, extra, strict=True)]
    return [least + spare * more / sum(extra) for least, more in zip(minimum, extra, strict=True)]


def render_docx(table: FeedbackTable) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    document.core_properties.title = clean(table.title)[:255]
    document.core_properties.author = clean(table.institution)[:255]
    normal = document.styles["Normal"].font
    normal.size, normal.name = Pt(10), FONT
    document.styles["Normal"].element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    # A4, not python-docx's default US Letter; landscape for the twelve columns.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))

    def line(text: str, *, bold=False, size=None, center=False, space_after=4):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(clean(text))
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    line(table.institution, bold=True, size=12, center=True)
    line(document_title(), bold=True, size=14, center=True)
    line(table.title, center=True)
    line(document_date(table), space_after=8)
    if not table.published:
        for paragraph in (line(""), section.header.paragraphs[0]):
            run = paragraph.add_run(draft_marker())
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    header = [clean(str(label)) for _key, label in COLUMNS]
    body = [[clean(str(row[key])) for key, _label in COLUMNS] for row in cells(table)]
    usable_mm = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
    widths = [Mm(width) for width in column_widths([header, *body], usable_mm)]

    grid = document.add_table(rows=1, cols=len(COLUMNS))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    properties = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_PADDING_MM * 56.7)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice reads

    def fill(row, values: list[str], bold: bool = False) -> None:
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width  # w:tcW, which Word reads
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(TABLE_FONT_POINTS)
                if bold:
                    run.bold = True

    first = grid.rows[0]
    # w:tblHeader makes Word and LibreOffice repeat this row at the top of every page.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    first._tr.get_or_add_trPr().append(repeat)
    fill(first, header, bold=True)
    for values in body:
        fill(grid.add_row(), values)

    _signature_block(document, table, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature_block(document, table: FeedbackTable, line) -> None:
    """Who answers for the table, a line to sign on and the date, as a printed izziņa ends."""
    line("", space_after=12)
    official = table.responsible_official.strip()
    if official:
        line(gettext("Responsible official: %(name)s") % {"name": official})
    else:
        line(gettext("Responsible official:") + " " + "_" * 30)
    line("_" * 30, space_after=0)
    line(gettext("(signature)"), size=8)
    line(gettext("Date: %(date)s") % {"date": document_date(table)})
