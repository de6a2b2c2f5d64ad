"""Fixtures of the initiatives tests: an initiative in each stage, made through the services."""

from __future__ import annotations

import pytest

from lidzdaliba.initiatives.models import InitiativeRules, Kind
from lidzdaliba.testing import factories
from lidzdaliba.testing.initiatives import (
    collecting_initiative,
    draft_initiative,
    initiative_in_moderation,
)


@pytest.fixture(autouse=True)
def _exact_counts(settings):
    """Counts are exact at once (the stale window has its own test)."""
    settings.SIGNATURE_COUNT_STALE_SECONDS = 0


@pytest.fixture
def author(db):
    return factories.UserFactory(email="author@example.lv", full_name="Ilze Kalniņa")


@pytest.fixture
def cosponsor(db):
    return factories.UserFactory(email="cosponsor@example.lv", full_name="Rūta Liepa")


@pytest.fixture
def signer(db):
    return factories.UserFactory(email="signer@example.lv", full_name="Kārlis Ozols")


@pytest.fixture
def small_rules(ministry):
    """One co-sponsor and three signatures: short paths through the lifecycle."""
    return InitiativeRules.objects.create(
        institution=ministry,
        kind=Kind.COLLECTIVE_SUBMISSION,
        threshold_absolute=3,
        min_cosponsors=1,
    )


@pytest.fixture
def draft(author, ministry, small_rules):
    return draft_initiative(author, ministry)


@pytest.fixture
def in_moderation(author, cosponsor, ministry, small_rules):
    return initiative_in_moderation(author, ministry, cosponsor)


@pytest.fixture
def collecting(author, cosponsor, editor, ministry, small_rules):
    return collecting_initiative(author, ministry, cosponsor, editor)
