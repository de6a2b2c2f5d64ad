"""The evaluation report: the figures of its period and institutions, shaped like the
source evaluation (headline figures, indicator charts, a ranking table, conclusions), as
HTML with a print stylesheet and as PDF (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string

from lidzdaliba.surveys.charts import question_charts
from lidzdaliba.surveys.selectors import survey_results

from . import groups, presentation, selectors
from .models import EvaluationReport


def survey_parts(report: EvaluationReport) -> list:
    """The results of the report's surveys, each question with its chart, as the survey's
    results page shows them to its owner (every group side by side, the free text as a
    word cloud). Not hidden under 5 respondents: the report is the coordinator's alone
    (`rules.may_see_dashboard`), like the full results page."""
    parts = []
    for survey in report.surveys.select_related("institution").order_by("pk"):
        results = survey_results(survey=survey, public=False)
        for item in results.questions:
            item.charts = question_charts(survey, item)
        parts.append(results)
    return parts


def report_context(report: EvaluationReport) -> dict:
    filters = selectors.report_filters(report)
    result = selectors.indicators(filters=filters)
    # A report is a document that travels: small groups are withheld as on the public page.
    group_rows = groups.suppressed(groups.group_figures(filters=filters))
    return {
        "group_rows": group_rows,
        "group_chart": presentation.group_chart(group_rows),
        "min_people": groups.MIN_PEOPLE,
        "report": report,
        "result": result,
        "charts": presentation.charts(result),
        "ranking": presentation.ranking(result),
        "initiative_rows": presentation.initiative_rows(result),
        "kinds": [(presentation.kind_label(k), f) for k, f in sorted(result.kinds.items())],
        "chosen": list(report.institutions.all()),
        "survey_parts": survey_parts(report),
    }


def report_html(report: EvaluationReport) -> str:
    return render_to_string("monitoring/report_print.html", report_context(report))


def report_pdf(report: EvaluationReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf()
