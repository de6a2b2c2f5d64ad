"""Pages of monitoring: the public indicators, the coordinator's dashboard (the same numbers,
with the reports), the exports and the open data. Thin: parse the filters, call a
selector, render."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.core.images import chart_download as chart_file

from . import exports, groups, opendata, presentation, selectors, services
from .forms import EvaluationReportForm, IndicatorFilterForm


def _page(request: HttpRequest, template: str, *, whole: bool = False, **extra) -> HttpResponse:
    """`whole`: the coordinator's view, with the by-group figures of small groups too."""
    form = IndicatorFilterForm(request.GET or None)
    result = selectors.indicators(filters=form.filters())
    institution = form.cleaned_data.get("institution") if form.is_valid() else None
    group_rows = groups.group_figures(filters=form.filters())
    if not whole:
        group_rows = groups.suppressed(group_rows)
    context = {
        "form": form,
        "result": result,
        "charts": presentation.charts(result, institution),
        "ranking": presentation.ranking(result),
        "initiative_rows": presentation.initiative_rows(result),
        "kinds": [(presentation.kind_label(k), f) for k, f in sorted(result.kinds.items())],
        "query": request.GET.urlencode(),
        "chart_downloads": True,  # not in the report: its figures are not the page's filters
        "group_rows": group_rows,
        "group_chart": presentation.group_chart(group_rows),
        "min_people": groups.MIN_PEOPLE,
        "whole": whole,
        **extra,
    }
    return render(request, template, context)


def public_indicators(request: HttpRequest) -> HttpResponse:
    return _page(request, "monitoring/public.html")


def _require_dashboard(request: HttpRequest) -> None:
    if not request.user.has_perm("monitoring.view_dashboard"):
        raise PermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_dashboard(request)
    return _page(request, "monitoring/dashboard.html", whole=True, reports=selectors.reports()[:20])


def _rows(result: selectors.Indicators) -> list[list]:
    rows = [
        [inst.name, presentation.kind_label(inst.kind), *exports.figure_cells(f)]
        for inst, f in result.institutions
    ]
    rows.append([_("All selected"), "", *exports.figure_cells(result.overall)])
    return rows


def _group_rows(request: HttpRequest, filters: selectors.IndicatorFilters) -> list[list]:
    """The by-group table: whole for the coordinator, small groups withheld for others."""
    rows = groups.group_figures(filters=filters)
    if not request.user.has_perm("monitoring.view_dashboard"):
        rows = groups.suppressed(rows)
    return [exports.group_cells(row) for row in rows]


def export(request: HttpRequest, fmt: str, table: str = "institutions") -> HttpResponse:
    """The tables of the page as CSV or XLSX (the public numbers: anyone may download). The
    XLSX has the institutions and the affected groups as two sheets; a CSV holds one table
    (`table`: "institutions" or "groups")."""
    form = IndicatorFilterForm(request.GET or None)
    filters = form.filters()
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    name = "indicators" if table == "institutions" else "indicators-by-group"
    if fmt == "xlsx":
        result = selectors.indicators(filters=filters)
        body = exports.to_xlsx(
            _("Indicators"),
            exports.columns(),
            _rows(result),
            more=[(_("By affected group"), exports.group_columns(), _group_rows(request, filters))],
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif table == "groups":
        body = exports.to_csv(exports.group_columns(), _group_rows(request, filters))
        content_type = "text/csv; charset=utf-8"
    else:
        result = selectors.indicators(filters=filters)
        body = exports.to_csv(exports.columns(), _rows(result))
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="lidzdaliba-{name}-{stamp}.{fmt}"'
    return response


def chart_download(request: HttpRequest, chart_id: str, fmt: str) -> HttpResponse:
    """One chart of the page, with the page's filters, as SVG or PNG (the public numbers,
    as the CSV: anyone may download)."""
    form = IndicatorFilterForm(request.GET or None)
    result = selectors.indicators(filters=form.filters())
    institution = form.cleaned_data.get("institution") if form.is_valid() else None
    chart = next((c for c in presentation.charts(result, institution) if c.id == chart_id), None)
    if chart is None:
        raise Http404
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    return chart_file(
        presentation.standalone_svg(chart), filename=f"lidzdaliba-{chart.id}-{stamp}", fmt=fmt
    )


def open_data_csv(request: HttpRequest) -> HttpResponse:
    body = exports.to_csv(opendata.COLUMNS, opendata.rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lidzdaliba-indicators.csv"'
    return response


def open_data_metadata(request: HttpRequest) -> HttpResponse:
    base = settings.SITE_URL.rstrip("/")
    document = opendata.dcat(
        page_url=base + reverse("monitoring:public"),
        csv_url=base + reverse("monitoring:open_data_csv"),
        metadata_url=base + reverse("monitoring:open_data_metadata"),
    )
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )


# --- Evaluation reports (the coordinator's) ----------------------------------------------


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    _require_dashboard(request)
    form = EvaluationReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.evaluation_report_create(
            actor=request.user,
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            institutions=list(form.cleaned_data["institutions"]),
            surveys=list(form.cleaned_data["surveys"]),
            conclusions=form.cleaned_data["conclusions"],
        )
        return redirect("monitoring:report", pk=report.pk)
    return render(request, "monitoring/report_form.html", {"form": form, "report": None})


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_dashboard(request)
    report = get_object_or_404(selectors.reports(), pk=pk)
    form = EvaluationReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        services.evaluation_report_update(
            actor=request.user,
            report=selectors.reports().get(pk=pk),
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            institutions=list(form.cleaned_data["institutions"]),
            surveys=list(form.cleaned_data["surveys"]),
            conclusions=form.cleaned_data["conclusions"],
        )
        return redirect("monitoring:report", pk=report.pk)
    return render(request, "monitoring/report_form.html", {"form": form, "report": report})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_dashboard(request)
    report = get_object_or_404(selectors.reports(), pk=pk)
    from .report import report_context

    return render(request, "monitoring/report.html", report_context(report))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _require_dashboard(request)
    report = get_object_or_404(selectors.reports(), pk=pk)
    from .report import report_pdf as render_pdf

    response = HttpResponse(render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluation-report-{report.pk}.pdf"'
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _require_dashboard(request)
    report = get_object_or_404(selectors.reports(), pk=pk)
    from .report_docx import report_docx as render_docx

    response = HttpResponse(render_docx(report), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="evaluation-report-{report.pk}.docx"'
    return response
