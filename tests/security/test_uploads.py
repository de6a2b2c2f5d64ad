"""Uploads through every door people use: an opinion's attachments, an officer's documents and
an uploaded draft. `lidzdaliba/core/tests/test_uploads.py` tests the sniffing function; here the
HTTP path: the size cap, the type decided by content, random stored names outside the web root,
downloads that are attachments (nosniff, sandboxed), disguised pages and archive bombs refused —
and a refusal leaves nothing behind, neither a row nor a file.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from odf import text as odf_text
from odf.opendocument import OpenDocumentText

import lidzdaliba.settings as configured
from lidzdaliba.consultations.models import Attachment, DocumentVersion, Opinion
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

# The smallest valid PNG (1×1), and what a browser would sniff as a page.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
DISGUISED = {
    "html-as-pdf": ("noteikumi.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "html-as-png": ("bilde.png", b"<html><body onload=alert(1)>"),
    "svg-as-png": (
        "bilde.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>',
    ),
    "svg-with-xml-declaration": (
        "zimejums.svg",
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
        b"</script></svg>",
    ),
    "html-after-bom-and-blanks": ("teksts.txt", b"\xef\xbb\xbf \n\t<script>alert(1)</script>"),
    "html-after-a-line-of-text": ("teksts.txt", b"Sveiki!\n<html><script>alert(1)</script>"),
    "xhtml-as-docx": ("projekts.docx", b'<html xmlns="http://www.w3.org/1999/xhtml"></html>'),
}


def office_docx(text: str = "1. Punkts.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def office_odt(text: str = "1. Punkts.") -> bytes:
    document = OpenDocumentText()
    document.text.addElement(odf_text.P(text=text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_members(data: bytes, members: dict[str, bytes]) -> bytes:
    """The office file with extra, highly compressed members (a bomb needs no more)."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content, compresslevel=9)
    return buffer.getvalue()


def bombs() -> dict[str, tuple[str, bytes]]:
    zeros = bytes(8 * 1024 * 1024)  # 8 MB of zeros: ~8 KB compressed, ratio ~1000
    many = {f"customXml/item{i}.xml": b"<a/>" for i in range(2001)}
    return {
        "docx-ratio": ("projekts.docx", with_members(office_docx(), {"word/media/x.bin": zeros})),
        "docx-document-part": (
            "projekts.docx",
            with_members(office_docx(), {"word/fonts.xml": b"<w>" + zeros + b"</w>"}),
        ),
        "docx-members": ("projekts.docx", with_members(office_docx(), many)),
        "odt-ratio": ("projekts.odt", with_members(office_odt(), {"Pictures/x.bin": zeros})),
        "odt-members": ("projekts.odt", with_members(office_odt(), many)),
    }


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- The three doors ------------------------------------------------------------------------


@pytest.fixture
def doors(editor, ministry, resident, open_consultation, client_for):
    """Each door: (send an upload → response, rows it creates)."""
    draft = factories.published_consultation(editor, ministry)
    resident_client, editor_client = client_for(resident), client_for(editor)

    def opinion(upload):
        return resident_client.post(
            reverse("consultations:opinion_create", args=[open_consultation.pk]),
            {
                "kind": "proposal",
                "text": "Ar pielikumu.",
                "token": upload.name,
                "attachments": upload,
            },
        )

    def attachment(upload):
        return editor_client.post(
            reverse("officer:attachment_create", args=[draft.pk]),
            {"title": "Pielikums", "file": upload},
        )

    def version(upload):
        return editor_client.post(
            reverse("officer:version_create", args=[draft.pk]),
            {"upload": upload, "change_note": "Augšupielāde"},
        )

    return {
        "opinion": (opinion, lambda: Opinion.objects.count()),
        "attachment": (attachment, lambda: Attachment.objects.count()),
        "version": (version, lambda: DocumentVersion.objects.filter(source_name__gt="").count()),
    }


DOORS = ["opinion", "attachment", "version"]


def assert_refused_without_trace(doors, door: str, name: str, data: bytes) -> None:
    send, rows = doors[door]
    before_rows, before_files = rows(), stored_files()
    response = send(SimpleUploadedFile(name, data))
    assert response.status_code == 400, (door, response.status_code)
    assert rows() == before_rows, door
    assert stored_files() == before_files, door


@pytest.mark.parametrize("door", DOORS)
def test_size_cap(door, doors, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    # ASCII, so both cuts are whole text files and differ only in size (one byte).
    text = ("1. Teksts, kas atkartojas.\n" * 200).encode("ascii")
    assert_refused_without_trace(doors, door, "liels.txt", text[:4097])
    send, rows = doors[door]
    before = rows()
    assert send(SimpleUploadedFile("tiesi.txt", text[:4096])).status_code == 302
    assert rows() == before + 1


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("case", DISGUISED)
def test_pages_in_disguise_are_refused(case, door, doors):
    name, data = DISGUISED[case]
    assert_refused_without_trace(doors, door, name, data)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    "case", ["docx-ratio", "docx-document-part", "docx-members", "odt-ratio", "odt-members"]
)
def test_archive_bombs_are_refused(case, door, doors):
    name, data = bombs()[case]
    assert_refused_without_trace(doors, door, name, data)


