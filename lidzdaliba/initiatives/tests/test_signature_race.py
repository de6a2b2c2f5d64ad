"""Fifty parallel signature attempts by one person make one row: the unique constraint
decides, in real threads with their own database connections (PostgreSQL, or the SQLite
test database copied to a file that threads can share)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from lidzdaliba.initiatives.models import Initiative, Signature
from lidzdaliba.initiatives.services import signature_add
from lidzdaliba.testing.databases import database_for_threads

# Tests that open ~50 database connections at once run one after another on one worker
# (xdist group "many_connections"): two at once would pass PostgreSQL's 100 connections.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]

ATTEMPTS = 50


@pytest.fixture(autouse=True)
def _room_for_fifty(settings):
    """The signing rate limits (tested in test_integrity.py) would refuse most of one
    person's fifty attempts with 429; here the constraint alone must decide."""
    settings.RATE_LIMITS = {"signature.account.burst": "1000/minute"}


@pytest.fixture(autouse=True)
def _threads_write_one_database(transactional_db, tmp_path):
    with database_for_threads(tmp_path):
        yield


def test_fifty_parallel_signatures_of_one_person_make_one_row(collecting, signer):
    def sign(n: int):
        try:
            initiative = Initiative.objects.get(pk=collecting.pk)
            signature, created = signature_add(
                signer=signer, initiative=initiative, public_name=True, declared_min_age=True
            )
            return signature.pk, created
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(sign, range(ATTEMPTS)))

    assert Signature.objects.filter(initiative=collecting, signer=signer).count() == 1
    (only,) = Signature.objects.filter(initiative=collecting).values_list("pk", flat=True)
    # Every attempt was answered with that one signature; exactly one created it.
    assert {pk for pk, _created in results} == {only}
    assert sum(created for _pk, created in results) == 1
