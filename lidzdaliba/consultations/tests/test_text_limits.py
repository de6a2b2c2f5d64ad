"""One limit per kind of text, the same on every path (web form, API, service), and exports
that never cut what was accepted without saying so."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lidzdaliba.consultations import services
from lidzdaliba.consultations.exports import XLSX_MAX_CELL, render
from lidzdaliba.consultations.models import Answer, Consultation, Opinion
from lidzdaliba.consultations.tests.test_exports import ROWS, make_table, read_csv, read_ods
from lidzdaliba.core.limits import LONG_TEXT_CHARS
from lidzdaliba.testing import factories

LIMIT = LONG_TEXT_CHARS
TOO_LONG = "ā" * (LIMIT + 1)
LONGEST = "ā" * LIMIT


@pytest.fixture
def closed_opinion(editor, ministry, resident):
    consultation = factories.published_consultation(editor, ministry)
    opinion = factories.opinion(consultation, resident)
    factories.close(consultation)
    return opinion


# --- Answers: the web form once stored a 1,100,000-character reason ----------------------


def answer_on_the_web(client_for, responder, opinion, **fields):
    return client_for(responder).post(
        reverse("officer:answer", args=[opinion.pk]),
        {"outcome": "noted", "reason": "Pamatojums.", "new_wording": "", **fields},
    )


def answer_by_api(api_for, responder, opinion, **fields):
    return api_for(responder).post(
        f"/api/v1/opinions/{opinion.pk}/answer",
        data=json.dumps({"outcome": "noted", "reason": "Pamatojums.", **fields}),
        content_type="application/json",
    )


def answer_by_service(responder, opinion, **fields):
    try:
        services.answer_give(
            actor=responder,
            opinion=opinion,
            **{"outcome": "noted", "reason": "Pamatojums.", **fields},
        )
    except ValidationError:
        return "refused"
    return "accepted"


@pytest.mark.parametrize("field", ["reason", "new_wording"])
def test_an_answer_over_the_limit_is_refused_on_every_path(
    field, closed_opinion, responder, client_for, api_for
):
    web = answer_on_the_web(client_for, responder, closed_opinion, **{field: TOO_LONG})
    assert web.status_code == 400
    assert "20" in web.content.decode() and "000" in web.content.decode()
    assert answer_by_api(api_for, responder, closed_opinion, **{field: TOO_LONG}).status_code == 422
    assert answer_by_service(responder, closed_opinion, **{field: TOO_LONG}) == "refused"
    assert not Answer.objects.exists()


def test_an_answer_at_the_limit_is_accepted_on_every_path(
    closed_opinion, responder, client_for, api_for
):
    assert (
        answer_on_the_web(client_for, responder, closed_opinion, reason=LONGEST).status_code == 302
    )
    assert answer_by_api(api_for, responder, closed_opinion, reason=LONGEST).status_code == 200
    assert answer_by_service(responder, closed_opinion, reason=LONGEST) == "accepted"
    assert Answer.objects.get().reason == LONGEST


# --- Opinions --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "proposed_wording"])
def test_an_opinion_over_the_limit_is_refused_on_every_path(
    field, resident, open_consultation, client_for, api_for
):
    fields = {"kind": "proposal", "text": "Priekšlikums.", field: TOO_LONG}
    web = client_for(resident).post(
        reverse("consultations:opinion_create", args=[open_consultation.pk]),
        {**fields, "token": "t-1", "clause": ""},
    )
    assert web.status_code == 400
    api = api_for(resident).post(
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        data=json.dumps(fields),
        content_type="application/json",
    )
    assert api.status_code == 422
    with pytest.raises(ValidationError) as refused:
        services.opinion_submit(author=resident, consultation=open_consultation, **fields)
    assert field in refused.value.message_dict
    assert not Opinion.objects.exists()


# --- What editors and responders write -------------------------------------------------------


def test_consultation_texts_over_the_limit_are_refused(editor, ministry, client_for):
    consultation = factories.published_consultation(editor, ministry)
    with pytest.raises(ValidationError) as refused:
        services.consultation_update(actor=editor, consultation=consultation, summary=TOO_LONG)
    assert "summary" in refused.value.message_dict
    assert Consultation.objects.get().summary != TOO_LONG


def test_feedback_justification_over_the_limit_is_refused(closed_opinion, responder, client_for):
    consultation = closed_opinion.consultation
    response = client_for(responder).post(
        reverse("officer:feedback_publish", args=[consultation.pk]),
        {"justification": TOO_LONG},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.feedback_publish(
            actor=responder, consultation=consultation, justification=TOO_LONG
        )
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is None


def test_decision_summary_over_the_limit_is_refused(closed_opinion, responder, editor):
    consultation = closed_opinion.consultation
    services.answer_give(actor=responder, opinion=closed_opinion, outcome="noted", reason="R.")
    services.feedback_publish(actor=responder, consultation=consultation)
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=editor, consultation=consultation, decision_url="", decision_summary=TOO_LONG
        )


# --- Exports never cut silently --------------------------------------------------------------


def test_xlsx_says_where_the_rest_of_an_over_long_cell_is_and_others_hold_it_all():
    with translation.override("en"):
        _check_long_cell_in_every_format()


def _check_long_cell_in_every_format():
    long_clause = "Pašvaldība nodrošina. " * 2_000  # 44,000 characters: a huge clause
    table = replace(make_table(True), rows=[replace(ROWS[0], clause_text=long_clause)])

    sheet = load_workbook(io.BytesIO(render(table, "xlsx").content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    [clause_cell] = [cell for cell in cells if cell.value.startswith("Pašvaldība nodrošina.")]
    assert len(clause_cell.value) <= XLSX_MAX_CELL
    assert clause_cell.value.endswith(
        "(The text is longer than a spreadsheet cell can hold; characters in all: 44000. The "
        "whole text is in the ODS, CSV and DOCX downloads.)"
    )
    for reader, fmt in ((read_csv, "csv"), (read_ods, "ods")):
        grid = reader(render(table, fmt).content)
        assert any(long_clause.strip() == cell.strip() for row in grid for cell in row), fmt
