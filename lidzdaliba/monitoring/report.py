"""The evaluation report: the figures of its period and institutions, shaped like the
source evaluation (headline figures, indicator charts, a ranking table, conclusions), as
HTML with a print stylesheet and as PDF (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string

from . import presentation, selectors
from .models import EvaluationReport


def report_context(report: EvaluationReport) -> dict:
    result = selectors.indicators(filters=selectors.report_filters(report))
    return {
        "report": report,
        "result": result,
        "charts": presentation.charts(result),
        "ranking": presentation.ranking(result),
        "initiative_rows": presentation.initiative_rows(result),
        "kinds": [(presentation.kind_label(k), f) for k, f in sorted(result.kinds.items())],
        "chosen": list(report.institutions.all()),
    }


def report_html(report: EvaluationReport) -> str:
    return render_to_string("monitoring/report_print.html", report_context(report))


def report_pdf(report: EvaluationReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf()
