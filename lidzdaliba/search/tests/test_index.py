"""The index follows the domain through its events: what is public is findable, the rest
never is (drafts, answers before the feedback is published, earlier draft versions)."""

from __future__ import annotations

import re

import pytest

from lidzdaliba.consultations import services
from lidzdaliba.core import events as domain_events
from lidzdaliba.core.enums import OpinionKind
from lidzdaliba.search import handlers
from lidzdaliba.search import services as search_services
from lidzdaliba.search.models import SearchEntry
from lidzdaliba.testing import factories

from .conftest import find

pytestmark = pytest.mark.django_db


def kinds_of(consultation) -> list[str]:
    return sorted(
        SearchEntry.objects.filter(consultation=consultation).values_list("kind", flat=True)
    )


def submit(consultation, author, events, **fields):
    fields.setdefault("kind", OpinionKind.OBJECTION)
    with events():
        opinion, _created = services.opinion_submit(
            author=author, consultation=consultation, **fields
        )
    return opinion


def test_every_domain_event_is_subscribed():
    documented = re.findall(r"^- ([a-z_]+\.[a-z_]+) ", domain_events.__doc__, re.MULTILINE)
    assert len(documented) >= 7
    for event in documented:
        subscribed = domain_events.handlers_for(event)
        assert (
            handlers.on_consultation_event in subscribed or handlers.on_opinion_event in subscribed
        ), event


def test_publishing_indexes_the_consultation_and_its_clauses_not_headings(publish):
    consultation = publish(title="Ūdenssaimniecības pakalpojumu noteikumi")
    clauses = factories.commentable_clauses(consultation)  # headings are not commentable
    assert kinds_of(consultation) == ["clause"] * len(clauses) + ["consultation"]
    assert find("ūdenssaimniecība") == [("consultation", consultation.pk)]
    culture = next(clause for clause in clauses if "kultūras" in clause.text)
    assert find("kultūras pasākumiem") == [("clause", culture.pk)]
    assert find("vispārīgie jautājumi") == []  # a heading


def test_a_draft_never_appears(editor, ministry, events):
    with events():
        draft = services.consultation_create(
            actor=editor,
            institution=ministry,
            **factories.consultation_fields(title="Slepenais melnraksts par zivsaimniecību"),
        )
        services.document_version_create(
            actor=editor, consultation=draft, text="1. Zivsaimniecības slepenais punkts."
        )
    assert kinds_of(draft) == []
    search_services.index_consultation(consultation_id=draft.pk)
    search_services.rebuild_index()
    assert kinds_of(draft) == []
    assert find("zivsaimniecība") == []


def test_a_new_version_replaces_the_clause_entries(publish, editor, events):
    consultation = publish(text="1. Pirmā versija par velosipēdu novietnēm.")
    assert find("velosipēdi") == [("clause", factories.commentable_clauses(consultation)[0].pk)]
    with events():
        services.document_version_create(
            actor=editor,
            consultation=consultation,
            text="1. Otrā versija par skrejriteņu novietnēm.\n2. Vēl viens punkts.",
        )
    new_clauses = factories.commentable_clauses(consultation)
    assert find("velosipēdi") == []
    assert find("skrejriteņiem") == [("clause", new_clauses[0].pk)]
    assert kinds_of(consultation) == ["clause", "clause", "consultation"]


def test_an_edit_is_reindexed(publish, editor, events):
    consultation = publish(title="Noteikumi par suņu pastaigu laukumiem")
    with events():
        services.consultation_update(
            actor=editor, consultation=consultation, title="Noteikumi par kaķu patversmēm"
        )
    assert find("suņi") == []
    assert find("kaķiem") == [("consultation", consultation.pk)]


def test_an_opinion_appears_with_the_name_only_by_consent(publish, resident, events):
    consultation = publish()
    hidden = submit(consultation, resident, events, text="Iebilstu pret autostāvvietu.")
    shown = submit(consultation, resident, events, text="Atbalstu autostāvvietu.", show_name=True)
    assert sorted(find("autostāvvieta")) == [("opinion", hidden.pk), ("opinion", shown.pk)]
    # resident is "Anna Bērziņa": findable only through the opinion that shows her name
    assert find("Bērziņa") == [("opinion", shown.pk)]
    assert find(hidden.reference) == [("opinion", hidden.pk)]


def test_an_erased_authors_name_leaves_the_index(publish, resident, events):
    from lidzdaliba.accounts.gdpr import account_delete

    consultation = publish()
    opinion = submit(consultation, resident, events, text="Atbalstu.", show_name=True)
    assert find("Bērziņa") == [("opinion", opinion.pk)]
    with events():
        account_delete(user=resident, password=factories.PASSWORD)
    assert find("Bērziņa") == []
    assert find("atbalstu") == [("opinion", opinion.pk)]  # the opinion itself stays


def test_an_opinion_on_behalf_of_an_organisation_shows_the_organisation(
    publish, ngo, ngo_rep, events
):
    consultation = publish()
    opinion = submit(consultation, ngo_rep, events, text="Mūsu viedoklis.", organisation_id=ngo.pk)
    assert find("Zaļā Latvija") == [("opinion", opinion.pk)]
    assert find("Ozols") == []  # the representative did not agree to show the name


def test_an_answer_appears_only_once_the_feedback_is_published(
    publish, resident, responder, events
):
    consultation = publish()
    opinion = submit(consultation, resident, events, text="Ierosinu garāku termiņu.")
    with events():
        answer = services.answer_give(
            actor=responder,
            opinion=opinion,
            outcome="taken_into_account",
            reason="Termiņš pagarināts līdz sešdesmit dienām.",
        )
    assert find("sešdesmit") == []
    search_services.rebuild_index()
    assert find("sešdesmit") == []
    factories.close(consultation)
    with events():
        services.feedback_publish(actor=responder, consultation=consultation)
    assert find("sešdesmit") == [("answer", answer.pk)]
    assert find("garāku termiņu") == [("opinion", opinion.pk)]


def test_an_answer_changed_after_publication_is_reindexed(publish, resident, responder, events):
    consultation = publish()
    opinion = submit(consultation, resident, events, text="Ierosinu garāku termiņu.")
    services.answer_give(
        actor=responder, opinion=opinion, outcome="noted", reason="Pirmais pamatojums."
    )
    factories.close(consultation)
    with events():
        services.feedback_publish(actor=responder, consultation=consultation)
        services.answer_give(
            actor=responder, opinion=opinion, outcome="noted", reason="Labots skaidrojums."
        )
    assert find("pamatojums") == []
    assert [kind for kind, _id in find("skaidrojums")] == ["answer"]


def test_indexing_is_idempotent(publish, resident, events):
    consultation = publish()
    submit(consultation, resident, events, text="Teksts.")
    before = list(SearchEntry.objects.order_by("pk").values())
    assert search_services.index_consultation(consultation_id=consultation.pk) == 0
    assert search_services.rebuild_index() == len(before)
    assert list(SearchEntry.objects.order_by("pk").values()) == before


def test_a_deleted_opinion_loses_its_entry(publish, resident, events):
    consultation = publish()
    opinion = submit(consultation, resident, events, text="Dzēšams viedoklis.")
    opinion_id = opinion.pk
    opinion.delete()
    search_services.index_opinion(opinion_id=opinion_id)
    assert find("dzēšams") == []
