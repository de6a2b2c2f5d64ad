"""The survey part of the evaluation report: the chosen surveys' results per question with
the groups side by side and the free-text word cloud, on the page, in the PDF and from the
command; the choice is audited."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.monitoring.models import EvaluationReport
from lidzdaliba.surveys import services as survey_services
from lidzdaliba.surveys.models import Survey
from lidzdaliba.surveys.tests.conftest import survey  # noqa: F401 (a fixture)
from lidzdaliba.surveys.tests.test_web import answered  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    return {
        "title": "Izvērtējums ar aptauju",
        "period_start": "2020-01-01",
        "period_end": str(timezone.localdate()),
        "conclusions": "",
        **extra,
    }


def test_report_with_a_survey_shows_its_results_and_is_audited(
    client_for,
    coordinator,
    editor,
    ministry,
    answered,  # noqa: F811
):
    draft = survey_services.survey_create(
        actor=editor, institution=ministry, title="Melnraksts", audience=Survey.Audience.BOTH
    )
    client = client_for(coordinator)
    form_page = client.get(reverse("monitoring:report_new")).content.decode()
    assert answered.title in form_page and "Melnraksts" not in form_page  # published only
    refused = client.post(reverse("monitoring:report_new"), _form(surveys=[draft.pk]))
    assert refused.status_code == 200 and not EvaluationReport.objects.exists()
    response = client.post(reverse("monitoring:report_new"), _form(surveys=[answered.pk]))
    assert response.status_code == 302
    report = EvaluationReport.objects.get()
    entry = AuditEntry.objects.get(action="evaluation_report.create", target_id=str(report.pk))
    assert entry.after["survey_ids"] == [answered.pk]

    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert answered.title in page
    for text in ("Cik apmierināts?", "Vai piedalījāties?", "Kāpēc?"):
        assert text in page
    assert "n = 9" in page  # all respondents of the scale
    assert "Iestādes: 3" in page and "Sabiedrība: 6" in page  # both groups
    # Side by side: the choice table has a column per group, and the institutions' group of
    # 3 is shown (the report is the coordinator's, like the owner's results page).
    assert '<th scope="col">Iestādes</th><th scope="col">Sabiedrība</th>' in page
    assert "<td>–</td>" not in page.split("Vai piedalījāties?")[1].split("</table>")[0]
    assert "atzinums" in page  # a word of the free-text word cloud
    assert page.count("<svg") >= 3

    pdf = client.get(reverse("monitoring:report_pdf", args=[report.pk]))
    assert pdf.content.startswith(b"%PDF")

    client.post(reverse("monitoring:report_edit", args=[report.pk]), _form(title=report.title))
    update = AuditEntry.objects.get(action="evaluation_report.update")
    assert update.before == {"survey_ids": [answered.pk]} and update.after == {"survey_ids": []}
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert "Kāpēc?" not in page


def test_command_includes_the_survey(coordinator, answered, tmp_path):  # noqa: F811
    out = tmp_path / "report.html"
    call_command(
        "evaluation_report",
        str(out),
        "--from",
        "2020-01-01",
        "--to",
        str(timezone.localdate()),
        "--coordinator",
        coordinator.email,
        "--survey",
        str(answered.pk),
    )
    html = out.read_text(encoding="utf-8")
    assert "Kāpēc?" in html and "atzinums" in html and "Iestādes: 3" in html
    assert list(EvaluationReport.objects.get().surveys.all()) == [answered]
