"""Writes of monitoring: rebuilding the precomputed figures of one bucket (institution,
month) from the raw rows, and the coordinator's evaluation reports.

Rebuilding a whole bucket (rather than adding or subtracting one opinion) is what keeps the
figures exact: any event, replayed or out of order, leaves the bucket equal to a fresh
computation. A bucket holds the consultations one institution opened in one month, so it
is small, and the job that rebuilds it runs after the writing transaction commits.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lidzdaliba.consultations.models import Consultation, Opinion
from lidzdaliba.consultations.services import minimum_period_days
from lidzdaliba.core.actions import record_action
from lidzdaliba.institutions.models import Institution

from .groups import group_buckets, groups_rebuild
from .models import AnswerDays, ConsultationFact, EvaluationReport, Participant
from .periods import days_between, month_bounds, month_of
from .rules import may_write_reports


def bucket_refresh(
    *, institution_id: int, month: date, minimums: dict[tuple[str, str], int] | None = None
) -> None:
    """Recompute every figure of (institution, month) from the consultations and opinions.
    `minimums`: a cache of minimum periods shared by the buckets of one full rebuild."""
    start, end = month_bounds(month)
    with transaction.atomic():
        # One rebuild of an institution at a time: two jobs would both insert the bucket.
        institution = Institution.objects.select_for_update().get(pk=institution_id)
        kind = institution.kind
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
        facts = []
        for c in consultations:
            key = (c.act_type, c.participation_form)
            if key not in minimums:
                minimums[key] = minimum_period_days(act_type=key[0], participation_form=key[1])
            row = counts.get(c.pk, {})
            facts.append(
                ConsultationFact(
                    consultation_id=c.pk,
                    institution_id=institution_id,
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
                    opinions=row.get("n", 0),
                    answered=row.get("answered", 0),
                )
            )
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
        # A consultation moved to another month or institution leaves its old bucket here.
        ConsultationFact.objects.filter(bucket | Q(consultation_id__in=ids)).delete()
        AnswerDays.objects.filter(bucket).delete()
        Participant.objects.filter(bucket).delete()
        ConsultationFact.objects.bulk_create(facts)
        common = {"institution_id": institution_id, "institution_kind": kind, "month": month}
        AnswerDays.objects.bulk_create(
            AnswerDays(days=days, count=n, **common) for days, n in histogram.items()
        )
        Participant.objects.bulk_create(
            [Participant(kind=Participant.Kind.PERSON, key=k, **common) for k in people]
            + [
                Participant(kind=Participant.Kind.ORGANISATION, key=k, **common)
                for k in organisations
            ]
        )
        groups_rebuild(
            opinions=live, institution_kind=kind, institution_id=institution_id, month=month
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
    """Rebuild every bucket that has (or had) a consultation; returns how many. For a first
    fill after installing monitoring, and for the benchmark."""
    buckets = {
        (institution_id, month_of(opens_at))
        for institution_id, opens_at in Consultation.objects.published().values_list(
            "institution_id", "opens_at"
        )
    }
    buckets |= set(ConsultationFact.objects.values_list("institution_id", "month"))
    buckets |= group_buckets()
    # One transaction: a commit (a disk flush) per bucket would dominate the time.
    minimums: dict[tuple[str, str], int] = {}
    with transaction.atomic():
        for institution_id, month in sorted(buckets):
            bucket_refresh(institution_id=institution_id, month=month, minimums=minimums)
    return len(buckets)


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
