"""The indicators as rows for CSV, XLSX and open data: pure functions, no database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from lidzdaliba.core.spreadsheets import clean, neutralise

from .figures import Figures


def columns() -> list[str]:
    return [
        _("Institution"),
        _("Kind"),
        _("Consultations"),
        _("Minimum period kept, share"),
        _("Opinions"),
        _("People"),
        _("Organisations"),
        _("Answered, share"),
        _("Feedback published, share"),
        _("Median days to answer"),
        _("Feedback on time, share"),
    ]


def figure_cells(figures: Figures) -> list:
    return [
        figures.consultations,
        figures.minimum_period_kept_share,
        figures.opinions,
        figures.people,
        figures.organisations,
        figures.answered_share,
        figures.feedback_published_share,
        figures.median_days_to_answer,
        figures.feedback_on_time_share,
    ]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(clean(value))
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads Latvian letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([_cell(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLM", [40] + [16] * 12, strict=False):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
