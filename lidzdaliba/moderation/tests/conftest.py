"""People and data of the moderation tests: a moderator, and a consultation of the ministry
with one opinion whose text is easy to look for."""

from __future__ import annotations

import html
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from lidzdaliba.testing import factories

SECRET_TEXT = "Kaimiņš Zigurds Pūpols dzīvo Lāčplēša ielā 99"


@pytest.fixture
def moderator(db):
    return factories.UserFactory(email="moderator@example.lv", is_moderator=True)


@pytest.fixture
def author(db):
    return factories.UserFactory(email="author@example.lv", full_name="Ilze Autore")


@pytest.fixture
def reported(open_consultation, author):
    """An opinion on the open consultation whose text names someone's address."""
    return factories.opinion(
        open_consultation, author, text=SECRET_TEXT, proposed_wording="Adrese Lāčplēša 99"
    )


def export_text(content: bytes, fmt: str) -> str:
    """The readable text of a download: CSV as it is; XLSX, ODS and DOCX are ZIPs of XML;
    a PDF's text as pypdf extracts it, lines joined (a table cell wraps its words)."""
    if content[:5] == b"%PDF-":
        pages = PdfReader(io.BytesIO(content)).pages
        return " ".join(" ".join(page.extract_text() for page in pages).split())
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return html.unescape(
                "".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
            )
    text = content.decode("utf-8-sig", "replace")
    if fmt == "json":  # \u escapes undone, so the words can be looked for as they are
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text
