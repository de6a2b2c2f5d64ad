"""The JSON API's behaviour: its OpenAPI document, tokens, list filters and pages, errors
(JSON, the right 4xx, in the caller's language), idempotent opinions and the feedback exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation, Opinion
from lidzdaliba.core.enums import OpinionKind, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

OPINION = {"kind": "proposal", "text": "Ierosinu pagarināt termiņu."}


def post_json(client: Client, url: str, payload, **headers):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", headers=headers)


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["message"], str) and body["message"].strip()
    if code is not None:
        assert body["error"] == code
    return body


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:500]
    return [item["id"] for item in response.json()["results"]]


# --- The OpenAPI document -------------------------------------------------------------------

ENDPOINTS = [
    ("get", "/api/v1/institutions"),
    ("get", "/api/v1/consultations"),
    ("get", "/api/v1/consultations/{consultation_id}"),
    ("get", "/api/v1/consultations/{consultation_id}/opinions"),
    ("post", "/api/v1/consultations/{consultation_id}/opinions"),
    ("get", "/api/v1/opinions/{opinion_id}"),
    ("post", "/api/v1/opinions/{opinion_id}/answer"),
    ("get", "/api/v1/consultations/{consultation_id}/feedback-table"),
    ("post", "/api/v1/auth/token"),
]


def test_openapi_document_has_no_duplicate_keys(db):
    """Swagger UI refuses a document with a key twice ("Unable to render this definition")."""

    def refuse_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        return dict(pairs)

    response = Client().get("/api/v1/openapi.json")
    json.loads(response.content, object_pairs_hook=refuse_duplicates)


def test_openapi_document_lists_every_endpoint_and_enum(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"]
    for method, path in ENDPOINTS:
        assert method in document["paths"].get(path, {}), (method, path)
    enums = [
        set(schema["enum"])
        for schema in document["components"]["schemas"].values()
        if "enum" in schema
    ]
    assert set(OpinionKind.values) in enums
    assert set(Outcome.values) in enums
    assert {"json", "csv", "xlsx", "ods", "docx", "pdf"} in enums  # the feedback table formats
    feedback = document["paths"]["/api/v1/consultations/{consultation_id}/feedback-table"]
    assert "application/pdf" in feedback["get"]["responses"]["200"]["content"]
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())


def test_institutions(ministry, municipality):
    response = Client().get("/api/v1/institutions")
    assert response.status_code == 200
    by_slug = {item["slug"]: item for item in response.json()}
    assert by_slug["ministrija"]["kind"] == "state"
    assert by_slug["pasvaldiba"]["territory"] == "valmieras-novads"


def test_health_check_reports_the_database(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


# --- Tokens ---------------------------------------------------------------------------------


def test_token_for_good_credentials_works(resident, open_consultation):
    response = post_json(
        Client(),
        "/api/v1/auth/token",
        {"email": "Resident@Example.lv ", "password": factories.PASSWORD},
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    created = post_json(client, f"/api/v1/consultations/{open_consultation.pk}/opinions", OPINION)
    assert created.status_code == 201
    assert Opinion.objects.get().author == resident


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "resident@example.lv", "password": "nepareiza-parole"},
        {"email": "nav@example.lv", "password": factories.PASSWORD},
        {"email": "", "password": ""},
    ],
)
def test_token_for_bad_credentials_is_401(credentials, resident):
    response = post_json(Client(), "/api/v1/auth/token", credentials)
    assert_error(response, 401, "unauthenticated")


def test_token_for_an_inactive_account_is_401(resident):
    resident.is_active = False
    resident.save()
    response = post_json(
        Client(), "/api/v1/auth/token", {"email": resident.email, "password": factories.PASSWORD}
    )
    assert_error(response, 401)


def test_token_request_without_fields_is_422(db):
    assert_error(post_json(Client(), "/api/v1/auth/token", {"email": "x"}), 422, "invalid")


# --- Filters and pages ----------------------------------------------------------------------


@pytest.fixture
def base(editor, ministry):
    return factories.published_consultation(editor, ministry)


def _variant(name, editor, ministry, other_officer, municipality):
    """A consultation differing from `base` in one attribute, and the filter value for it."""
    now = timezone.now()
    if name == "institution":
        return factories.published_consultation(other_officer, municipality), "pasvaldiba"
    if name == "status":
        variant = factories.published_consultation(
            editor, ministry, opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=40)
        )
        return variant, "announced"
    if name == "stage":
        return factories.published_consultation(
            editor, ministry, policy_stage=PolicyStage.ADOPTION
        ), "adoption"
    if name == "topic":
        return factories.published_consultation(
            editor, ministry, topic=Topic.objects.get(slug="veseliba")
        ), "veseliba"
    if name == "territory":
        return factories.published_consultation(
            editor, ministry, territory=Territory.objects.get(slug="valmieras-novads")
        ), "valmieras-novads"
    if name == "group":
        variant = factories.published_consultation(editor, ministry)
        variant.affected_groups.add(AffectedGroup.objects.get(slug="pensionari"))
        return variant, "pensionari"
    if name == "form":
        return factories.published_consultation(
            editor, ministry, participation_form=ParticipationForm.SURVEY
        ), "survey"
    if name == "q":
        return factories.published_consultation(
            editor, ministry, title="Noteikumi par ūdensapgādes pakalpojumiem"
        ), "ūdensapgādes"
    raise AssertionError(name)


FILTERS = ["institution", "status", "stage", "topic", "territory", "group", "form", "q"]


@pytest.mark.parametrize("name", FILTERS)
def test_each_list_filter_filters(name, base, editor, ministry, other_officer, municipality):
    variant, value = _variant(name, editor, ministry, other_officer, municipality)
    client = Client()
    assert set(ids(client.get("/api/v1/consultations"))) == {base.pk, variant.pk}
    assert ids(client.get("/api/v1/consultations", {name: value})) == [variant.pk]


def test_status_filter_for_every_public_status(editor, responder, ministry, resident):
    now = timezone.now()
    made = {
        "open": factories.published_consultation(editor, ministry),
        "announced": factories.published_consultation(
            editor, ministry, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=40)
        ),
        "closed": factories.close(factories.published_consultation(editor, ministry)),
        "answered": factories.close(factories.published_consultation(editor, ministry)),
        "decided": factories.close(factories.published_consultation(editor, ministry)),
    }
    for key in ("answered", "decided"):
        services.feedback_publish(actor=responder, consultation=made[key])
    services.decision_record(
        actor=editor, consultation=made["decided"], decision_url="", decision_summary="Pieņemts."
    )
    for status, consultation in made.items():
        found = ids(Client().get("/api/v1/consultations", {"status": status}))
        assert found == [consultation.pk], status
        detail = Client().get(f"/api/v1/consultations/{consultation.pk}").json()
        assert detail["status"] == status


def test_territory_filter_includes_municipalities_of_a_region(base, editor, ministry):
    local = factories.published_consultation(
        editor, ministry, territory=Territory.objects.get(slug="valmieras-novads")
    )
    assert ids(Client().get("/api/v1/consultations", {"territory": "vidzemes-region"})) == [
        local.pk
    ]


@pytest.mark.parametrize("query", ["ŪDENSAPGĀDES", "ūdensapgādes", "Ūdensapgādes PAKALPOJUMU"])
def test_search_ignores_the_case_of_latvian_letters(query, base, editor, ministry):
    """People type "ūdens" for "Ūdensapgāde"; SQLite's LIKE folds only ASCII letters."""
    variant = factories.published_consultation(
        editor, ministry, title="Ūdensapgādes pakalpojumu noteikumi"
    )
    assert ids(Client().get("/api/v1/consultations", {"q": query})) == [variant.pk]


