"""The search page: the form with the list's filters, results with kind, link and marked
snippet, pages, and the empty states."""

from __future__ import annotations

import pytest
from django.test import Client

from lidzdaliba.search import services as search_services
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(publish, resident):
    consultation = publish(title="Parka <labiekārtošana>", text="")
    for i in range(23):
        factories.opinion(consultation, resident, text=f"Parkā vajag soliņus nr. {i}.")
    search_services.index_consultation(consultation_id=consultation.pk)
    return consultation


def test_results_with_kind_link_and_marked_snippet(consultation, settings):
    settings.LANGUAGE_CODE = "en"
    response = Client(headers={"Accept-Language": "en"}).get("/search/", {"q": "parks"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and '<label for="id_q">' in html
    assert "24 results" in html
    assert f'href="/consultations/{consultation.pk}/"' in html
    assert "<mark>Parka</mark> &lt;labiekārtošana&gt;" in html
    assert "<mark>Parkā</mark> vajag soliņus" in html
    assert 'rel="next"' in html  # 20 a page


def test_second_page_and_out_of_range_pages(consultation):
    client = Client()
    second = client.get("/search/", {"q": "parks", "page": 2}).content.decode()
    assert second.count('class="card search-result') == 4
    assert (
        client.get("/search/", {"q": "parks", "page": 99})
        .content.decode()
        .count('class="card search-result')
        == 4
    )  # the last page
    assert client.get("/search/", {"q": "parks", "page": "x"}).status_code == 200


def test_filters_and_kind_on_the_page(consultation):
    client = Client()
    page = client.get("/search/", {"q": "parks", "kind": "consultation"}).content.decode()
    assert page.count('class="card search-result') == 1
    page = client.get("/search/", {"q": "parks", "stage": "adoption"}).content.decode()
    assert page.count('class="card search-result') == 0
    # an invalid filter value is dropped, like on the consultation list
    assert client.get("/search/", {"q": "parks", "topic": "nav"}).status_code == 200


def test_empty_states(consultation, settings):
    client = Client(headers={"Accept-Language": "en"})
    settings.LANGUAGE_CODE = "en"
    assert "Type one or more words" in client.get("/search/").content.decode()
    nothing = client.get("/search/", {"q": "<script>kosmoss</script>"}).content.decode()
    assert "Nothing matches" in nothing
    assert "<script>kosmoss" not in nothing and "&lt;script&gt;kosmoss" in nothing


def test_htmx_requests_get_only_the_results(consultation):
    response = Client().get("/search/", {"q": "parks"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
