"""When a consultation's feedback is published, its participants are asked the three
standard questions: one survey per consultation, invitations by e-mail, and the means
monitoring reads through `standard_question_means`."""

from datetime import UTC, datetime, timedelta

import pytest

from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.core.tasks import queue
from lidzdaliba.surveys import selectors, services
from lidzdaliba.surveys.handlers import create_standard_survey
from lidzdaliba.surveys.models import Survey
from lidzdaliba.surveys.services.responses import invitation_use
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db


def _arrived(mailbox, address):
    """What reached `address` once its invitation is among it (the SMTP server is real)."""
    for _attempt in range(100):
        found = mailbox.to(address)
        if any("/surveys/i/" in body_text(m) for m in found):
            return found
        mailbox.wait_for(len(mailbox.messages) + 1, timeout=0.1)
    return mailbox.to(address)


def test_feedback_publication_asks_participants(
    open_consultation, responder, resident, mailbox, django_capture_on_commit_callbacks
):
    consultation = factories.close(open_consultation)
    other = factories.UserFactory(email="otrs@example.lv")
    for author in (resident, other, resident):
        opinion = factories.opinion(consultation, author)
        consultation_services.answer_give(
            actor=responder, opinion=opinion, outcome="noted", reason="Ņemts vērā."
        )
    queue().flush()
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.feedback_publish(actor=responder, consultation=consultation)
    # Asked two days later, once people have read the answers: a scheduled job.
    assert not Survey.objects.filter(purpose="standard").exists()
    (task,) = [t for t in queue().scheduled() if t.name.endswith("create_standard_survey")]
    assert task.args == (consultation.pk,)
    assert timedelta(days=1, hours=23) < task.eta - datetime.now(UTC).replace(tzinfo=None)
    with django_capture_on_commit_callbacks(execute=True):
        create_standard_survey.call_local(consultation.pk)
    queue().flush()
    survey = Survey.objects.get(purpose="standard", subject_id=consultation.pk)
    assert [q.standard_key for q in survey.questions.all()] == [
        "taken_into_account",
        "explained_why",
        "ease_of_taking_part",
    ]
    assert survey.is_open() and survey.anonymous and survey.invitation_only
    invited = sorted(survey.invitations.values_list("email", flat=True))
    assert invited == ["otrs@example.lv", "resident@example.lv"]
    links = {}
    for address in invited:
        (message,) = [m for m in _arrived(mailbox, address) if "/surveys/i/" in body_text(m)]
        links[address] = body_text(message).split("/surveys/i/")[1].split("/")[0]
    # Repeating the event makes no second survey and no second invitation.
    services.standard_survey_for_consultation(consultation_id=consultation.pk)
    assert Survey.objects.filter(purpose="standard").count() == 1

    questions = list(survey.questions.all())
    for (_address, token), values in zip(
        sorted(links.items()), ([8, 4, 9], [6, 2, 7]), strict=True
    ):
        services.response_save(
            person=None,
            survey=survey,
            invitation=invitation_use(token=token),
            answers={q.pk: v for q, v in zip(questions, values, strict=True)},
        )
    means = selectors.standard_question_means(consultation_ids=[consultation.pk])
    assert means["taken_into_account"]["n"] == 2
    assert means["taken_into_account"]["mean"] == 7
    assert means["explained_why"]["median"] == 3
    assert means["ease_of_taking_part"]["ci95"] is not None
    assert selectors.standard_question_means(consultation_ids=[])["ease_of_taking_part"]["n"] == 0
    by_institution = selectors.standard_question_means(
        institution_ids=[consultation.institution_id]
    )
    assert by_institution["taken_into_account"]["n"] == 2
    assert selectors.standard_question_means(institution_ids=[0])["ease_of_taking_part"]["n"] == 0