# --- What is stored, where, and how it is served --------------------------------------------


def test_type_from_content_random_names_and_safe_downloads(
    editor, ministry, resident, open_consultation, client_for
):
    send = client_for(resident).post
    response = send(
        reverse("consultations:opinion_create", args=[open_consultation.pk]),
        {
            "kind": "proposal",
            "text": "Pielikumi.",
            "token": "t-1",
            "attachments": [
                SimpleUploadedFile("shema.pdf", PNG, content_type="application/pdf"),
                SimpleUploadedFile("../../../etc/ziņa.docx", b"Vienkars teksts.", "text/html"),
            ],
        },
    )
    assert response.status_code == 302, response.content[:500]
    picture, text = Opinion.objects.get().attachments.order_by("pk")
    assert (picture.content_type, text.content_type) == ("image/png", "text/plain")
    draft = factories.published_consultation(editor, ministry)
    client_for(editor).post(
        reverse("officer:version_create", args=[draft.pk]),
        {"upload": SimpleUploadedFile("projekts.docx", office_docx()), "change_note": ""},
    )
    version = DocumentVersion.objects.get(consultation=draft, source_name="projekts.docx")
    client_for(editor).post(
        reverse("officer:attachment_create", args=[draft.pk]),
        {"title": "Anotācija", "file": SimpleUploadedFile("anotacija.pdf", PNG)},
    )
    document = Attachment.objects.get(consultation=draft)

    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    downloads = {
        reverse("consultations:opinion_attachment", args=[picture.pk]): "image/png",
        reverse("consultations:opinion_attachment", args=[text.pk]): "text/plain",
        reverse("consultations:attachment", args=[document.pk]): "image/png",
        reverse("consultations:version_source", args=[draft.pk, version.number]): (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
    }
    for stored in (picture.file, text.file, document.file, version.source_file):
        # A random name, chosen by us, inside the upload folder: nothing of the uploader's.
        assert re.fullmatch(r"[a-z]+/\d{4}/\d{2}/[0-9a-f]{32}", stored.name), stored.name
        assert Path(stored.path).resolve().is_relative_to(media_root)
        # Not served by any URL but the checking views.
        for url in (f"{django_settings.MEDIA_URL}{stored.name}", f"/static/{stored.name}"):
            assert client_for(None).get(url).status_code == 404, url
    for url, content_type in downloads.items():
        response = client_for(None).get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] == content_type, url
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;"), disposition
        assert "/" not in disposition.split("filename", 1)[1] and ".." not in disposition
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "sandbox" in policy and "default-src 'none'" in policy, policy


def test_upload_folder_is_outside_every_static_folder():
    """As configured (not the tests' temporary folder): uploads live apart from the web root."""
    media = Path(configured.MEDIA_ROOT).resolve()
    static_roots = [Path(configured.STATIC_ROOT).resolve()]
    static_roots += [Path(p).resolve() for p in getattr(configured, "STATICFILES_DIRS", [])]
    for finder in finders.get_finders():  # every app's static/ folder too
        for storage in getattr(finder, "storages", {}).values():
            static_roots.append(Path(storage.location).resolve())
    for root in static_roots:
        assert not media.is_relative_to(root) and not root.is_relative_to(media), (media, root)
    assert configured.MEDIA_URL != configured.STATIC_URL
    assert not configured.MEDIA_URL.startswith(configured.STATIC_URL)


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        pytest.param("shema.pdf", PNG, ".png", id="png-named-pdf"),
        pytest.param("palaid.js", b'WScript.CreateObject("WScript.Shell")', ".txt", id="js"),
        pytest.param("palaid.bat", b"@echo off\r\nstart calc\r\n", ".txt", id="bat"),
        pytest.param("lapa.html", b"Tikai teksts, bez birkam.", ".txt", id="html-name"),
        pytest.param("bez-paplasinajuma", b"Teksts.", ".txt", id="no-extension"),
    ],
)
def test_download_name_ends_with_the_extension_the_content_earned(
    name, data, extension, resident, open_consultation, client_for
):
    """A text file named `.js` or `.bat` is accepted as text — and must be saved as `.txt`,
    or a double-click on the downloaded file runs it (Windows Script Host, cmd)."""
    response = client_for(resident).post(
        reverse("consultations:opinion_create", args=[open_consultation.pk]),
        {
            "kind": "proposal",
            "text": "Pielikums.",
            "token": name,
            "attachments": [SimpleUploadedFile(name, data)],
        },
    )
    assert response.status_code == 302
    attachment = Opinion.objects.get().attachments.get()
    download = client_for(None).get(
        reverse("consultations:opinion_attachment", args=[attachment.pk])
    )
    disposition = download["Content-Disposition"]
    assert disposition.rstrip('"').endswith(extension), disposition
