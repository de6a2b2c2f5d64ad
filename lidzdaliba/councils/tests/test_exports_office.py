"""Issue 12: the minutes and member lists open in LibreOffice (DOCX, ODT, and the PDF/A
through Writer's PDF import) with their header block and every row, as an officer or a
resident would open a download. Database-free: it runs in the SQLite leg only
(DATABASE_FREE_PATHS in the root conftest.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from lidzdaliba.councils.exports import member_list_document, minutes_document, render

from .test_exports import MEMBERS, MINUTES


def words(text: str) -> set[str]:
    """Words without the commas a list puts after them (a PDF line breaks anywhere)."""
    return {word.strip(",") for word in text.split()}


def opened(libreoffice, content: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return libreoffice.pdf_text(content)
    return libreoffice.document_text(content, fmt)


@translation.override("lv")
@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_minutes_open_in_libreoffice_with_their_rows(fmt, libreoffice):
    text = opened(libreoffice, render(minutes_document(MINUTES), fmt).content, fmt)
    for expected in (
        "Veselības ministrija",
        "Sanāksmes protokols",
        MINUTES.meeting_title,
        "2026. gada 3. novembris",
        "Apspriež ūdens ņemšanas vietas.",
        "Anna Bērziņa",
        "Attālināti",
        "Kad sāksies darbi?",
        "Valsts budžets.",
    ):
        assert words(expected) <= words(text), (fmt, expected, text[:2000])


@translation.override("lv")
@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_member_lists_open_in_libreoffice_with_their_rows(fmt, libreoffice):
    text = opened(libreoffice, render(member_list_document(MEMBERS), fmt).content, fmt)
    for member in MEMBERS.members:
        for expected in (member.name, member.role, *member.represents):
            assert words(expected) <= words(text), (fmt, expected, text[:2000])
    assert words("Locekļu saraksts 2026. gada 6. decembris") <= words(text)
