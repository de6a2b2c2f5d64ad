"""The feedback table as every format sees it: its rows, columns and the shared safety rules.

Safety rules shared by every format:

* Text is first `clean`-ed: characters XML 1.0 cannot hold (C0 controls other than tab and
  newline, lone surrogates, U+FFFE/U+FFFF) are dropped, because openpyxl refuses them,
  python-docx/lxml refuses them and odfpy would write a file no program opens. Line
  endings become "\\n". CSV gets the same cleaning so all formats say the same thing.
* Every spreadsheet cell (CSV, XLSX, ODS) goes through `neutralise`, so text an opinion
  author typed can never run as a formula on an officer's computer (CSV injection).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core import dates

# (key, header), the columns of every format, the clause text included: the official
# table quotes the clause each opinion is about, as Latvian practice has it.
COLUMNS = [
    ("number", _("No.")),
    ("reference", _("Reference")),
    ("clause", _("Clause")),
    ("clause_text", _("Clause text")),
    ("submitter", _("Submitter")),
    ("kind", _("Kind")),
    ("opinion", _("Opinion")),
    ("proposed_wording", _("Proposed wording")),
    ("outcome", _("Outcome")),
    ("reason", _("Reason")),
    ("new_wording", _("New wording")),
    ("submitted_at", _("Submitted")),
]

# Spreadsheet column widths in characters, in COLUMNS order: narrow for numbers, references
# and dates, wide for the texts people wrote.
WIDTHS = dict(
    zip((k for k, _l in COLUMNS), (6, 16, 10, 40, 22, 14, 50, 40, 20, 50, 40, 19), strict=True)
)

# Excel refuses longer cell text. A longer text (a very long clause of a draft: what people
# write is held to core.limits.LONG_TEXT_CHARS) ends in a note saying where the rest is,
# rather than being cut silently or handing officers a file Excel must repair.
XLSX_MAX_CELL = 32767


@dataclass(frozen=True)
class FeedbackRow:
    reference: str
    clause: str  # "2.1." or "" for an opinion on the whole draft
    clause_text: str
    submitter: str
    kind: str  # translated display value
    opinion: str
    proposed_wording: str
    outcome: str  # translated display value; "" while unanswered
    reason: str
    new_wording: str
    submitted_at: datetime
    withdrawn: bool = False  # by its author: `opinion` holds a note, `outcome` says so


@dataclass(frozen=True)
class FeedbackTable:
    title: str
    institution: str
    generated_at: datetime
    published: bool  # False: an officer's working copy, marked as a draft everywhere
    rows: list[FeedbackRow]
    # The consultation's responsible official, who signs the printed table ("" if unknown).
    responsible_official: str = ""


def fit_spreadsheet_cell(text: str) -> str:
    """`text` whole if an XLSX cell holds it, else as much as fits and a note that it goes on
    (the CSV, ODS and DOCX downloads and the page hold every character)."""
    if len(text) <= XLSX_MAX_CELL:
        return text
    note = " […] " + gettext(
        "(The text is longer than a spreadsheet cell can hold; characters in all: %(n)s. The "
        "whole text is in the ODS, CSV and DOCX downloads.)"
    ) % {"n": len(text)}
    return text[: XLSX_MAX_CELL - len(note)] + note


def format_datetime(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def draft_marker() -> str:
    return gettext("DRAFT – not published")


def document_title() -> str:
    """The name of the document itself ("Izziņa par viedokļu ņemšanu vērā")."""
    return gettext("Feedback table")


def document_date(table: FeedbackTable) -> str:
    """The table's date as a Latvian document writes it: "2026. gada 27. novembris"."""
    return dates.format_date(table.generated_at)


def cells(table: FeedbackTable) -> list[dict[str, str | int]]:
    """Every row as key → display value, the same for all formats (text not yet cleaned)."""
    whole = gettext("Whole draft")
    return [
        {key: getattr(row, key, "") for key, _label in COLUMNS}
        | {
            "number": index,
            "clause": row.clause or whole,
            "submitted_at": format_datetime(row.submitted_at),
        }
        for index, row in enumerate(table.rows, start=1)
    ]


def preamble(table: FeedbackTable) -> list[str]:
    """The lines above a spreadsheet's table: title, institution, date, draft marker."""
    lines = [
        table.title,
        table.institution,
        gettext("Generated: %(date)s") % {"date": format_datetime(table.generated_at)},
    ]
    if not table.published:
        lines.append(draft_marker())
    return lines
