"""Publishing the feedback table: the justification is asked for, and required, only while
some opinions have no answer; the manage page's link to the table says "draft" until the
table is published."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(editor, ministry, resident):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinions = [factories.opinion(consultation, resident) for _ in range(2)]
    return consultation, opinions


def answer_all(responder, opinions) -> None:
    for opinion in opinions:
        services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Jā.")


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_justification_asked_only_while_opinions_are_unanswered(closed, responder, client_for):
    consultation, opinions = closed
    client = client_for(responder)
    url = reverse("officer:feedback_publish", args=[consultation.pk])
    page = soup(client.get(url))
    field = page.find("textarea", {"name": "justification"})
    assert field is not None and field.has_attr("required")
    assert "2 viedokļiem vēl nav atbildes" in page.get_text()
    answer_all(responder, opinions)
    page = soup(client.get(url))
    assert page.find("textarea", {"name": "justification"}) is None
    assert "vēl nav atbildes" not in page.get_text()


def test_justification_is_required_on_the_server(closed, responder, client_for):
    consultation, opinions = closed
    client = client_for(responder)
    url = reverse("officer:feedback_publish", args=[consultation.pk])
    refused = client.post(url, {"justification": ""})
    assert refused.status_code == 400
    assert soup(refused).find(class_="error-summary") is not None
    assert Consultation.objects.get(pk=consultation.pk).feedback_published_at is None
    answer_all(responder, opinions)
    # Everything answered: no justification needed, and one sent anyway is not kept.
    assert client.post(url, {"justification": "Lieks."}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is not None
    assert consultation.feedback_justification == ""


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_link_to_the_table_drops_draft_once_published(language, closed, responder, client_for):
    consultation, opinions = closed
    responder.preferred_language = language
    responder.save(update_fields=["preferred_language"])
    client = client_for(responder)
    manage = reverse("officer:manage", args=[consultation.pk])
    table = reverse("consultations:feedback", args=[consultation.pk])
    draft, final = {
        "lv": ("Skatīt izziņas melnrakstu", "Skatīt izziņu"),
        "en": ("See the draft feedback table", "View the feedback table"),
    }[language]

    def link_texts() -> list[str]:
        return [a.get_text() for a in soup(client.get(manage)).find_all("a", href=table)]

    assert link_texts() == [draft]
    answer_all(responder, opinions)
    services.feedback_publish(actor=responder, consultation=consultation)
    assert link_texts() == [final]
