"""Drafts are turned into numbered clauses and versions compared clause by clause."""

from __future__ import annotations

import io
import random
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from pypdf import PdfWriter

from lidzdaliba.consultations.documents import (
    DocumentError,
    ParsedClause,
    extract_text,
    split_into_clauses,
)
from lidzdaliba.core.tests.test_uploads import make_docx, make_odt, make_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PDF = "application/pdf"
LATVIAN = "āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ"

DRAFT = """\
Noteikumi par pašvaldības līdzfinansējumu
biedrību projektiem

Izdoti saskaņā ar likuma "Par pašvaldībām"
43. panta trešo daļu

I. Vispārīgie jautājumi

1. Noteikumi nosaka kārtību, kādā pašvaldība piešķir
līdzfinansējumu biedrību un nodibinājumu projektiem.
2. Līdzfinansējumu piešķir:
2.1. biedrībām, kas reģistrētas līdz
2025. gada 1. janvārim;
2.2. nodibinājumiem, kuru darbība atbilst 10.
punktā minētajiem mērķiem.

II. Līdzfinansējuma piešķiršanas
kārtība

3. Pieteikumam pievieno:
1) projekta tāmi;
2) dokumentus, kas apliecina
līdzfinansējumu.

Pieteikumus izvērtē komisija.
"""


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def as_tuples(clauses: list[ParsedClause]) -> list[tuple[str, str, bool]]:
    return [(c.number, c.text, c.is_heading) for c in clauses]


# --- Splitting --------------------------------------------------------------------------------


def test_latvian_draft_is_split_at_numbers_and_headings() -> None:
    assert as_tuples(split_into_clauses(DRAFT)) == [
        ("", "Noteikumi par pašvaldības līdzfinansējumu biedrību projektiem", False),
        ("", 'Izdoti saskaņā ar likuma "Par pašvaldībām" 43. panta trešo daļu', False),
        ("I", "Vispārīgie jautājumi", True),
        (
            "1",
            "Noteikumi nosaka kārtību, kādā pašvaldība piešķir līdzfinansējumu biedrību un "
            "nodibinājumu projektiem.",
            False,
        ),
        ("2", "Līdzfinansējumu piešķir:", False),
        ("2.1", "biedrībām, kas reģistrētas līdz 2025. gada 1. janvārim;", False),
        ("2.2", "nodibinājumiem, kuru darbība atbilst 10. punktā minētajiem mērķiem.", False),
        ("II", "Līdzfinansējuma piešķiršanas kārtība", True),
        ("3", "Pieteikumam pievieno:", False),
        ("3.1)", "projekta tāmi;", False),
        (
            "3.2)",
            "dokumentus, kas apliecina līdzfinansējumu.\nPieteikumus izvērtē komisija.",
            False,
        ),
    ]


def test_markdown_headings_are_headings() -> None:
    text = (
        "# Noteikumu projekts\n\nIevada teksts.\n\n## Mērķis ##\n\n"
        "1. Pirmais punkts\nturpinās.\n2. Otrais."
    )
    assert as_tuples(split_into_clauses(text)) == [
        ("", "Noteikumu projekts", True),
        ("", "Ievada teksts.", False),
        ("", "Mērķis", True),
        ("1", "Pirmais punkts turpinās.", False),
        ("2", "Otrais.", False),
    ]


def test_text_without_numbers_is_numbered_by_paragraph() -> None:
    text = "Pirmā rindkopa\nar pārnesumu.\n\nOtrā rindkopa.\n\n\n# Sadaļa\n\nTrešā."
    assert as_tuples(split_into_clauses(text)) == [
        ("1", "Pirmā rindkopa ar pārnesumu.", False),
        ("2", "Otrā rindkopa.", False),
        ("", "Sadaļa", True),
        ("3", "Trešā.", False),
    ]


def test_paragraphs_and_bullets_inside_a_clause_keep_their_breaks() -> None:
    text = (
        "1. Pieteikumam pievieno:\n- tāmi;\n- aprakstu\nar pārnesumu.\n\nOtrā rindkopa.\n2. Beigas."
    )
    assert as_tuples(split_into_clauses(text)) == [
        ("1", "Pieteikumam pievieno:\n- tāmi;\n- aprakstu ar pārnesumu.\nOtrā rindkopa.", False),
        ("2", "Beigas.", False),
    ]


def test_sub_points_before_any_numbered_clause_keep_their_own_number() -> None:
    assert [c.number for c in split_into_clauses("Ievads\n1) pirmais;\n2) otrais.")] == [
        "",
        "1)",
        "2)",
    ]


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_empty_text_has_no_clauses(text: str) -> None:
    assert split_into_clauses(text) == []


def test_latvian_letters_are_preserved() -> None:
    clauses = split_into_clauses(f"1. {LATVIAN}\n2. {LATVIAN.upper()}")
    assert [c.text for c in clauses] == [LATVIAN, LATVIAN.upper()]


