"""The one shape every councils export has: a header block, then sections of paragraphs and
tables. Minutes and member lists are built into it (by `councils.selectors_documents`), and
each format only renders it, so no format can show what it is not given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from lidzdaliba.core import dates
from lidzdaliba.core.spreadsheets import clean


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    # Relative widths of the columns (any unit); equal when empty.
    widths: list[float] = field(default_factory=list)

    def relative_widths(self) -> list[float]:
        widths = self.widths or [1.0] * len(self.columns)
        total = sum(widths)
        return [width / total for width in widths]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None


@dataclass(frozen=True)
class Document:
    """`kind` names the file ("protokols", "biedri"); `document_title` is what the document
    is ("Sēdes protokols"); `title` what it is about (the meeting's title, the body's name)."""

    kind: str
    document_title: str
    institution: str
    body: str
    title: str
    date: date | datetime
    sections: list[Section]
    language: str = "lv"

    def header_lines(self) -> list[str]:
        """Institution, body, document title, subject and the Latvian date, in print order."""
        lines = [self.institution, self.body, self.document_title]
        if self.title and self.title != self.body:
            lines.append(self.title)
        lines.append(self.date_text())
        return [clean(line) for line in lines]

    def date_text(self) -> str:
        """ "2026. gada 27. novembris" (or "27 November 2026" in English)."""
        return dates.format_date(self.date, language=self.language)


def paragraphs(text: str) -> list[str]:
    """A text typed into a form as paragraphs: blank lines separate them, single line breaks
    stay inside a paragraph."""
    text = clean(text).strip()
    if not text:
        return []
    return [block.strip() for block in text.split("\n\n") if block.strip()]