def test_pagination(editor, ministry):
    made = [factories.published_consultation(editor, ministry) for _ in range(25)]
    client = Client()
    first = client.get("/api/v1/consultations", {"page_size": 10})
    body = first.json()
    assert (body["count"], body["page"], body["page_size"], body["pages"]) == (25, 1, 10, 3)
    seen = []
    for page in (1, 2, 3):
        seen += ids(client.get("/api/v1/consultations", {"page_size": 10, "page": page}))
    assert sorted(seen) == sorted(c.pk for c in made) and len(seen) == 25
    assert ids(client.get("/api/v1/consultations", {"page_size": 10, "page": 4})) == []
    default = client.get("/api/v1/consultations").json()
    assert default["page_size"] == 20 and len(default["results"]) == 20 and default["pages"] == 2
    assert len(ids(client.get("/api/v1/consultations", {"page_size": 100}))) == 25


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 101},
        {"page_size": 0},
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"status": "nonsense"},
        {"stage": "nonsense"},
        {"form": "nonsense"},
        {"institution": "nav-tadas"},
        {"topic": "nav-tadas"},
    ],
)
def test_invalid_list_parameters_are_422(params, db):
    body = assert_error(Client().get("/api/v1/consultations", params), 422, "invalid")
    assert body["details"]


