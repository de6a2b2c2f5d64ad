"""Helpers every app's views use: pagination and file downloads."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import FileResponse, HttpRequest

from .uploads import KINDS, safe_download_name

MAX_ID = 2**63 - 1


def posted_id(request: HttpRequest, name: str) -> int | None:
    """A database id sent in a form field, or None when it is not one (a word, a fraction,
    a number too large for any table): callers answer 400 instead of crashing."""
    value = request.POST.get(name, "")
    if not value.isdigit() or not 0 < int(value) <= MAX_ID:
        return None
    return int(value)


def paginate(request: HttpRequest, items, *, per_page: int | None = None) -> Page:
    """A page of `items`; a missing, malformed or out-of-range page number gives a valid page."""
    return Paginator(items, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


def download(file_field, *, original_name: str, content_type: str) -> FileResponse:
    """Send an uploaded file as an attachment, never inline: an upload must not become a page
    of this site (stored XSS through HTML or SVG)."""
    # The extension follows what the content was found to be, never the uploader's name: a
    # text file called "x.bat" downloads as "x.txt".
    extension = next(
        (kind.extension for kind in KINDS.values() if kind.content_type == content_type), "bin"
    )
    response = FileResponse(
        file_field.open("rb"),
        as_attachment=True,
        filename=safe_download_name(original_name, extension),
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
