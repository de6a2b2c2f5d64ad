"""A councils `Document` as DOCX (python-docx) and ODT (odfpy): an A4 portrait page with the
header block centred on top, headed sections, and tables with a header row that repeats on
every page. Arial, which LibreOffice replaces with the metrically equal Liberation Sans."""

from __future__ import annotations

import io

from lidzdaliba.core.spreadsheets import clean

from .document import Document, Table

FONT = "Arial"
USABLE_WIDTH_MM = 210 - 2 * 20


def render_docx(document: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    docx = Docx()
    docx.core_properties.title = clean(f"{document.document_title}: {document.title}")[:255]
    docx.core_properties.author = clean(document.institution)[:255]
    docx.core_properties.language = document.language
    normal = docx.styles["Normal"]
    normal.font.size, normal.font.name = Pt(11), FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not US Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))

    def line(text: str, *, bold=False, size=None, center=False, space_after=4):
        paragraph = docx.add_paragraph()
        run = paragraph.add_run(clean(text))
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    institution, body, title, *rest = document.header_lines()
    line(institution, bold=True, size=13, center=True, space_after=2)
    line(body, center=True, space_after=8)
    line(title, bold=True, size=15, center=True, space_after=4)
    for text in rest[:-1]:
        line(text, center=True)
    line(rest[-1], space_after=12)  # the date, at the left as a Latvian document has it

    for part in document.sections:
        docx.add_heading(clean(part.heading), level=2)
        for text in part.paragraphs:
            line(text, space_after=6)
        if part.table is not None:
            _docx_table(docx, part.table, Mm, Pt, OxmlElement, qn, WD_TABLE_ALIGNMENT)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _docx_table(docx, table: Table, Mm, Pt, OxmlElement, qn, alignment) -> None:
    grid = docx.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = alignment.CENTER
    grid.autofit = False
    widths = [Mm(USABLE_WIDTH_MM * share) for share in table.relative_widths()]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice reads

    def fill(row, values: list[str], bold: bool = False) -> None:
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width  # w:tcW, which Word reads
            cell.text = clean(value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10)
                run.bold = bold

    first = grid.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row again at the top of every page
    repeat.set(qn("w:val"), "true")
    first._tr.get_or_add_trPr().append(repeat)
    fill(first, table.columns, bold=True)
    for values in table.rows:
        fill(grid.add_row(), values)
    docx.add_paragraph()


def render_odt(document: Document) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, P

    odt = OpenDocumentText()
    odt.meta.addElement(_meta_title(f"{document.document_title}: {document.title}"))
    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop="2cm",
            marginbottom="2cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    odt.automaticstyles.addElement(layout)
    odt.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

    def style(name, family, *properties):
        made = Style(name=name, family=family)
        for prop in properties:
            made.addElement(prop)
        odt.automaticstyles.addElement(made)
        return made

    text_font = {"fontname": FONT, "fontfamily": FONT}
    plain = style("Plain", "paragraph", TextProperties(fontsize="11pt", **text_font))
    centred = style(
        "Centred",
        "paragraph",
        ParagraphProperties(textalign="center", marginbottom="0.1cm"),
        TextProperties(fontsize="11pt", **text_font),
    )
    strong = style(
        "Strong",
        "paragraph",
        ParagraphProperties(textalign="center", marginbottom="0.1cm"),
        TextProperties(fontsize="13pt", fontweight="bold", **text_font),
    )
    big = style(
        "Title",
        "paragraph",
        ParagraphProperties(textalign="center", marginbottom="0.2cm", margintop="0.3cm"),
        TextProperties(fontsize="15pt", fontweight="bold", **text_font),
    )
    dated = style(
        "Dated",
        "paragraph",
        ParagraphProperties(marginbottom="0.4cm"),
        TextProperties(fontsize="11pt", **text_font),
    )
    heading = style(
        "Heading",
        "paragraph",
        ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"),
        TextProperties(fontsize="13pt", fontweight="bold", **text_font),
    )
    cell_text = style("CellText", "paragraph", TextProperties(fontsize="10pt", **text_font))
    header_text = style(
        "HeaderText", "paragraph", TextProperties(fontsize="10pt", fontweight="bold", **text_font)
    )
    cell = style(
        "Cell",
        "table-cell",
        TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"),
    )

    def paragraph(text: str, with_style) -> P:
        made = P(stylename=with_style)
        teletype.addTextToElement(made, clean(text))
        return made

    institution, body, title, *rest = document.header_lines()
    odt.text.addElement(paragraph(institution, strong))
    odt.text.addElement(paragraph(body, centred))
    odt.text.addElement(paragraph(title, big))
    for text in rest[:-1]:
        odt.text.addElement(paragraph(text, centred))
    odt.text.addElement(paragraph(rest[-1], dated))

    for number, part in enumerate(document.sections, start=1):
        made = H(outlinelevel=2, stylename=heading)
        teletype.addTextToElement(made, clean(part.heading))
        odt.text.addElement(made)
        for text in part.paragraphs:
            odt.text.addElement(paragraph(text, plain))
        if part.table is None:
            continue
        table_style = style(
            f"Table{number}",
            "table",
            TableProperties(width=f"{USABLE_WIDTH_MM / 10:.1f}cm", align="margins"),
        )
        grid = OdfTable(name=f"Table{number}", stylename=table_style)
        for index, share in enumerate(part.table.relative_widths()):
            column_style = style(
                f"Table{number}.C{index}",
                "table-column",
                TableColumnProperties(columnwidth=f"{USABLE_WIDTH_MM * share / 10:.2f}cm"),
            )
            grid.addElement(TableColumn(stylename=column_style))

        def row_of(values: list[str], text_style) -> TableRow:
            row = TableRow()
            for value in values:
                made = TableCell(stylename=cell, valuetype="string")
                made.addElement(paragraph(value, text_style))
                row.addElement(made)
            return row

        header = TableHeaderRows()  # repeated at the top of every page
        header.addElement(row_of(part.table.columns, header_text))
        grid.addElement(header)
        for values in part.table.rows:
            grid.addElement(row_of(values, cell_text))
        odt.text.addElement(grid)
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()


def _meta_title(text: str):
    from odf.dc import Title

    return Title(text=clean(text)[:255])
