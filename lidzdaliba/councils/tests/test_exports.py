"""The minutes and member-list documents in every format, without a database: each holds
the header block (institution, body, document title, meeting, Latvian date), every row it
was given and nothing else, and its file name is plain ASCII."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from lidzdaliba.councils.exports import (
    FORMATS,
    AnsweredQuestion,
    MemberListData,
    MemberRow,
    MinutesData,
    filename,
    member_list_document,
    minutes_document,
    render,
)

RIGA = ZoneInfo("Europe/Riga")
MINUTES = MinutesData(
    institution="Veselības ministrija",
    body="Veselības konsultatīvā padome",
    meeting_title="Padomes sēde Nr. 7: ūdens ņemšanas vietas",
    starts_at=datetime(2026, 11, 3, 10, 0, tzinfo=RIGA),
    mode="Jaukta (klātienē un attālināti)",
    place="Brīvības iela 72, Rīga",
    minutes="Sēdi atklāj priekšsēdētāja.\n\nApspriež ūdens ņemšanas vietas.",
    decisions="Atbalstīt grozījumus ar ģērbtuvēm.",
    summary="Iedzīvotāji vēlas vairāk soliņu.",
    participants=[("Biedrība „Zaļā upe”", "Klātienē"), ("Anna Bērziņa", "Attālināti")],
    unnamed_participants=3,
    answers=[
        AnsweredQuestion("Kad sāksies darbi?", "2027. gada pavasarī.", ""),
        AnsweredQuestion("Kas maksās?", "Valsts budžets.", "Biedrība „Zaļā upe”"),
    ],
)
MEMBERS = MemberListData(
    institution="Veselības ministrija",
    body="Veselības konsultatīvā padome",
    kind="Konsultatīvā padome",
    term_starts_on=date(2025, 1, 1),
    term_ends_on=None,
    generated_on=date(2026, 12, 6),
    members=[
        MemberRow("Ilze Kalniņa", "Priekšsēdētājs", ["Pacienti", "Senjori"], date(2025, 1, 1)),
        MemberRow("Latvijas Ārstu biedrība", "Loceklis", [], date(2025, 2, 1), date(2027, 1, 31)),
    ],
    represented=["Pacienti", "Senjori"],
    unrepresented=["Jaunieši"],
)


def text_of(content: bytes, fmt: str) -> str:
    """Every piece of text a format holds, in document order."""
    if fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(content))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
        return "\n".join(parts)
    if fmt == "odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.table import TableRow
        from odf.text import H, P

        document = load(io.BytesIO(content))
        parts = [teletype.extractText(e) for e in document.getElementsByType(H)]
        parts += [teletype.extractText(e) for e in document.getElementsByType(P)]
        parts += [
            "\t".join(teletype.extractText(cell) for cell in row.childNodes)
            for row in document.getElementsByType(TableRow)
        ]
        return "\n".join(parts)
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def words(text: str) -> set[str]:
    return set(text.split())


@translation.override("lv")
@pytest.mark.parametrize("fmt", FORMATS)
def test_minutes_hold_the_header_block_and_every_part(fmt):
    rendered = render(minutes_document(MINUTES), fmt)
    text = text_of(rendered.content, fmt)
    for expected in (
        "Veselības ministrija",
        "Veselības konsultatīvā padome",
        "Sanāksmes protokols",
        MINUTES.meeting_title,
        "2026. gada 3. novembris",  # the Latvian date of the header block
        "Sēdi atklāj priekšsēdētāja.",
        "Apspriež ūdens ņemšanas vietas.",
        MINUTES.decisions,
        MINUTES.summary,
        "Anna Bērziņa",
        "Kad sāksies darbi?",
        "2027. gada pavasarī.",
        "Biedrība „Zaļā upe”: Kas maksās?",  # an organisation asking is named
    ):
        assert words(expected) <= words(text), (fmt, expected, text[:1500])
    assert "3" in text and "Citi dalībnieki" in text  # the unnamed are counted, not named
    if fmt != "pdf":  # a PDF has no tables to find, only text on a page
        assert "Anna Bērziņa\tAttālināti" in text


@translation.override("lv")
@pytest.mark.parametrize("fmt", FORMATS)
def test_member_list_holds_every_member_with_role_groups_and_term(fmt):
    text = text_of(render(member_list_document(MEMBERS), fmt).content, fmt)
    for expected in (
        "Veselības ministrija",
        "Locekļu saraksts",
        "2026. gada 6. decembris",
        "Ilze Kalniņa",
        "Priekšsēdētājs",
        "Pacienti, Senjori",
        "Latvijas Ārstu biedrība",
        "01.02.2025. – 31.01.2027.",
        "Jaunieši",
    ):
        assert words(expected) <= words(text), (fmt, expected, text[:1500])
    if fmt != "pdf":
        assert "1\tIlze Kalniņa\tPriekšsēdētājs\tPacienti, Senjori" in text
        assert "2\tLatvijas Ārstu biedrība\tLoceklis\t—" in text


@translation.override("en")
def test_english_documents_speak_english():
    text = text_of(render(minutes_document(MINUTES), "docx").content, "docx")
    assert "Minutes of the meeting" in text
    assert "3 November 2026" in text


def test_text_xml_cannot_hold_is_dropped_in_every_format():
    broken = MinutesData(**{**MINUTES.__dict__, "minutes": "Pirms\x00\x0b pēc\ud800."})
    for fmt in FORMATS:
        assert "Pirms pēc." in text_of(render(minutes_document(broken), fmt).content, fmt)


def test_file_names_are_ascii_and_short():
    with translation.override("lv"):
        document = minutes_document(MINUTES)
    assert filename(document, "docx") == (
        "protokols-padomes-sede-nr-7-udens-nemsanas-vietas-2026-11-03.docx"
    )
    long = MinutesData(**{**MINUTES.__dict__, "meeting_title": "Ļoti gara sēde " * 20})
    name = filename(minutes_document(long), ".odt")
    assert len(name) <= 80 and name.isascii() and name.endswith("-2026-11-03.odt")
    assert filename(member_list_document(MEMBERS), "pdf") == (
        "biedri-veselibas-konsultativa-padome-2026-12-06.pdf"
    )


def test_an_unknown_format_is_a_callers_mistake():
    with pytest.raises(ValueError):
        render(member_list_document(MEMBERS), "xlsx")


def test_the_pdf_is_pdf_a_on_a4_with_embedded_fonts():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(member_list_document(MEMBERS), "pdf").content))
    declared = reader.xmp_metadata.rdf_root.toxml()
    assert "pdfaid" in declared and "/OutputIntents" in reader.trailer["/Root"]
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for font in page["/Resources"]["/Font"].values():
        for described in [font.get_object(), *font.get_object().get("/DescendantFonts", [])]:
            described = described.get_object()
            if "/FontDescriptor" in described:
                descriptor = described["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
