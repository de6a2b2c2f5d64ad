"""Reads of consultations, filtered by who is asking. Every list runs a fixed number of
queries whatever the number of opinions (tests assert it)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from lidzdaliba.accounts.models import Representation
from lidzdaliba.institutions.models import (
    AffectedGroup,
    Institution,
    OfficerRole,
    Territory,
    Topic,
)

from .models import (
    Answer,
    Attachment,
    Clause,
    Consultation,
    ConsultationQuerySet,
    DocumentVersion,
    Opinion,
    OpinionRevision,
    Status,
    awaiting_answer_q,
    published_q,
    status_q,
)


def _base() -> ConsultationQuerySet:
    return Consultation.objects.select_related("institution", "topic", "territory")


def public_consultations() -> ConsultationQuerySet:
    return _base().published()


def consultations_visible_to(*, user) -> ConsultationQuerySet:
    """Published ones for everybody; drafts too for their institution's officers and the
    coordinator."""
    if user.is_authenticated and user.is_coordinator:
        return _base()
    if user.is_authenticated:
        mine = OfficerRole.objects.filter(user=user).values("institution_id")
        return _base().filter(published_q() | Q(institution_id__in=mine))
    return public_consultations()


@dataclass(frozen=True)
class ConsultationFilters:
    institution: Institution | None = None
    status: str | None = None
    stage: str | None = None
    topic: Topic | None = None
    territory: Territory | None = None
    group: AffectedGroup | None = None
    form: str | None = None
    q: str = ""


def filtered(
    consultations: ConsultationQuerySet, filters: ConsultationFilters, now: datetime
) -> ConsultationQuerySet:
    """`consultations` narrowed by the list filters, except the words (`q`): the list page
    matches words here, the search app through its index."""
    if filters.institution is not None:
        consultations = consultations.filter(institution=filters.institution)
    if filters.status:
        consultations = consultations.with_status(filters.status, now)
    if filters.stage:
        consultations = consultations.filter(policy_stage=filters.stage)
    if filters.topic is not None:
        consultations = consultations.filter(topic=filters.topic)
    if filters.territory is not None:
        consultations = consultations.filter(
            Q(territory=filters.territory) | Q(territory__parent=filters.territory)
        )
    if filters.group is not None:
        consultations = consultations.filter(
            Exists(
                Consultation.affected_groups.through.objects.filter(
                    consultation_id=OuterRef("pk"), affectedgroup_id=filters.group.pk
                )
            )
        )
    if filters.form:
        consultations = consultations.filter(participation_form=filters.form)
    return consultations


def consultation_list(
    *, filters: ConsultationFilters, now: datetime | None = None
) -> ConsultationQuerySet:
    """The public list, newest first, with opinion counts."""
    consultations = filtered(public_consultations(), filters, now or timezone.now())
    if filters.q.strip():
        consultations = consultations.annotate(
            title_folded=Lower("title"), summary_folded=Lower("summary")
        )
        for word in filters.q.lower().split()[:8]:
            consultations = consultations.filter(
                Q(title_folded__contains=word) | Q(summary_folded__contains=word)
            )
    return with_list_data(consultations).order_by("-opens_at", "-id")


def with_list_data(consultations: ConsultationQuerySet) -> ConsultationQuerySet:
    # One join (opinions) per row: no DISTINCT needed; the groups come by a second query.
    return consultations.annotate(opinion_count=Count("opinions")).prefetch_related(
        "affected_groups"
    )


def consultation_get(*, user, pk: int) -> Consultation:
    """One consultation for `user`, or 404 when it does not exist or they may not see it
    (a draft, for anyone but its institution and the coordinator): the row by its key, the
    rule asked of it (`consultations.view_consultation`)."""
    consultation = _base().filter(pk=pk).first()
    if consultation is None or not user.has_perm("consultations.view_consultation", consultation):
        raise Http404
    return consultation


# What giving an opinion reads of its consultation: who may see it and its dates (status).
OPINION_TARGET_FIELDS = (
    "id",
    "institution_id",
    "title",
    "announced_at",
    "opens_at",
    "closes_at",
    "feedback_published_at",
    "decided_at",
)


def consultation_for_opinion(*, user, pk: int) -> Consultation:
    """`consultation_get` for the write path of the API: the same visibility, but only the
    fields giving an opinion needs, without the joined institution, topic and territory,
    and with visibility decided by the permission rule on the row rather than in SQL
    (this is the request a flash crowd repeats; a published one needs no role lookup)."""
    consultation = Consultation.objects.only(*OPINION_TARGET_FIELDS).filter(pk=pk).first()
    if consultation is None or not user.has_perm("consultations.view_consultation", consultation):
        raise Http404
    return consultation


def current_version(consultation: Consultation) -> DocumentVersion | None:
    return consultation.versions.order_by("-number").first()


def clauses_with_counts(version: DocumentVersion | None) -> list[Clause]:
    if version is None:
        return []
    return list(version.clauses.annotate(opinion_count=Count("opinions")).order_by("position"))


def versions_of(consultation: Consultation) -> list[DocumentVersion]:
    return list(
        consultation.versions.annotate(clause_count=Count("clauses"))
        .select_related("created_by")
        .order_by("number")
    )


def attachments_of(consultation: Consultation) -> list[Attachment]:
    return list(consultation.attachments.order_by("created_at", "id"))


def opinions_of(consultation: Consultation) -> QuerySet[Opinion]:
    return (
        consultation.opinions.select_related(
            "clause", "clause__version", "author", "organisation", "answer"
        )
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )


def opinion_get(*, user, pk: int) -> Opinion:
    opinion = (
        Opinion.objects.select_related(
            "clause",
            "author",
            "organisation",
            "answer",
            "consultation__institution",
            "consultation__topic",
            "consultation__territory",
        )
        .filter(pk=pk)
        .first()
    )
    if opinion is None:
        raise Http404
    consultation_get(user=user, pk=opinion.consultation_id)
    return opinion


def opinion_history(opinion: Opinion) -> list[OpinionRevision]:
    """What the opinion said before each edit (and the answer each edit made void), and its
    withdrawal, oldest first: for the officers (`consultations.view_opinion_history`)."""
    return list(opinion.revisions.select_related("edited_by").order_by("edited_at", "id"))


def organisation_ids_represented_by(*, user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(Representation.objects.filter(user=user).values_list("organisation_id", flat=True))


def opinions_followed_by(*, user) -> QuerySet[Opinion]:
    """ "Mani viedokļi": the person's own opinions and those given on behalf of an
    organisation they now represent (whoever of its representatives gave them), newest
    first. The database form of `consultations.follow_opinion`."""
    if not user.is_authenticated:
        return Opinion.objects.none()
    represented = Representation.objects.filter(
        user=user, organisation_id=OuterRef("organisation_id")
    )
    return (
        Opinion.objects.filter(Q(author=user) | Exists(represented))
        # Each row is known to be the person's to follow: the rule reads this mark instead
        # of asking the database again for every organisation opinion on the page.
        .annotate(followed_by=Value(user.pk, output_field=IntegerField()))
        .select_related("consultation__institution", "clause", "organisation", "answer", "author")
        .order_by("-created_at", "-id")
    )


def opinion_counts(consultation: Consultation) -> dict[str, int]:
    return consultation.opinions.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answer__isnull=False)),
        withdrawn=Count("id", filter=Q(withdrawn_at__isnull=False)),
        whole_draft=Count("id", filter=Q(clause__isnull=True)),
    )


def home_sections(*, now: datetime | None = None, limit: int = 6) -> dict:
    """The home page: each consultation once. Open ones closing within a week come first
    (soonest first), then the other open ones (newest first), each with the count of all of
    them so the page can link to the rest; then announced and recently answered ones."""
    now = now or timezone.now()
    public = with_list_data(public_consultations())
    open_now = public.open_for_opinions(now)
    soon = Q(closes_at__lte=now + timedelta(days=7))
    closing_soon = open_now.filter(soon)
    open_later = open_now.exclude(soon)
    soonest = list(closing_soon.order_by("closes_at", "id")[:limit])
    newest = list(open_later.order_by("-opens_at", "-id")[:limit])
    open_count = open_now.count()
    return {
        "closing_soon": soonest,
        "open_now": newest,
        "open_count": open_count,
        # Open ones the two columns do not show: the page links to the list of all of them.
        "open_not_shown": open_count - len(soonest) - len(newest),
        "upcoming": list(public.with_status(Status.ANNOUNCED, now).order_by("opens_at")[:limit]),
        "recently_answered": list(
            public.with_published_feedback().order_by("-feedback_published_at")[:limit]
        ),
    }


@dataclass(frozen=True)
class AnswerRecord:
    opinions: int
    answered: int
    median_days_to_answer: float | None
    consultations_answered: int

    @property
    def share_answered(self) -> float | None:
        return round(100 * self.answered / self.opinions, 1) if self.opinions else None


def institution_answer_record(
    institution: Institution, *, now: datetime | None = None
) -> AnswerRecord:
    """How well an institution answers: opinions on its closed consultations that have an
    answer, and the median days from the consultation's close to each answer."""
    now = now or timezone.now()
    due = Opinion.objects.filter(
        published_q("consultation__"),
        withdrawn_at__isnull=True,
        consultation__institution=institution,
        consultation__closes_at__lte=now,
    )
    totals = due.aggregate(total=Count("id"), answered=Count("id", filter=Q(answer__isnull=False)))
    delays = [
        max(0.0, (answered_at - closes_at).total_seconds() / 86400)
        for answered_at, closes_at in Answer.objects.filter(opinion__in=due).values_list(
            "answered_at", "opinion__consultation__closes_at"
        )
    ]
    return AnswerRecord(
        opinions=totals["total"],
        answered=totals["answered"],
        median_days_to_answer=round(statistics.median(delays), 1) if delays else None,
        consultations_answered=Consultation.objects.filter(institution=institution)
        .with_published_feedback()
        .count(),
    )


