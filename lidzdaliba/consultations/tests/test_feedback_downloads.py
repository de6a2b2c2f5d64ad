"""Downloads of the feedback table answer the same on the web and in the API, for every role,
format and stage: the public once the answers are published, the institution and the
coordinator earlier (the draft table), nobody else — a refused download is a 403, not a page
with status 200."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.exports import FORMATS
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "editor", "responder", "other_officer", "coordinator"]
INSIDERS = {"editor", "responder", "coordinator"}
REASON = "Iekšējs pamatojums."


def consultation_in(stage: str, *, editor, responder, resident, ministry):
    if stage == "draft":
        return services.consultation_create(
            actor=editor, institution=ministry, **factories.consultation_fields()
        )
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident, text="Viedoklis.")
    services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason=REASON)
    if stage == "answered":
        services.feedback_publish(actor=responder, consultation=consultation)
    return consultation


def expected_status(stage: str, role: str) -> int:
    if role in INSIDERS or stage == "answered":
        return 200
    return 404 if stage == "draft" else 403


@pytest.mark.parametrize("stage", ["draft", "closed", "answered"])
@pytest.mark.parametrize("role", ROLES)
def test_web_and_api_agree(
    stage, role, request, editor, responder, resident, ministry, client_for, api_for
):
    consultation = consultation_in(
        stage, editor=editor, responder=responder, resident=resident, ministry=ministry
    )
    user = None if role == "anonymous" else request.getfixturevalue(role)
    web, api = client_for(user), api_for(user)
    expected = expected_status(stage, role)
    for fmt in FORMATS:
        from_web = web.get(
            reverse("consultations:feedback", args=[consultation.pk]), {"format": fmt}
        )
        from_api = api.get(
            f"/api/v1/consultations/{consultation.pk}/feedback-table", {"format": fmt}
        )
        assert (from_web.status_code, from_api.status_code) == (expected, expected), fmt
        for response in (from_web, from_api):
            downloaded = "attachment" in response.get("Content-Disposition", "")
            assert downloaded == (expected == 200), (fmt, response.status_code)
            shows_reason = expected == 200 and fmt == "csv" and stage != "draft"
            assert (REASON.encode() in response.content) == shows_reason, (fmt, response)
