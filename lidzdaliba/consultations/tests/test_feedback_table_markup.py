"""The feedback table on a phone: a region the keyboard can scroll, named by the caption, and
a column name on every cell for the stacked rows (the browser check of the layout is in
tests/browser/test_every_page.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from lidzdaliba.consultations import services
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def test_the_feedback_table_scrolls_in_a_named_focusable_region(
    editor, responder, ministry, resident
):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident, text="Ierosinu 60 dienas.")
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.TAKEN_INTO_ACCOUNT, reason="Pieņemts."
    )
    services.feedback_publish(actor=responder, consultation=consultation)

    response = Client().get(f"/consultations/{consultation.pk}/feedback/")

    soup = BeautifulSoup(response.content, "html.parser")
    region = soup.select_one("main .table-wrap")
    assert (region["role"], region["tabindex"]) == ("region", "0")
    caption = soup.find(id=region["aria-labelledby"])
    assert caption is not None and caption.name == "caption"
    table = region.select_one("table.data.data--stack")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        assert [td.get("data-label") for td in row.select("td")] == headers
