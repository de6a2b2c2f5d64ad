"""Writes of monitoring: rebuilding the precomputed figures of one bucket (institution,
month) from the raw rows, and the coordinator's evaluation reports.

Rebuilding a whole bucket (rather than adding or subtracting one opinion) is what keeps the
figures exact: any event, replayed or out of order, leaves the bucket equal to a fresh
computation. A bucket holds the consultations one institution opened in one month, so it
is small, and the job that rebuilds it runs after the writing transaction commits. The
distinct-month histograms (distinct.py) change with it, for the participants who entered or
left the bucket, in the same transaction and under one lock. `figures_rebuild_all` builds
everything set-based, with the same result.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils.translation import gettext as _

from lidzdaliba.consultations.models import Consultation, Opinion, published_q
from lidzdaliba.consultations.services import minimum_period_days
from lidzdaliba.core.actions import record_action
from lidzdaliba.institutions.models import Institution

from . import distinct
from .groups import groups_rebuild, groups_rebuild_all
from .models import (
    AnswerDays,
    ConsultationFact,
    DistinctMonths,
    EvaluationReport,
    Participant,
)
from .periods import days_between, month_bounds, month_of
from .rules import may_write_reports


def bucket_refresh(
    *, institution_id: int, month: date, minimums: dict[tuple[str, str], int] | None = None
) -> None:
    """Recompute every figure of (institution, month) from the consultations and opinions,
    and the distinct-month histograms of the participants who entered or left the bucket.
    `minimums`: a cache of minimum periods shared by several rebuilds."""
    start, end = month_bounds(month)
    with transaction.atomic():
        # One writer of the figures at a time: two jobs would both insert the bucket, and
        # the histograms of everything and of each kind span institutions.
        distinct.lock()
        kind = Institution.objects.values_list("kind", flat=True).get(pk=institution_id)
        consultations = list(
            Consultation.objects.published().filter(
                institution_id=institution_id, opens_at__gte=start, opens_at__lt=end
            )
        )
        ids = [c.pk for c in consultations]
        live = Opinion.objects.filter(consultation_id__in=ids, withdrawn_at__isnull=True)
        counts = {
            row["consultation_id"]: row
            for row in live.values("consultation_id").annotate(
                n=Count("id"), answered=Count("answer")
            )
        }
        minimums = {} if minimums is None else minimums
        facts = [
            _fact(c, kind=kind, month=month, counts=counts.get(c.pk, {}), minimums=minimums)
            for c in consultations
        ]
        histogram = Counter(
            days_between(created, answered)
            for created, answered in live.filter(answer__isnull=False).values_list(
                "created_at", "answer__answered_at"
            )
        )
        people = set(live.filter(author__isnull=False).values_list("author_id", flat=True))
        organisations = set(
            live.filter(organisation__isnull=False).values_list("organisation_id", flat=True)
        )
        bucket = Q(institution_id=institution_id, month=month)
        old = set(Participant.objects.filter(bucket).values_list("kind", "key"))
        new = {(Participant.Kind.PERSON.value, k) for k in people} | {
            (Participant.Kind.ORGANISATION.value, k) for k in organisations
        }
        # Who entered or left; everyone, if the institution changed kind (their kind scope).
        stale_kind = Participant.objects.filter(bucket).exclude(institution_kind=kind).exists()
        moved = old | new if stale_kind else old ^ new
        scopes: distinct.Scopes = {}
        before = distinct.contributions(moved, scopes)
        # A consultation moved to another month or institution leaves its old bucket here.
        ConsultationFact.objects.filter(bucket | Q(consultation_id__in=ids)).delete()
        AnswerDays.objects.filter(bucket).delete()
        Participant.objects.filter(bucket).delete()
        ConsultationFact.objects.bulk_create(facts)
        common = {"institution_id": institution_id, "institution_kind": kind, "month": month}
        AnswerDays.objects.bulk_create(
            AnswerDays(days=days, count=n, **common) for days, n in histogram.items()
        )
        Participant.objects.bulk_create(Participant(kind=k, key=key, **common) for k, key in new)
        distinct.apply(before, distinct.contributions(moved, scopes), scopes)
        groups_rebuild(
            opinions=live, institution_kind=kind, institution_id=institution_id, month=month
        )


def _fact(
    c: Consultation,
    *,
    kind: str,
    month: date,
    counts: dict,
    minimums: dict[tuple[str, str], int],
) -> ConsultationFact:
    key = (c.act_type, c.participation_form)
    if key not in minimums:
        minimums[key] = minimum_period_days(act_type=key[0], participation_form=key[1])
    return ConsultationFact(
        consultation_id=c.pk,
        institution_id=c.institution_id,
        institution_kind=kind,
        month=month,
        policy_stage=c.policy_stage,
        participation_form=c.participation_form,
        announced_at=c.announced_at,
        opens_at=c.opens_at,
        closes_at=c.closes_at,
        feedback_published_at=c.feedback_published_at,
        decided_at=c.decided_at,
        answer_deadline=c.closes_at + timedelta(days=settings.ANSWER_DEADLINE_DAYS),
        minimum_period_kept=c.closes_at - c.opens_at >= timedelta(days=minimums[key]),
        opinions=counts.get("n", 0),
        answered=counts.get("answered", 0),
    )


def consultation_figures_refresh(*, consultation_id: int) -> None:
    """Rebuild the bucket the consultation belongs to now, and the one it belonged to
    before (its dates or institution may have changed since)."""
    buckets = set(
        ConsultationFact.objects.filter(consultation_id=consultation_id).values_list(
            "institution_id", "month"
        )
    )
    consultation = (
        Consultation.objects.filter(pk=consultation_id).only("institution_id", "opens_at").first()
    )
    if consultation is not None:
        buckets.add((consultation.institution_id, month_of(consultation.opens_at)))
    for institution_id, month in sorted(buckets):
        bucket_refresh(institution_id=institution_id, month=month)


def opinion_figures_refresh(*, opinion_id: int) -> None:
    consultation_id = (
        Opinion.objects.filter(pk=opinion_id).values_list("consultation_id", flat=True).first()
    )
    if consultation_id is not None:
        consultation_figures_refresh(consultation_id=consultation_id)


def figures_rebuild_all() -> int:
    """Rebuild every figure from the raw rows at once; returns how many buckets hold a
    consultation. For a first fill after installing monitoring, and for the benchmark.

    Set-based (a few aggregate queries over all buckets, not one rebuild per bucket: that
    took over half an hour at 7,200 buckets); a test holds it equal to rebuilding every
    bucket with `bucket_refresh`."""
    with transaction.atomic():
        distinct.lock()
        for model in (DistinctMonths, Participant, AnswerDays, ConsultationFact):
            model.objects.all().delete()
        kinds = dict(Institution.objects.values_list("pk", "kind"))
        published = Consultation.objects.published()
        live = Opinion.objects.filter(published_q("consultation__"), withdrawn_at__isnull=True)
        counts = {
            row["consultation_id"]: row
            for row in live.values("consultation_id")
            .annotate(n=Count("id"), answered=Count("answer"))
            .order_by()
        }
        minimums: dict[tuple[str, str], int] = {}
        ConsultationFact.objects.bulk_create(
            (
                _fact(
                    c,
                    kind=kinds[c.institution_id],
                    month=month_of(c.opens_at),
                    counts=counts.get(c.pk, {}),
                    minimums=minimums,
                )
                for c in published.iterator(chunk_size=5000)
            ),
            batch_size=5000,
        )
        waited = ExpressionWrapper(
            TruncDate("answer__answered_at") - TruncDate("created_at"),
            output_field=DurationField(),
        )
        days: Counter[tuple[int, date, int]] = Counter()
        for row in (
            _bucketed(live.filter(answer__isnull=False))
            .annotate(waited=waited)
            .values("bucket_institution", "bucket_month", "waited")
            .annotate(n=Count("id"))
            .order_by()
        ):
            key = (row["bucket_institution"], row["bucket_month"], max(0, row["waited"].days))
            days[key] += row["n"]
        AnswerDays.objects.bulk_create(
            (
                AnswerDays(institution_id=i, institution_kind=kinds[i], month=m, days=d, count=n)
                for (i, m, d), n in days.items()
            ),
            batch_size=5000,
        )
        for kind, field in (
            (Participant.Kind.PERSON, "author_id"),
            (Participant.Kind.ORGANISATION, "organisation_id"),
        ):
            _insert_participants(live.filter(**{f"{field}__isnull": False}), kind, field)
        groups_rebuild_all(live)
        distinct.build_all()  # from the Participant and GroupParticipation rows
        return ConsultationFact.objects.values("institution_id", "month").distinct().count()


def _bucketed(opinions: QuerySet) -> QuerySet:
    """Opinions with their bucket: the consultation's institution and local opening month."""
    return opinions.annotate(
        bucket_institution=F("consultation__institution_id"),
        bucket_month=TruncMonth("consultation__opens_at", output_field=DateField()),
    )


