"""Helpers every app's views use: pagination and file downloads."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import FileResponse, HttpRequest

from .uploads import safe_download_name


def paginate(request: HttpRequest, items, *, per_page: int | None = None) -> Page:
    """A page of `items`; a missing, malformed or out-of-range page number gives a valid page."""
    return Paginator(items, per_page or settings.PAGE_SIZE).get_page(request.GET.get("page"))


def download(file_field, *, original_name: str, content_type: str) -> FileResponse:
    """Send an uploaded file as an attachment, never inline: an upload must not become a page
    of this site (stored XSS through HTML or SVG)."""
    extension = original_name.rsplit(".", 1)[-1] if "." in original_name else ""
    response = FileResponse(
        file_field.open("rb"),
        as_attachment=True,
        filename=safe_download_name(original_name, extension),
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
