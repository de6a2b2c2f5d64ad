"""Sharing: OpenGraph and Twitter-card metadata (title, summary and deadline of a
consultation, absolute URLs, escaped user content) and plain share links, correctly encoded."""

from __future__ import annotations

import struct
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from lidzdaliba.testing import factories

from .test_feeds import ENGLISH

pytestmark = pytest.mark.django_db

SITE_URL = "https://lidzdaliba.example.lv"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def client() -> Client:
    """Texts are asserted in English, the source language, so translating never breaks them."""
    return Client(headers=ENGLISH)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, str]:
    """OpenGraph (property=…) and Twitter (name=twitter:…) tags of the head."""
    found = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name") or ""
        if key.startswith(("og:", "twitter:", "article:")):
            assert key not in found, f"{key} appears twice"
            found[key] = tag["content"]
    return found


def deadline(moment) -> str:
    """English: "5 January 2027 at 10:32" (Latvian cases are in core/tests/test_dates.py)."""
    return f"{timezone.localtime(moment):%-d %B %Y} at {timezone.localtime(moment):%H:%M}"


# --- OpenGraph ------------------------------------------------------------------------------


def test_a_consultation_page_shows_its_title_summary_and_deadline(client, open_consultation):
    tags = meta(soup_of(client.get(f"/consultations/{open_consultation.pk}/")))

    assert tags["og:title"] == open_consultation.title
    assert tags["og:type"] == "article"
    assert tags["og:description"] == (
        f"{open_consultation.summary} Open until {deadline(open_consultation.closes_at)}."
    )
    assert tags["og:url"] == f"{SITE_URL}/consultations/{open_consultation.pk}/"
    assert tags["og:site_name"] == "Līdzdalība"
    assert tags["og:locale"] == "en_GB"
    assert tags["og:image"] == f"{SITE_URL}/static/img/og-default.png"
    assert tags["twitter:card"] == "summary"
    assert tags["article:published_time"]


def test_the_deadline_sentence_follows_the_status(client, editor, ministry):
    now = timezone.now()
    announced = factories.published_consultation(
        editor, ministry, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=40)
    )
    closed = factories.close(factories.published_consultation(editor, ministry))

    announced_tags = meta(soup_of(client.get(f"/consultations/{announced.pk}/")))
    closed_tags = meta(soup_of(client.get(f"/consultations/{closed.pk}/")))

    assert announced_tags["og:description"].endswith(
        f"Opinions can be given from {deadline(announced.opens_at)} "
        f"until {deadline(announced.closes_at)}."
    )
    assert closed_tags["og:description"].endswith(
        f"Opinions were accepted until {deadline(closed.closes_at)}."
    )


def test_a_long_summary_is_shortened_but_the_deadline_stays(client, editor, ministry):
    consultation = factories.published_consultation(editor, ministry, summary="Ļoti garš " * 100)

    description = meta(soup_of(client.get(f"/consultations/{consultation.pk}/")))["og:description"]

    assert len(description) <= 200
    assert "…" in description
    assert description.endswith(f"Open until {deadline(consultation.closes_at)}.")


def test_user_content_in_metadata_is_escaped(client, editor, ministry):
    title = '"><script>alert(1)</script>'
    summary = "<img src=x onerror=alert(2)> & 'quoted'"
    consultation = factories.published_consultation(editor, ministry, title=title, summary=summary)

    response = client.get(f"/consultations/{consultation.pk}/")
    soup = soup_of(response)
    tags = meta(soup)

    assert tags["og:title"] == title  # read back exactly, as an attribute value
    assert tags["og:description"].startswith(summary)
    assert '"><script>' not in response.content.decode()
    assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")]
    assert not soup.find("img", src="x")


def test_every_page_has_site_wide_defaults_in_its_language(client):
    soup = soup_of(Client().get("/consultations/?topic=veseliba"))
    tags = meta(soup)

    assert tags["og:locale"] == "lv_LV"
    assert tags["og:locale:alternate"] == "en_GB"
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Līdzdalība"
    assert tags["og:title"] and tags["og:description"]
    assert tags["og:url"] == f"{SITE_URL}/consultations/?topic=veseliba"
    assert tags["og:image"] == f"{SITE_URL}/static/img/og-default.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert meta(soup_of(client.get("/")))["og:locale"] == "en_GB"


