"""GET /api/v1/search: the shape of a page, filters as on /consultations, and JSON errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lidzdaliba.core.enums import PolicyStage
from lidzdaliba.search import services as search_services
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lakes(publish, resident):
    consultation = publish(title="Ezeru <aizsardzība>", text="1. Ezeru krastos aizliegts būvēt.")
    opinion = factories.opinion(consultation, resident, text="Ezeri jāaizsargā vairāk!")
    search_services.index_consultation(consultation_id=consultation.pk)
    return consultation, opinion


def test_a_page_of_results(lakes, ministry):
    consultation, opinion = lakes
    response = Client().get("/api/v1/search", {"q": "ezeri", "page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("count", "page", "page_size", "pages")} == {
        "count": 3,
        "page": 1,
        "page_size": 2,
        "pages": 2,
    }
    first = body["results"][0]
    assert set(first) == {
        "kind",
        "id",
        "title",
        "snippet",
        "url",
        "consultation_id",
        "consultation_title",
        "institution",
    }
    assert first["kind"] == "consultation" and first["id"] == consultation.pk
    assert first["title"] == "Ezeru <aizsardzība>"  # plain text; the snippet is the HTML
    assert first["url"] == f"http://testserver/consultations/{consultation.pk}/"
    assert first["institution"] == {"id": ministry.pk, "slug": ministry.slug, "name": ministry.name}
    second = Client().get("/api/v1/search", {"q": "ezeri", "page_size": 2, "page": 2}).json()
    kinds = {item["kind"] for item in body["results"] + second["results"]}
    assert kinds == {"consultation", "clause", "opinion"}
    opinion_item = next(i for i in body["results"] + second["results"] if i["kind"] == "opinion")
    assert opinion_item["id"] == opinion.pk
    assert opinion_item["snippet"] == "<mark>Ezeri</mark> jāaizsargā vairāk!"
    assert opinion_item["consultation_title"] == consultation.title


def test_filters_and_kind(lakes):
    client = Client()
    assert client.get("/api/v1/search", {"q": "ezeri", "kind": "clause"}).json()["count"] == 1
    assert client.get("/api/v1/search", {"q": "ezeri", "stage": "adoption"}).json()["count"] == 0
    drafting = client.get("/api/v1/search", {"q": "ezeri", "stage": PolicyStage.DRAFTING})
    assert drafting.json()["count"] == 3
    assert (
        client.get("/api/v1/search", {"q": "ezeri", "institution": "ministrija"}).json()["count"]
        == 3
    )


def test_an_empty_query_is_an_empty_page(lakes):
    body = Client().get("/api/v1/search").json()
    assert body == {"count": 0, "page": 1, "page_size": 20, "pages": 1, "results": []}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ezeri", "institution": "no-such-institution"},
        {"q": "ezeri", "topic": "no-such-topic"},
        {"q": "ezeri", "status": "draft"},
        {"q": "ezeri", "stage": "someday"},
        {"q": "ezeri", "kind": "meeting"},
        {"q": "ezeri", "page": 0},
        {"q": "ezeri", "page_size": 101},
        {"q": "ezeri", "page": "x"},
    ],
)
def test_bad_filters_are_422_in_the_json_error_format(lakes, params):
    response = Client().get("/api/v1/search", params, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    body = json.loads(response.content)
    assert body["error"] == "invalid" and body["message"].strip()


def test_the_endpoint_is_documented(db):
    document = Client().get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in document["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "institution", "status", "stage", "kind", "page", "page_size"} <= parameters
