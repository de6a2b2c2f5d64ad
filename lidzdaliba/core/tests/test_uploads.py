"""Uploads are judged by their bytes: names and browser content types must not matter."""

from __future__ import annotations

import contextlib
import io
import random
import struct
import zipfile
import zlib

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText

from lidzdaliba.core import uploads
from lidzdaliba.core.uploads import KINDS, SniffedFile, safe_download_name, sniff_upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_pdf(lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF with Helvetica text, one line per item."""
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def make_docx(text: str = "Līdzdalība") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(text: str = "Līdzdalība") -> bytes:
    document = OpenDocumentText()
    document.text.addElement(odf_text.P(text=text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_ods() -> bytes:
    document = OpenDocumentSpreadsheet()
    sheet = odf_table.Table(name="Lapa")
    row = odf_table.TableRow()
    cell = odf_table.TableCell()
    cell.addElement(odf_text.P(text="ēšana"))
    row.addElement(cell)
    sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Līdzdalība"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1×1, 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same ZIP with some members' content replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info))
        for name, content in replace.items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def upload(data: bytes, name: str = "file.bin", content_type: str = "application/pdf"):
    # The browser's content type is deliberately wrong in many tests: it must not matter.
    return SimpleUploadedFile(name, data, content_type=content_type)


def rejected(data: bytes, name: str = "file.bin", **kwargs) -> str:
    with pytest.raises(ValidationError) as info:
        sniff_upload(upload(data, name), **kwargs)
    return info.value.code


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_pdf(["Hello"]), "pdf"),
        (make_docx(), "docx"),
        (make_odt(), "odt"),
        (make_xlsx(), "xlsx"),
        (make_ods(), "ods"),
        (make_png(), "png"),
        (JPEG, "jpeg"),
    ],
)
def test_binary_kinds_are_recognised_whatever_the_name(data: bytes, kind: str) -> None:
    sniffed = sniff_upload(upload(data, name="misleading.exe", content_type="text/html"))
    assert sniffed == SniffedFile(
        content_type=KINDS[kind].content_type,
        extension=KINDS[kind].extension,
        size=len(data),
        original_name="misleading.exe",
    )
    assert sniffed.kind == kind


def test_latvian_text_file_is_plain_text() -> None:
    data = "Līdzdalība ēšana\nĀČĒĢĪĶĻŅŠŪŽ\n".encode()
    sniffed = sniff_upload(upload(data, name="piezīmes.txt"))
    assert (sniffed.content_type, sniffed.extension, sniffed.size) == (
        "text/plain",
        "txt",
        len(data),
    )


def test_utf8_bom_is_accepted() -> None:
    assert sniff_upload(upload(b"\xef\xbb\xbfL\xc4\xabdzdal\xc4\xab")).extension == "txt"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"Some notes", "notes.md"),
        (b"Some notes", "NOTES.MARKDOWN"),
        (b"Intro\n\n## Mr\xc4\x93ks\n", "a.txt"),
    ],
)
def test_markdown_is_chosen_by_name_or_headings(data: bytes, name: str) -> None:
    assert sniff_upload(upload(data, name)).content_type == "text/markdown"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"  \n\t<html><script>alert(1)</script></html>",
        b"\xef\xbb\xbf<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b'<?xml version="1.0"?><svg/>',
        b"<p>just a paragraph</p>",
        b"Looks like text\nbut then <script>alert(1)</script>",
    ],
)
def test_html_svg_and_xml_are_rejected_even_named_pdf(data: bytes) -> None:
    assert rejected(data, name="x.pdf") == "unsupported_type"


def test_text_mentioning_a_less_than_sign_is_still_text() -> None:
    assert sniff_upload(upload(b"Summa < 100 EUR un 3 > 2")).content_type == "text/plain"


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100,  # Windows .exe
        b"\x7fELF\x02\x01\x01" + b"\x00" * 100,  # Linux executable
        "Līdzdalība".encode("utf-16"),
        bytes(range(256)) * 4,
        b"text with a bell \x07 inside",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
)
def test_executables_binary_junk_and_utf16_are_rejected(data: bytes) -> None:
    assert rejected(data, name="doc.docx") == "unsupported_type"


def test_plain_zip_and_damaged_zip_are_rejected() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert rejected(buffer.getvalue(), name="a.docx") == "unsupported_type"
    assert rejected(make_docx()[:200], name="a.docx") == "unsupported_type"


@pytest.mark.parametrize("make", [make_docx, make_odt, make_xlsx])
def test_damaged_office_files_fail_only_with_validation_errors(make) -> None:
    """Random byte damage must never escape as zlib.error, NotImplementedError and the like."""
    rng = random.Random(7)
    original = make()
    for _ in range(300):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            sniffed = sniff_upload(upload(bytes(damaged)))
        except ValidationError as error:
            assert error.code in {"unsupported_type", "archive_bomb"}
        else:
            assert sniffed.content_type in {kind.content_type for kind in KINDS.values()}


def test_macro_enabled_word_file_is_rejected() -> None:
    data = make_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    macro_types = types.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    assert macro_types != types
    assert rejected(rezip(data, {"[Content_Types].xml": macro_types})) == "unsupported_type"


def test_highly_compressed_member_is_an_archive_bomb() -> None:
    data = rezip(make_docx(), {"word/media/zeros.xml": b"0" * (20 * 1024 * 1024)})
    assert len(data) < 200_000
    assert rejected(data, name="draft.docx") == "archive_bomb"


def test_too_many_members_is_an_archive_bomb() -> None:
    data = rezip(make_odt(), {f"junk/{n}.xml": b"x" for n in range(uploads.MAX_ZIP_MEMBERS)})
    assert rejected(data) == "archive_bomb"


def test_too_much_uncompressed_data_is_an_archive_bomb(monkeypatch) -> None:
    data = make_docx()
    assert sniff_upload(upload(data)).extension == "docx"
    monkeypatch.setattr(uploads, "MAX_ZIP_TOTAL_BYTES", 10_000)
    assert rejected(data) == "archive_bomb"


def test_size_cap_defaults_to_setting(settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    assert sniff_upload(upload(b"a" * 1024)).size == 1024
    with pytest.raises(ValidationError) as info:
        sniff_upload(upload(b"a" * 1025))
    assert info.value.code == "too_large"
    with translation.override("en"):
        assert info.value.messages == ["The file is larger than 1.0\xa0KB."]


def test_size_cap_by_argument_and_lying_size() -> None:
    assert rejected(b"a" * 11, max_bytes=10) == "too_large"
    liar = upload(b"a" * 11)
    liar.size = 3  # the declared size is not trusted
    with pytest.raises(ValidationError) as info:
        sniff_upload(liar, max_bytes=10)
    assert info.value.code == "too_large"


def test_empty_file_is_rejected() -> None:
    assert rejected(b"") == "empty"


def test_allowed_restricts_kinds_with_a_readable_message() -> None:
    with pytest.raises(ValidationError) as info:
        sniff_upload(upload(make_png()), allowed={"pdf", "docx", "odt"})
    assert info.value.code == "type_not_allowed"
    with translation.override("en"):
        assert info.value.messages == [
            "Only PDF, Word (DOCX) or OpenDocument text (ODT) files are accepted here."
        ]
    assert sniff_upload(upload(make_odt()), allowed={"pdf", "odt"}).extension == "odt"


def test_allowed_treats_markdown_and_plain_text_as_one() -> None:
    as_txt = sniff_upload(upload(b"# Virsraksts", "a.md"), allowed={"txt"})
    assert (as_txt.content_type, as_txt.extension) == ("text/plain", "txt")
    as_md = sniff_upload(upload(b"plain words", "a.txt"), allowed={"md"})
    assert as_md.content_type == "text/markdown"
    assert rejected(b"plain words", allowed={"pdf"}) == "type_not_allowed"


def test_unknown_allowed_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="exe"):
        sniff_upload(upload(b"x"), allowed={"pdf", "exe"})


@pytest.mark.parametrize("data", [make_docx(), b"<html></html>", b"a" * 20])
def test_file_is_rewound_after_sniffing_even_when_rejected(data: bytes) -> None:
    uploaded = upload(data)
    uploaded.read(5)
    with contextlib.suppress(ValidationError):
        sniff_upload(uploaded, max_bytes=100_000 if len(data) != 20 else 10)
    assert uploaded.read() == data


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Noteikumu projekts.docx", "docx", "Noteikumu projekts.docx"),
        ("Līdzdalība ēšana.odt", ".pdf", "Līdzdalība ēšana.pdf"),
        ("../../etc/passwd", "txt", "passwd.txt"),
        ("C:\\Users\\Jānis\\Atzinums.doc", "pdf", "Atzinums.pdf"),
        ('evil"; filename="x.html', "pdf", "evil; filename=x.pdf"),
        ("line\r\nbreak\x00.txt", "txt", "line break.txt"),
        ("invoice\u202efdp.exe", "pdf", "invoicefdp.pdf"),
        ("Noteikumi 2.1", "pdf", "Noteikumi 2.1.pdf"),
        ("", "pdf", "file.pdf"),
        (".htaccess", "txt", "file.txt"),
        ("\x01\x02", "png", "file.png"),
    ],
)
def test_safe_download_name(name: str, extension: str, expected: str) -> None:
    assert safe_download_name(name, extension) == expected


def test_safe_download_name_is_bounded() -> None:
    name = safe_download_name("ā" * 500 + ".docx", "docx")
    assert name.endswith(".docx")
    assert len(name) <= 110
