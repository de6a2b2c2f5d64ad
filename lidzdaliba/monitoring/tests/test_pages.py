"""The pages, exports, open data, API and reports of monitoring, and who may see each."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.core import indicators as hook
from lidzdaliba.monitoring import services
from lidzdaliba.monitoring.models import EvaluationReport
from lidzdaliba.monitoring.selectors import IndicatorFilters, indicators

from .helpers import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(ministry, municipality):
    world(random.Random(7), [ministry, municipality], consultations=8, opinions=30)
    services.figures_rebuild_all()
    return indicators(filters=IndicatorFilters())


PUBLIC = [
    "monitoring:public",
    "monitoring:export_csv",
    "monitoring:export_xlsx",
    "monitoring:open_data_csv",
    "monitoring:open_data_metadata",
]


@pytest.mark.parametrize("who", ["anonymous", "resident", "editor", "coordinator"])
def test_permission_matrix(who, client_for, resident, editor, coordinator, figures):
    user = {"anonymous": None, "resident": resident, "editor": editor, "coordinator": coordinator}[
        who
    ]
    client = client_for(user)
    for name in PUBLIC:
        assert client.get(reverse(name)).status_code == 200, name
    report = EvaluationReport.objects.create(
        title="2026", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )
    coordinator_only = [
        reverse("monitoring:dashboard"),
        reverse("monitoring:report_new"),
        reverse("monitoring:report", args=[report.pk]),
        reverse("monitoring:report_edit", args=[report.pk]),
        reverse("monitoring:report_docx", args=[report.pk]),
    ]
    for url in coordinator_only:
        status = client.get(url).status_code
        if who == "coordinator":
            assert status == 200, url
        elif who == "anonymous":
            assert status == 302, url
        else:
            assert status == 403, url
    posted = client.post(
        reverse("monitoring:report_new"),
        {"title": "X", "period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    assert EvaluationReport.objects.filter(title="X").exists() == (who == "coordinator")
    assert posted.status_code in ({302} if who in ("coordinator", "anonymous") else {403})


def test_public_page_and_dashboard_show_the_same_numbers_with_links(
    client_for, coordinator, ministry, figures
):
    public = client_for(None).get(reverse("monitoring:public")).content.decode()
    dashboard = client_for(coordinator).get(reverse("monitoring:dashboard")).content.decode()
    for page in (public, dashboard):
        assert f">{figures.overall.consultations}</a>" in page
        assert "<svg" in page and "<caption" in page
        # Each figure links to the list behind it.
        assert f"/consultations/?institution={ministry.slug}" in page
        assert "/consultations/?stage=" in page
    only_ministry = client_for(None).get(
        reverse("monitoring:public"), {"institution": ministry.slug}
    )
    expected = indicators(filters=IndicatorFilters(institution_ids=(ministry.pk,))).overall
    assert f">{expected.consultations}</a>" in only_ministry.content.decode()


def test_exports_hold_the_figures_and_are_formula_safe(client_for, ministry, figures):
    ministry.name = '=HYPERLINK("http://evil")'
    ministry.save(update_fields=["name"])
    response = client_for(None).get(reverse("monitoring:export_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[-1][2] == str(figures.overall.consultations)
    assert any(row[0] == '\'=HYPERLINK("http://evil")' for row in rows)
    response = client_for(None).get(reverse("monitoring:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[-1][2] == figures.overall.consultations
    assert any(row[0] == '\'=HYPERLINK("http://evil")' for row in values)


def test_open_data_csv_and_dcat_metadata(client_for, figures):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client_for(None)
                .get(reverse("monitoring:open_data_csv"))
                .content.decode("utf-8-sig")
            )
        )
    )
    assert sum(int(row["consultations"]) for row in rows) == figures.overall.consultations
    assert sum(int(row["opinions"]) for row in rows) == figures.overall.opinions
    meta = json.loads(client_for(None).get(reverse("monitoring:open_data_metadata")).content)
    assert meta["@type"] == "dcat:Dataset"
    download = meta["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
    assert download.endswith(reverse("monitoring:open_data_csv"))


def test_api_shape_and_filters(api_for, ministry, figures):
    response = api_for(None).get("/api/v1/indicators")
    assert response.status_code == 200
    body = response.json()
    overall = body["overall"]
    for name in (
        "consultations",
        "opinions",
        "participants",
        "answered_share",
        "feedback_published_share",
        "median_days_to_answer",
        "minimum_period_kept_share",
        "feedback_on_time_share",
    ):
        assert name in overall
    assert overall["consultations"] == figures.overall.consultations
    assert overall["participants"] == figures.overall.participants
    assert {row["institution"] for row in body["institutions"]} <= {ministry.slug, "pasvaldiba"}
    # The standard questions come from the surveys app (core/indicators.py); nobody has
    # answered them here, so each has no respondents and no figures.
    assert body["means"] == {
        key: {"n": 0, "mean": None, "ci95": None}
        for key in ("taken_into_account", "explained_why", "ease_of_taking_part")
    }
    one = api_for(None).get("/api/v1/indicators", {"institution": ministry.slug}).json()
    assert [row["institution"] for row in one["institutions"]] == [ministry.slug]
    municipal = api_for(None).get("/api/v1/indicators", {"kind": "municipal"}).json()
    assert all(row["kind"] == "municipal" for row in municipal["institutions"])
    today = timezone.localdate()
    recent = (
        api_for(None)
        .get("/api/v1/indicators", {"from": str(today - timedelta(days=40)), "to": str(today)})
        .json()
    )
    assert recent["overall"]["consultations"] <= overall["consultations"]
    assert api_for(None).get("/api/v1/indicators", {"institution": "nav"}).status_code == 404
    bad = api_for(None).get("/api/v1/indicators", {"kind": "nav"})
    assert bad.status_code == 422 and bad.json()["error"] == "invalid"
    reversed_period = api_for(None).get(
        "/api/v1/indicators", {"from": "2026-05-01", "to": "2026-01-01"}
    )
    assert reversed_period.status_code == 422


def test_standard_means_come_from_a_registered_provider(api_for, client_for, ministry, figures):
    seen = []

    def provider(institution_ids, start, end):
        seen.append((institution_ids, start, end))
        return {"taken_into_account": hook.Mean(n=12, mean=6.5, low=5.4, high=7.6)}

    previous = hook.register_standard_means_provider(provider)
    try:
        body = api_for(None).get("/api/v1/indicators", {"institution": ministry.slug}).json()
        page = client_for(None).get(reverse("monitoring:public")).content.decode()
    finally:
        hook.register_standard_means_provider(previous)
    assert body["means"] == {"taken_into_account": {"n": 12, "mean": 6.5, "ci95": [5.4, 7.6]}}
    assert seen[0] == ((ministry.pk,), None, None)
    assert "6,50" in page or "6.50" in page


def test_report_is_written_audited_and_rendered(
    client_for, coordinator, ministry, figures, tmp_path
):
    client = client_for(coordinator)
    response = client.post(
        reverse("monitoring:report_new"),
        {
            "title": "Līdzdalības izvērtējums 2026",
            "period_start": "2020-01-01",
            "period_end": str(timezone.localdate()),
            "institutions": [ministry.pk],
            "conclusions": "Iestādes atbild laikā.",
        },
    )
    report = EvaluationReport.objects.get()
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action="evaluation_report.create", target_id=str(report.pk)
    ).exists()
    client.post(
        reverse("monitoring:report_edit", args=[report.pk]),
        {
            "title": report.title,
            "period_start": "2020-01-01",
            "period_end": str(timezone.localdate()),
            "institutions": [ministry.pk],
            "conclusions": "Jāuzlabo atbilžu termiņi.",
        },
    )
    entry = AuditEntry.objects.get(action="evaluation_report.update")
    assert entry.after == {"conclusions": "Jāuzlabo atbilžu termiņi."}
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert "Jāuzlabo atbilžu termiņi." in page and ministry.name in page
    assert "print.css" in page
    pdf = client.get(reverse("monitoring:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_report_command_writes_pdf_and_html(coordinator, ministry, figures, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "report.pdf"
    call_command(
        "evaluation_report",
        str(out),
        "--from",
        "2020-01-01",
        "--to",
        str(timezone.localdate()),
        "--coordinator",
        coordinator.email,
        "--institution",
        ministry.slug,
    )
    assert out.read_bytes().startswith(b"%PDF")
    report = EvaluationReport.objects.get()
    html = tmp_path / "report.html"
    call_command("evaluation_report", str(html), "--report", str(report.pk))
    assert ministry.name in html.read_text(encoding="utf-8")


def test_only_the_coordinator_may_write_reports_through_the_service(editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.evaluation_report_create(
            actor=editor, title="X", period_start=date(2026, 1, 1), period_end=date(2026, 2, 1)
        )
    assert not EvaluationReport.objects.exists()
