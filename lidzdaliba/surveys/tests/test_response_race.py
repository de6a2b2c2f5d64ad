"""Fifty parallel submissions make one response: of one person (signed in), of one person
to an anonymous survey (one participation record), and of one invitation link. The unique
constraints decide, in real threads with their own connections (PostgreSQL, or the SQLite
test database copied to a file threads can share)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Answer, Participation, Question, Response, Survey
from lidzdaliba.surveys.services.responses import invitation_use
from lidzdaliba.testing.databases import database_for_threads
from lidzdaliba.testing.smtp import body_text

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]

ATTEMPTS = 50


@pytest.fixture(autouse=True)
def _threads_write_one_database(transactional_db, tmp_path):
    with database_for_threads(tmp_path):
        yield


def _survey(editor, ministry, **settings) -> tuple[Survey, Question]:
    survey = services.survey_create(actor=editor, institution=ministry, title="S", **settings)
    question = services.question_add(
        actor=editor, survey=survey, kind=Question.Kind.SCALE, text="?", required=True
    )
    services.survey_publish(actor=editor, survey=survey)
    return Survey.objects.get(pk=survey.pk), question


def _race(attempt):
    def run(n: int):
        try:
            return attempt(n)
        except Conflict:
            return "conflict"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(run, range(ATTEMPTS)))


def test_fifty_parallel_responses_of_one_person_make_one(editor, ministry, resident):
    survey, question = _survey(editor, ministry)

    def attempt(n):
        _response, created = services.response_save(
            person=resident, survey=Survey.objects.get(pk=survey.pk), answers={question.pk: 5}
        )
        return created

    results = _race(attempt)
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(question=question).count() == 1
    assert results.count(True) == 1
    assert results.count("conflict") == ATTEMPTS - 1  # no changes allowed: 409


def test_fifty_parallel_anonymous_responses_make_one(editor, ministry, resident):
    survey, question = _survey(editor, ministry, anonymous=True)

    def attempt(n):
        services.response_save(
            person=resident, survey=Survey.objects.get(pk=survey.pk), answers={question.pk: 5}
        )
        return "ok"

    results = _race(attempt)
    assert Participation.objects.filter(survey=survey, person=resident).count() == 1
    assert Response.objects.filter(survey=survey).count() == 1
    assert Response.objects.get(survey=survey).person is None
    assert results.count("ok") == 1


def test_fifty_parallel_uses_of_one_invitation_make_one(editor, ministry, mailbox):
    survey, question = _survey(editor, ministry, invitation_only=True, requires_sign_in=False)
    services.invitations_send(actor=editor, survey=survey, emails=["a@example.lv"])
    (message,) = mailbox.wait_for(1)
    token = body_text(message).split("/surveys/i/")[1].split("/")[0]

    def attempt(n):
        invitation = invitation_use(token=token)
        services.response_save(
            person=None,
            survey=Survey.objects.get(pk=survey.pk),
            answers={question.pk: 5},
            invitation=invitation,
        )
        return "ok"

    results = _race(attempt)
    assert Response.objects.filter(survey=survey).count() == 1
    assert results.count("ok") == 1