def _insert_participants(live: QuerySet, kind: str, field: str) -> None:
    """INSERT … SELECT DISTINCT the (bucket, participant) pairs: no row passes through
    Python (two million opinions make about as many rows)."""
    rows = (
        _bucketed(live)
        .annotate(bucket_kind=F("consultation__institution__kind"), participant=F(field))
        .values("bucket_institution", "bucket_kind", "bucket_month", "participant")
        .distinct()
        .order_by()
    )
    sql, params = rows.query.sql_with_params()
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ("institution_id", "institution_kind", "month", "key"))
    selected = ", ".join(
        f"d.{qn(c)}" for c in ("bucket_institution", "bucket_kind", "bucket_month", "participant")
    )
    with connection.cursor() as cursor:
        # Django's own SQL and constant identifiers; the kind travels as the first parameter.
        cursor.execute(
            f"INSERT INTO {qn(Participant._meta.db_table)} ({columns}, {qn('kind')}) "  # noqa: S608
            f"SELECT {selected}, %s FROM ({sql}) d",
            (kind, *params),
        )


REPORT_FIELDS = [
    "title",
    "period_start",
    "period_end",
    "conclusions",
    "institution_ids",
    "survey_ids",
]


def _snapshot(report: EvaluationReport) -> dict:
    return {
        "title": report.title,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "conclusions": report.conclusions,
        "institution_ids": sorted(report.institutions.values_list("pk", flat=True)),
        "survey_ids": sorted(report.surveys.values_list("pk", flat=True)),
    }


