"""Unit tests of the consultation services: the rules of the participation loop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Answer, Consultation, MinimumPeriod, Opinion, Status
from lidzdaliba.core.enums import ActType, OpinionKind, Outcome
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


# --- Creating and publishing ----------------------------------------------------------------


def test_create_records_audit_and_starts_as_draft(editor, ministry):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    assert consultation.status == Status.DRAFT
    entry = AuditEntry.objects.get(action="consultation.create")
    assert entry.actor == editor and entry.institution == ministry
    assert entry.after["title"] == consultation.title


def test_only_editors_of_the_institution_create(responder, other_officer, coordinator, ministry):
    for actor in (responder, other_officer, coordinator):
        with pytest.raises(PermissionDenied):
            services.consultation_create(
                actor=actor, institution=ministry, **factories.consultation_fields()
            )


def test_manager_may_do_what_an_editor_does(manager, ministry):
    consultation = services.consultation_create(
        actor=manager, institution=ministry, **factories.consultation_fields()
    )
    assert consultation.pk


def test_closing_before_opening_is_rejected(editor, ministry):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.consultation_create(
            actor=editor,
            institution=ministry,
            **factories.consultation_fields(opens_at=now, closes_at=now - timedelta(days=1)),
        )
    assert "closes_at" in error.value.message_dict


def test_shorter_than_minimum_needs_a_justification(editor, ministry):
    now = timezone.now()
    short = factories.consultation_fields(opens_at=now, closes_at=now + timedelta(days=10))
    with pytest.raises(ValidationError) as error:
        services.consultation_create(actor=editor, institution=ministry, **short)
    assert "30" in error.value.message_dict["short_period_justification"][0]
    consultation = services.consultation_create(
        actor=editor,
        institution=ministry,
        **{**short, "short_period_justification": "Steidzami jāievieš ES direktīva."},
    )
    assert consultation.period_days == 10


def test_municipal_binding_regulation_has_its_own_minimum(editor, ministry):
    now = timezone.now()
    fields = factories.consultation_fields(
        opens_at=now,
        closes_at=now + timedelta(days=14),
        act_type=ActType.MUNICIPAL_BINDING_REGULATION,
    )
    assert services.consultation_create(actor=editor, institution=ministry, **fields).pk
    assert (
        services.minimum_period_days(
            act_type=ActType.MUNICIPAL_BINDING_REGULATION,
            participation_form="written_consultation",
        )
        == 14
    )


def test_minimum_period_is_configurable(editor, ministry):
    MinimumPeriod.objects.filter(key="written_consultation").update(days=5)
    now = timezone.now()
    fields = factories.consultation_fields(opens_at=now, closes_at=now + timedelta(days=6))
    assert services.consultation_create(actor=editor, institution=ministry, **fields).pk


def test_publish_announces_now_and_is_audited(editor, ministry):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    published = services.consultation_publish(actor=editor, consultation=consultation)
    assert published.announced_at is not None
    assert published.status == Status.OPEN
    assert AuditEntry.objects.filter(action="consultation.publish").count() == 1
    with pytest.raises(ValidationError):
        services.consultation_publish(actor=editor, consultation=published)


def test_publish_refuses_a_past_closing_date(editor, ministry):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.consultation_publish(actor=editor, consultation=consultation)


def test_update_audits_before_and_after(editor, open_consultation):
    services.consultation_update(
        actor=editor, consultation=open_consultation, title="Jauns nosaukums"
    )
    entry = AuditEntry.objects.get(action="consultation.update")
    assert entry.before == {"title": open_consultation.title}
    assert entry.after == {"title": "Jauns nosaukums"}


# --- Documents -----------------------------------------------------------------------------


def test_typed_text_is_split_into_numbered_clauses(open_consultation):
    clauses = factories.commentable_clauses(open_consultation)
    numbers = [clause.number for clause in clauses]
    assert {"1", "2", "2.1", "2.2", "3"} <= set(numbers)


def test_uploaded_docx_becomes_a_new_version(editor, open_consultation):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("1. Pirmais punkts ar garumzīmēm: ā, ē, ī, ū.")
    document.add_paragraph("2. Otrais punkts.")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("projekts.docx", buffer.getvalue())
    version = services.document_version_create(
        actor=editor, consultation=open_consultation, upload=upload, change_note="Precizēts"
    )
    assert version.number == 2
    assert version.source_name == "projekts.docx"
    assert [c.number for c in version.clauses.all()] == ["1", "2"]
    assert "ā, ē, ī, ū" in version.clauses.first().text


def test_upload_disguised_as_a_document_is_rejected(editor, open_consultation):
    upload = SimpleUploadedFile("projekts.docx", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError):
        services.document_version_create(
            actor=editor, consultation=open_consultation, upload=upload
        )


def test_empty_text_is_rejected(editor, open_consultation):
    with pytest.raises(ValidationError):
        services.document_version_create(actor=editor, consultation=open_consultation, text=" ")


# --- Opinions ------------------------------------------------------------------------------


def test_opinion_on_a_clause(resident, open_consultation):
    clause = factories.commentable_clauses(open_consultation)[1]
    opinion, created = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind=OpinionKind.OBJECTION,
        text="Termiņš ir par īsu.",
        clause_id=clause.pk,
        proposed_wording="60 dienu laikā",
    )
    assert created and opinion.clause == clause
    assert opinion.reference.startswith("LDZ-")


def test_opinion_needs_an_open_consultation(resident, editor, ministry):
    closed = factories.published_consultation(
        editor,
        ministry,
        opens_at=timezone.now() - timedelta(days=40),
        closes_at=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(Conflict) as error:
        services.opinion_submit(
            author=resident, consultation=closed, kind=OpinionKind.PROPOSAL, text="Vēlu."
        )
    assert error.value.code == "consultation_not_open"
    upcoming = factories.published_consultation(
        editor,
        ministry,
        opens_at=timezone.now() + timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=40),
    )
    with pytest.raises(Conflict):
        services.opinion_submit(
            author=resident, consultation=upcoming, kind=OpinionKind.PROPOSAL, text="Agri."
        )


def test_opinion_on_a_clause_of_another_consultation_is_rejected(
    resident, editor, ministry, open_consultation
):
    other = factories.published_consultation(editor, ministry)
    foreign = factories.commentable_clauses(other)[0]
    with pytest.raises(ValidationError) as error:
        services.opinion_submit(
            author=resident,
            consultation=open_consultation,
            kind=OpinionKind.PROPOSAL,
            text="x",
            clause_id=foreign.pk,
        )
    assert "clause_id" in error.value.message_dict


def test_on_behalf_of_an_organisation_only_for_its_representatives(
    resident, ngo, ngo_rep, open_consultation
):
    opinion, _ = services.opinion_submit(
        author=ngo_rep,
        consultation=open_consultation,
        kind="proposal",
        text="Biedrības viedoklis",
        organisation_id=ngo.pk,
    )
    assert opinion.public_submitter == ngo.name
    with pytest.raises(PermissionDenied):
        services.opinion_submit(
            author=resident,
            consultation=open_consultation,
            kind="proposal",
            text="x",
            organisation_id=ngo.pk,
        )


def test_name_shown_only_with_consent(resident, open_consultation):
    hidden, _ = services.opinion_submit(
        author=resident, consultation=open_consultation, kind="proposal", text="a"
    )
    shown, _ = services.opinion_submit(
        author=resident, consultation=open_consultation, kind="proposal", text="b", show_name=True
    )
    assert resident.full_name not in hidden.public_submitter
    assert shown.public_submitter == resident.full_name


def test_attachments_are_checked_by_content(resident, open_consultation):
    pdf = SimpleUploadedFile(
        "pielikums.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    opinion, _ = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind="proposal",
        text="Ar pielikumu",
        attachments=[pdf],
    )
    attachment = opinion.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "pielikums.pdf"
    assert "pielikums" not in attachment.file.name  # stored under a random name
    svg = SimpleUploadedFile(
        "bilde.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
    )
    with pytest.raises(ValidationError):
        services.opinion_submit(
            author=resident,
            consultation=open_consultation,
            kind="proposal",
            text="SVG",
            attachments=[svg],
        )
    assert Opinion.objects.count() == 1


def test_opinion_receipt_is_mailed_after_commit(
    resident, open_consultation, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opinion, _ = services.opinion_submit(
            author=resident, consultation=open_consultation, kind="question", text="Kāpēc?"
        )
    [message] = mailbox.wait_for(1)
    assert message["To"] == resident.email
    assert opinion.reference in message["Subject"]
    opinion.refresh_from_db()
    assert opinion.receipt_sent_at is not None


# --- Answers and feedback ------------------------------------------------------------------


@pytest.fixture
def closed_with_opinions(editor, ministry, resident, ngo_rep):
    consultation = factories.published_consultation(editor, ministry)
    clause = factories.commentable_clauses(consultation)[0]
    opinions = [
        factories.opinion(consultation, resident, clause=clause, text="Pirmais"),
        factories.opinion(consultation, ngo_rep, text="Otrais"),
        factories.opinion(consultation, resident, text="Trešais"),
    ]
    factories.close(consultation)
    return consultation, opinions


def test_every_outcome_needs_a_reason(responder, closed_with_opinions):
    _, opinions = closed_with_opinions
    for outcome in Outcome.values:
        with pytest.raises(ValidationError) as error:
            services.answer_give(actor=responder, opinion=opinions[0], outcome=outcome, reason=" ")
        assert "reason" in error.value.message_dict
    answer = services.answer_give(
        actor=responder,
        opinion=opinions[0],
        outcome=Outcome.TAKEN_INTO_ACCOUNT,
        reason="Precizēts 1. punkts.",
        new_wording="1. Jauna redakcija.",
    )
    assert answer.new_wording == "1. Jauna redakcija."


def test_only_responders_of_the_institution_answer(
    editor, other_officer, coordinator, resident, closed_with_opinions
):
    _, opinions = closed_with_opinions
    for actor in (editor, other_officer, coordinator, resident):
        with pytest.raises(PermissionDenied):
            services.answer_give(actor=actor, opinion=opinions[0], outcome="noted", reason="x")


def test_changing_an_answer_is_audited_with_before_and_after(responder, closed_with_opinions):
    _, opinions = closed_with_opinions
    services.answer_give(actor=responder, opinion=opinions[0], outcome="noted", reason="Pirmā")
    services.answer_give(
        actor=responder, opinion=opinions[0], outcome="not_taken_into_account", reason="Otrā"
    )
    entry = AuditEntry.objects.get(action="opinion.answer_change")
    assert entry.before == {"outcome": "noted", "reason": "Pirmā"}
    assert entry.after == {"outcome": "not_taken_into_account", "reason": "Otrā"}
    assert Answer.objects.count() == 1


def test_bulk_answer_shares_one_reason_and_batch(responder, closed_with_opinions):
    consultation, opinions = closed_with_opinions
    answers = services.answers_give_bulk(
        actor=responder,
        consultation=consultation,
        opinion_ids=[opinions[0].pk, opinions[2].pk],
        outcome=Outcome.NOTED,
        reason="Vienāds pamatojums līdzīgiem viedokļiem.",
    )
    assert len(answers) == 2
    assert len({a.batch for a in answers}) == 1 and answers[0].batch is not None
    assert Answer.objects.filter(reason__startswith="Vienāds").count() == 2


def test_bulk_answer_rejects_opinions_of_another_consultation(
    responder, editor, ministry, resident, closed_with_opinions
):
    consultation, opinions = closed_with_opinions
    other = factories.published_consultation(editor, ministry)
    stranger = factories.opinion(other, resident)
    with pytest.raises(ValidationError):
        services.answers_give_bulk(
            actor=responder,
            consultation=consultation,
            opinion_ids=[opinions[0].pk, stranger.pk],
            outcome="noted",
            reason="x",
        )
    assert not Answer.objects.exists()


def test_feedback_needs_every_answer_or_a_justification(responder, closed_with_opinions):
    consultation, opinions = closed_with_opinions
    services.answer_give(actor=responder, opinion=opinions[0], outcome="noted", reason="x")
    with pytest.raises(ValidationError) as error:
        services.feedback_publish(actor=responder, consultation=consultation)
    assert "2" in error.value.message_dict["justification"][0]
    published = services.feedback_publish(
        actor=responder, consultation=consultation, justification="Pārējie attiecas uz citu aktu."
    )
    assert published.status == Status.ANSWERED
    assert published.feedback_justification


def test_feedback_only_after_closing(responder, open_consultation):
    with pytest.raises(Conflict):
        services.feedback_publish(actor=responder, consultation=open_consultation)


def test_publishing_feedback_mails_each_author_their_answer(
    responder, closed_with_opinions, resident, ngo_rep, mailbox, django_capture_on_commit_callbacks
):
    consultation, opinions = closed_with_opinions
    for opinion in opinions:
        services.answer_give(
            actor=responder,
            opinion=opinion,
            outcome="partly_taken_into_account",
            reason=f"Pamatojums {opinion.text}",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_publish(actor=responder, consultation=consultation)
    messages = mailbox.wait_for(3)
    assert len(messages) == 3
    assert len(mailbox.to(resident.email)) == 2 and len(mailbox.to(ngo_rep.email)) == 1
    assert all(o.answer_sent_at for o in Opinion.objects.all())


def test_decision_requires_published_feedback(editor, responder, closed_with_opinions):
    consultation, opinions = closed_with_opinions
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=editor,
            consultation=consultation,
            decision_url="https://likumi.lv/ta/id/1",
            decision_summary="",
        )
    services.answers_give_bulk(
        actor=responder,
        consultation=consultation,
        opinion_ids=[o.pk for o in opinions],
        outcome="noted",
        reason="x",
    )
    services.feedback_publish(actor=responder, consultation=consultation)
    decided = services.decision_record(
        actor=editor,
        consultation=consultation,
        decision_url="https://likumi.lv/ta/id/1",
        decision_summary="Pieņemti Ministru kabineta noteikumi.",
    )
    assert decided.status == Status.DECIDED
    with pytest.raises(Conflict):
        services.answer_give(actor=responder, opinion=opinions[0], outcome="noted", reason="y")
