"""Reads of initiatives, filtered by who is asking. Lists run a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from lidzdaliba.institutions.models import Institution, OfficerRole, Territory, Topic

from . import counts
from .models import (
    AWAITING_ANSWER_STATUSES,
    CoSponsor,
    Initiative,
    InitiativeQuerySet,
    Milestone,
    ModerationDecision,
    PaperBatch,
    Signature,
    Status,
    StatusChange,
)


def _base() -> InitiativeQuerySet:
    return Initiative.objects.select_related("institution", "topic", "territory", "author")


def public_initiatives() -> InitiativeQuerySet:
    return _base().published()


@dataclass(frozen=True)
class InitiativeFilters:
    institution: Institution | None = None
    kind: str | None = None
    status: str | None = None
    topic: Topic | None = None
    territory: Territory | None = None


def initiative_list(*, filters: InitiativeFilters) -> InitiativeQuerySet:
    """The public list, newest first."""
    initiatives = public_initiatives()
    if filters.institution is not None:
        initiatives = initiatives.filter(institution=filters.institution)
    if filters.kind:
        initiatives = initiatives.filter(kind=filters.kind)
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.topic is not None:
        initiatives = initiatives.filter(topic=filters.topic)
    if filters.territory is not None:
        initiatives = initiatives.filter(
            Q(territory=filters.territory) | Q(territory__parent=filters.territory)
        )
    return initiatives.order_by("-published_at", "-id")


def initiative_get(*, user, pk: int) -> Initiative:
    """One initiative for `user`, or 404 when it does not exist or they may not see it."""
    initiative = _base().filter(pk=pk).first()
    if initiative is None or not user.has_perm("initiatives.view_initiative", initiative):
        raise Http404
    return initiative


def signature_counts(initiative: Initiative) -> tuple[int, int]:
    """(online, paper) as the public sees them: cheap under load (counts.py)."""
    if not initiative.is_published:
        return 0, 0
    return counts.counts(initiative)


def signature_total(initiative: Initiative) -> int:
    online, paper = signature_counts(initiative)
    return online + paper


def signature_of(*, user, initiative: Initiative) -> Signature | None:
    if not user.is_authenticated:
        return None
    return (
        Signature.objects.filter(initiative=initiative, signer=user)
        .select_related("invalidation")
        .first()
    )


def public_signers(initiative: Initiative, limit: int = 100) -> list[str]:
    """Names of signers who chose to be listed, newest first."""
    return [
        signature.signer.display_name
        for signature in Signature.objects.filter(
            initiative=initiative, public_name=True, invalidation__isnull=True
        )
        .select_related("signer")
        .order_by("-created_at", "-id")[:limit]
    ]


def history_of(initiative: Initiative) -> list[StatusChange]:
    return list(initiative.status_changes.order_by("at", "id"))


def milestones_of(initiative: Initiative) -> list[Milestone]:
    return list(initiative.milestones.order_by("date", "id"))


def paper_batches_of(initiative: Initiative) -> list[PaperBatch]:
    return list(initiative.paper_batches.order_by("recorded_at", "id"))


def cosponsors_of(initiative: Initiative) -> list[CoSponsor]:
    return list(initiative.cosponsors.select_related("user").order_by("invited_at", "id"))


def moderation_decisions_of(initiative: Initiative) -> list[ModerationDecision]:
    return list(initiative.moderation_decisions.order_by("decided_at", "id"))


def answer_of(initiative: Initiative):
    return getattr(initiative, "answer", None)


def initiatives_of_author(*, user) -> InitiativeQuerySet:
    return _base().filter(author=user).order_by("-created_at", "-id")


def moderation_queue(*, user) -> InitiativeQuerySet:
    """Initiatives waiting for moderation at institutions where `user` is an editor or manager;
    for a moderator, at every institution."""
    waiting = _base().filter(status=Status.IN_MODERATION).order_by("updated_at", "id")
    if user.is_authenticated and user.is_moderator:
        return waiting
    roles = OfficerRole.objects.filter(
        user=user, role__in=[OfficerRole.Role.EDITOR, OfficerRole.Role.MANAGER]
    ).values("institution_id")
    return waiting.filter(institution_id__in=roles)


def awaiting_answer(*, user) -> InitiativeQuerySet:
    """Initiatives the user's institutions must answer, the earliest deadline first."""
    mine = OfficerRole.objects.filter(user=user).values("institution_id")
    return (
        _base()
        .filter(status__in=AWAITING_ANSWER_STATUSES, institution_id__in=mine)
        .order_by("answer_due_at", "id")
    )


def initiatives_of_institution(institution: Institution) -> InitiativeQuerySet:
    return public_initiatives().filter(institution=institution).order_by("-published_at", "-id")


def overdue_answers(*, institution: Institution | None = None) -> InitiativeQuerySet:
    """Initiatives past their answer deadline without an answer (red on the pages)."""
    from django.utils import timezone

    overdue = _base().filter(status__in=AWAITING_ANSWER_STATUSES, answer_due_at__lt=timezone.now())
    if institution is not None:
        overdue = overdue.filter(institution=institution)
    return overdue.order_by("answer_due_at", "id")


def initiative_counts_by_institution() -> dict[int, int]:
    """Published initiatives per institution (the institutions list)."""
    return dict(
        Initiative.objects.published()
        .values("institution_id")
        .annotate(n=Count("id"))
        .values_list("institution_id", "n")
    )


def signatures_for_export(initiative: Initiative) -> QuerySet[Signature]:
    return (
        Signature.objects.filter(initiative=initiative)
        .select_related("signer", "invalidation")
        .order_by("created_at", "id")
    )


def signatures_for_review(initiative: Initiative) -> QuerySet[Signature]:
    """Every signature, valid or not, newest first: the institution's review list."""
    return (
        Signature.objects.filter(initiative=initiative)
        .select_related("signer", "invalidation")
        .order_by("-created_at", "-id")
    )


def invalidations_of(initiative: Initiative):
    return list(initiative.invalidations.select_related("decided_by").order_by("decided_at", "id"))


def attachments_of(initiative: Initiative):
    return list(initiative.attachments.order_by("id"))


def manages_any_institution(*, user) -> bool:
    """Whether `user` manages an institution (and so its initiative rules)."""
    return OfficerRole.objects.filter(user=user, role=OfficerRole.Role.MANAGER).exists()
