"""Shapes shared by every API router: the error body and the page header.

They live in `core`, below every app, because each app's `api.py` answers with them; only
the assembly of the routers (`lidzdaliba/api/main.py`) is the `api` edge.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    error: str
    message: str
    details: Any | None = None


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    pages: int


# The error answers every endpoint may give (400: the body is not valid JSON, or the query
# string has a control character or bytes that are not UTF-8).
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