def test_opinion_pages(resident, open_consultation, editor, ministry):
    for n in range(5):
        factories.opinion(open_consultation, resident, text=f"Viedoklis {n}")
    response = Client().get(
        f"/api/v1/consultations/{open_consultation.pk}/opinions", {"page_size": 2, "page": 3}
    )
    body = response.json()
    assert (body["count"], body["pages"]) == (5, 3)
    assert [o["text"] for o in body["results"]] == ["Viedoklis 4"]
    assert_error(
        Client().get(f"/api/v1/consultations/{open_consultation.pk}/opinions", {"page_size": 500}),
        422,
    )


def test_consultation_detail(open_consultation, resident):
    factories.opinion(open_consultation, resident)
    body = Client().get(f"/api/v1/consultations/{open_consultation.pk}").json()
    assert body["version"] == 1 and body["opinion_count"] == 1
    assert [c["number"] for c in body["clauses"] if not c["is_heading"]] == [
        "",
        "1",
        "2",
        "2.1",
        "2.2",
        "3",
    ]
    assert body["institution"]["slug"] == "ministrija"
    assert body["url"].endswith(f"/consultations/{open_consultation.pk}/")


# --- Bodies, idempotency, languages ---------------------------------------------------------


@pytest.mark.parametrize("body", ["{not json", '{"kind": "proposal", "text": ', "\x00"])
def test_invalid_json_body_is_400(body, resident, open_consultation, api_for):
    response = post_json(
        api_for(resident), f"/api/v1/consultations/{open_consultation.pk}/opinions", body
    )
    assert_error(response, 400)
    assert Opinion.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "nonsense", "text": "x"},
        {"kind": "proposal"},
        {"kind": "proposal", "text": ""},
        {"kind": "proposal", "text": "x" * 20_001},
        {"kind": "proposal", "text": "x", "clause_id": "abc"},
        [],
    ],
)
def test_invalid_opinion_body_is_422(payload, resident, open_consultation, api_for):
    response = post_json(
        api_for(resident), f"/api/v1/consultations/{open_consultation.pk}/opinions", payload
    )
    assert_error(response, 422, "invalid")
    assert Opinion.objects.count() == 0


