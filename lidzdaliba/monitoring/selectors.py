"""Reads of monitoring: the indicators for a selection (institutions, kind, period), from
the precomputed buckets (see models.py). `direct.py` computes the same from the raw rows;
a test and the benchmark compare the two."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from lidzdaliba.consultations.models import Status, status_q
from lidzdaliba.core.indicators import Mean, standard_means
from lidzdaliba.councils.models import Meeting
from lidzdaliba.initiatives.models import AWAITING_ANSWER_STATUSES, Initiative
from lidzdaliba.institutions.models import Institution

from . import distinct
from .figures import Figures, median_of_histogram
from .models import (
    AnswerDays,
    ConsultationFact,
    DistinctMonths,
    EvaluationReport,
    Participant,
)
from .periods import period_bounds

STATUSES = [s for s in Status if s != Status.DRAFT]
GROUPS = ("institution", "kind", "month")


@dataclass(frozen=True)
class IndicatorFilters:
    institution_ids: tuple[int, ...] | None = None
    kind: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass
class InitiativeFigures:
    by_status: dict[str, int] = field(default_factory=dict)
    answered_on_time: int = 0
    answered_late: int = 0
    overdue: int = 0
    awaiting: int = 0


@dataclass
class MeetingFigures:
    held: int = 0
    agenda_on_time: int = 0
    minutes_due: int = 0
    minutes_on_time: int = 0


@dataclass
class Indicators:
    filters: IndicatorFilters
    overall: Figures
    institutions: list[tuple[Institution, Figures]]
    kinds: dict[str, Figures]
    months: list[tuple[date, Figures]]
    initiatives: InitiativeFigures
    meetings: MeetingFigures
    means: dict[str, Mean]


def fact_aggregates(now: datetime) -> dict[str, Any]:
    """The summable figures of a set of consultation rows (facts or consultations: the
    field names are the same); `opinions`/`answered` are added by the caller."""
    aggregates: dict[str, Any] = {
        "consultations": Count("id"),
        "closed": Count("id", filter=Q(closes_at__lte=now)),
        "feedback_published": Count(
            "id", filter=Q(closes_at__lte=now, feedback_published_at__isnull=False)
        ),
        "feedback_due": Count(
            "id", filter=Q(feedback_published_at__isnull=False) | Q(answer_deadline__lt=now)
        ),
        "feedback_on_time": Count("id", filter=Q(feedback_published_at__lte=F("answer_deadline"))),
    }
    for status in STATUSES:
        aggregates[f"status_{status.value}"] = Count("id", filter=status_q(status, now))
    return aggregates


def apply_row(figures: Figures, row: dict[str, Any]) -> None:
    for name in (
        "consultations",
        "minimum_period_kept",
        "opinions",
        "answered",
        "closed",
        "feedback_published",
        "feedback_due",
        "feedback_on_time",
    ):
        if name in row:
            setattr(figures, name, row[name] or 0)
    figures.by_status = {s.value: row.get(f"status_{s.value}", 0) for s in STATUSES}


class Collector(ABC):
    """Fills `Figures` per group key from four kinds of reads; `group` is None (all), or
    one of GROUPS. Subclasses say where the rows come from."""

    def __init__(self, filters: IndicatorFilters, now: datetime) -> None:
        self.filters = filters
        self.now = now

    # Where the rows come from: each returns (group key, …) tuples.
    @abstractmethod
    def consultation_rows(self, group: str | None) -> list[tuple[Any, dict[str, Any]]]: ...

    @abstractmethod
    def breakdown(self, group: str | None, name: str) -> list[tuple[Any, str, int]]: ...

    @abstractmethod
    def answer_days(self, group: str | None) -> list[tuple[Any, int, int]]: ...

    @abstractmethod
    def participants(self, group: str | None) -> list[tuple[Any, int, int]]: ...

    def collect(self, group: str | None) -> dict[Any, Figures]:
        result: dict[Any, Figures] = defaultdict(Figures)
        for key, row in self.consultation_rows(group):
            apply_row(result[key], row)
        for key, stage, n in self.breakdown(group, "policy_stage"):
            result[key].by_stage[stage] = n
        for key, form, n in self.breakdown(group, "participation_form"):
            result[key].by_form[form] = n
        histograms: dict[Any, list[tuple[int, int]]] = defaultdict(list)
        for key, days, n in self.answer_days(group):
            histograms[key].append((days, n))
        for key, pairs in histograms.items():
            result[key].median_days_to_answer = median_of_histogram(pairs)
        for key, people, organisations in self.participants(group):
            result[key].people = people
            result[key].organisations = organisations
        return dict(result)


class PrecomputedCollector(Collector):
    GROUP_FIELD = {"institution": "institution_id", "kind": "institution_kind", "month": "month"}

    def _narrow(self, qs: QuerySet) -> QuerySet:
        f = self.filters
        if f.institution_ids is not None:
            qs = qs.filter(institution_id__in=f.institution_ids)
        if f.kind:
            qs = qs.filter(institution_kind=f.kind)
        if f.start:
            qs = qs.filter(month__gte=f.start.replace(day=1))
        if f.end:
            qs = qs.filter(month__lte=f.end.replace(day=1))
        return qs

    def _grouped(self, qs: QuerySet, group: str | None, *extra: str) -> QuerySet:
        fields = ([self.GROUP_FIELD[group]] if group else []) + list(extra)
        return qs.values(*fields) if fields else qs.values()

    def _key(self, row: dict, group: str | None) -> Any:
        return row[self.GROUP_FIELD[group]] if group else None

    def __init__(self, filters: IndicatorFilters, now: datetime) -> None:
        super().__init__(filters, now)
        self._per_institution: dict[str, list[dict]] = {}

    def _folded(self, name: str, qs: QuerySet, group: str | None, *extra: str) -> dict:
        """`qs` grouped per institution (and `extra`), read once and summed per `group`
        in Python for all, per institution and per kind: one scan of the table serves the
        three groupings (months are grouped by the database)."""
        if name not in self._per_institution:
            rows = qs.values("institution_id", "institution_kind", *extra)
            self._per_institution[name] = list(rows.annotate(**self._aggregates[name]).order_by())
        found: dict[tuple, dict[str, int]] = {}
        for row in self._per_institution[name]:
            key = (self._key(row, group), *(row[e] for e in extra))
            summed = found.setdefault(key, {})
            for field_name, value in row.items():
                if field_name not in ("institution_id", "institution_kind", *extra):
                    summed[field_name] = summed.get(field_name, 0) + (value or 0)
        return found

    @property
    def _aggregates(self) -> dict[str, dict[str, Any]]:
        return {
            "facts": fact_aggregates(self.now)
            | {
                "minimum_period_kept": Count("id", filter=Q(minimum_period_kept=True)),
                "opinions": Sum("opinions"),
                "answered": Sum("answered"),
            },
            "policy_stage": {"n": Count("id")},
            "participation_form": {"n": Count("id")},
            "days": {"n": Sum("count")},
        }

    def consultation_rows(self, group):
        facts = self._narrow(ConsultationFact.objects.all())
        if group == "month":
            rows = self._grouped(facts, group).annotate(**self._aggregates["facts"]).order_by()
            return [(self._key(row, group), row) for row in rows]
        found = {key: row for (key,), row in self._folded("facts", facts, group).items()}
        if group is None:
            return [(None, found.get(None, {}))]
        return list(found.items())

    def breakdown(self, group, name):
        facts = self._narrow(ConsultationFact.objects.all())
        if group == "month":
            rows = self._grouped(facts, group, name).annotate(n=Count("id")).order_by()
            return [(self._key(row, group), row[name], row["n"]) for row in rows]
        found = self._folded(name, facts, group, name)
        return [(key, value, row["n"]) for (key, value), row in found.items()]

    def answer_days(self, group):
        days = self._narrow(AnswerDays.objects.all())
        if group == "month":
            rows = self._grouped(days, group, "days").annotate(n=Sum("count")).order_by()
            return [(self._key(row, group), row["days"], row["n"]) for row in rows]
        found = self._folded("days", days, group, "days")
        return [(key, value, row["n"]) for (key, value), row in found.items()]

    def participants(self, group):
        """Distinct people and organisations per group, from the distinct-month histograms
        (`DistinctMonths`): one SUM over a few hundred rows per scope. A selection that is
        no single scope (several institutions, except per institution) counts the
        `Participant` rows instead (`participants_counted`)."""
        f = self.filters
        # People and organisations; the by-group kinds are read by groups.py.
        rows = DistinctMonths.objects.filter(kind__in=Participant.Kind.values)
        group_field = {"institution": "institution_id", "kind": "institution_kind"}.get(
            group or "", "month"
        )
        kinds: dict[int, str] = {}
        if f.institution_ids is not None:
            ids = set(f.institution_ids)
            if f.kind:
                ids &= set(
                    Institution.objects.filter(pk__in=ids, kind=f.kind).values_list("pk", flat=True)
                )
            if group != "institution" and len(ids) > 1:
                return self.participants_counted(group)
            rows = rows.filter(institution_id__in=ids)
            if group == "kind":
                kinds = dict(Institution.objects.filter(pk__in=ids).values_list("pk", "kind"))
                group_field = "institution_id"
        elif group == "institution":
            rows = rows.filter(institution__isnull=False)
            if f.kind:
                rows = rows.filter(institution__kind=f.kind)
        elif group == "kind" or f.kind:
            rows = rows.filter(institution__isnull=True).exclude(institution_kind="")
            if f.kind:
                rows = rows.filter(institution_kind=f.kind)
        else:
            rows = rows.filter(scope=distinct.ALL)
        first = f.start.replace(day=1) if f.start else None
        if first:
            rows = rows.filter(month__gte=first)
        if f.end:
            rows = rows.filter(month__lte=f.end.replace(day=1))
        if group != "month":
            # Each participant once: at their first month of the range (see the model).
            first_in_range = Q(previous__isnull=True)
            if first:
                first_in_range |= Q(previous__lt=first)
            rows = rows.filter(first_in_range)
        fields = ([group_field] if group else []) + ["kind"]
        found: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows.values(*fields).annotate(n=Sum("count")).order_by():
            key = row[group_field] if group else None
            if group == "kind" and group_field == "institution_id":
                key = kinds[row[group_field]]
            found[key][0 if row["kind"] == Participant.Kind.PERSON else 1] += row["n"]
        return [(key, people, orgs) for key, (people, orgs) in found.items()]

    def participants_counted(self, group):
        """Distinct keys per group and kind, as COUNT(*) over a DISTINCT subquery of the
        `Participant` rows: the database can hash the distinct rows where COUNT(DISTINCT …)
        per group makes it sort them. Costs about what the direct count costs."""
        distinct_rows = (
            self._grouped(self._narrow(Participant.objects.all()), group, "kind", "key")
            .distinct()
            .order_by()
        )
        sql, params = distinct_rows.query.sql_with_params()
        outer = ["g.group_key"] if group else []
        inner_group = f'"{self.GROUP_FIELD[group]}" AS group_key, ' if group else ""
        columns = ", ".join([*outer, "g.kind", "COUNT(*)"])
        grouping = ", ".join([*outer, "g.kind"])
        # Only constant column names and Django's own SQL go in; values travel as params.
        inner = f"SELECT {inner_group}kind FROM ({sql}) d"  # noqa: S608 (constants only)
        wrapped = f"SELECT {columns} FROM ({inner}) g GROUP BY {grouping}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(wrapped, params)
            rows = cursor.fetchall()
        found: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            key, kind, n = row if group else (None, *row)
            index = 0 if kind == Participant.Kind.PERSON else 1
            found[key][index] = n
        return [(key, people, orgs) for key, (people, orgs) in found.items()]


def indicators(
    *,
    filters: IndicatorFilters,
    now: datetime | None = None,
    direct: bool = False,
    groups: tuple[str, ...] = GROUPS,
) -> Indicators:
    """Every indicator for the selection: overall, and per institution, kind and month
    (those of `groups`: the API needs only institutions, and each grouping costs a distinct
    count). `direct`: computed from the raw rows instead of the precomputed buckets (the
    baseline)."""
    now = now or timezone.now()
    if direct:
        from .direct import DirectCollector

        collector: Collector = DirectCollector(filters, now)
    else:
        collector = PrecomputedCollector(filters, now)
    overall = collector.collect(None).get(None, Figures())
    per_institution = collector.collect("institution") if "institution" in groups else {}
    names = Institution.objects.in_bulk(list(per_institution))
    institutions = sorted(
        ((names[pk], figures) for pk, figures in per_institution.items()),
        key=lambda pair: pair[0].name,
    )
    months = sorted(collector.collect("month").items()) if "month" in groups else []
    return Indicators(
        filters=filters,
        overall=overall,
        institutions=institutions,
        kinds=collector.collect("kind") if "kind" in groups else {},
        months=months,
        initiatives=initiative_figures(filters=filters, now=now),
        meetings=meeting_figures(filters=filters, now=now),
        means=standard_means(filters.institution_ids, filters.start, filters.end),
    )


def _institution_q(filters: IndicatorFilters) -> Q:
    q = Q()
    if filters.institution_ids is not None:
        q &= Q(institution_id__in=filters.institution_ids)
    if filters.kind:
        q &= Q(institution__kind=filters.kind)
    return q


def initiative_figures(*, filters: IndicatorFilters, now: datetime) -> InitiativeFigures:
    """Initiatives published in the period (few: read straight from their rows)."""
    first, last = period_bounds(filters.start, filters.end)
    qs = Initiative.objects.filter(_institution_q(filters), published_at__isnull=False)
    if first:
        qs = qs.filter(published_at__gte=first)
    if last:
        qs = qs.filter(published_at__lt=last)
    awaiting = Q(status__in=AWAITING_ANSWER_STATUSES)
    row = qs.aggregate(
        answered_on_time=Count("id", filter=Q(answer__answered_at__lte=F("answer_due_at"))),
        answered_late=Count("id", filter=Q(answer__answered_at__gt=F("answer_due_at"))),
        overdue=Count("id", filter=awaiting & Q(answer_due_at__lt=now)),
        awaiting=Count("id", filter=awaiting),
    )
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    return InitiativeFigures(by_status=by_status, **row)


def meeting_figures(*, filters: IndicatorFilters, now: datetime) -> MeetingFigures:
    """Meetings held in the period: agenda published by its due time, minutes by theirs."""
    first, last = period_bounds(filters.start, filters.end)
    qs = Meeting.objects.filter(
        _institution_q(filters), cancelled_at__isnull=True, starts_at__lt=now
    )
    if first:
        qs = qs.filter(starts_at__gte=first)
    if last:
        qs = qs.filter(starts_at__lt=last)
    row = qs.aggregate(
        held=Count("id"),
        agenda_on_time=Count(
            "id",
            filter=Q(agenda_published_at__isnull=False)
            & (Q(agenda_due_at__isnull=True) | Q(agenda_published_at__lte=F("agenda_due_at"))),
        ),
        minutes_due=Count(
            "id", filter=Q(minutes_published_at__isnull=False) | Q(minutes_due_at__lt=now)
        ),
        minutes_on_time=Count(
            "id",
            filter=Q(minutes_published_at__isnull=False)
            & (Q(minutes_due_at__isnull=True) | Q(minutes_published_at__lte=F("minutes_due_at"))),
        ),
    )
    return MeetingFigures(**row)


def reports() -> QuerySet[EvaluationReport]:
    return EvaluationReport.objects.prefetch_related("institutions")


def report_filters(report: EvaluationReport) -> IndicatorFilters:
    ids = tuple(report.institutions.values_list("pk", flat=True))
    return IndicatorFilters(
        institution_ids=ids or None, start=report.period_start, end=report.period_end
    )