def _check(actor) -> None:
    if not may_write_reports(actor):
        raise PermissionDenied(_("Only the coordinator may write evaluation reports."))


def evaluation_report_create(
    *,
    actor,
    title: str,
    period_start: date,
    period_end: date,
    institutions: list[Institution] | None = None,
    conclusions: str = "",
    surveys: list | None = None,
) -> EvaluationReport:
    _check(actor)
    with transaction.atomic():
        report = EvaluationReport.objects.create(
            title=title,
            period_start=period_start,
            period_end=period_end,
            conclusions=conclusions,
            created_by=actor,
        )
        report.institutions.set(institutions or [])
        report.surveys.set(surveys or [])
        record_action(
            actor=actor, action="evaluation_report.create", target=report, after=_snapshot(report)
        )
    return report


def evaluation_report_update(
    *,
    actor,
    report: EvaluationReport,
    title: str,
    period_start: date,
    period_end: date,
    institutions: list[Institution] | None = None,
    conclusions: str = "",
    surveys: list | None = None,
) -> EvaluationReport:
    _check(actor)
    with transaction.atomic():
        before = _snapshot(report)
        report.title = title
        report.period_start = period_start
        report.period_end = period_end
        report.conclusions = conclusions
        report.save(
            update_fields=["title", "period_start", "period_end", "conclusions", "updated_at"]
        )
        report.institutions.set(institutions or [])
        report.surveys.set(surveys or [])
        record_action(
            actor=actor,
            action="evaluation_report.update",
            target=report,
            before=before,
            after=_snapshot(report),
        )
    return report
