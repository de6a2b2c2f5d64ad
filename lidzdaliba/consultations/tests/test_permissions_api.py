"""Who may do what through the JSON API (/api/v1/), as tables of roles and expected statuses."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Answer, Consultation, Opinion
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "editor", "responder", "manager", "other_officer", "coordinator"]
INSIDERS = {"editor", "responder", "manager", "coordinator"}


@pytest.fixture
def api_as(request, api_for):
    def make(role: str) -> Client:
        return api_for(None if role == "anonymous" else request.getfixturevalue(role))

    return make


def post_json(client: Client, url: str, payload: dict, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", headers=headers)


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    if code is not None:
        assert body["error"] == code
    return body


@pytest.fixture
def closed_with_opinion(editor, ministry, resident):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident, text="Termiņš ir par īsu.")
    return consultation, opinion


@pytest.fixture
def draft(editor, ministry):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    services.document_version_create(
        actor=editor, consultation=consultation, text=factories.DRAFT_TEXT
    )
    return consultation


OPINION = {"kind": "proposal", "text": "Ierosinu pagarināt termiņu."}


# --- Giving an opinion ----------------------------------------------------------------------


def test_opinion_without_a_token_is_401_with_a_bearer_challenge(open_consultation):
    response = post_json(
        Client(), f"/api/v1/consultations/{open_consultation.pk}/opinions", OPINION
    )
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == "Bearer"
    assert Opinion.objects.count() == 0


@pytest.mark.parametrize("header", ["Bearer ldz_not-a-real-token", "Bearer ", "Basic Zm9vOmJhcg=="])
def test_opinion_with_a_bad_token_is_401(header, open_consultation):
    client = Client(headers={"Authorization": header})
    response = post_json(client, f"/api/v1/consultations/{open_consultation.pk}/opinions", OPINION)
    assert_error(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert Opinion.objects.count() == 0


def test_a_wrong_token_is_401_even_on_public_reads(open_consultation):
    client = Client(headers={"Authorization": "Bearer ldz_wrong"})
    assert_error(client.get("/api/v1/consultations"), 401)
    assert_error(client.get(f"/api/v1/consultations/{open_consultation.pk}"), 401)


def test_resident_gives_an_opinion(resident, open_consultation, api_for):
    clause = factories.commentable_clauses(open_consultation)[0]
    response = post_json(
        api_for(resident),
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        {**OPINION, "clause_id": clause.pk, "proposed_wording": "60 dienu laikā"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    opinion = Opinion.objects.get()
    assert body["id"] == opinion.pk and body["reference"] == opinion.reference
    assert body["clause_id"] == clause.pk and body["answer"] is None
    assert opinion.author == resident and opinion.proposed_wording == "60 dienu laikā"


def test_opinion_on_a_closed_consultation_is_409(resident, closed_with_opinion, api_for):
    consultation, _opinion = closed_with_opinion
    response = post_json(
        api_for(resident), f"/api/v1/consultations/{consultation.pk}/opinions", OPINION
    )
    assert_error(response, 409, "consultation_not_open")
    assert Opinion.objects.count() == 1


@pytest.mark.parametrize("role", ["resident", "other_officer"])
def test_opinion_on_a_draft_is_404(role, draft, api_as):
    response = post_json(api_as(role), f"/api/v1/consultations/{draft.pk}/opinions", OPINION)
    assert_error(response, 404, "not_found")
    assert Opinion.objects.count() == 0


def test_opinion_on_an_unknown_consultation_is_404(resident, api_for):
    assert_error(
        post_json(api_for(resident), "/api/v1/consultations/999999/opinions", OPINION), 404
    )


def test_opinion_for_an_organisation_one_does_not_represent_is_403(
    resident, ngo, open_consultation, api_for
):
    response = post_json(
        api_for(resident),
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        {**OPINION, "organisation_id": ngo.pk},
    )
    assert_error(response, 403, "forbidden")
    assert Opinion.objects.count() == 0


def test_representative_gives_an_opinion_for_the_organisation(
    ngo_rep, ngo, open_consultation, api_for
):
    response = post_json(
        api_for(ngo_rep),
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        {**OPINION, "organisation_id": ngo.pk},
    )
    assert response.status_code == 201
    assert response.json()["submitter"] == ngo.name
    assert Opinion.objects.get().organisation == ngo


def test_opinion_on_a_clause_of_another_consultation_is_422(
    resident, editor, ministry, open_consultation, api_for
):
    other = factories.published_consultation(editor, ministry)
    clause = factories.commentable_clauses(other)[0]
    response = post_json(
        api_for(resident),
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        {**OPINION, "clause_id": clause.pk},
    )
    assert_error(response, 422, "invalid")
    assert Opinion.objects.count() == 0


# --- Answering ------------------------------------------------------------------------------

ANSWER_STATUS = {
    "anonymous": 401,
    "resident": 403,
    "editor": 403,
    "responder": 200,
    "manager": 200,
    "other_officer": 403,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_answer_an_opinion(role, closed_with_opinion, api_as):
    _consultation, opinion = closed_with_opinion
    response = post_json(
        api_as(role),
        f"/api/v1/opinions/{opinion.pk}/answer",
        {"outcome": "taken_into_account", "reason": "Termiņu pagarināsim.", "new_wording": "60"},
    )
    expected = ANSWER_STATUS[role]
    if expected == 200:
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["answer"]["outcome"] == "taken_into_account"
        assert body["answer"]["reason"] == "Termiņu pagarināsim."
        assert Answer.objects.get(opinion=opinion).answered_by.email == f"{role}@example.lv"
    else:
        assert_error(response, expected)
        assert not Answer.objects.exists()


def test_answer_to_an_opinion_on_a_draft_is_404_for_outsiders(
    draft, resident, other_officer, api_for
):
    opinion = factories.opinion(draft, resident)
    for user in (resident, other_officer):
        response = post_json(
            api_for(user),
            f"/api/v1/opinions/{opinion.pk}/answer",
            {"outcome": "noted", "reason": "x"},
        )
        assert_error(response, 404)
    assert not Answer.objects.exists()


def test_answer_without_a_reason_is_422(responder, closed_with_opinion, api_for):
    _consultation, opinion = closed_with_opinion
    response = post_json(
        api_for(responder),
        f"/api/v1/opinions/{opinion.pk}/answer",
        {"outcome": "noted", "reason": " "},
    )
    assert_error(response, 422, "invalid")
    assert not Answer.objects.exists()


# --- The feedback table ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_feedback_table(role, closed_with_opinion, responder, api_as):
    consultation, opinion = closed_with_opinion
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Iekšējs pamatojums."
    )
    response = api_as(role).get(f"/api/v1/consultations/{consultation.pk}/feedback-table")
    if role in INSIDERS:
        assert response.status_code == 200
        body = response.json()
        assert body["published"] is False
        assert body["rows"][0]["reason"] == "Iekšējs pamatojums."
    else:
        body = assert_error(response, 403, "forbidden")
        assert "Iekšējs" not in response.content.decode()
    for fmt in ("csv", "xlsx"):
        download = api_as(role).get(
            f"/api/v1/consultations/{consultation.pk}/feedback-table", {"format": fmt}
        )
        assert download.status_code == (200 if role in INSIDERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_published_feedback_table_is_public(role, closed_with_opinion, responder, api_as):
    consultation, opinion = closed_with_opinion
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Publisks."
    )
    services.feedback_publish(actor=responder, consultation=consultation)
    response = api_as(role).get(f"/api/v1/consultations/{consultation.pk}/feedback-table")
    assert response.status_code == 200
    assert response.json()["published"] is True
    assert response.json()["rows"][0]["reason"] == "Publisks."


@pytest.mark.parametrize("role", ROLES)
def test_feedback_table_of_a_draft(role, draft, api_as):
    response = api_as(role).get(f"/api/v1/consultations/{draft.pk}/feedback-table")
    if role in INSIDERS:
        assert response.status_code == 200
        assert response.json()["published"] is False
    else:
        assert_error(response, 404)


# --- Drafts and answers in reads ------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_draft_consultation(role, draft, resident, api_as):
    factories.opinion(draft, resident)
    client = api_as(role)
    detail = client.get(f"/api/v1/consultations/{draft.pk}")
    opinions = client.get(f"/api/v1/consultations/{draft.pk}/opinions")
    opinion = client.get(f"/api/v1/opinions/{Opinion.objects.get().pk}")
    listed = [c["id"] for c in client.get("/api/v1/consultations").json()["results"]]
    assert draft.pk not in listed
    if role in INSIDERS:
        assert detail.status_code == 200
        assert detail.json()["status"] == "draft"
        assert len(detail.json()["clauses"]) == 8
        assert opinions.status_code == 200 and opinion.status_code == 200
    else:
        for response in (detail, opinions, opinion):
            assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_answers_hidden_until_feedback_is_published(role, closed_with_opinion, responder, api_as):
    consultation, opinion = closed_with_opinion
    services.answer_give(
        actor=responder,
        opinion=opinion,
        outcome=Outcome.PARTLY_TAKEN_INTO_ACCOUNT,
        reason="Daļēji.",
    )
    client = api_as(role)

    def answers() -> list:
        listed = client.get(f"/api/v1/consultations/{consultation.pk}/opinions")
        one = client.get(f"/api/v1/opinions/{opinion.pk}")
        assert listed.status_code == 200 and one.status_code == 200
        return [listed.json()["results"][0]["answer"], one.json()["answer"]]

    before = answers()
    if role in INSIDERS:
        assert [a["reason"] for a in before] == ["Daļēji.", "Daļēji."]
    else:
        assert before == [None, None]
        assert (
            "Daļēji."
            not in client.get(f"/api/v1/consultations/{consultation.pk}/opinions").content.decode()
        )
    services.feedback_publish(actor=responder, consultation=consultation)
    after = answers()
    assert [a["outcome"] for a in after] == ["partly_taken_into_account"] * 2


def test_a_revoked_token_is_401(resident, open_consultation):
    from lidzdaliba.accounts.services import api_token_create, api_token_revoke

    token, key = api_token_create(user=resident, name="skripts")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    url = f"/api/v1/consultations/{open_consultation.pk}/opinions"
    assert post_json(client, url, OPINION).status_code == 201
    api_token_revoke(user=resident, token_id=token.pk)
    assert_error(post_json(client, url, OPINION), 401)
    assert Opinion.objects.count() == 1


def test_an_inactive_users_token_is_401(resident, open_consultation, api_for):
    client = api_for(resident)
    resident.is_active = False
    resident.save()
    url = f"/api/v1/consultations/{open_consultation.pk}/opinions"
    assert_error(post_json(client, url, OPINION), 401)
    assert not Consultation.objects.get(pk=open_consultation.pk).opinions.exists()


def test_author_name_and_address_stay_private_without_consent(
    resident, responder, closed_with_opinion, api_as
):
    """`show_name` is off: the author's name and e-mail appear nowhere public."""
    consultation, opinion = closed_with_opinion
    services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Jā.")
    services.feedback_publish(actor=responder, consultation=consultation)
    client = api_as("anonymous")
    for url in (
        f"/api/v1/consultations/{consultation.pk}/opinions",
        f"/api/v1/opinions/{opinion.pk}",
        f"/api/v1/consultations/{consultation.pk}/feedback-table",
        f"/api/v1/consultations/{consultation.pk}/feedback-table?format=csv",
    ):
        body = client.get(url).content.decode("utf-8-sig")
        assert resident.full_name not in body and resident.email not in body, url
