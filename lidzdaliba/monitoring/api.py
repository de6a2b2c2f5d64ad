"""`GET /api/v1/indicators`: the public indicators per institution and overall."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from lidzdaliba.accounts.api_auth import optional_bearer
from lidzdaliba.core.api_schemas import schema_enum
from lidzdaliba.core.indicators import Mean
from lidzdaliba.institutions.api import InstitutionKind
from lidzdaliba.institutions.models import Institution

from .figures import Figures
from .groups import (
    AFFECTED_GROUP,
    NOT_DECLARED,
    ORGANISATION_KIND,
    as_dicts,
    group_figures,
    suppressed,
)
from .selectors import IndicatorFilters, indicators

router = Router(tags=["indicators"], auth=optional_bearer)


class MeanOut(Schema):
    n: int
    mean: float | None
    ci95: list[float] | None


class FiguresOut(Schema):
    consultations: int
    opinions: int
    participants: int
    people: int
    organisations: int
    answered_share: float | None
    feedback_published_share: float | None
    median_days_to_answer: float | None
    minimum_period_kept_share: float | None
    feedback_on_time_share: float | None
    by_stage: dict[str, int]
    by_form: dict[str, int]
    by_status: dict[str, int]


class InstitutionFiguresOut(FiguresOut):
    institution: str
    institution_name: str
    kind: InstitutionKind


IndicatorGroupKind = schema_enum(
    "IndicatorGroupKind",
    {
        "AFFECTED_GROUP": AFFECTED_GROUP,
        "NOT_DECLARED": NOT_DECLARED,
        "ORGANISATION_KIND": ORGANISATION_KIND,
    },
)


class IndicatorGroupOut(Schema):
    """Opinions by affected group: `group` is the affected group's slug, the organisation
    kind (`ngo`, `company`, `other`) or `not_declared`. `people` for groups of people,
    `organisations` for organisation kinds; `hidden`: a group of fewer than 5 people, whose
    numbers are withheld (null) from everyone but the coordinator."""

    kind: IndicatorGroupKind
    group: str
    name: str
    opinions: int | None
    people: int | None
    organisations: int | None
    hidden: bool


class IndicatorsOut(Schema):
    start: date | None
    end: date | None
    overall: FiguresOut
    institutions: list[InstitutionFiguresOut]
    means: dict[str, MeanOut]
    by_group: list[IndicatorGroupOut]


def _figures(figures: Figures) -> dict:
    return {
        "consultations": figures.consultations,
        "opinions": figures.opinions,
        "participants": figures.participants,
        "people": figures.people,
        "organisations": figures.organisations,
        "answered_share": figures.answered_share,
        "feedback_published_share": figures.feedback_published_share,
        "median_days_to_answer": figures.median_days_to_answer,
        "minimum_period_kept_share": figures.minimum_period_kept_share,
        "feedback_on_time_share": figures.feedback_on_time_share,
        "by_stage": figures.by_stage,
        "by_form": figures.by_form,
        "by_status": figures.by_status,
    }


def _mean(mean: Mean) -> dict:
    interval = [mean.low, mean.high] if mean.low is not None and mean.high is not None else None
    return {"n": mean.n, "mean": mean.mean, "ci95": interval}


class IndicatorQuery(Schema):
    institution: str | None = None
    kind: InstitutionKind | None = None
    from_: date | None = Field(None, alias="from")
    to: date | None = None


@router.get("", response=IndicatorsOut)
def get_indicators(request, query: Query[IndicatorQuery]):
    """Participation indicators for whole months from `from` to `to` (a consultation counts
    in the month it opened), per institution and overall; `institution` is a slug, `kind`
    `state` or `municipal`. `means`: the standard questions' means (1–10) with their 95 %
    confidence intervals, when surveys provide them. `by_group`: opinions, and the distinct
    people or organisations who gave them, by declared affected group, organisation kind
    and "not declared" (small groups of people withheld in public)."""
    institution, kind, from_, to = query.institution, query.kind, query.from_, query.to
    if from_ and to and from_ > to:
        raise ValidationError({"from": ["'from' must not be after 'to'."]})
    ids = None
    if institution:
        ids = (get_object_or_404(Institution, slug=institution).pk,)
    filters = IndicatorFilters(
        institution_ids=ids, kind=kind.value if kind else None, start=from_, end=to
    )
    result = indicators(filters=filters, groups=("institution",))
    by_group = group_figures(filters=filters)
    if not request.user.has_perm("monitoring.view_dashboard"):
        by_group = suppressed(by_group)
    return {
        "start": from_,
        "end": to,
        "overall": _figures(result.overall),
        "institutions": [
            {
                "institution": inst.slug,
                "institution_name": inst.name,
                "kind": inst.kind,
                **_figures(figures),
            }
            for inst, figures in result.institutions
        ],
        "means": {key: _mean(mean) for key, mean in result.means.items()},
        "by_group": as_dicts(by_group),
    }
