"""Parallel submissions lose no count: forty people answer at once (and some change their
answers at the same time), in real threads with their own connections, touching the same
counters; the tallies then equal the answer rows (PostgreSQL, or the SQLite test database
copied to a file threads can share)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from lidzdaliba.surveys import selectors, services
from lidzdaliba.surveys.models import Response, Survey
from lidzdaliba.testing import factories
from lidzdaliba.testing.databases import database_for_threads

from .test_tallies import full_survey, random_values

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]

PEOPLE = 40


@pytest.fixture(autouse=True)
def _threads_write_one_database(transactional_db, tmp_path):
    with database_for_threads(tmp_path):
        yield


def test_parallel_submissions_and_changes_keep_the_tallies_exact(editor, ministry):
    survey = full_survey(editor, ministry)
    people = [factories.UserFactory() for _ in range(PEOPLE)]
    officers = [factories.officer(factories.InstitutionFactory(), "editor") for _ in range(5)]
    people += officers
    # each attempt's answers are drawn before the threads start: the same on every run
    rng = random.Random(7)
    attempts = [(person, random_values(rng, survey)) for person in people]
    attempts += [(person, random_values(rng, survey)) for person in people[:10]]

    def run(attempt):
        person, values = attempt
        try:
            services.response_save(
                person=person, survey=Survey.objects.get(pk=survey.pk), answers=values
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(run, attempts))
    assert Response.objects.filter(survey=survey, submitted_at__isnull=False).count() == len(people)
    tallied = selectors.survey_results(survey=Survey.objects.get(pk=survey.pk))
    assert tallied.n == len(people)
    assert tallied == selectors.survey_results(survey=survey, from_rows=True)