def test_an_institution_page_is_shared_with_its_name(client, ministry):
    tags = meta(soup_of(client.get(f"/institutions/{ministry.slug}/")))

    assert tags["og:title"] == "Veselības ministrija"
    assert tags["og:url"] == f"{SITE_URL}/institutions/{ministry.slug}/"


def test_the_default_image_is_a_1200_by_630_png():
    path = finders.find("img/og-default.png")
    assert path, "img/og-default.png is not a static file"
    with open(path, "rb") as image:
        header = image.read(33)

    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert header[12:16] == b"IHDR"
    assert struct.unpack(">II", header[16:24]) == (1200, 630)


def test_a_refused_host_still_gets_the_400_page_not_a_crash(db):
    """The metadata never reads the Host header, so the error page for a refused Host renders."""
    response = Client().get("/consultations/", headers={"Host": "evil.example"})

    assert response.status_code == 400


# --- Share links ----------------------------------------------------------------------------

AWKWARD_TITLE = 'Ūdens & kanalizācija: #tarifi? "jā" 100% / ne'


@pytest.fixture
def awkward(editor, ministry):
    return factories.published_consultation(
        editor, ministry, title=AWKWARD_TITLE, summary="Tarifi mainās; vai piekrītat? 50% & vairāk."
    )


def share_links(client, consultation) -> dict[str, dict]:
    soup = soup_of(client.get(f"/consultations/{consultation.pk}/"))
    section = soup.select_one("section.share")
    assert section is not None
    assert not section.find(["script", "iframe", "img"])
    links = {}
    for a in section.find_all("a"):
        assert a["rel"] == ["noopener", "noreferrer"]
        assert not a.get("target")
        assert not any(name.startswith("on") for name in a.attrs)
        parts = urlsplit(a["href"])
        links[a.get_text(strip=True)] = {
            "scheme": parts.scheme,
            "host": parts.netloc,
            "path": parts.path,
            "query": parse_qs(parts.query, strict_parsing=True),
        }
    return links


def test_share_links_for_email_and_social_networks(client, awkward):
    url = f"{SITE_URL}/consultations/{awkward.pk}/"

    links = share_links(client, awkward)

    assert list(links) == [
        "Share by e-mail",
        "Share on Facebook",
        "Share on X",
        "Share on LinkedIn",
        "Share on WhatsApp",
    ]
    mail = links["Share by e-mail"]
    assert mail["scheme"] == "mailto" and mail["path"] == ""
    assert mail["query"]["subject"] == [AWKWARD_TITLE]
    assert mail["query"]["body"] == [f"{awkward.summary}\r\n\r\n{url}"]
    facebook = links["Share on Facebook"]
    assert (facebook["host"], facebook["path"]) == ("www.facebook.com", "/sharer/sharer.php")
    assert facebook["query"] == {"u": [url]}
    x = links["Share on X"]
    assert (x["host"], x["path"]) == ("twitter.com", "/intent/tweet")
    assert x["query"] == {"url": [url], "text": [AWKWARD_TITLE]}
    linkedin = links["Share on LinkedIn"]
    assert (linkedin["host"], linkedin["path"]) == ("www.linkedin.com", "/sharing/share-offsite/")
    assert linkedin["query"] == {"url": [url]}
    whatsapp = links["Share on WhatsApp"]
    assert whatsapp["host"] == "wa.me"
    assert whatsapp["query"] == {"text": [f"{AWKWARD_TITLE} {url}"]}


def test_share_links_are_percent_encoded_in_the_html(client, awkward):
    html = client.get(f"/consultations/{awkward.pk}/").content.decode()
    section = html[html.index('<section class="share"') :]

    # Reserved characters of the title never reach the query string unencoded.
    assert "%C5%AA" in section  # Ū
    assert "%26" in section and "%23" in section and "%3F" in section and "%25" in section
    assert "#tarifi" not in section
    assert "u=https%3A%2F%2Flidzdaliba.example.lv%2Fconsultations%2F" in section
