"""The indicators as rows for CSV, XLSX and open data: pure functions, no database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from lidzdaliba.core.spreadsheets import clean, neutralise

from .figures import Figures
from .groups import AFFECTED_GROUP, MIN_PEOPLE, NOT_DECLARED, ORGANISATION_KIND, GroupFigures


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


def group_columns() -> list[str]:
    return [_("Group"), _("Kind of group"), _("Opinions"), _("People"), _("Organisations")]


def group_cells(row: GroupFigures) -> list:
    """A group's row; a group withheld in public has its numbers empty and says why."""
    kinds = {
        AFFECTED_GROUP: _("Affected group"),
        NOT_DECLARED: _("Not declared"),
        ORGANISATION_KIND: _("Kind of organisation"),
    }
    if row.hidden:
        hidden = _("fewer than %(n)d people") % {"n": MIN_PEOPLE}
        return [row.label, kinds[row.kind], hidden, hidden, ""]
    people = row.participants if row.counts_people else None
    organisations = None if row.counts_people else row.participants
    return [row.label, kinds[row.kind], row.opinions, people, organisations]


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


def to_xlsx(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    more: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]] = (),
) -> bytes:
    """One sheet `title`, and one more sheet for each (title, header, rows) of `more`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for index, (name, head, body) in enumerate([(title, header, rows), *more]):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name[:31]
        sheet.append([_cell(h) for h in head])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in body:
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = "A2"
        for letter, width in zip("ABCDEFGHIJKLM", [40] + [16] * 12, strict=False):
            sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