def institution_consultations(institution: Institution, *, now: datetime | None = None):
    now = now or timezone.now()
    public = with_list_data(public_consultations().filter(institution=institution))
    return {
        "open": list(public.with_status(Status.OPEN, now).order_by("closes_at")),
        "upcoming": list(public.with_status(Status.ANNOUNCED, now).order_by("opens_at")),
        "past": public.filter(closes_at__lte=now).order_by("-closes_at"),
    }


def answer_deadline_passed_q(now: datetime) -> Q:
    """Closed, feedback not published, and the answer deadline (ANSWER_DEADLINE_DAYS after
    closing) has passed."""
    from django.conf import settings

    return status_q(Status.CLOSED, now) & Q(
        closes_at__lte=now - timedelta(days=settings.ANSWER_DEADLINE_DAYS)
    )


def overdue_consultations(
    *, institution: Institution | None = None, now: datetime | None = None
) -> ConsultationQuerySet:
    """Consultations whose answers are overdue, with how many opinions still wait."""
    now = now or timezone.now()
    consultations = _base().filter(answer_deadline_passed_q(now))
    if institution is not None:
        consultations = consultations.filter(institution=institution)
    return (
        consultations.annotate(
            unanswered_count=Count("opinions", filter=awaiting_answer_q("opinions__"))
        )
        .filter(unanswered_count__gt=0)
        .order_by("closes_at")
    )


