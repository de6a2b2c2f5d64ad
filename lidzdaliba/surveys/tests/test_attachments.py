"""A consultation's page lists the published surveys about it (core/subjects.py attachment
providers), so its participants find the survey where they took part; drafts stay hidden."""

from __future__ import annotations

import pytest

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question

pytestmark = pytest.mark.django_db


def test_the_consultation_page_lists_its_published_surveys(
    client, editor, ministry, open_consultation
):
    draft = services.survey_create(
        actor=editor, institution=ministry, title="Melnraksta aptauja", subject=open_consultation
    )
    published = services.survey_create(
        actor=editor, institution=ministry, title="Kā jums veicās?", subject=open_consultation
    )
    services.question_add(actor=editor, survey=published, kind=Question.Kind.TEXT, text="?")
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert "Kā jums veicās?" not in page  # nothing published yet: no section at all
    services.survey_publish(actor=editor, survey=published)
    page = client.get(f"/consultations/{open_consultation.pk}/").content.decode()
    assert f'href="/surveys/{published.pk}/"' in page
    assert "Kā jums veicās?" in page
    assert draft.title not in page
