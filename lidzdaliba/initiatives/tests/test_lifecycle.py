"""The lifecycle through the services: draft → co-sponsors → moderation → collecting →
threshold → consideration → answer → milestones → implemented; and the side exits."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.initiatives import counts, selectors, services
from lidzdaliba.initiatives.models import Initiative, ModerationDecision, Signature, Status
from lidzdaliba.testing import factories
from lidzdaliba.testing.initiatives import draft_initiative, initiative_fields
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db


def fresh(initiative) -> Initiative:
    return Initiative.objects.select_related("institution").get(pk=initiative.pk)


def sign(initiative, person=None, **declarations):
    declarations.setdefault("declared_min_age", True)
    return services.signature_add(
        signer=person or factories.UserFactory(), initiative=initiative, **declarations
    )


def test_the_whole_path_from_draft_to_implemented(
    author,
    cosponsor,
    editor,
    responder,
    ministry,
    small_rules,
    mailbox,
    django_capture_on_commit_callbacks,
):
    initiative = services.initiative_create(
        author=author,
        institution=ministry,
        **initiative_fields(title="Velojoslas Brīvības ielā"),
    )
    assert initiative.status == Status.DRAFT and not initiative.is_published

    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = services.cosponsor_invite(
            actor=author, initiative=initiative, emails=[" COSPONSOR@example.lv "]
        )
    services.initiative_submit(actor=author, initiative=initiative)
    assert fresh(initiative).status == Status.AWAITING_COSPONSORS
    # The last co-sponsor needed accepts: on to moderation.
    services.cosponsor_accept(user=cosponsor, token=invitation.token)
    assert fresh(initiative).status == Status.IN_MODERATION

    services.initiative_moderate(actor=editor, initiative=initiative, decision="approved")
    initiative = fresh(initiative)
    assert initiative.status == Status.COLLECTING and initiative.is_published
    assert initiative.threshold == 3
    assert initiative.collection_ends_at.date() == (
        services.initiatives.add_months(initiative.published_at, 12).date()
    )

    for _n in range(3):
        sign(initiative)
    initiative = fresh(initiative)
    assert initiative.status == Status.THRESHOLD_REACHED
    assert initiative.answer_due_at.date() == (
        services.initiatives.add_months(initiative.threshold_reached_at, 3).date()
    )

    services.consideration_start(actor=responder, initiative=initiative)
    with pytest.raises(ValidationError) as no_reason:
        services.answer_give(
            actor=responder, initiative=initiative, outcome=Outcome.TAKEN_INTO_ACCOUNT, reason=" "
        )
    assert "reason" in no_reason.value.message_dict
    services.answer_give(
        actor=responder,
        initiative=initiative,
        outcome=Outcome.TAKEN_INTO_ACCOUNT,
        reason="Velojoslas iekļautas 2027. gada budžetā.",
    )
    services.milestone_add(
        actor=responder, initiative=initiative, date=dt.date(2027, 5, 1), text="Projekts gatavs."
    )
    services.implemented_mark(actor=responder, initiative=initiative)
    initiative = fresh(initiative)
    assert initiative.status == Status.IMPLEMENTED
    assert [change.status for change in selectors.history_of(initiative)] == [
        Status.DRAFT,
        Status.AWAITING_COSPONSORS,
        Status.IN_MODERATION,
        Status.COLLECTING,
        Status.THRESHOLD_REACHED,
        Status.UNDER_CONSIDERATION,
        Status.ANSWERED,
        Status.IMPLEMENTED,
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "initiative.moderate.approved",
        "initiative.consider",
        "initiative.answer",
        "initiative.milestone",
        "initiative.implemented",
    } <= actions
    # The invitation went out by e-mail, with the link to accept it.
    [message] = mailbox.wait_for(1)
    assert cosponsor.email in message["X-Envelope-To"]
    assert invitation.token in body_text(message)


def test_returned_initiative_is_fixed_and_resubmitted_rejected_one_is_final(
    author, in_moderation, editor
):
    with pytest.raises(ValidationError) as missing:
        services.initiative_moderate(actor=editor, initiative=in_moderation, decision="returned")
    assert set(missing.value.message_dict) == {"reason", "text"}
    services.initiative_moderate(
        actor=editor,
        initiative=in_moderation,
        decision="returned",
        reason="not_an_initiative",
        text="Lūdzu, aprakstiet konkrētu risinājumu.",
    )
    initiative = fresh(in_moderation)
    assert initiative.status == Status.RETURNED
    services.initiative_update(actor=author, initiative=initiative, solution="Konkrēts risinājums.")
    services.initiative_submit(actor=author, initiative=initiative)
    assert fresh(initiative).status == Status.IN_MODERATION
    services.initiative_moderate(
        actor=editor,
        initiative=initiative,
        decision="rejected",
        reason="outside_competence",
        text="Šis jautājums ir Saeimas kompetencē.",
    )
    assert fresh(initiative).status == Status.REJECTED
    assert list(
        ModerationDecision.objects.filter(initiative=initiative).values_list("decision", flat=True)
    ) == ["returned", "rejected"]
    with pytest.raises(PermissionDenied):
        services.initiative_submit(actor=author, initiative=fresh(initiative))


def test_signing_repeats_change_the_name_choice_and_withdrawal_removes_the_row(collecting, signer):
    first, created = sign(collecting, signer, public_name=False)
    again, created_again = sign(collecting, signer, public_name=True)
    assert created and not created_again and first.pk == again.pk
    assert Signature.objects.get(pk=first.pk).public_name is True
    assert services.signature_withdraw(signer=signer, initiative=collecting) is True
    assert not Signature.objects.filter(initiative=collecting, signer=signer).exists()
    assert services.signature_withdraw(signer=signer, initiative=collecting) is False


def test_declarations_are_required_and_eid_kinds_cannot_be_signed_yet(collecting, signer):
    with pytest.raises(PermissionDenied, match="16"):
        services.signature_add(signer=signer, initiative=collecting)
    Initiative.objects.filter(pk=collecting.pk).update(requires_residence=True)
    with pytest.raises(PermissionDenied, match=collecting.territory.name):
        sign(fresh(collecting), signer)
    Initiative.objects.filter(pk=collecting.pk).update(identity_level="eid")
    with pytest.raises(PermissionDenied, match="eID"):
        sign(fresh(collecting), signer, declared_residence=True)
    assert not Signature.objects.exists()


def test_no_signature_after_the_collection_ends_and_the_job_expires_it(collecting, signer):
    Initiative.objects.filter(pk=collecting.pk).update(
        collection_ends_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(Conflict):
        sign(fresh(collecting), signer)
    assert services.expire_finished_collections() == 1
    assert fresh(collecting).status == Status.EXPIRED


def test_paper_batches_count_toward_the_threshold(collecting, responder, resident):
    with pytest.raises(PermissionDenied):
        services.paper_batch_record(actor=resident, initiative=collecting, count=5, reference="x")
    services.paper_batch_record(
        actor=responder, initiative=collecting, count=2, reference="Nr. 1-12/345"
    )
    assert selectors.signature_counts(fresh(collecting)) == (0, 2)
    sign(fresh(collecting))
    assert fresh(collecting).status == Status.THRESHOLD_REACHED


def test_the_public_count_is_served_from_the_cache_and_exact_after_the_window(collecting, settings):
    settings.SIGNATURE_COUNT_STALE_SECONDS = 3600
    assert selectors.signature_total(collecting) == 0
    with CaptureQueriesContext(connection) as reads:
        assert selectors.signature_total(collecting) == 0
    assert len(reads) == 0
    # The signature's version bump runs on commit; tests run in a transaction, so call it.
    Signature.objects.create(initiative=collecting, signer=factories.UserFactory())
    counts.bump(collecting.pk)
    # Within the window, a moving version is still served from the cache...
    assert selectors.signature_total(collecting) == 0
    # ...and once the window has passed the next read counts the rows exactly.
    settings.SIGNATURE_COUNT_STALE_SECONDS = 0
    assert selectors.signature_total(collecting) == 1
    settings.SIGNATURE_COUNT_STALE_SECONDS = 3600
    with CaptureQueriesContext(connection) as reads:
        assert selectors.signature_total(collecting) == 1
    assert len(reads) == 0


def test_withdrawing_the_initiative_stops_the_collection(author, collecting, signer):
    services.initiative_withdraw(actor=author, initiative=collecting)
    assert fresh(collecting).status == Status.WITHDRAWN
    with pytest.raises(Conflict):
        sign(fresh(collecting), signer)


def test_an_idea_needs_no_signatures_and_awaits_its_answer_at_once(author, editor, ministry):
    idea = draft_initiative(author, ministry, kind="idea")
    services.initiative_submit(actor=author, initiative=idea)
    assert fresh(idea).status == Status.IN_MODERATION  # ideas need no co-sponsors
    services.initiative_moderate(actor=editor, initiative=idea, decision="approved")
    idea = fresh(idea)
    assert idea.status == Status.THRESHOLD_REACHED and idea.answer_due_at is not None
