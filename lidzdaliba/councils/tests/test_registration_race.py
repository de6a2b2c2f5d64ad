"""Fifty people registering for the last seat at once: one gets it, the rest wait.

Real threads, each with its own database connection (PostgreSQL, or the SQLite test
database copied to a file: lidzdaliba/testing/databases.py), race through the service.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from lidzdaliba.councils.models import Meeting, Registration
from lidzdaliba.councils.services import registration_cancel, registration_register
from lidzdaliba.testing import factories
from lidzdaliba.testing.databases import database_for_threads

from .conftest import schedule

# Tests that open ~50 database connections at once run one after another on one worker
# (xdist group "many_connections"): two at once would pass PostgreSQL's 100 connections.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]

PEOPLE = 50
WAIT = 60


@pytest.fixture(autouse=True)
def _threads_write_one_database(transactional_db, tmp_path):
    with database_for_threads(tmp_path):
        yield


def test_fifty_registrations_for_the_last_seat_give_one_seat(body, secretary, resident):
    meeting = schedule(secretary, body, capacity=2)
    registration_register(person=resident, meeting=meeting, mode="in_person")  # one seat left
    people = [factories.UserFactory(email=f"p{n}@example.lv") for n in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)

    def register(person):
        try:
            start.wait(WAIT)
            registration, created = registration_register(
                person=person, meeting=Meeting.objects.get(pk=meeting.pk), mode="remote"
            )
            return registration.status, created
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(register, people, timeout=WAIT))

    assert all(created for _status, created in results)
    statuses = [status for status, _created in results]
    assert statuses.count("confirmed") == 1
    assert statuses.count("waiting") == PEOPLE - 1
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 2

    # A seat freed up goes to whoever joined the waiting list first.
    first_waiting = (
        Registration.objects.filter(meeting=meeting, status="waiting")
        .order_by("queued_at", "id")
        .first()
    )
    registration_cancel(person=resident, meeting=meeting)
    first_waiting.refresh_from_db()
    assert first_waiting.status == "confirmed"
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 2
    assert Registration.objects.filter(meeting=meeting, status="waiting").count() == PEOPLE - 2
