"""The evaluation report as DOCX: the same figures, charts (as pictures, each followed by
its numbers) and survey results as the HTML, from the page and from the command, and a file
LibreOffice opens."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.monitoring.models import EvaluationReport
from lidzdaliba.surveys.tests.conftest import survey  # noqa: F401 (a fixture)
from lidzdaliba.surveys.tests.test_web import answered  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _read(content: bytes):
    from docx import Document

    document = Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return document, paragraphs, tables


def _report(client, answered, conclusions: str) -> EvaluationReport:  # noqa: F811
    response = client.post(
        reverse("monitoring:report_new"),
        {
            "title": "Līdzdalības izvērtējums",
            "period_start": "2020-01-01",
            "period_end": str(timezone.localdate()),
            "conclusions": conclusions,
            "surveys": [answered.pk],
        },
    )
    assert response.status_code == 302
    return EvaluationReport.objects.get()


def test_docx_has_the_figures_charts_survey_results_and_conclusions(
    client_for,
    coordinator,
    answered,  # noqa: F811
    libreoffice,
):
    client = client_for(coordinator)
    report = _report(client, answered, "Pirmais secinājums.\n\nOtrais secinājums.")
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert reverse("monitoring:report_docx", args=[report.pk]) in page

    response = client.get(reverse("monitoring:report_docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert f"evaluation-report-{report.pk}.docx" in response["Content-Disposition"]
    document, paragraphs, tables = _read(response.content)

    assert document.core_properties.title == "Līdzdalības izvērtējums"
    assert paragraphs[0] == "Līdzdalības izvērtējums"
    assert any(p.startswith("Periods: ") and "Visas iestādes." in p for p in paragraphs)
    for heading in (
        "Galvenie rādītāji",
        "Viedokļi pa mērķgrupām",
        "Aptauju rezultāti",
        "Secinājumi",
    ):
        assert heading in paragraphs
    assert "Pirmais secinājums." in paragraphs and "Otrais secinājums." in paragraphs
    # The survey's questions, with the number of respondents and both groups' columns.
    for text in ("Cik apmierināts?", "Vai piedalījāties?", "Kāpēc?"):
        assert text in paragraphs
    assert any(p.startswith("Skala") and "n = 9" in p for p in paragraphs)
    headers = [table[0] for table in tables]
    assert ["Atbildes variants", "Visi", "Iestādes", "Sabiedrība"] in headers
    words = next(t for t in tables if t[0] == ["Vārds", "Atbildes"])
    assert "atzinums" in [row[0] for row in words[1:]]
    # Every chart is a picture (PNG), and the headline table carries the numbers.
    pictures = document.inline_shapes
    assert len(pictures) >= 3
    headline = next(t for t in tables if t[0] == ["Rādītājs", "Vērtība"])
    assert len(headline) == 10

    # LibreOffice opens it and reads the same words.
    text = libreoffice.convert(response.content, "docx", "txt:Text (encoded):UTF8").decode()
    assert "Līdzdalības izvērtējums" in text and "Kāpēc?" in text and "Otrais secinājums." in text


def test_command_writes_a_stored_report_as_docx(client_for, coordinator, answered, tmp_path):  # noqa: F811
    report = _report(client_for(coordinator), answered, "")
    out = tmp_path / "report.docx"
    call_command("evaluation_report", str(out), "--report", str(report.pk))
    _document, paragraphs, _tables = _read(out.read_bytes())
    assert "Kāpēc?" in paragraphs and "Līdzdalības izvērtējums" in paragraphs
