"""Shapes shared by every API router: the error body and the page header.

They live in `core`, below every app, because each app's `api.py` answers with them; only
the assembly of the routers (`lidzdaliba/api/main.py`) is the `api` edge.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from ninja import Field, Schema


class ErrorOut(Schema):
    error: str
    message: str
    details: Any | None = None


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    pages: int


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(settings.PAGE_SIZE, ge=1, le=settings.API_PAGE_SIZE_MAX)


class InstitutionRef(Schema):
    """An institution as every list names it."""

    id: int
    slug: str
    name: str


class SubjectOut(Schema):
    """What a meeting or a survey belongs to (core/subjects.py)."""

    kind: str
    id: int
    title: str


# The error answers every endpoint may give (400: the body is not valid JSON, or the query
# string has a control character or bytes that are not UTF-8).
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def schema_enum(name: str, members) -> type[StrEnum]:
    """An enum named for the OpenAPI document. The models' choice classes share short names
    ("Status", "Kind", "Mode") across apps, and the document keeps one schema per name: two
    different `Status` enums would silently become one, and valid answers would then break
    the published schema. `members` is a choices class or a {NAME: value} mapping."""
    if not isinstance(members, dict):
        members = {member.name: member.value for member in members}
    return StrEnum(name, members)  # type: ignore[return-value]
