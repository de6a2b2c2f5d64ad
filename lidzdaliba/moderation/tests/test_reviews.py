"""The author of a hidden opinion may ask once for a review; it joins the queue, and the
answer — shown again, or kept hidden with a reason — reaches them by mail. Every step is
audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import HiddenReason, Opinion
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(reported, responder):
    return services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.SPAM)


def ask(client, opinion, text="Tas ir par tēmu: par 2. punktu."):
    return client.post(reverse("consultations:review_request", args=[opinion.pk]), {"text": text})


def test_the_author_sees_why_and_may_ask_once(hidden, author, client_for):
    client = client_for(author)
    page = client.get(reverse("consultations:opinion", args=[hidden.pk])).content.decode()
    assert "Paslēpts: surogātpasts vai nav par tēmu" in page
    assert reverse("consultations:review_request", args=[hidden.pk]) in page
    assert ask(client, hidden).status_code == 302
    assert AuditEntry.objects.filter(action="opinion.review_request", actor=author).exists()
    page = client.get(reverse("consultations:opinion", args=[hidden.pk])).content.decode()
    assert reverse("consultations:review_request", args=[hidden.pk]) not in page
    assert ask(client, hidden, text="Vēlreiz").status_code == 403
    assert Opinion.objects.get(pk=hidden.pk).review_request_text.startswith("Tas ir par tēmu")


def test_an_empty_request_is_refused(hidden, author, client_for):
    assert ask(client_for(author), hidden, text="").status_code == 400
    assert Opinion.objects.get(pk=hidden.pk).review_requested_at is None


def test_the_request_is_in_the_queue(hidden, author, moderator, other_officer, client_for):
    ask(client_for(author), hidden)
    html = client_for(moderator).get(reverse("moderation:queue")).content.decode()
    assert "Tas ir par tēmu: par 2. punktu." in html
    assert reverse("moderation:restore", args=[hidden.pk]) in html
    other = client_for(other_officer).get(reverse("moderation:queue")).content.decode()
    assert "Tas ir par tēmu" not in other


def test_restoring_answers_the_review_and_mails_the_author(
    hidden, author, moderator, client_for, mailbox, django_capture_on_commit_callbacks
):
    ask(client_for(author), hidden)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(
            reverse("moderation:restore", args=[hidden.pk]), {"note": "Tas tiešām ir par tēmu."}
        )
    assert response.status_code == 302
    [message] = mailbox.wait_for(1)
    assert message["To"] == author.email and hidden.reference in message["Subject"]
    assert "atkal tiek rādīts publiski" in body_text(message)
    opinion = Opinion.objects.get(pk=hidden.pk)
    assert not opinion.is_hidden and opinion.review_decided_at is not None


def test_upholding_needs_a_reason_and_mails_the_author(
    hidden, author, responder, client_for, mailbox, django_capture_on_commit_callbacks
):
    ask(client_for(author), hidden)
    client = client_for(responder)
    url = reverse("moderation:uphold", args=[hidden.pk])
    assert client.post(url, {"uphold-note": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"uphold-note": "Reklāma, nav par projektu."}).status_code == 302
    [message] = mailbox.wait_for(1)
    assert "paliek paslēpts" in body_text(message)
    assert "Reklāma, nav par projektu." in body_text(message)
    opinion = Opinion.objects.get(pk=hidden.pk)
    assert opinion.is_hidden and not opinion.review_pending
    assert AuditEntry.objects.filter(action="opinion.review_uphold", actor=responder).exists()
    page = client_for(author).get(reverse("consultations:opinion", args=[hidden.pk]))
    assert "Reklāma, nav par projektu." in page.content.decode()
    assert "Tas ir par tēmu" not in client.get(reverse("moderation:queue")).content.decode()
