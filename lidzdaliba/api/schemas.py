"""Shapes shared by every API router."""

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