def _random_documents(count: int) -> list[str]:
    pool = [
        "1. Pirmais punkts",
        "2.1. apakšpunkts;",
        "3) sīkāk",
        "I. Nodaļa",
        "IV. Nobeiguma jautājumi",
        "# Virsraksts",
        "###",
        "",
        "",
        "turpinājums rindā",
        "- aizzīme",
        "2025. gada 1. janvārī",
        "10. punktā minētie",
        "V. Vītols",
        LATVIAN,
        "1.",
        "a) burts",
        "12.3.4. dziļš punkts",
    ]
    rng = random.Random(20250101)
    return ["\n".join(rng.choice(pool) for _ in range(rng.randint(0, 25))) for _ in range(count)]


@pytest.mark.parametrize("text", [DRAFT, "Tikai viena rindkopa", *_random_documents(60)])
def test_no_text_is_lost(text: str) -> None:
    """Every word of the input appears, in order, in the clauses' numbers and texts."""
    output = [w for c in split_into_clauses(text) for w in words(f"{c.number} {c.text}")]
    remaining = iter(output)
    missing = [w for w in words(text) if w not in remaining]  # ordered subsequence check
    assert missing == []


# --- Extraction -------------------------------------------------------------------------------


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_list(document, num_id: int, levels: list[tuple[str, str]]) -> None:
    """A Word list definition as Word writes it: (number format, level text) per level."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'
    numbering.insert(0, parse_xml(abstract))  # the schema wants abstractNums before nums
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
        )
    )


def numbered(document, text: str, num_id: int, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_docx_list_number_style_carries_numbering_on_the_style() -> None:
    document = docx.Document()
    document.add_paragraph("Noteikumu projekts")
    first = document.add_paragraph("Pirmais punkts.", style="List Number")
    document.add_paragraph("Otrais punkts.", style="List Number")
    document.add_paragraph("Aizzīme bez numura", style="List Bullet")
    # The number lives on the style, not on the paragraph: the case to handle.
    assert first._p.pPr.numPr is None
    assert document.styles["List Number"].element.pPr.numPr is not None

    text = extract_text(docx_bytes(document), DOCX)
    assert text == (
        "Noteikumu projekts\n\n1. Pirmais punkts.\n\n2. Otrais punkts.\n\nAizzīme bez numura"
    )
    assert [c.number for c in split_into_clauses(text)] == ["", "1", "2"]


def test_docx_multilevel_word_numbering_becomes_clause_numbers() -> None:
    document = docx.Document()
    add_list(document, 90, [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%3)")])
    add_list(document, 91, [("upperRoman", "%1.")])
    document.add_paragraph(f"Noteikumi ({LATVIAN})")
    numbered(document, "Vispārīgie jautājumi", 91, 0)
    numbered(document, "Noteikumi nosaka kārtību.", 90, 0)
    numbered(document, "Līdzfinansējumu piešķir:", 90, 0)
    numbered(document, "biedrībām;", 90, 1)
    numbered(document, "nodibinājumiem, kas:", 90, 1)
    numbered(document, "reģistrēti Latvijā;", 90, 2)
    numbered(document, "Noslēguma jautājumi", 91, 0)
    numbered(document, "Noteikumi stājas spēkā.", 90, 0)

    clauses = split_into_clauses(extract_text(docx_bytes(document), DOCX))
    assert as_tuples(clauses) == [
        ("", f"Noteikumi ({LATVIAN})", False),
        ("I", "Vispārīgie jautājumi", True),
        ("1", "Noteikumi nosaka kārtību.", False),
        ("2", "Līdzfinansējumu piešķir:", False),
        ("2.1", "biedrībām;", False),
        ("2.2", "nodibinājumiem, kas:", False),
        ("2.2.1)", "reģistrēti Latvijā;", False),
        ("II", "Noslēguma jautājumi", True),
        ("3", "Noteikumi stājas spēkā.", False),
    ]


def test_docx_tables_and_tracked_changes() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Termiņš ir ")
    w = nsdecls("w")
    paragraph._p.append(
        parse_xml(f'<w:ins {w} w:id="1" w:author="A"><w:r><w:t>30</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(f'<w:del {w} w:id="2" w:author="A"><w:r><w:delText>14</w:delText></w:r></w:del>')
    )
    paragraph.add_run(" dienas.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Šūna viens"
    table.cell(0, 1).text = "Šūna divi"

    text = extract_text(docx_bytes(document), DOCX)
    assert text == "Termiņš ir 30 dienas.\n\nŠūna viens\n\nŠūna divi"


def test_docx_numbering_switched_off_on_a_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Bez numura", style="List Number")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>')
    )
    assert paragraph._p.pPr.find(qn("w:numPr")) is not None
    assert extract_text(docx_bytes(document), DOCX) == "Bez numura"


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 not really a zip", b"plain bytes", make_docx()[:300], b""]
)
def test_corrupt_docx_raises_document_error(data: bytes) -> None:
    with pytest.raises(DocumentError) as info:
        extract_text(data, DOCX)
    assert info.value.code == "unreadable"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("make", "content_type"), [(make_docx, DOCX), (make_odt, ODT)])
def test_damaged_files_fail_only_with_document_errors(make, content_type: str) -> None:
    rng = random.Random(11)
    original = make()
    for _ in range(150):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 10)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            assert isinstance(extract_text(bytes(damaged), content_type), str)
        except DocumentError as error:
            assert error.code in {"unreadable", "archive_bomb"}


def test_zip_without_document_part_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(DocumentError):
        extract_text(buffer.getvalue(), DOCX)


def test_archive_bomb_is_not_parsed() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    with pytest.raises(DocumentError) as info:
        extract_text(buffer.getvalue(), DOCX)
    assert info.value.code == "archive_bomb"


def odt_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_odt_headings_paragraphs_and_numbered_lists_in_order() -> None:
    document = OpenDocumentText()
    style = odf_text.ListStyle(name="Punkti")
    style.addElement(odf_text.ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    style.addElement(
        odf_text.ListLevelStyleNumber(level=2, numformat="1", numsuffix=".", displaylevels=2)
    )
    document.automaticstyles.addElement(style)
    document.text.addElement(odf_text.H(outlinelevel=1, text="I. Vispārīgie jautājumi"))
    document.text.addElement(odf_text.P(text=f"Ievads {LATVIAN}"))
    top = odf_text.List(stylename="Punkti")
    for label, children in (
        ("Pirmais punkts.", []),
        ("Otrais punkts:", ["biedrībām;", "fondiem."]),
    ):
        item = odf_text.ListItem()
        item.addElement(odf_text.P(text=label))
        if children:
            nested = odf_text.List()
            for child in children:
                nested_item = odf_text.ListItem()
                nested_item.addElement(odf_text.P(text=child))
                nested.addElement(nested_item)
            item.addElement(nested)
        top.addElement(item)
    document.text.addElement(top)
    spaced = odf_text.P(text="Daudz")
    spaced.addElement(odf_text.S(c=10**9))  # would otherwise become a billion spaces
    spaced.addText("atstarpju")
    document.text.addElement(spaced)

    text = extract_text(odt_bytes(document), ODT)
    assert text.startswith(
        f"I. Vispārīgie jautājumi\n\nIevads {LATVIAN}\n\n1. Pirmais punkts.\n\n"
        "2. Otrais punkts:\n\n2.1. biedrībām;\n\n2.2. fondiem.\n\nDaudz "
    )
    assert text.endswith(" atstarpju")
    assert len(text) < 400
    assert [c.number for c in split_into_clauses(text)] == ["I", "", "1", "2", "2.1", "2.2"]


def test_corrupt_odt_raises_document_error() -> None:
    with pytest.raises(DocumentError):
        extract_text(make_docx(), ODT)


def test_pdf_text_with_wrapped_lines() -> None:
    data = make_pdf(
        [
            "Noteikumi par lidzfinansejumu",
            "1. Noteikumi nosaka kartibu, kada",
            "pasvaldiba pieskir lidzfinansejumu.",
            "2. Otrais punkts.",
        ]
    )
    text = extract_text(data, PDF)
    assert as_tuples(split_into_clauses(text)) == [
        ("", "Noteikumi par lidzfinansejumu", False),
        ("1", "Noteikumi nosaka kartibu, kada pasvaldiba pieskir lidzfinansejumu.", False),
        ("2", "Otrais punkts.", False),
    ]


def test_pdf_without_text_or_with_password_is_refused() -> None:
    with pytest.raises(DocumentError) as info:
        extract_text(make_pdf([]), PDF)
    assert info.value.code == "no_text"

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("slepens")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError) as info:
        extract_text(buffer.getvalue(), PDF)
    assert info.value.code == "encrypted"

    with pytest.raises(DocumentError):
        extract_text(b"%PDF-1.4\nnonsense", PDF)


def test_plain_text_is_normalised() -> None:
    data = f"\ufeff1. {LATVIAN}   \r\n2. Otrais\t \r\r\n\n\n3. Trešais\x00".encode()
    assert extract_text(data, "text/plain; charset=utf-8") == (
        f"1. {LATVIAN}\n2. Otrais\n\n3. Trešais"
    )
    assert extract_text(b"# Virsraksts\n", "text/markdown") == "# Virsraksts"


def test_non_utf8_text_and_unknown_types_are_refused() -> None:
    with pytest.raises(DocumentError) as info:
        extract_text("Līdzdalība".encode("cp1257"), "text/plain")
    assert info.value.code == "encoding"
    with pytest.raises(DocumentError) as info:
        extract_text(b"\x89PNG", "image/png")
    assert info.value.code == "unsupported"


def test_reference_word_after_a_finished_clause_opens_a_sub_clause():
    clauses = split_into_clauses(
        "1. Noteikumi nosaka kārtību.\n2. Otrais punkts.\n2.1. apakšpunkts;\n2.2. vēl viens."
    )
    assert [c.number for c in clauses] == ["1", "2", "2.1", "2.2"]
    wrapped = split_into_clauses("1. Saskaņā ar šo noteikumu\n10. punktu pašvaldība lemj.")
    assert [c.number for c in wrapped] == ["1"]
