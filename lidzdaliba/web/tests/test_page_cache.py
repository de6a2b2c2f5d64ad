"""Cached public pages are served from the cache and stay fresh when content changes."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import cache
from django.test import Client

from lidzdaliba.consultations import services
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_anonymous_pages_come_from_the_cache_until_content_changes(
    editor, ministry, resident, django_capture_on_commit_callbacks
):
    consultation = factories.published_consultation(editor, ministry)
    url = f"/consultations/{consultation.pk}/"
    client = Client()
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert cached.headers["Content-Security-Policy"]  # security headers on hits too
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_submit(
            author=resident, consultation=consultation, kind="proposal", text="Svaigs viedoklis"
        )
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Svaigs viedoklis" in fresh.content.decode()


def test_an_opinion_refreshes_its_consultation_but_not_the_lists(
    editor, ministry, resident, django_capture_on_commit_callbacks
):
    consultation = factories.published_consultation(editor, ministry)
    client = Client()
    for url in ("/", "/consultations/", f"/consultations/{consultation.pk}/"):
        assert client.get(url)["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_submit(
            author=resident, consultation=consultation, kind="proposal", text="Vēl viens"
        )
    assert client.get(f"/consultations/{consultation.pk}/")["X-Page-Cache"] == "miss"
    # Lists show only a count: it follows within PUBLIC_PAGE_CACHE_SECONDS.
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get("/consultations/")["X-Page-Cache"] == "hit"
    # A change to the consultation itself refreshes every page that shows it.
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_update(
            actor=editor, consultation=consultation, title="Jauns nosaukums"
        )
    home = client.get("/consultations/")
    assert home["X-Page-Cache"] == "miss" and "Jauns nosaukums" in home.content.decode()


def test_other_consultations_stay_cached_when_one_changes(
    editor, ministry, resident, django_capture_on_commit_callbacks
):
    first = factories.published_consultation(editor, ministry)
    second = factories.published_consultation(editor, ministry)
    client = Client()
    client.get(f"/consultations/{second.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_submit(author=resident, consultation=first, kind="support", text="x")
    assert client.get(f"/consultations/{second.pk}/")["X-Page-Cache"] == "hit"
    assert client.get(f"/consultations/{first.pk}/")["X-Page-Cache"] == "miss"


def test_signed_in_people_and_sessions_are_never_served_from_the_cache(
    editor, ministry, resident, client_for
):
    consultation = factories.published_consultation(editor, ministry)
    url = f"/consultations/{consultation.pk}/"
    Client().get(url)
    response = client_for(resident).get(url)
    assert "X-Page-Cache" not in response
    assert "Iziet" in response.content.decode() or "Sign out" in response.content.decode()


def test_languages_and_queries_are_cached_separately(editor, ministry):
    factories.published_consultation(editor, ministry)
    lv = Client(headers={"Accept-Language": "lv"}).get("/consultations/")
    en = Client(headers={"Accept-Language": "en"}).get("/consultations/")
    assert lv["X-Page-Cache"] == en["X-Page-Cache"] == "miss"
    assert "Apspriedes" in lv.content.decode() and "Consultations" in en.content.decode()
    assert Client().get("/consultations/?status=open")["X-Page-Cache"] == "miss"


def test_a_page_that_sets_a_cookie_is_not_cached():
    client = Client()
    client.get("/accounts/login/")  # sets a CSRF cookie: not a cached page anyway
    assert "X-Page-Cache" not in client.get("/accounts/login/")


@pytest.mark.parametrize(
    ("accept_encoding", "compressed"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity", False),
        (None, False),
    ],
)
def test_cached_pages_go_out_gzip_compressed_to_clients_that_accept_it(
    editor, ministry, accept_encoding, compressed
):
    consultation = factories.published_consultation(editor, ministry)
    url = f"/consultations/{consultation.pk}/"
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    plain = Client().get(url, headers={"Accept-Encoding": "identity"})  # miss: fills the cache
    for expected in ("hit", "hit"):
        response = Client().get(url, headers=headers)
        assert response["X-Page-Cache"] == expected
        assert "Accept-Encoding" in response["Vary"]
        if compressed:
            assert response["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.content) == plain.content
            assert len(response.content) < len(plain.content) / 3
        else:
            assert not response.has_header("Content-Encoding")
            assert response.content == plain.content
    assert consultation.title in plain.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods", "docx", "pdf"])
def test_cached_downloads_keep_their_file_name(fmt, editor, ministry, resident, responder):
    """Issue 10.3: anonymous downloads of the feedback table came from the cache as
    "download" (no Content-Disposition)."""
    consultation = factories.published_consultation(editor, ministry)
    opinion = factories.opinion(consultation, resident)
    factories.close(consultation)
    services.answer_give(actor=responder, opinion=opinion, outcome="noted", reason="Paldies.")
    services.feedback_publish(actor=responder, consultation=consultation)
    url = f"/consultations/{consultation.pk}/feedback/?format={fmt}"
    first, cached = Client().get(url), Client().get(url)
    assert cached["X-Page-Cache"] == "hit"
    for response in (first, cached):
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert disposition.rstrip('"').endswith(f".{fmt}")
        assert response["Content-Type"] == first["Content-Type"]
