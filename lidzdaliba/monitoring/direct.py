"""The indicators straight from the raw consultations and opinions: one aggregate query per
figure, no precomputation. The baseline the benchmark compares with, and the truth the
tests hold the precomputed figures to."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth

from lidzdaliba.consultations.models import Consultation, MinimumPeriod, Opinion
from lidzdaliba.core.enums import ActType

from .periods import period_bounds
from .selectors import Collector, fact_aggregates


class DirectCollector(Collector):
    GROUP_FIELD = {"institution": "institution_id", "kind": "institution__kind"}

    def _consultations(self) -> QuerySet:
        f = self.filters
        qs = Consultation.objects.published()
        if f.institution_ids is not None:
            qs = qs.filter(institution_id__in=f.institution_ids)
        if f.kind:
            qs = qs.filter(institution__kind=f.kind)
        first, last = period_bounds(f.start, f.end)
        if first:
            qs = qs.filter(opens_at__gte=first)
        if last:
            qs = qs.filter(opens_at__lt=last)
        return qs

    def _opinions(self) -> QuerySet:
        return Opinion.objects.filter(
            withdrawn_at__isnull=True, consultation__in=self._consultations().values("pk")
        )

    def _group(self, qs: QuerySet, group: str | None, prefix: str = "") -> tuple[QuerySet, str]:
        if group is None:
            return qs, ""
        if group == "month":
            qs = qs.annotate(group_key=TruncMonth(f"{prefix}opens_at", output_field=DateField()))
        else:
            qs = qs.annotate(group_key=F(prefix + self.GROUP_FIELD[group]))
        return qs, "group_key"

    def _rows(self, qs: QuerySet, group: str | None, extra: list[str], aggregates: dict):
        if group is None and not extra:
            return [(None, qs.aggregate(**aggregates))]
        fields = (["group_key"] if group else []) + extra
        rows = qs.values(*fields).annotate(**aggregates).order_by()
        return [(row.get("group_key"), row) for row in rows]

    def consultation_rows(self, group):
        qs, _key = self._group(self._consultations(), group)
        minimums = dict(MinimumPeriod.objects.values_list("key", "days"))
        whens = []
        if ActType.MUNICIPAL_BINDING_REGULATION in minimums:
            whens.append(
                When(
                    act_type=ActType.MUNICIPAL_BINDING_REGULATION,
                    then=Value(timedelta(days=minimums[ActType.MUNICIPAL_BINDING_REGULATION])),
                )
            )
        whens += [
            When(participation_form=key, then=Value(timedelta(days=days)))
            for key, days in minimums.items()
        ]
        qs = qs.annotate(
            minimum=Case(*whens, default=Value(timedelta(0)), output_field=DurationField()),
            period=ExpressionWrapper(F("closes_at") - F("opens_at"), output_field=DurationField()),
            answer_deadline=ExpressionWrapper(
                F("closes_at") + Value(timedelta(days=settings.ANSWER_DEADLINE_DAYS)),
                output_field=DateTimeField(),
            ),
        )
        aggregates: dict[str, Any] = fact_aggregates(self.now) | {
            "minimum_period_kept": Count("id", filter=Q(period__gte=F("minimum")))
        }
        rows = dict(self._rows(qs, group, [], aggregates))
        opinions, _key = self._group(self._opinions(), group, "consultation__")
        for key, row in self._rows(
            opinions, group, [], {"opinions": Count("id"), "answered": Count("answer")}
        ):
            rows.setdefault(key, {}).update(row)
        return list(rows.items())

    def breakdown(self, group, name):
        qs, _key = self._group(self._consultations(), group)
        return [
            (key, row[name], row["n"])
            for key, row in self._rows(qs, group, [name], {"n": Count("id")})
        ]

    def answer_days(self, group):
        qs, _key = self._group(
            self._opinions().filter(answer__isnull=False), group, "consultation__"
        )
        qs = qs.annotate(
            waited=ExpressionWrapper(
                TruncDate("answer__answered_at") - TruncDate("created_at"),
                output_field=DurationField(),
            )
        )
        found: dict[tuple, int] = {}
        for key, row in self._rows(qs, group, ["waited"], {"n": Count("id")}):
            days = max(0, row["waited"].days)
            found[(key, days)] = found.get((key, days), 0) + row["n"]
        return [(key, days, n) for (key, days), n in found.items()]

    def participants(self, group):
        qs, _key = self._group(self._opinions(), group, "consultation__")
        aggregates = {
            "people": Count("author", distinct=True),
            "organisations": Count("organisation", distinct=True),
        }
        return [
            (key, row["people"], row["organisations"])
            for key, row in self._rows(qs, group, [], aggregates)
        ]
