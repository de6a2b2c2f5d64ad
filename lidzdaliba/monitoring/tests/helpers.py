"""A small world of consultations and opinions with varied dates, written as raw rows."""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import timedelta

from django.utils import timezone

from lidzdaliba.consultations.models import Answer, Consultation, Opinion
from lidzdaliba.core.enums import OpinionKind, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.institutions.models import AffectedGroup
from lidzdaliba.testing import factories


def make_consultation(institution, rng: random.Random, **fields) -> Consultation:
    now = timezone.now()
    opens = now - timedelta(days=rng.randint(-20, 200), hours=rng.randint(0, 23))
    base = factories.consultation_fields(
        opens_at=opens,
        closes_at=opens + timedelta(days=rng.choice([5, 14, 20, 30, 45])),
        policy_stage=rng.choice(list(PolicyStage)),
        participation_form=rng.choice(list(ParticipationForm)),
    )
    base.update(fields)
    announced = base.pop("announced_at", base["opens_at"] - timedelta(days=3))
    consultation = Consultation.objects.create(
        institution=institution, announced_at=announced, **base
    )
    if rng.random() < 0.4 and consultation.closes_at < now:
        delay = timedelta(days=rng.randint(1, 60))
        Consultation.objects.filter(pk=consultation.pk).update(
            feedback_published_at=min(now, consultation.closes_at + delay)
        )
        consultation.refresh_from_db()
    return consultation


def make_opinion(consultation, people, organisations, rng: random.Random) -> Opinion:
    author = rng.choice(people)
    org = rng.choice(organisations) if rng.random() < 0.3 else None
    opinion = Opinion.objects.create(
        consultation=consultation,
        author=author,
        organisation=org,
        kind=OpinionKind.PROPOSAL,
        text="Ierosinu precizēt termiņu.",
    )
    if org is None:
        # Declared groups from a generator of its own: the caller's sequence stays as it was.
        own = random.Random(opinion.pk)
        groups = list(AffectedGroup.objects.order_by("pk")[:4])
        opinion.declared_groups.set(own.sample(groups, own.choice([0, 0, 1, 2])))
    created = consultation.opens_at + timedelta(hours=rng.randint(0, 200))
    Opinion.objects.filter(pk=opinion.pk).update(created_at=created)
    opinion.created_at = created
    return opinion


def answer(opinion: Opinion, rng: random.Random) -> Answer:
    given = Answer.objects.create(
        opinion=opinion, outcome=Outcome.NOTED, reason="Pieņemts zināšanai."
    )
    at = opinion.created_at + timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
    Answer.objects.filter(pk=given.pk).update(answered_at=at)
    return given


def comparable(result) -> dict:
    """Indicators as plain data, institutions by id, for comparing two computations."""
    return {
        "overall": asdict(result.overall),
        "institutions": {inst.pk: asdict(fig) for inst, fig in result.institutions},
        "kinds": {kind: asdict(fig) for kind, fig in result.kinds.items()},
        "months": {str(month): asdict(fig) for month, fig in result.months},
    }


def world(rng: random.Random, institutions, *, consultations: int = 12, opinions: int = 60):
    people = [factories.UserFactory() for _ in range(8)]
    organisations = [factories.OrganisationFactory() for _ in range(3)]
    made = [make_consultation(rng.choice(institutions), rng) for _ in range(consultations)]
    given = []
    for _ in range(opinions):
        opinion = make_opinion(rng.choice(made), people, organisations, rng)
        if rng.random() < 0.6:
            answer(opinion, rng)
        given.append(opinion)
    return made, given, people, organisations