def test_idempotency_key_replay_returns_the_same_opinion(
    resident, ngo_rep, open_consultation, api_for
):
    url = f"/api/v1/consultations/{open_consultation.pk}/opinions"
    client = api_for(resident)
    first = post_json(client, url, OPINION, **{"Idempotency-Key": "abc-123"})
    again = post_json(client, url, OPINION, **{"Idempotency-Key": "abc-123"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["text"] == OPINION["text"]
    assert Opinion.objects.count() == 1
    # Another key, or the same key from someone else, is another opinion.
    assert post_json(client, url, OPINION, **{"Idempotency-Key": "abc-456"}).status_code == 201
    other = post_json(api_for(ngo_rep), url, OPINION, **{"Idempotency-Key": "abc-123"})
    assert other.status_code == 201
    assert Opinion.objects.count() == 3
    # Without a key every request is a new opinion.
    assert post_json(client, url, OPINION).status_code == 201
    assert Opinion.objects.count() == 4


def test_idempotency_key_reused_on_another_consultation_does_not_lose_the_opinion(
    resident, editor, ministry, open_consultation, api_for
):
    """A key replayed on a different consultation is a different request: it must either
    create the opinion there or be refused, never answer with the first consultation's one."""
    other = factories.published_consultation(editor, ministry)
    client = api_for(resident)
    key = {"Idempotency-Key": "viens"}
    post_json(client, f"/api/v1/consultations/{open_consultation.pk}/opinions", OPINION, **key)
    response = post_json(client, f"/api/v1/consultations/{other.pk}/opinions", OPINION, **key)
    if response.status_code in (200, 201):
        assert response.json()["consultation_id"] == other.pk
        assert other.opinions.count() == 1
    else:
        assert_error(response, response.status_code)
        assert response.status_code in (409, 422)


@pytest.mark.parametrize("language", ["en", "lv"])
def test_errors_speak_the_requested_language(language, db):
    headers = {"Accept-Language": language}
    for response in (
        Client().get("/api/v1/consultations/999999", headers=headers),
        Client().get("/api/v1/consultations", {"status": "x"}, headers=headers),
        post_json(Client(headers=headers), "/api/v1/auth/token", {"email": "a", "password": "b"}),
    ):
        assert_error(response, response.status_code)
        assert response["Content-Language"] == language


ERROR_REQUESTS = {
    "not_found": lambda client: client.get("/api/v1/consultations/999999"),
    "invalid_query": lambda client: client.get("/api/v1/consultations", {"status": "x"}),
    "invalid_choice": lambda client: client.get("/api/v1/consultations", {"institution": "x"}),
    "bad_credentials": lambda client: post_json(
        client, "/api/v1/auth/token", {"email": "a@example.lv", "password": "b"}
    ),
    "no_token": lambda client: post_json(client, "/api/v1/consultations/1/opinions", OPINION),
    "bad_json": lambda client: post_json(client, "/api/v1/auth/token", "{"),
}


@pytest.mark.parametrize("case", list(ERROR_REQUESTS))
def test_error_messages_differ_between_languages(case, db):
    messages = {}
    for language in ("en", "lv"):
        response = ERROR_REQUESTS[case](Client(headers={"Accept-Language": language}))
        messages[language] = assert_error(response, response.status_code)["message"]
        assert response["Content-Language"] == language
    assert messages["en"] != messages["lv"], messages


# --- The feedback table ---------------------------------------------------------------------


@pytest.fixture
def published_feedback(editor, responder, ministry, resident):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident, text="Ierosinu 60 dienas.")
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.TAKEN_INTO_ACCOUNT, reason="Pieņemts."
    )
    services.feedback_publish(actor=responder, consultation=consultation)
    return Consultation.objects.get(pk=consultation.pk)


CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@pytest.mark.parametrize("fmt", list(CONTENT_TYPES))
def test_feedback_table_downloads(fmt, published_feedback):
    response = Client().get(
        f"/api/v1/consultations/{published_feedback.pk}/feedback-table", {"format": fmt}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(CONTENT_TYPES[fmt])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.rstrip('"').endswith(f".{fmt}")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert any("Ierosinu 60 dienas." in row for row in rows)
    elif fmt == "pdf":
        assert response.content.startswith(b"%PDF-")
    else:
        assert response.content.startswith(b"PK")


def test_feedback_table_as_json(published_feedback):
    response = Client().get(f"/api/v1/consultations/{published_feedback.pk}/feedback-table")
    assert response.status_code == 200
    body = response.json()
    assert body["published"] is True and len(body["rows"]) == 1
    assert body["rows"][0]["opinion"] == "Ierosinu 60 dienas."


@pytest.mark.parametrize("fmt", ["pdfa", "html", ""])
def test_feedback_table_unknown_format_is_422(fmt, published_feedback):
    response = Client().get(
        f"/api/v1/consultations/{published_feedback.pk}/feedback-table", {"format": fmt}
    )
    assert_error(response, 422, "invalid")
