"""Turns `Indicators` into what the pages show: charts with their tables and, for every
figure, the link to the list behind it (the consultations or initiatives list, filtered)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lidzdaliba.consultations.models import Status
from lidzdaliba.core.enums import ParticipationForm, PolicyStage
from lidzdaliba.initiatives.models import Status as InitiativeStatus
from lidzdaliba.institutions.models import Institution

from .charts import Bar, bar_chart
from .groups import GroupFigures
from .selectors import Indicators


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value * 100, 1)} %"


def consultations_url(institution: Institution | None = None, **params: str) -> str:
    if institution is not None:
        params = {"institution": institution.slug, **params}
    query = urlencode({k: v for k, v in params.items() if v})
    return reverse("consultations:list") + (f"?{query}" if query else "")


@dataclass
class Chart:
    id: str
    title: str
    svg: str
    bars: list[Bar]
    label_heading: str


def _chart(chart_id: str, title: str, heading: str, bars: list[Bar]) -> Chart:
    return Chart(chart_id, title, bar_chart(title, bars, chart_id=chart_id), bars, heading)


def standalone_svg(chart: Chart) -> str:
    """The chart as a file of its own (the SVG download, and the PNG drawn from it)."""
    return bar_chart(chart.title, chart.bars, chart_id=chart.id, standalone=True)


def charts(result: Indicators, institution: Institution | None = None) -> list[Chart]:
    overall = result.overall
    stage_labels = dict(PolicyStage.choices)
    form_labels = dict(ParticipationForm.choices)
    found = [
        _chart(
            "by-stage",
            _("Consultations by policy stage"),
            _("Policy stage"),
            [
                Bar(str(label), n, str(n), consultations_url(institution, stage=code))
                for code, label in stage_labels.items()
                if (n := overall.by_stage.get(code, 0))
            ],
        ),
        _chart(
            "by-form",
            _("Consultations by participation form"),
            _("Participation form"),
            [
                Bar(str(label), n, str(n), consultations_url(institution, form=code))
                for code, label in form_labels.items()
                if (n := overall.by_form.get(code, 0))
            ],
        ),
        _chart(
            "by-status",
            _("Consultations by status"),
            _("Status"),
            [
                Bar(
                    str(s.label),
                    overall.by_status.get(s.value, 0),
                    str(overall.by_status.get(s.value, 0)),
                    consultations_url(institution, status=s.value),
                )
                for s in Status
                if s != Status.DRAFT
            ],
        ),
        _chart(
            "trend-opinions",
            _("Opinions by month"),
            _("Month"),
            [Bar(f"{month:%Y-%m}", f.opinions, str(f.opinions)) for month, f in result.months],
        ),
        _chart(
            "trend-answered",
            _("Share of opinions answered, by month"),
            _("Month"),
            [
                Bar(f"{month:%Y-%m}", f.answered_share or 0, percent(f.answered_share))
                for month, f in result.months
            ],
        ),
        _chart(
            "answered-by-institution",
            _("Share of opinions answered, by institution"),
            _("Institution"),
            [
                Bar(
                    inst.name,
                    f.answered_share or 0,
                    percent(f.answered_share),
                    consultations_url(inst),
                )
                for inst, f in ranking(result)
            ],
        ),
    ]
    return [chart for chart in found if chart.bars]


def ranking(result: Indicators) -> list:
    """Institutions by share answered, then feedback on time, then opinions (most first)."""
    return sorted(
        result.institutions,
        key=lambda pair: (
            -(pair[1].answered_share or 0),
            -(pair[1].feedback_on_time_share or 0),
            -pair[1].opinions,
            pair[0].name,
        ),
    )


def initiative_rows(result: Indicators) -> list[tuple[str, int, str]]:
    list_url = reverse("initiatives:list")
    return [
        (str(s.label), result.initiatives.by_status[s.value], f"{list_url}?status={s.value}")
        for s in InitiativeStatus
        if result.initiatives.by_status.get(s.value)
    ]


def kind_label(kind: str) -> str:
    return str(dict(Institution.Kind.choices).get(kind, kind))


def group_chart(rows: list[GroupFigures]) -> Chart | None:
    """Opinions by affected group (groups withheld in public have no bar); the template
    puts the table of the same numbers, with people and organisations, beneath it."""
    bars = [
        Bar(row.label, row.opinions, str(row.opinions)) for row in rows if row.opinions is not None
    ]
    if not bars:
        return None
    return _chart("by-group", _("Opinions by affected group"), _("Group"), bars)
