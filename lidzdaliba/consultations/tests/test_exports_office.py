"""Issue 10.9: every download of the feedback table opens in LibreOffice and holds the rows;
the DOCX prints on A4 without words broken mid-word; the PDF is PDF/A; spreadsheet rows grow
with their wrapped text.

The files are fetched through the web and API download URLs and opened with headless
LibreOffice (lidzdaliba/testing/libreoffice.py), as an officer or a resident would open them.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from lidzdaliba.consultations import services
from lidzdaliba.consultations.exports import COLUMNS, render
from lidzdaliba.consultations.tests.test_exports import ROWS, make_table
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

OPINION = "Ierosinām ūdens ņemšanas vietās ļaut žāvēt ķēdes un ģērbties: āčēģīķļņšūž."
REASON = "Priekšlikums daļēji ņemts vērā; precizēts 2.1. punkts."


def words(text: str) -> set[str]:
    return set(text.split())


@pytest.fixture
def consultation(editor, responder, resident, ministry):
    """A closed consultation with one answered opinion on clause 2.1."""
    consultation = factories.published_consultation(editor, ministry)
    clause = next(c for c in factories.commentable_clauses(consultation) if c.label == "2.1.")
    opinion = factories.opinion(consultation, resident, text=OPINION, clause=clause)
    factories.close(consultation)
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.PARTLY_TAKEN_INTO_ACCOUNT, reason=REASON
    )
    consultation.clause_text = clause.text
    return consultation


def download(client, consultation, fmt: str, *, api: bool) -> bytes:
    if api:
        url = f"/api/v1/consultations/{consultation.pk}/feedback-table"
    else:
        url = reverse("consultations:feedback", args=[consultation.pk])
    response = client.get(url, {"format": fmt})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].rstrip('"').endswith(f".{fmt}")
    return response.content


def opened_text(libreoffice, content: bytes, fmt: str) -> str:
    if fmt in ("csv", "xlsx", "ods"):
        return "\n".join("\n".join(row) for row in libreoffice.spreadsheet_rows(content, fmt))
    if fmt == "docx":
        return libreoffice.document_text(content, fmt)
    return libreoffice.pdf_text(content)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods", "docx", "pdf"])
def test_every_download_opens_in_libreoffice_with_its_rows(
    fmt, consultation, responder, client_for, api_for, libreoffice
):
    # The officer's working copy through the API, then the public table on the web.
    draft = download(api_for(responder), consultation, fmt, api=True)
    services.feedback_publish(actor=responder, consultation=consultation)
    published = download(client_for(None), consultation, fmt, api=False)
    for content in (draft, published):
        text = opened_text(libreoffice, content, fmt)
        # Word by word: a PDF page breaks a cell's text into lines.
        expected_texts = [OPINION, REASON, consultation.clause_text]
        if fmt != "csv":  # a CSV is the bare table, without the title above it
            expected_texts.append(consultation.title)
        for expected in expected_texts:
            assert words(expected) <= words(text), (fmt, expected, text[:2000])
    if fmt == "csv":
        # The BOM is what makes LibreOffice (and Excel) read the file as UTF-8.
        assert published.startswith(b"\xef\xbb\xbf")


@translation.override("lv")
def test_docx_prints_on_a4_without_breaking_words(libreoffice):
    """Printed through LibreOffice, the DOCX is an A4 page and every word of the table and
    its header is whole on its line (not "Pamatojum" / "s")."""
    long_words = replace(
        ROWS[0],
        clause_text="Centralizētās ūdenssaimniecības sistēmas pieslēgums.",
        reason="Ūdenssaimniecības pakalpojumu sniedzējiem jānodrošina pieslēgums.",
        submitter="Privātpersona",
    )
    table = make_table(True, rows=[long_words, *ROWS[1:]])
    printed = libreoffice.convert(render(table, "docx").content, "docx", "pdf")
    reader = PdfReader(io.BytesIO(printed))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        297,
        210,
    )
    text = "\n".join(page.extract_text() for page in reader.pages)
    printed_words = set(text.split())
    cells = [str(label) for _key, label in COLUMNS] + [
        value
        for r in table.rows
        for value in (r.clause_text, r.submitter, r.kind, r.opinion, r.outcome, r.reason)
    ]
    # Whole words of four letters or more (a number or a formula may break anywhere).
    stripped = (word.strip(",.;:„”") for cell in cells for word in cell.split())
    expected = {word for word in stripped if len(word) >= 4 and word.isalpha()}
    assert expected
    broken = {word for word in expected if not any(word in p for p in printed_words)}
    assert not broken, broken
    for heading in (
        gettext("Feedback table"),
        gettext("Responsible official: %(name)s") % {"name": "Līga Kalniņa"},
        gettext("(signature)"),
    ):
        assert heading in text


@translation.override("en")
def test_pdf_is_pdf_a_with_embedded_fonts():
    content = render(make_table(False), "pdf").content
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.xmp_metadata
    assert xmp is not None
    declared = xmp.rdf_root.toxml()
    assert re.search(r"pdfaid:part(?:>|=\")3", declared), declared
    assert re.search(r"pdfaid:conformance(?:>|=\")B", declared), declared
    assert "/OutputIntents" in reader.trailer["/Root"]
    fonts = 0
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for described in [font, *[f.get_object() for f in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in described:
                    descriptor = described["/FontDescriptor"].get_object()
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
                    fonts += 1
    assert fonts
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Feedback table", "DRAFT – not published", "Responsible official:"):
        assert expected in text
    assert words("Pašvaldība nodrošina ūdens ņemšanu.") <= words(text)
    assert "āčēģīķļņšūž" in text


def test_spreadsheet_rows_grow_with_wrapped_text(libreoffice):
    """Rows with several lines of text are as tall as their lines, in the file and once
    LibreOffice has opened it (the lines used to be drawn over the next row)."""
    from odf.opendocument import load
    from odf.style import Style, TableRowProperties
    from openpyxl import load_workbook

    table = make_table(True)
    xlsx = render(table, "xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    first = next(r for r in range(1, 10) if sheet.cell(r, 1).value == 1)  # the first data row
    # Three lines of opinion: at least three lines of 15 points.
    assert sheet.row_dimensions[first].height >= 45
    assert sheet.row_dimensions[first + 2].height < sheet.row_dimensions[first].height
    assert all(cell.alignment.wrap_text for cell in sheet[first])

    ods = render(table, "ods").content
    document = load(io.BytesIO(ods))
    optimal = [
        style.getAttribute("name")
        for style in document.automaticstyles.getElementsByType(Style)
        for properties in style.getElementsByType(TableRowProperties)
        if properties.getAttribute("useoptimalrowheight") == "true"
    ]
    assert optimal

    for content, suffix in ((xlsx, "xlsx"), (ods, "ods")):
        rows = libreoffice.spreadsheet_rows(content, suffix)
        heights = libreoffice.row_heights_cm(content, suffix)
        index = next(i for i, row in enumerate(rows) if row[:1] == ["1"])
        single = min(heights)  # a line above the table
        assert heights[index] >= 2.5 * single, (suffix, heights)
