"""An answer given or changed after the feedback table was published reaches its author
and the public table, like the answers published with it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text


@pytest.fixture
def published_with_one_unanswered(editor, ministry, resident, ngo_rep, responder):
    """Feedback published (with a justification) while the resident's opinion had no
    answer yet; the NGO's opinion was answered and its author told."""
    consultation = factories.published_consultation(editor, ministry)
    late = factories.opinion(consultation, resident, text="Termiņš ir par īsu.")
    answered = factories.opinion(consultation, ngo_rep, text="Atbalstām.")
    factories.close(consultation)
    services.answer_give(
        actor=responder, opinion=answered, outcome=Outcome.NOTED, reason="Paldies."
    )
    services.feedback_publish(
        actor=responder, consultation=consultation, justification="Jāsaskaņo ar ministriju."
    )
    Opinion.objects.filter(pk=answered.pk).update(answer_sent_at=answered.created_at)
    return consultation, late


def _answer_on_the_web(responder, opinion, *, outcome: str, reason: str):
    client = Client()
    client.force_login(responder)
    return client.post(
        reverse("officer:answer", args=[opinion.pk]),
        {"outcome": outcome, "reason": reason, "new_wording": ""},
    )


def test_an_answer_given_after_publication_is_mailed_and_public(
    published_with_one_unanswered, responder, resident, mailbox, django_capture_on_commit_callbacks
):
    consultation, late = published_with_one_unanswered
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer_on_the_web(
            responder,
            late,
            outcome=Outcome.PARTLY_TAKEN_INTO_ACCOUNT,
            reason="Pagarināsim līdz 60 dienām.",
        )
    assert response.status_code == 302

    [message] = mailbox.wait_for(1)
    assert resident.email in message["X-Envelope-To"]
    assert late.reference in message["Subject"]
    assert "Pagarināsim līdz 60 dienām." in body_text(message)
    late.refresh_from_db()
    assert late.answer_sent_at is not None

    table = Client().get(reverse("consultations:feedback", args=[consultation.pk]))
    assert table.status_code == 200
    page = table.content.decode()
    assert "Pagarināsim līdz 60 dienām." in page
    assert "Daļēji ņemts vērā" in page


def test_a_changed_answer_reaches_the_author_again(
    published_with_one_unanswered, responder, resident, mailbox, django_capture_on_commit_callbacks
):
    consultation, late = published_with_one_unanswered
    with django_capture_on_commit_callbacks(execute=True):
        _answer_on_the_web(responder, late, outcome=Outcome.NOTED, reason="Pirmā atbilde.")
    mailbox.wait_for(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer_on_the_web(
            responder, late, outcome=Outcome.TAKEN_INTO_ACCOUNT, reason="Pārskatījām: ņemts vērā."
        )
    assert response.status_code == 302

    messages = mailbox.wait_for(2)
    assert len(messages) == 2
    changed = messages[1]
    assert resident.email in changed["X-Envelope-To"]
    assert "Pārskatījām: ņemts vērā." in body_text(changed)
    assert "Pirmā atbilde." not in body_text(changed)
    # The subject says it is a change, not the first answer.
    assert changed["Subject"] != messages[0]["Subject"]
    table = Client().get(reverse("consultations:feedback", args=[consultation.pk]))
    assert "Pārskatījām: ņemts vērā." in table.content.decode()
    assert "Pirmā atbilde." not in table.content.decode()


def test_answers_before_publication_wait_for_it(
    responder, editor, ministry, resident, mailbox, django_capture_on_commit_callbacks
):
    """Before publication an answer is a draft: nobody is mailed until the table is out."""
    consultation = factories.published_consultation(editor, ministry)
    opinion = factories.opinion(consultation, resident)
    factories.close(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_give(
            actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Melnraksts."
        )
    opinion.refresh_from_db()
    assert opinion.answer_sent_at is None
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_publish(actor=responder, consultation=consultation)
    [message] = mailbox.wait_for(1)
    assert "Melnraksts." in body_text(message)
