"""Deciding what an uploaded file really is, from its bytes alone.

A file's name and the content type the browser sends are chosen by whoever uploads it, so
neither may decide how we store, parse or serve the file: a page named `x.pdf` that is really
HTML would otherwise be served back to other users as a page on our origin. Only the content
counts here. The name is consulted in exactly one place, to choose between two flavours of
plain text (Markdown or not), which are equally harmless.

ZIP-based office files are checked for archive bombs from the central directory alone, without
extracting anything. Trusting the declared sizes is enough because `zipfile` never produces
more bytes for a member than its declared `file_size`, so whatever later opens the file (for
example python-docx when the text is extracted) is bound by the same numbers we checked.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_lazy

__all__ = [
    "KINDS",
    "MAX_ZIP_MEMBERS",
    "MAX_ZIP_RATIO",
    "MAX_ZIP_TOTAL_BYTES",
    "FileKind",
    "SniffedFile",
    "safe_download_name",
    "sniff_upload",
]


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: Any  # a lazily translated human name, for error messages


KINDS: Mapping[str, FileKind] = {
    "pdf": FileKind("application/pdf", "pdf", "PDF"),
    "docx": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        gettext_lazy("Word (DOCX)"),
    ),
    "odt": FileKind(
        "application/vnd.oasis.opendocument.text", "odt", gettext_lazy("OpenDocument text (ODT)")
    ),
    "xlsx": FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        gettext_lazy("Excel (XLSX)"),
    ),
    "ods": FileKind(
        "application/vnd.oasis.opendocument.spreadsheet",
        "ods",
        gettext_lazy("OpenDocument spreadsheet (ODS)"),
    ),
    "png": FileKind("image/png", "png", "PNG"),
    "jpeg": FileKind("image/jpeg", "jpg", "JPEG"),
    "txt": FileKind("text/plain", "txt", gettext_lazy("plain text")),
    "md": FileKind("text/markdown", "md", "Markdown"),
}

MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200
# A member this small cannot hurt whatever its ratio, and small XML parts of ordinary office
# files (repetitive styles, shared strings) do compress very well.
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024

# Parts of ZIP-based formats we read to tell them apart; anything bigger is not genuine.
_SMALL_MEMBER_BYTES = 1024 * 1024
_OOXML_MAIN_TYPES = {
    "docx": (b"word/document.xml", b"wordprocessingml.document.main+xml"),
    "xlsx": (b"xl/workbook.xml", b"spreadsheetml.sheet.main+xml"),
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_BINARY_MIMES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpeg"}

# Control characters other than tab, line feed, form feed and carriage return mean "binary".
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Text starting like markup is a page (HTML, SVG, XML), however it is named.
_MARKUP_START = re.compile(r"<\s*[!?/a-zA-Z]")
# Tags old browsers sniffed anywhere near the start to decide "this is HTML".
_MARKUP_ANYWHERE = re.compile(
    r"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|\?xml)\b", re.IGNORECASE
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)

MESSAGES = {
    "empty": gettext_lazy("The file is empty."),
    "too_large": gettext_lazy("The file is larger than %(limit)s."),
    "unsupported_type": gettext_lazy(
        "This kind of file is not accepted. Upload a PDF, Word, OpenDocument, "
        "spreadsheet, image or plain text file."
    ),
    "archive_bomb": gettext_lazy(
        "The file unpacks to far more data than a real document would. It cannot be accepted."
    ),
    "type_not_allowed": gettext_lazy("Only %(kinds)s files are accepted here."),
}


@dataclass(frozen=True)
class SniffedFile:
    content_type: str
    extension: str
    size: int
    original_name: str

    @property
    def kind(self) -> str:
        """The short key in KINDS, for callers that branch on the kind of file."""
        return next(k for k, v in KINDS.items() if v.content_type == self.content_type)


def _human_kinds(kinds: frozenset[str]) -> str:
    return get_text_list([str(KINDS[k].label) for k in KINDS if k in kinds], gettext("or"))


# Message parameters are rendered when the message is, in the language active then.
_lazy_kinds = lazy(_human_kinds, str)
_lazy_size = lazy(filesizeformat, str)


def _error(code: str, **params: Any) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def sniff_upload(
    uploaded_file: Any,
    *,
    allowed: set[str] | frozenset[str] | None = None,
    max_bytes: int | None = None,
) -> SniffedFile:
    """Check an upload's size and decide its kind by content; raise ValidationError if unfit.

    The file is read into memory (it is at most `max_bytes`, 10 MB by default) because
    deciding whether text is really text needs all of it. The position is reset to the start
    afterwards so the caller can save or parse the same object.
    """
    if allowed is not None and not set(allowed) <= KINDS.keys():
        raise ValueError(f"Unknown file kinds: {sorted(set(allowed) - KINDS.keys())}")
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    name = str(getattr(uploaded_file, "name", "") or "")
    try:
        data = _read_capped(uploaded_file, limit)
    finally:
        uploaded_file.seek(0)
    kind = _sniff_kind(data, name)
    if allowed is not None and kind not in allowed:
        # Markdown is plain text and any plain text is valid Markdown: the split between the
        # two is a guess, so it must not be the reason a file is refused.
        other = {"md": "txt", "txt": "md"}.get(kind)
        if other not in allowed:
            raise _error("type_not_allowed", kinds=_lazy_kinds(frozenset(allowed)))
        kind = other
    return SniffedFile(
        content_type=KINDS[kind].content_type,
        extension=KINDS[kind].extension,
        size=len(data),
        original_name=name,
    )


def _read_capped(uploaded_file: Any, limit: int) -> bytes:
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _error("too_large", limit=_lazy_size(limit))
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if isinstance(data, str):  # a text-mode file object: re-encode to judge the bytes
        data = data.encode("utf-8")
    if len(data) > limit:  # the declared size is not to be trusted either
        raise _error("too_large", limit=_lazy_size(limit))
    if not data:
        raise _error("empty")
    return data


def _sniff_kind(data: bytes, name: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(b"%PDF-"):
        return "pdf"
    text = _as_text(data)
    if text is not None:
        stripped = text.lstrip()
        if _MARKUP_START.match(stripped) or _MARKUP_ANYWHERE.search(stripped[:1024]):
            raise _error("unsupported_type")
        if name.lower().endswith((".md", ".markdown")) or _MARKDOWN_HEADING.search(text):
            return "md"
        return "txt"
    guessed = filetype.guess(data)
    if guessed is not None and guessed.mime in _BINARY_MIMES:
        return _BINARY_MIMES[guessed.mime]
    raise _error("unsupported_type")


def _as_text(data: bytes) -> str | None:
    """The text if the bytes are UTF-8 text (an optional BOM allowed), otherwise None.

    UTF-16 and legacy code pages are refused rather than guessed: a wrong guess would garble
    Latvian letters in the published draft, and asking for UTF-8 is cheap.
    """
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _CONTROL_CHARS.search(text):
        return None
    return text


# What zipfile raises for damaged, encrypted or exotic archives (RuntimeError covers
# NotImplementedError for unknown versions and compression methods).
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, zlib.error)


def _sniff_zip(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise _error("unsupported_type") from exc
    with archive:
        members = archive.infolist()
        check_zip_members(members)
        names = {info.filename: info for info in members}
        try:
            return _zip_kind(archive, names)
        except _ZIP_ERRORS as exc:
            # A damaged or encrypted member: not an office file we can use.
            raise _error("unsupported_type") from exc


def check_zip_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise _error("archive_bomb")
    if sum(info.file_size for info in members) > MAX_ZIP_TOTAL_BYTES:
        raise _error("archive_bomb")
    for info in members:
        if info.file_size <= ZIP_RATIO_FLOOR_BYTES:
            continue
        if info.file_size / max(info.compress_size, 1) > MAX_ZIP_RATIO:
            raise _error("archive_bomb")


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None) -> bytes | None:
    if info is None or info.file_size > _SMALL_MEMBER_BYTES:
        return None
    return archive.read(info)


def _zip_kind(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> str:
    mimetype = _read_small(archive, names.get("mimetype"))
    if mimetype is not None:
        kind = _ODF_MIMETYPES.get(mimetype.strip())
        if kind is not None and "content.xml" in names:
            return kind
    content_types = _read_small(archive, names.get("[Content_Types].xml"))
    if content_types is not None:
        for kind, (part, main_type) in _OOXML_MAIN_TYPES.items():
            # The main part's declared content type tells a plain document from its
            # macro-enabled sibling (DOCM/XLSM), which we never accept.
            if part.decode() in names and main_type in content_types:
                return kind
    raise _error("unsupported_type")


# Characters that must not reach a Content-Disposition header or a saved file's name.
_UNSAFE_NAME_CHARS = re.compile(r"[<>:|?*\\/]")
_QUOTES = re.compile(r"[\"'`]")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")
_MAX_STEM_CHARS = 100


def safe_download_name(original_name: str, extension: str) -> str:
    """A harmless file name for Content-Disposition, ending in the sniffed extension.

    The uploader's name is kept because it means something to readers ("Noteikumu
    projekts.docx"), but path parts, control and bidirectional-override characters (which can
    disguise `fdp.exe` as `exe.pdf`) and quotes are removed, and the extension is replaced by
    the one the content earned. Latvian letters stay; Django's response encodes them.
    """
    extension = extension.lstrip(".").lower() or "bin"
    name = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        " " if unicodedata.category(ch) in {"Zl", "Zp"} or ch in "\t\n\r" else ch
        for ch in name
        if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"} or ch in "\t\n\r"
    )
    name = _QUOTES.sub("", name)
    name = _UNSAFE_NAME_CHARS.sub("_", name)
    name = " ".join(name.split())
    stem = _EXTENSION.sub("", name)
    stem = stem[:_MAX_STEM_CHARS].strip(" ._")
    return f"{stem or 'file'}.{extension}"