# --- Officer reads --------------------------------------------------------------------------


def officer_institutions(*, user) -> QuerySet[Institution]:
    if user.is_authenticated and user.is_coordinator:
        return Institution.objects.all()
    return Institution.objects.filter(roles__user=user).distinct()


def officer_consultations(*, user) -> ConsultationQuerySet:
    """Consultations of the institutions the officer works in, with answer progress."""
    institutions = officer_institutions(user=user)
    return (
        _base()
        .filter(institution__in=institutions)
        # Opinions and their (one-to-one) answers are one row each: no DISTINCT needed.
        .annotate(
            opinion_count=Count("opinions"),
            unanswered_count=Count("opinions", filter=awaiting_answer_q("opinions__")),
        )
        .order_by("-created_at", "-id")
    )


def opinion_overdue_q(now: datetime) -> Q:
    """An opinion whose answer is overdue: unanswered, on a consultation past its answer
    deadline (`answer_deadline_passed_q`, the rule the officer reminders follow), counted
    from the consultation's close, never from the opinion's submission."""
    deadline_passed = Consultation.objects.filter(
        answer_deadline_passed_q(now), pk=OuterRef("consultation_id")
    )
    return Q(Exists(deadline_passed)) & awaiting_answer_q()


class DeskState:
    """The states the officer desk filters opinions by."""

    UNANSWERED = "unanswered"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    ALL = "all"


