"""The evaluation report as a DOCX (python-docx), for the coordinator who edits the report
further in a word processor before it goes to the government, as the source evaluation did.

The same content as the HTML and PDF (`report.report_context`): headline figures, the
indicator charts, the ranking, initiatives and meetings, the chosen surveys' results and the
conclusions. Every chart is the page's own SVG drawn as a PNG (`core.images`), and each is
followed by a table with its numbers, so nothing is only in a picture.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lidzdaliba.core.dates import format_date
from lidzdaliba.core.images import svg_to_png
from lidzdaliba.core.spreadsheets import clean
from lidzdaliba.surveys.templatetags.surveys import group_name

from .models import EvaluationReport
from .presentation import percent, standalone_svg
from .templatetags.monitoring import question_label

FONT = "Arial"  # LibreOffice shows it as the metrically equal Liberation Sans
CHART_WIDTH_MM = 160


def _number(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else number_format(value, digits)


class _Writer:
    """A thin layer over python-docx: headings, paragraphs, tables with a header row that
    repeats on every page, and charts (PNG) with their tables."""

    def __init__(self, title: str) -> None:
        from docx import Document as Docx
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        self.docx = Docx()
        self.docx.core_properties.title = clean(title)[:255]
        normal = self.docx.styles["Normal"]
        normal.font.size, normal.font.name = Pt(11), FONT
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        section = self.docx.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)  # A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))

    def heading(self, text: str, level: int) -> None:
        self.docx.add_heading(clean(text), level=level)

    def paragraph(self, text: str) -> None:
        self.docx.add_paragraph(clean(text))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        table = self.docx.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = clean(str(text))
            for run in cell.paragraphs[0].runs:
                run.bold = True
        # The header row repeats on every page the table runs over (w:tblHeader, a
        # documented WordprocessingML property set through python-docx's oxml helpers).
        properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = clean(str(value))
        self.docx.add_paragraph()

    def chart(self, svg: str) -> None:
        from docx.shared import Mm

        if svg:
            self.docx.add_picture(io.BytesIO(svg_to_png(svg)), width=Mm(CHART_WIDTH_MM))

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.docx.save(out)
        return out.getvalue()


def _headline(writer: _Writer, context: dict) -> None:
    f = context["result"].overall
    writer.heading(_("Headline figures"), 1)
    writer.table(
        [_("Figure"), _("Value")],
        [
            (_("Consultations"), f.consultations),
            (_("Announced with at least the minimum period"), percent(f.minimum_period_kept_share)),
            (_("Opinions"), f.opinions),
            (_("People who gave opinions"), f.people),
            (_("Organisations that gave opinions"), f.organisations),
            (_("Opinions answered"), percent(f.answered_share)),
            (
                _("Closed consultations with published feedback"),
                percent(f.feedback_published_share),
            ),
            (_("Median days to answer"), _number(f.median_days_to_answer, 1)),
            (_("Feedback published by its deadline"), percent(f.feedback_on_time_share)),
        ],
    )
    means = context["result"].means
    if means:
        writer.heading(_("What participants said (1–10)"), 2)
        writer.table(
            [_("Question"), _("Respondents"), _("Mean"), _("95% confidence interval")],
            [
                (
                    question_label(key),
                    mean.n,
                    _number(mean.mean),
                    "–" if mean.low is None else f"{_number(mean.low)}–{_number(mean.high)}",
                )
                for key, mean in means.items()
            ],
        )


def _charts(writer: _Writer, context: dict) -> None:
    writer.heading(_("Indicator charts"), 1)
    if not context["charts"]:
        writer.paragraph(_("No consultations in this selection."))
    for chart in context["charts"]:
        writer.heading(chart.title, 2)
        writer.chart(standalone_svg(chart))
        writer.table([chart.label_heading, _("Value")], [(b.label, b.shown) for b in chart.bars])


def _institutions(writer: _Writer, context: dict) -> None:
    writer.heading(_("Institutions"), 1)
    writer.paragraph(_("Institutions ranked by the share of opinions answered"))
    writer.table(
        [
            _("Place"),
            _("Institution"),
            _("Consultations"),
            _("Opinions"),
            _("Participants"),
            _("Answered"),
            _("Median days to answer"),
            _("Feedback on time"),
        ],
        [
            (
                place,
                institution.name,
                f.consultations,
                f.opinions,
                f.participants,
                percent(f.answered_share),
                _number(f.median_days_to_answer, 1),
                percent(f.feedback_on_time_share),
            )
            for place, (institution, f) in enumerate(context["ranking"], start=1)
        ],
    )
    if context["kinds"]:
        writer.paragraph(_("By kind of institution"))
        writer.table(
            [_("Kind"), _("Consultations"), _("Opinions"), _("Participants"), _("Answered")],
            [
                (label, f.consultations, f.opinions, f.participants, percent(f.answered_share))
                for label, f in context["kinds"]
            ],
        )
    result = context["result"]
    writer.heading(_("Initiatives and meetings"), 1)
    writer.table(
        [_("Initiatives by status"), _("Initiatives")],
        [
            *((label, n) for label, n, _href in context["initiative_rows"]),
            (_("Answered by the deadline"), result.initiatives.answered_on_time),
            (_("Answered late"), result.initiatives.answered_late),
            (_("Awaiting an answer past the deadline"), result.initiatives.overdue),
        ],
    )
    meetings = result.meetings
    writer.table(
        [_("Meetings held"), _("Value")],
        [
            (_("Meetings held"), meetings.held),
            (_("Agenda published on time"), meetings.agenda_on_time),
            (_("Meetings whose minutes were due"), meetings.minutes_due),
            (_("Minutes published on time"), meetings.minutes_on_time),
        ],
    )


def _groups(writer: _Writer, context: dict) -> None:
    writer.heading(_("Opinions by affected group"), 1)
    rows = context["group_rows"]
    if not rows:
        writer.paragraph(_("No opinions in this selection."))
        return
    if context["group_chart"]:
        writer.chart(standalone_svg(context["group_chart"]))
    withheld = ngettext(
        "Fewer than %(n)s person", "Fewer than %(n)s people", context["min_people"]
    ) % {"n": context["min_people"]}
    writer.table(
        [_("Group"), _("Opinions"), _("People"), _("Organisations")],
        [
            (row.label, withheld, "", "")
            if row.hidden
            else (
                row.label,
                row.opinions,
                *((row.participants, "–") if row.counts_people else ("–", row.participants)),
            )
            for row in rows
        ],
    )


def _question(writer: _Writer, item) -> None:
    q, f = item.question, item.all
    writer.heading(q.text, 3)
    line = f"{q.get_kind_display()} · n = {f.n}"
    if q.kind == "scale" and f.mean is not None:
        line += f" · {_('mean')} {_number(f.mean)} · {_('median')} {_number(f.median, 1)}"
        if f.ci95:
            low, high = f.ci95
            line += f" · {_('95% confidence interval')} {_number(low)}–{_number(high)}"
    writer.paragraph(line)
    writer.chart(item.charts.get("bars") or item.charts.get("cloud") or "")
    if q.kind == "text":
        writer.table([_("Word"), _("Answers")], f.words)
        return
    groups = list(item.groups.items()) if len(item.groups) > 1 else []
    writer.table(
        [_("Answer option"), _("All"), *(group_name(name) for name, _g in groups)],
        [
            (
                label,
                count,
                *("–" if g.hidden else g.counts.get(label, 0) for _name, g in groups),
            )
            for label, count in f.counts.items()
        ],
    )


def _surveys(writer: _Writer, context: dict) -> None:
    if not context["survey_parts"]:
        return
    writer.heading(_("Survey results"), 1)
    for results in context["survey_parts"]:
        writer.heading(results.survey.title, 2)
        groups = ", ".join(f"{group_name(name)}: {n}" for name, n in results.groups.items())
        counted = f"n = {results.n}" + (f" ({groups})" if groups else "")
        writer.paragraph(f"{results.survey.institution.name}. {counted}")
        for item in results.questions:
            _question(writer, item)


def report_docx(report: EvaluationReport) -> bytes:
    from .report import report_context

    context = report_context(report)
    writer = _Writer(report.title)
    writer.heading(report.title, 0)
    period = _("Period: %(start)s – %(end)s") % {
        "start": format_date(report.period_start, "nom"),
        "end": format_date(report.period_end, "nom"),
    }
    chosen = ", ".join(i.name for i in context["chosen"])
    writer.paragraph(
        f"{period}. " + (f"{_('Institutions:')} {chosen}." if chosen else _("All institutions."))
    )
    _headline(writer, context)
    _charts(writer, context)
    _institutions(writer, context)
    _groups(writer, context)
    _surveys(writer, context)
    writer.heading(_("Conclusions"), 1)
    for part in report.conclusions.split("\n\n"):
        if part.strip():
            writer.paragraph(part.strip())
    return writer.bytes()
