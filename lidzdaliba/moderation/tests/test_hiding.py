"""A hidden opinion's text is gone from every public reading of it — the consultation page,
the opinion page, the feedback table and each download, the API, search — yet its row stays,
says "Paslēpts: <iemesls>" and still needs an answer. Its institution, moderators and the
coordinator still read it. The author is told by mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import selectors as consultation_selectors
from lidzdaliba.consultations import services
from lidzdaliba.consultations.exports import FORMATS
from lidzdaliba.consultations.models import Consultation, HiddenReason, Opinion
from lidzdaliba.moderation import services as moderation_services
from lidzdaliba.search import services as search_services
from lidzdaliba.search.tests.conftest import find
from lidzdaliba.testing.smtp import body_text

from .conftest import SECRET_TEXT, export_text

pytestmark = pytest.mark.django_db

LABEL = "Paslēpts: citas personas dati"
READERS = ["anonymous", "resident", "other_officer"]
INSIDERS = ["responder", "editor", "moderator", "coordinator"]


@pytest.fixture
def hidden(reported, responder, django_capture_on_commit_callbacks):
    """The opinion hidden by the ministry's responder; the consultation closed and its
    feedback table published, so every public reading of it exists."""
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_hide(
            actor=responder,
            opinion=reported,
            reason=HiddenReason.PERSONAL_DATA,
            note="Minēta kaimiņa adrese.",
        )
    now = timezone.now()
    Consultation.objects.filter(pk=reported.consultation_id).update(
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        feedback_published_at=now,
    )
    return Opinion.objects.get(pk=reported.pk)


@pytest.fixture
def person(request):
    return lambda name: None if name == "anonymous" else request.getfixturevalue(name)


def public_readings(client, api, opinion) -> dict[str, str]:
    pk, consultation_id = opinion.pk, opinion.consultation_id
    readings = {
        "consultation page": client.get(reverse("consultations:detail", args=[consultation_id])),
        "opinion page": client.get(reverse("consultations:opinion", args=[pk])),
        "feedback table": client.get(reverse("consultations:feedback", args=[consultation_id])),
        "feed": client.get(reverse("feeds:consultations")),
        "api opinions": api.get(f"/api/v1/consultations/{consultation_id}/opinions"),
        "api opinion": api.get(f"/api/v1/opinions/{pk}"),
        "api table": api.get(f"/api/v1/consultations/{consultation_id}/feedback-table"),
    }
    for fmt in FORMATS:
        readings[fmt] = client.get(
            reverse("consultations:feedback", args=[consultation_id]), {"format": fmt}
        )
        readings[f"api {fmt}"] = api.get(
            f"/api/v1/consultations/{consultation_id}/feedback-table", {"format": fmt}
        )
    texts = {}
    for name, response in readings.items():
        assert response.status_code == 200, name
        fmt = name.removeprefix("api ")
        if fmt not in FORMATS:
            fmt = "json" if name.startswith("api") else "html"
        texts[name] = export_text(response.content, fmt)
    return texts


@pytest.mark.parametrize("reader", READERS)
def test_the_public_never_reads_a_hidden_text(hidden, reader, person, client_for, api_for):
    texts = public_readings(client_for(person(reader)), api_for(person(reader)), hidden)
    for name, text in texts.items():
        assert SECRET_TEXT not in text, name
        assert "Lāčplēša 99" not in text, name
    for name in ["consultation page", "opinion page", "feedback table", "csv", "xlsx"]:
        assert LABEL in texts[name], name
    assert '"hidden_reason": "personal_data"' in texts["api opinion"]
    assert f'"text": "{LABEL}"' in texts["api opinion"]


@pytest.mark.parametrize("reader", INSIDERS)
def test_the_institution_moderators_and_the_coordinator_still_read_it(
    hidden, reader, person, client_for, api_for
):
    texts = public_readings(client_for(person(reader)), api_for(person(reader)), hidden)
    for name in ["consultation page", "opinion page", "feedback table", "api opinion", *FORMATS]:
        assert SECRET_TEXT in texts[name], name


def test_the_author_reads_their_own_words_and_why_they_are_hidden(hidden, author, client_for):
    page = client_for(author).get(reverse("consultations:opinion", args=[hidden.pk])).content
    assert SECRET_TEXT in page.decode() and LABEL in page.decode()
    assert "Minēta kaimiņa adrese." in page.decode()


def test_a_hidden_opinions_files_are_withheld_too(hidden, client_for, responder):
    attachment = hidden.attachments.create(
        file="opinionattachment/x", original_name="adrese.txt", content_type="text/plain", size=3
    )
    url = reverse("consultations:opinion_attachment", args=[attachment.pk])
    assert client_for(None).get(url).status_code == 404


def test_search_forgets_the_hidden_text_and_finds_it_again_when_restored(
    reported, responder, django_capture_on_commit_callbacks
):
    search_services.index_consultation(consultation_id=reported.consultation_id)
    assert find("Pūpols") == [("opinion", reported.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.ABUSIVE)
    assert find("Pūpols") == []
    search_services.rebuild_index()
    assert find("Pūpols") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_restore(actor=responder, opinion=reported, note="Kļūda.")
    assert find("Pūpols") == [("opinion", reported.pk)]


def test_a_hidden_opinion_still_waits_for_an_answer(hidden, responder, client_for):
    assert hidden in consultation_selectors.desk_opinions(user=responder)
    counts = consultation_selectors.opinion_counts(hidden.consultation)
    assert counts == {"total": 1, "answered": 0, "whole_draft": 1, "withdrawn": 0}
    table = client_for(None).get(reverse("consultations:feedback", args=[hidden.consultation_id]))
    assert "Vēl nav atbildēts" in table.content.decode()


def test_hiding_is_audited_and_the_author_is_mailed_the_reason(
    reported, moderator, author, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation_services.opinion_hide(
            actor=moderator, opinion=reported, reason=HiddenReason.ABUSIVE, note="Lamuvārdi."
        )
    [message] = mailbox.wait_for(1)
    assert message["To"] == author.email
    assert reported.reference in message["Subject"]
    text = body_text(message)
    assert "Aizskaroša valoda" in text and "Lamuvārdi." in text
    assert reverse("consultations:opinion", args=[reported.pk]) in text
    entry = AuditEntry.objects.get(action="opinion.hide")
    assert entry.actor == moderator and entry.after["hidden_reason"] == "abusive"


def test_other_needs_a_note(reported, responder, client_for):
    response = client_for(responder).post(
        reverse("moderation:hide", args=[reported.pk]), {"reason": "other", "note": ""}
    )
    assert response.status_code == 400
    assert not Opinion.objects.get(pk=reported.pk).is_hidden


def test_restoring_shows_the_text_again_and_is_audited(hidden, moderator, client_for):
    response = client_for(moderator).post(
        reverse("moderation:restore", args=[hidden.pk]), {"note": "Adrese ir publiska."}
    )
    assert response.status_code == 302
    page = client_for(None).get(reverse("consultations:opinion", args=[hidden.pk]))
    assert SECRET_TEXT in page.content.decode()
    assert AuditEntry.objects.filter(action="opinion.restore", actor=moderator).exists()