def desk_opinions(
    *,
    user,
    consultation: Consultation | None = None,
    clause: Clause | None = None,
    whole_draft: bool = False,
    kind: str = "",
    state: str = DeskState.UNANSWERED,
    now: datetime | None = None,
) -> QuerySet[Opinion]:
    """The opinions on the officer desk: those of the officer's institutions, filtered, the
    soonest answer deadline first, each with `is_overdue`. Their due date is
    `opinion.consultation.answer_deadline`. One query for a page, whatever the filters."""
    now = now or timezone.now()
    opinions = Opinion.objects.filter(consultation__institution__in=officer_institutions(user=user))
    if consultation is not None:
        opinions = opinions.filter(consultation=consultation)
    if clause is not None:
        opinions = opinions.filter(clause=clause)
    elif whole_draft:
        opinions = opinions.filter(clause__isnull=True)
    if kind:
        opinions = opinions.filter(kind=kind)
    if state == DeskState.UNANSWERED:
        opinions = opinions.filter(awaiting_answer_q())
    elif state == DeskState.ANSWERED:
        opinions = opinions.filter(answer__isnull=False)
    elif state == DeskState.OVERDUE:
        opinions = opinions.filter(opinion_overdue_q(now))
    return (
        opinions.select_related("consultation__institution", "clause", "answer")
        .annotate(is_overdue=ExpressionWrapper(opinion_overdue_q(now), output_field=BooleanField()))
        .order_by("consultation__closes_at", "consultation_id", "created_at", "id")
    )


def desk_consultations(*, user) -> ConsultationQuerySet:
    """The published consultations of the officer's institutions, newest first: the desk's
    filter offers them."""
    return (
        Consultation.objects.published()
        .filter(institution__in=officer_institutions(user=user))
        .order_by("-opens_at", "-id")
    )


def desk_clauses(consultations: QuerySet[Consultation]) -> list[Clause]:
    """The clauses that have opinions in `consultations` (the one chosen on the desk, as a
    queryset so that no query fetches it first), in the draft's order, any version."""
    return list(
        Clause.objects.filter(version__consultation__in=consultations, opinions__isnull=False)
        .select_related("version")
        .distinct()
        .order_by("version__number", "position")
    )


def opinions_for_answering(consultation: Consultation, *, only_unanswered: bool = False):
    opinions = opinions_of(consultation)
    if only_unanswered:
        opinions = opinions.filter(awaiting_answer_q())
    return opinions


# --- Counts for the institutions page (the web edge asks; institutions never does) ----------


@dataclass(frozen=True)
class ConsultationCounts:
    open: int = 0
    published: int = 0


def consultation_counts_by_institution(
    *, now: datetime | None = None
) -> dict[int, ConsultationCounts]:
    """How many consultations each institution has open now and has published in all, by
    institution id (one without any is absent), in one query for the whole list."""
    now = now or timezone.now()
    rows = (
        Consultation.objects.published()
        .order_by()  # the default ordering would split the groups
        .values("institution_id")
        .annotate(published=Count("id"), open=Count("id", filter=status_q(Status.OPEN, now)))
    )
    return {
        row["institution_id"]: ConsultationCounts(open=row["open"], published=row["published"])
        for row in rows
    }


def participant_emails(consultation_id: int) -> list[str]:
    """The addresses of the people who gave an opinion (not withdrawn) on a consultation:
    whom the standard questions are asked once its feedback is published (via the subject
    registry in core/subjects.py, so surveys need no import of this app)."""
    return list(
        Opinion.objects.filter(
            consultation_id=consultation_id, withdrawn_at__isnull=True, author__isnull=False
        )
        .values_list("author__email", flat=True)
        .distinct()
        .order_by("author__email")
    )
