"""Answers to the questions sent in advance: who may answer (a role × action matrix), the
asker told over real SMTP, the audit entry, and what the public sees — nothing before the
minutes are published, then the question without a private asker's name (an organisation
is named), on the page and in the minutes download."""

from __future__ import annotations

import io

import pytest
from docx import Document

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.councils import services
from lidzdaliba.councils.models import Meeting, Registration
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

QUESTION = "Vai sanāksmē runās par ūdens ņemšanas vietām?"
ANSWER = "Jā, darba kārtības otrajā punktā."
ROLES = ["anonymous", "resident", "member", "secretary", "editor", "other_officer", "coordinator"]
ANSWERERS = {"secretary", "editor"}  # the body's secretary and its institution's officers


@pytest.fixture
def asked(meeting, resident) -> Registration:
    registration, _created = services.registration_register(
        person=resident, meeting=meeting, mode="remote", question=QUESTION
    )
    return registration


def _expected(role: str, allowed: set[str], ok: int) -> int:
    if role in allowed:
        return ok
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_and_answer_the_questions(role, request, client_for, meeting, asked):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    url = f"/meetings/{meeting.pk}/questions/"
    response = client.get(url)
    assert response.status_code == _expected(role, ANSWERERS, 200)
    if response.status_code == 200:
        assert QUESTION in response.content.decode()
    data = {"registration": asked.pk, f"q{asked.pk}-answer": ANSWER}
    response = client.post(url, data)
    assert response.status_code == _expected(role, ANSWERERS, 302)
    answered = Registration.objects.get(pk=asked.pk)
    assert (answered.answer == ANSWER) == (role in ANSWERERS)
    if role in ANSWERERS:
        assert answered.answered_by == user
        entry = AuditEntry.objects.get(action="meeting.question_answer")
        assert entry.actor == user and entry.after["answer"] == ANSWER
        assert entry.before["answer"] == ""
    else:
        assert not AuditEntry.objects.filter(action="meeting.question_answer").exists()


def test_the_asker_is_told_over_smtp_once_per_answer(
    client_for, meeting, asked, secretary, mailbox, django_capture_on_commit_callbacks
):
    client = client_for(secretary)
    url = f"/meetings/{meeting.pk}/questions/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"registration": asked.pk, f"q{asked.pk}-answer": ANSWER})
    [message] = mailbox.wait_for(1)
    assert message["To"] == "resident@example.lv"
    assert meeting.title in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert QUESTION in text and ANSWER in text
    assert "bez jūsu vārda" in text
    with django_capture_on_commit_callbacks(execute=True):  # the same answer again: no mail
        client.post(url, {"registration": asked.pk, f"q{asked.pk}-answer": ANSWER})
    with django_capture_on_commit_callbacks(execute=True):  # a corrected answer is sent
        client.post(url, {"registration": asked.pk, f"q{asked.pk}-answer": ANSWER + " Papildus."})
    messages = mailbox.wait_for(2)
    assert len(messages) == 2
    assert "Papildus." in messages[1].get_body(("plain",)).get_content()
    assert AuditEntry.objects.filter(action="meeting.question_answer").count() == 2


def test_an_empty_answer_or_a_registration_without_a_question_is_refused(
    client_for, meeting, asked, secretary, member
):
    client = client_for(secretary)
    url = f"/meetings/{meeting.pk}/questions/"
    response = client.post(url, {"registration": asked.pk, f"q{asked.pk}-answer": "  "})
    assert response.status_code == 400
    silent, _created = services.registration_register(person=member, meeting=meeting, mode="remote")
    response = client.post(url, {"registration": silent.pk, f"q{silent.pk}-answer": ANSWER})
    assert response.status_code == 404
    assert client.post(url, {"registration": "x"}).status_code == 404


def test_answers_are_public_after_the_minutes_without_a_private_askers_name(
    client_for, meeting, asked, secretary, editor, resident
):
    organisation = factories.OrganisationFactory(name="Biedrība Zaļā upe")
    speaker = factories.representative(organisation, full_name="Pēteris Ozols")
    page = client_for(speaker).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Biedrība Zaļā upe" in page  # a representative may ask in the organisation's name
    response = client_for(speaker).post(
        f"/meetings/{meeting.pk}/register/",
        {"mode": "in_person", "question": "Kas maksās?", "organisation": organisation.pk},
    )
    assert response.status_code == 302
    by_organisation = Registration.objects.get(person=speaker)
    assert by_organisation.organisation == organisation
    services.question_answer(actor=secretary, registration=asked, answer=ANSWER)
    services.question_answer(actor=editor, registration=by_organisation, answer="Valsts budžets.")

    public = client_for(None).get(f"/meetings/{meeting.pk}/").content.decode()
    assert QUESTION not in public and ANSWER not in public  # not before the minutes
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at.replace(year=2025))
    meeting.refresh_from_db()
    services.minutes_publish(
        actor=secretary, meeting=meeting, minutes="Protokols.", late_reason="x"
    )
    public = client_for(None).get(f"/meetings/{meeting.pk}/").content.decode()
    assert QUESTION in public and ANSWER in public
    assert "Biedrība Zaļā upe: Kas maksās?" in public and "Valsts budžets." in public
    assert "Anna Bērziņa" not in public and "Pēteris Ozols" not in public
    download = client_for(None).get(f"/meetings/{meeting.pk}/minutes.docx").content
    document = Document(io.BytesIO(download))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert QUESTION in cells and ANSWER in cells
    assert "Biedrība Zaļā upe: Kas maksās?" in cells
    text = "\n".join(cells + [p.text for p in document.paragraphs])
    assert "Anna Bērziņa" not in text and "Pēteris Ozols" not in text


def test_a_person_cannot_ask_in_the_name_of_an_organisation_they_do_not_represent(
    meeting, resident
):
    from django.core.exceptions import PermissionDenied

    organisation = factories.OrganisationFactory(name="Sveša biedrība")
    with pytest.raises(PermissionDenied):
        services.registration_register(
            person=resident, meeting=meeting, mode="remote", question="?", organisation=organisation
        )
