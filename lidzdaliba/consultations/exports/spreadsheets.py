"""The feedback table as spreadsheets: CSV, XLSX and ODS.

Wrapped text must make its row taller, or a spreadsheet draws the lines of one cell over the
next row. LibreOffice computes a row's height itself when the row says so (ODS
`use-optimal-row-height`); Excel and LibreOffice both keep the height an XLSX file states and
do not measure rows openpyxl wrote, so XLSX rows carry a height estimated from their longest
wrapped cell (`row_lines`), erring on the tall side.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import datetime

from django.utils import timezone
from django.utils.translation import pgettext

from lidzdaliba.core.spreadsheets import clean, neutralise

from .table import (
    COLUMNS,
    WIDTHS,
    FeedbackTable,
    cells,
    fit_spreadsheet_cell,
    preamble,
)

# Points per line of 11 pt Calibri (the XLSX default font) and of 10 pt Liberation Sans
# (LibreOffice's), and the tallest row Excel allows.
XLSX_LINE_POINTS = 15.0
ODS_LINE_CM = 0.46
XLSX_MAX_ROW_POINTS = 409.0


DATETIME_DISPLAY = "%Y-%m-%d %H:%M"  # as the CSV writes it
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

Value = str | int | datetime


def typed_rows(table: FeedbackTable) -> list[list[Value]]:
    """The rows of `cells` with the submission time as a date-and-time value in Riga time, so
    a spreadsheet sorts and filters it as a date (the CSV writes the same as text)."""
    return [
        [
            timezone.localtime(row.submitted_at).replace(tzinfo=None, second=0, microsecond=0)
            if key == "submitted_at"
            else values[key]
            for key, _label in COLUMNS
        ]
        for values, row in zip(cells(table), table.rows, strict=True)
    ]


def row_lines(values: list[Value], widths: list[float]) -> int:
    """How many lines the tallest cell of a row takes when wrapped at its column's width.

    A line of a column `width` characters wide holds a little less than `width` letters once
    words wrap whole, hence the 0.85.
    """
    tallest = 1
    for value, width in zip(values, widths, strict=True):
        per_line = max(1, int(width * 0.85))
        text = value.strftime(DATETIME_DISPLAY) if isinstance(value, datetime) else str(value)
        lines = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest


def sheet_name() -> str:
    """A sheet name both Excel and LibreOffice accept (≤ 31 chars, none of []:*?/\\)."""
    return (
        re.sub(
            r"[\[\]:*?/\\]",
            "",
            pgettext("spreadsheet tab, at most 31 characters", "Feedback table"),
        )[:31]
        or "Sheet1"
    )


def render_csv(table: FeedbackTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(clean(str(label))) for _key, label in COLUMNS])
    for values in cells(table):
        writer.writerow([neutralise(clean(str(values[key]))) for key, _label in COLUMNS])
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(table: FeedbackTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name()
    workbook.properties.title = clean(table.title)[:255]

    def put(row: int, column: int, value: Value) -> None:
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, datetime):
            cell.value = value
            cell.number_format = XLSX_DATETIME_FORMAT
            return
        if isinstance(value, int):
            cell.value = value
            return
        cell.value = fit_spreadsheet_cell(neutralise(clean(value)))
        # openpyxl stores any text starting with "=" as a formula; neutralise() already
        # prevents that, and forcing the type keeps it so if the rule ever changes.
        cell.data_type = "s"

    lines = preamble(table)
    for offset, line in enumerate(lines):
        put(offset + 1, 1, line)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    if not table.published:
        sheet.cell(row=len(lines), column=1).font = Font(bold=True, color="C00000")

    header = len(lines) + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [WIDTHS[key] for key, _label in COLUMNS]
    rows: list[list[Value]] = [[str(label) for _key, label in COLUMNS]]
    rows += typed_rows(table)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            put(header + offset, column, value)
            sheet.cell(row=header + offset, column=column).alignment = wrap
        height = row_lines(values, widths) * XLSX_LINE_POINTS
        sheet.row_dimensions[header + offset].height = min(height, XLSX_MAX_ROW_POINTS)
    for column, width in enumerate(widths, start=1):
        sheet.cell(row=header, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width

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


def _ods_datetime_style(styles) -> str:
    """A number:date-style showing "2026-11-20 09:05"; its name, for a cell style."""
    from odf.number import DateStyle, Day, Hours, Minutes, Month, Text, Year

    style = DateStyle(name="datetime")
    for part in (
        Year(style="long"),
        Text(text="-"),
        Month(style="long"),
        Text(text="-"),
        Day(style="long"),
        Text(text=" "),
        Hours(style="long"),
        Text(text=":"),
        Minutes(style="long"),
    ):
        style.addElement(part)
    styles.addElement(style)
    return "datetime"


def render_ods(table: FeedbackTable) -> bytes:
    from odf.dc import Title
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableRowProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(Title(text=clean(table.title)))
    styles = document.automaticstyles

    def cell_style(name: str, wrap: bool = True, datastylename=None, **text: str) -> Style:
        data = {"datastylename": datastylename} if datastylename else {}
        style = Style(name=name, family="table-cell", **data)
        wrapping = "wrap" if wrap else "no-wrap"
        style.addElement(TableCellProperties(wrapoption=wrapping, verticalalign="top"))
        if text:
            style.addElement(TextProperties(**text))
        styles.addElement(style)
        return style

    plain = cell_style("cell")
    date_cell = cell_style("date", datastylename=_ods_datetime_style(styles))
    bold = cell_style("header", fontweight="bold")
    # The lines above the table run on over the empty cells to their right, unwrapped.
    line = cell_style("line", wrap=False)
    title = cell_style("title", wrap=False, fontweight="bold", fontsize="14pt")
    draft = cell_style("draft", wrap=False, fontweight="bold", color="#c00000")

    name = sheet_name()
    sheet = Table(name=name)
    for key, _label in COLUMNS:
        column_style = Style(name=f"col-{key}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{WIDTHS[key] * 0.21:.2f}cm"))
        styles.addElement(column_style)
        sheet.addElement(TableColumn(stylename=column_style))

    widths = [WIDTHS[key] for key, _label in COLUMNS]
    row_styles: dict[int, Style] = {}

    def row_style(values: list[Value]) -> Style:
        """A row LibreOffice makes as tall as its wrapped text; the height stated is only
        the estimate other programs start from."""
        lines = row_lines(values, widths[: len(values)])
        if lines not in row_styles:
            style = Style(name=f"row-{lines}", family="table-row")
            style.addElement(
                TableRowProperties(
                    useoptimalrowheight="true", rowheight=f"{lines * ODS_LINE_CM:.2f}cm"
                )
            )
            styles.addElement(style)
            row_styles[lines] = style
        return row_styles[lines]

    def row_of(values: list[Value], style: Style, wrapped: bool = True) -> TableRow:
        row = TableRow(stylename=row_style(values)) if wrapped else TableRow()
        for value in values:
            if isinstance(value, datetime):
                cell = TableCell(
                    valuetype="date",
                    datevalue=value.isoformat(timespec="seconds"),
                    stylename=date_cell,
                )
                _ods_text(cell, value.strftime(DATETIME_DISPLAY))
            elif isinstance(value, int):
                cell = TableCell(valuetype="float", value=value, stylename=style)
                _ods_text(cell, str(value))
            else:
                cell = TableCell(valuetype="string", stylename=style)
                _ods_text(cell, neutralise(clean(value)))
            row.addElement(cell)
        return row

    lines = preamble(table)
    for index, text in enumerate(lines):
        style = title if index == 0 else line
        if not table.published and index == len(lines) - 1:
            style = draft
        sheet.addElement(row_of([text], style, wrapped=False))
    spacer = TableRow()  # a row must hold at least one cell to be valid ODF
    spacer.addElement(TableCell())
    sheet.addElement(spacer)
    # Header rows are repeated on every printed page.
    header_rows = TableHeaderRows()
    header_rows.addElement(row_of([str(label) for _key, label in COLUMNS], bold))
    sheet.addElement(header_rows)
    for values in typed_rows(table):
        sheet.addElement(row_of(values, plain))
    document.spreadsheet.addElement(sheet)
    _ods_freeze(document, name, len(lines) + 2)

    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
