"""Minutes of meetings and member lists of consultative bodies as DOCX, ODT and PDF/A.

A pure package, like `consultations.exports`: a selector (`councils.selectors_documents`)
builds plain data with names already made public-safe, `content` turns it into a
`Document` (header block: institution, body, document title, meeting, Latvian date; then
sections), and `wordprocessing` and `pdf` only turn that into bytes — so every format is
tested without a database and cannot show anything it was not given.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from django.utils.text import slugify

from .content import (
    AnsweredQuestion,
    MemberListData,
    MemberRow,
    MinutesData,
    member_list_document,
    minutes_document,
)
from .document import Document, Section, Table
from .pdf import render_pdf
from .wordprocessing import render_docx, render_odt

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "AnsweredQuestion",
    "Document",
    "MemberListData",
    "MemberRow",
    "MinutesData",
    "Rendered",
    "Section",
    "Table",
    "filename",
    "member_list_document",
    "minutes_document",
    "render",
]

MAX_FILENAME = 80


class Rendered(NamedTuple):
    content: bytes
    content_type: str
    extension: str


_RENDERERS: dict[str, tuple[Callable[[Document], bytes], str]] = {
    "docx": (
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (render_odt, "application/vnd.oasis.opendocument.text"),
    "pdf": (render_pdf, "application/pdf"),
}

FORMATS = tuple(_RENDERERS)
FORMAT_LABELS = {"docx": "DOCX", "odt": "ODT", "pdf": "PDF/A"}


def render(document: Document, fmt: str) -> Rendered:
    """The document as one of FORMATS; anything else is a ValueError (a caller's mistake)."""
    try:
        renderer, content_type = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {FORMATS}") from None
    return Rendered(renderer(document), content_type, fmt)


def filename(document: Document, extension: str) -> str:
    """`<kind>-<title>-<date>.<ext>`, ASCII only (browsers and mail clients still mangle
    other download names: ā → a through NFKD), at most 80 characters."""
    extension = extension.lstrip(".")
    decomposed = unicodedata.normalize("NFKD", document.title)
    slug = slugify("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    suffix = f"{document.date:%Y-%m-%d}.{extension}"
    room = MAX_FILENAME - len(document.kind) - len(suffix) - 2
    slug = slug[: max(room, 0)].strip("-")
    return "-".join(part for part in (document.kind, slug) if part) + "-" + suffix
