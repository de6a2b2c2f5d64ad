"""Atom feeds: valid Atom with the right entries for every list filter, no drafts, absolute
links, escaped content, a plain 400 for an unknown filter value, and feed discovery links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.notifications.feeds import FEED_LIMIT
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_URL = "/feeds/consultations.atom"
ENGLISH = {"Accept-Language": "en"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class World:
    health: Consultation  # the ministry; health; all of Latvia; pensioners
    transport: Consultation  # the municipality; transport; Valmiera; residents
    education: Consultation  # the ministry; education; Rīga; students
    draft: Consultation  # the ministry, never published

    @property
    def published(self) -> set[str]:
        return {self.health.title, self.transport.title, self.education.title}


def consultation(editor, institution, *, title, topic, territory, groups, **overrides):
    published = factories.published_consultation(
        editor,
        institution,
        title=title,
        topic=Topic.objects.get(slug=topic),
        territory=Territory.objects.get(slug=territory),
        **overrides,
    )
    published.affected_groups.set(AffectedGroup.objects.filter(slug__in=groups))
    return published


def build_world(editor, ministry, other_officer, municipality) -> World:
    """Three published consultations that differ in every filter, and a draft."""
    now = timezone.now()
    health = consultation(
        editor,
        ministry,
        title="Par zāļu kompensācijas kārtību",
        topic="veseliba",
        territory="latvija",
        groups=["pensionari"],
        announced_at=now - timedelta(days=3),
    )
    transport = consultation(
        other_officer,
        municipality,
        title="Valmieras autobusu maršruti",
        topic="transports",
        territory="valmieras-novads",
        groups=["iedzivotaji"],
        announced_at=now - timedelta(days=2),
    )
    education = consultation(
        editor,
        ministry,
        title="Studiju kreditēšanas noteikumi",
        topic="izglitiba-zinatne",
        territory="riga",
        groups=["studenti"],
        announced_at=now - timedelta(days=1),
        opens_at=now + timedelta(days=5),
        closes_at=now + timedelta(days=40),
    )
    draft = services.consultation_create(
        actor=editor,
        institution=ministry,
        **factories.consultation_fields(title="Nepublicēts melnraksts"),
    )
    return World(health=health, transport=transport, education=education, draft=draft)


@pytest.fixture
def client() -> Client:
    """Texts are asserted in English, the source language, so translating never breaks them."""
    return Client(headers=ENGLISH)


@pytest.fixture
def world(editor, ministry, other_officer, municipality) -> World:
    return build_world(editor, ministry, other_officer, municipality)


def atom(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root) -> list:
    return root.findall(f"{ATOM}entry")


def titles(root) -> set[str]:
    return {entry.findtext(f"{ATOM}title") for entry in entries(root)}


def link(element, rel: str = "alternate") -> str:
    return next(el.get("href") for el in element.findall(f"{ATOM}link") if el.get("rel") == rel)


def test_the_feed_has_every_published_consultation_newest_first_and_no_draft(client, world):
    root = atom(client.get(FEED_URL))

    assert [entry.findtext(f"{ATOM}title") for entry in entries(root)] == [
        world.education.title,
        world.transport.title,
        world.health.title,
    ]
    assert world.draft.title not in titles(root)
    assert root.findtext(f"{ATOM}title") == "Līdzdalība – consultations"
    assert root.findtext(f"{ATOM}id") == "http://testserver/feeds/consultations.atom"
    assert link(root, "self") == "http://testserver/feeds/consultations.atom"
    assert link(root) == "http://testserver/consultations/"
    assert root.findtext(f"{ATOM}updated")


def test_an_entry_carries_link_id_dates_author_categories_and_the_deadline(client, world, settings):
    settings.SITE_URL = "https://lidzdaliba.example.lv"
    root = atom(client.get(FEED_URL))
    health = world.health
    entry = next(e for e in entries(root) if e.findtext(f"{ATOM}title") == health.title)

    assert link(entry) == f"http://testserver/consultations/{health.pk}/"
    assert entry.findtext(f"{ATOM}id") == (
        f"tag:lidzdaliba.example.lv,{health.created_at:%Y-%m-%d}:consultation-{health.pk}"
    )
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == health.announced_at
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) >= published
    author = entry.find(f"{ATOM}author")
    assert author.findtext(f"{ATOM}name") == "Veselības ministrija"
    assert author.findtext(f"{ATOM}uri") == "http://testserver/institutions/ministrija/"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Health", "Pensioners"]
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    html = BeautifulSoup(summary.text, "html.parser")
    text = html.get_text(" ")
    assert health.summary in text
    assert "Open until" in text
    assert f"{timezone.localtime(health.closes_at):%Y}" in text
    assert "Veselības ministrija" in text
    assert html.find("a")["href"] == f"http://testserver/consultations/{health.pk}/"
    ids = [e.findtext(f"{ATOM}id") for e in entries(root)]
    assert len(set(ids)) == len(ids) == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"institution": "pasvaldiba"}, {"transport"}),
        ({"institution": "ministrija"}, {"health", "education"}),
        ({"topic": "veseliba"}, {"health"}),
        ({"topic": "transports"}, {"transport"}),
        ({"territory": "riga"}, {"education"}),
        # a region includes its municipalities, as on the list page
        ({"territory": "vidzemes-region"}, {"transport"}),
        ({"group": "studenti"}, {"education"}),
        ({"group": "iedzivotaji"}, {"transport"}),
        ({"institution": "ministrija", "group": "pensionari"}, {"health"}),
        ({"status": "announced"}, {"education"}),
        ({"q": "autobusu"}, {"transport"}),
        ({"topic": "kultura"}, set()),
        ({"topic": "", "utm_source": "newsletter"}, {"health", "transport", "education"}),
    ],
)
def test_each_filter_isolates_its_consultations(client, world, query, expected):
    root = atom(client.get(FEED_URL, query))

    assert titles(root) == {getattr(world, name).title for name in expected}


def test_the_title_and_subtitle_say_what_is_filtered(client, world):
    root = atom(client.get(FEED_URL, {"institution": "pasvaldiba", "topic": "transports"}))

    title = root.findtext(f"{ATOM}title")
    assert title == "Līdzdalība – consultations of Valmieras novada pašvaldība (Transport)"
    assert "Policy area: Transport" in root.findtext(f"{ATOM}subtitle")
    # the self link and id are the clean query, in a fixed order
    assert link(root, "self") == (
        "http://testserver/feeds/consultations.atom?institution=pasvaldiba&topic=transports"
    )


def test_an_unknown_filter_value_is_a_plain_400_not_everything(client, world):
    for query in ({"topic": "nav-tadas"}, {"institution": "x"}, {"status": "draft"}):
        response = client.get(FEED_URL, query)

        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        name, value = next(iter(query.items()))
        assert f"{name}={value}" in response.content.decode()


def test_an_unknown_value_is_not_reflected_as_html(client, world):
    response = client.get(FEED_URL, {"topic": "<script>alert(1)</script>"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_user_content_is_escaped(client, editor, ministry):
    title = '"><script>alert(1)</script>'
    factories.published_consultation(
        editor, ministry, title=title, summary="<script>alert(2)</script> & <b>bold</b>"
    )

    response = client.get(FEED_URL)
    root = atom(response)

    assert b"<script" not in response.content
    assert b"<b>" not in response.content
    entry = entries(root)[0]
    assert entry.findtext(f"{ATOM}title") == title  # text, shown as typed
    summary = entry.findtext(f"{ATOM}summary")
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in summary
    assert not BeautifulSoup(summary, "html.parser").find(["script", "b"])


def test_characters_xml_cannot_carry_are_left_out(client, editor, ministry):
    """The officer form takes them (Django's fields refuse only NUL), and a title pasted from
    Word keeps its line breaks as vertical tabs; one such title made the feed a 500."""
    ministry.name = "Veselības\x0bministrija\x1f"
    ministry.save()
    factories.published_consultation(
        editor, ministry, title="Noteikumi\x0bpar\x0cbiedrībām\x7f", summary="Kopsavilkums\x01."
    )

    for url in (FEED_URL, "/institutions/ministrija/feed.atom"):
        root = atom(client.get(url))
        entry = entries(root)[0]
        assert entry.findtext(f"{ATOM}title") == "Noteikumi par biedrībām"
        assert "Kopsavilkums." in entry.findtext(f"{ATOM}summary")
        assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Veselības ministrija"
    assert root.findtext(f"{ATOM}title") == "Līdzdalība – consultations of Veselības ministrija"


def test_words_with_characters_xml_cannot_carry_still_give_valid_xml(client, world):
    """U+FFFF passes the address check (it is valid UTF-8, not a control character) and the
    feed repeats the words in its title; XML 1.0 has no place for it."""
    root = atom(client.get(FEED_URL, {"q": "noteikumi\uffff"}))

    assert root.findtext(f"{ATOM}title") == "Līdzdalība – consultations (“noteikumi”)"


def test_the_feed_is_limited_to_the_newest(client, editor, ministry):
    template = factories.published_consultation(editor, ministry)
    now = timezone.now()
    Consultation.objects.bulk_create(
        Consultation(
            **{
                field.name: getattr(template, field.name)
                for field in Consultation._meta.concrete_fields
                if field.name not in {"id", "title", "announced_at"}
            },
            title=f"Konsultācija {n}",
            announced_at=now - timedelta(hours=n),
        )
        for n in range(1, FEED_LIMIT + 5)
    )

    root = atom(client.get(FEED_URL))

    assert len(entries(root)) == FEED_LIMIT
    assert entries(root)[0].findtext(f"{ATOM}title") == template.title
    assert entries(root)[-1].findtext(f"{ATOM}title") == f"Konsultācija {FEED_LIMIT - 1}"


def test_the_number_of_queries_does_not_grow_with_the_entries(client, world, editor, ministry):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            atom(client.get(FEED_URL))
        return len(context.captured_queries)

    few = queries()
    for n in range(5):
        consultation(
            editor,
            ministry,
            title=f"Vēl viena {n}",
            topic="kultura",
            territory="riga",
            groups=["nvo", "uznemumi"],
        )

    assert queries() == few


# --- One institution's feed -----------------------------------------------------------------


def test_an_institution_has_its_own_feed(client, world):
    url = reverse("feeds:institution", args=["pasvaldiba"])
    assert url == "/institutions/pasvaldiba/feed.atom"

    root = atom(client.get(url))

    assert titles(root) == {world.transport.title}
    assert (
        root.findtext(f"{ATOM}title") == "Līdzdalība – consultations of Valmieras novada pašvaldība"
    )
    assert root.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Valmieras novada pašvaldība"
    assert link(root) == "http://testserver/institutions/pasvaldiba/"
    assert link(root, "self") == "http://testserver/institutions/pasvaldiba/feed.atom"


def test_an_institution_feed_takes_further_filters_but_not_another_institution(client, world):
    url = reverse("feeds:institution", args=["ministrija"])

    assert titles(atom(client.get(url, {"group": "studenti"}))) == {world.education.title}
    assert titles(atom(client.get(url, {"institution": "pasvaldiba"}))) == {
        world.health.title,
        world.education.title,
    }
    assert client.get(url, {"topic": "nav-tadas"}).status_code == 400


def test_the_feed_is_in_the_language_of_the_request(world):
    assert atom(Client().get(FEED_URL)).get(XML_LANG) == "lv"
    assert atom(Client(headers=ENGLISH).get(FEED_URL)).get(XML_LANG) == "en"


def test_an_unknown_institution_has_no_feed(client, db):
    assert client.get("/institutions/nav-tadas/feed.atom").status_code == 404


# --- Discovery ------------------------------------------------------------------------------


def alternate_links(response) -> list[str]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        tag["href"]
        for tag in soup.head.find_all("link", rel="alternate")
        if tag.get("type") == "application/atom+xml"
    ]


def test_the_list_page_announces_and_links_the_feed_of_its_filters(client, world):
    response = client.get("/consultations/", {"topic": "veseliba"})

    assert alternate_links(response) == ["/feeds/consultations.atom?topic=veseliba"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    hrefs = [a["href"] for a in soup.select("main #feed-links a")]
    assert hrefs == ["/feeds/consultations.atom?topic=veseliba", "/calendar.ics?topic=veseliba"]
    for href in hrefs:
        assert client.get(href).status_code == 200


def test_the_feed_links_follow_the_filters_as_they_change(client, world):
    """htmx asks for the links again when the filters change: empty and invalid values are
    left out (as the list page ignores them), the rest keep the form's order."""
    response = client.get(
        reverse("feeds:links"),
        {"q": "", "institution": "nav-tadas", "topic": "veseliba", "group": "pensionari"},
    )

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert [a["href"] for a in soup.select("#feed-links a")] == [
        "/feeds/consultations.atom?topic=veseliba&group=pensionari",
        "/calendar.ics?topic=veseliba&group=pensionari",
    ]
    assert soup.select_one("#feed-links")["data-hx-get"] == reverse("feeds:links")


def test_the_institution_page_announces_and_links_its_feed_and_calendar(client, world):
    response = client.get("/institutions/ministrija/")

    assert alternate_links(response) == ["/institutions/ministrija/feed.atom"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert {"/institutions/ministrija/feed.atom", "/institutions/ministrija/calendar.ics"} <= hrefs
