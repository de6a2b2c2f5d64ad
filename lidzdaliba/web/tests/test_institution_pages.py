"""The institutions list: each institution with how many consultations it has open now and
has published in all (the counts come from consultations, asked by the web edge)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import services
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def counts_on_page(response) -> dict[str, tuple[str, str]]:
    """Institution name → (open now, all consultations) as the table shows them."""
    rows = {}
    for row in BeautifulSoup(response.content, "html.parser").select("table.data tbody tr"):
        cells = row.find_all("td")
        rows[cells[0].find("a").get_text(strip=True)] = (
            cells[2].get_text(strip=True),
            cells[3].get_text(strip=True),
        )
    return rows


def test_the_list_counts_open_and_published_consultations(
    editor, ministry, municipality, client_for
):
    now = timezone.now()
    factories.published_consultation(editor, ministry)  # open
    factories.published_consultation(editor, ministry)  # open
    factories.published_consultation(  # announced, opens later
        editor, ministry, opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=40)
    )
    factories.close(factories.published_consultation(editor, ministry))  # closed
    services.consultation_create(  # a draft: not public, not counted
        actor=editor, institution=ministry, **factories.consultation_fields()
    )

    response = client_for(None).get(reverse("institutions:list"))

    assert response.status_code == 200
    counts = counts_on_page(response)
    assert counts[ministry.name] == ("2", "4")
    assert counts[municipality.name] == ("0", "0")
