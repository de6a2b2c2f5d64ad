"""The feedback table (izziņa) rendered as CSV, XLSX, ODS, DOCX and PDF/A.

A pure package: the caller builds a `FeedbackTable` from the database (with names already
made public-safe and choices already translated) and these modules only turn it into bytes,
so every format can be tested without a database and cannot leak anything it is not given.
The shared rows and safety rules are in `table`, the spreadsheets (CSV, XLSX, ODS) in
`spreadsheets`, the official document (DOCX) in `wordprocessing` and the archival PDF/A,
ready to be signed with eParaksts, in `pdf`.

A table that is not published yet is marked "DRAFT – not published" inside every format
that has room for it (XLSX/ODS title rows, DOCX and PDF heading and page header). CSV stays
a clean table with one header row, so its draft marker is the `draft-` filename prefix,
which `filename` adds for every format.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.spreadsheets import clean, neutralise

from .pdf import render_pdf
from .spreadsheets import render_csv, render_ods, render_xlsx
from .table import (
    COLUMNS,
    XLSX_MAX_CELL,
    FeedbackRow,
    FeedbackTable,
)
from .wordprocessing import render_docx

__all__ = [
    "COLUMNS",
    "CONTENT_TYPES",
    "FORMATS",
    "FORMAT_LABELS",
    "XLSX_MAX_CELL",
    "FeedbackRow",
    "FeedbackTable",
    "Rendered",
    "clean",
    "filename",
    "neutralise",
    "render",
]

MAX_FILENAME = 80


class Rendered(NamedTuple):
    content: bytes
    content_type: str
    extension: str


_RENDERERS: dict[str, tuple[Callable[[FeedbackTable], bytes], str]] = {
    "csv": (render_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        render_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ods": (render_ods, "application/vnd.oasis.opendocument.spreadsheet"),
    "docx": (
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (render_pdf, "application/pdf"),
}

FORMATS = tuple(_RENDERERS)

# What a download link says, by format.
FORMAT_LABELS = {
    "csv": "CSV",
    "xlsx": "XLSX",
    "ods": "ODS",
    "docx": "DOCX",
    "pdf": _("PDF/A (to sign with eParaksts)"),
}

# The media type of each format, without parameters (for the API's OpenAPI document).
CONTENT_TYPES = [content_type.split(";")[0] for _renderer, content_type in _RENDERERS.values()]


def render(table: FeedbackTable, fmt: str) -> Rendered:
    """The table as one of FORMATS; anything else is a ValueError (a caller's mistake)."""
    try:
        renderer, content_type = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {FORMATS}") from None
    return Rendered(renderer(table), content_type, fmt)


def filename(table: FeedbackTable, extension: str) -> str:
    """`izzina-<title>-<date>.<ext>`, ASCII only, at most 80 characters.

    ASCII because browsers and mail clients still mangle non-ASCII download names; Latvian
    letters lose their marks (ā → a) through NFKD. A draft table's name starts with
    `draft-`, the only draft marker a plain CSV can carry.
    """
    extension = extension.lstrip(".")
    decomposed = unicodedata.normalize("NFKD", table.title)
    slug = slugify("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    prefix = "izzina" if table.published else "draft-izzina"
    suffix = f"{timezone.localtime(table.generated_at):%Y-%m-%d}.{extension}"
    room = MAX_FILENAME - len(prefix) - len(suffix) - 2
    slug = slug[: max(room, 0)].strip("-")
    return "-".join(part for part in (prefix, slug) if part) + "-" + suffix
