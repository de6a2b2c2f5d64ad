"""The data model's own guarantees: one standing signature per person, thresholds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from lidzdaliba.initiatives.models import InitiativeRules, Kind, Signature, Status

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_signature_of_one_person(collecting, signer):
    Signature.objects.create(initiative=collecting, signer=signer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(initiative=collecting, signer=signer)
    # Withdrawn (deleted), the person may sign again: the constraint means "standing".
    Signature.objects.filter(initiative=collecting, signer=signer).delete()
    Signature.objects.create(initiative=collecting, signer=signer)


def test_a_share_of_the_population_is_rounded_up():
    rules = InitiativeRules(kind=Kind.COLLECTIVE_SUBMISSION, threshold_share=Decimal("0.5"))
    assert rules.threshold_for(1001) == 6
    assert rules.threshold_for(1000) == 5
    # No population recorded: the kind's default.
    assert rules.threshold_for(None) == 300
    assert InitiativeRules(kind=Kind.SAEIMA_SUBMISSION).threshold_for(None) == 10_000


def test_every_move_is_dated_in_the_history(collecting):
    assert list(collecting.status_changes.values_list("status", flat=True)) == [
        Status.DRAFT,
        Status.IN_MODERATION,
        Status.COLLECTING,
    ]
