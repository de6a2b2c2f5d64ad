"""Searching: Latvian-aware matching, ranking, safe highlighted snippets, the list filters,
pages, and queries that try to be syntax."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from lidzdaliba.consultations.selectors import ConsultationFilters
from lidzdaliba.core.enums import PolicyStage
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.search import selectors
from lidzdaliba.search import services as search_services
from lidzdaliba.search.backends import backend_for
from lidzdaliba.testing import factories

from .conftest import find

pytestmark = pytest.mark.django_db


def test_the_full_text_index_is_installed_by_the_migrations():
    assert backend_for(connection).installed(connection)


def test_case_diacritics_and_inflection_do_not_matter(publish):
    consultation = publish(
        title="Sabiedrības līdzdalība pašvaldībā", summary="Kā iedzīvotāji piedalās.", text=""
    )
    hit = [("consultation", consultation.pk)]
    for query in ["lidzdaliba", "LĪDZDALĪBAS", "pašvaldībām", "pasvaldibam", "Pašvaldība"]:
        assert find(query) == hit, query
    assert find("pašvald*") == hit  # a prefix, on request
    assert find("pašvald") == []
    assert find("līdzdalība iedzīvotājiem") == hit  # every word, title or body
    assert find("līdzdalība zemnieki") == []


def test_a_title_match_ranks_above_a_body_match(publish):
    in_body = publish(
        title="Grozījumi noteikumos", summary="Skars arī mežu apsaimniekošanu.", text=""
    )
    in_title = publish(title="Mežu apsaimniekošanas noteikumi", summary="Kārtība.", text="")
    results = selectors.search(query="mežs", filters=ConsultationFilters())
    assert [hit.id for hit in results.hits] == [in_title.pk, in_body.pk]
    assert results.hits[0].score > results.hits[1].score > 0


def test_beyond_the_rank_window_title_matches_still_come_first(publish, resident, monkeypatch):
    in_title = publish(title="Ezeru apsaimniekošana", summary="Kārtība.", text="")
    in_body = publish(title="Citi noteikumi", summary="Arī par ezeriem.", text="")
    for i in range(4):  # newer entries that mention the word only in their text
        factories.opinion(in_body, resident, text=f"Ezers numur {i}.")
    search_services.index_consultation(consultation_id=in_body.pk)
    monkeypatch.setattr(selectors, "RANK_WINDOW", 3)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    results = selectors.search(query="ezers", filters=ConsultationFilters())
    assert (results.count, results.more) == (2, True)
    assert results.hits[0].id == in_title.pk  # older than the window, found by its title


def test_snippets_mark_matches_and_escape_everything_else(publish):
    consultation = publish(
        title="<b>Mežu</b> noteikumi",
        summary="<script>alert('mežs')</script> Par " + "mežiem un pļavām " * 40,
        text="",
    )
    (hit,) = selectors.search(query="meži", filters=ConsultationFilters()).hits
    assert hit.id == consultation.pk
    assert "<script" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<b>" not in hit.title_html and "&lt;b&gt;<mark>Mežu</mark>&lt;/b&gt;" in hit.title_html
    without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") >= 2
    assert "<mark>pļavām</mark>" not in hit.snippet
    assert len(without_marks.split()) <= 32  # about 30 words and the ellipsis
    assert hit.snippet.endswith("…")


def test_a_prefix_marks_the_words_it_found(publish):
    publish(title="Ūdens un ūdenssaimniecība", summary="Par ūdensapgādi.", text="")
    (hit,) = selectors.search(query="ūdens*", filters=ConsultationFilters()).hits
    assert hit.title_html == "<mark>Ūdens</mark> un <mark>ūdenssaimniecība</mark>"
    assert hit.snippet.startswith("Par <mark>ūdensapgādi</mark>. ")


def test_the_snippet_starts_near_the_first_match(publish):
    words = " ".join(f"vārds{i}" for i in range(100))
    publish(title="Garš teksts", summary=f"{words} ezers {words}", text="")
    (hit,) = selectors.search(query="ezeri", filters=ConsultationFilters()).hits
    assert hit.snippet.startswith("… vārds92 ")
    assert "<mark>ezers</mark>" in hit.snippet


def test_the_list_filters_combine_with_the_query(publish, municipality, other_officer):
    now = timezone.now()
    ministry_one = publish(title="Ezeru aizsardzība", text="")
    municipal_one = publish(
        title="Ezeru aizsardzība novadā",
        institution=municipality,
        actor=other_officer,
        territory=Territory.objects.get(slug="valmieras-novads"),
        topic=Topic.objects.exclude(slug="valsts-parvalde").first(),
        policy_stage=PolicyStage.SOLUTION_DESIGN,
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=40),
        affected_groups=[AffectedGroup.objects.first()],
    )
    both = {ministry_one.pk, municipal_one.pk}
    topic = Topic.objects.exclude(slug="valsts-parvalde").first()
    cases = [
        (ConsultationFilters(), both),
        (ConsultationFilters(institution=municipality), {municipal_one.pk}),
        (ConsultationFilters(topic=topic), {municipal_one.pk}),
        (ConsultationFilters(stage=PolicyStage.SOLUTION_DESIGN), {municipal_one.pk}),
        (ConsultationFilters(status="announced"), {municipal_one.pk}),
        (ConsultationFilters(status="open"), {ministry_one.pk}),
        (ConsultationFilters(status="answered"), set()),
        (
            ConsultationFilters(territory=Territory.objects.get(slug="valmieras-novads")),
            {municipal_one.pk},
        ),
        (ConsultationFilters(group=AffectedGroup.objects.first()), {municipal_one.pk}),
    ]
    for filters, expected in cases:
        hits = selectors.search(query="ezeri", filters=filters).hits
        assert {hit.consultation_id for hit in hits} == expected, filters


def test_kinds_narrow_the_results(publish, resident):
    consultation = publish(title="Tramvaja līnija", text="1. Tramvaja maršruts.")
    opinion = factories.opinion(consultation, resident, text="Tramvajs ir vajadzīgs.")
    search_services.index_consultation(consultation_id=consultation.pk)
    assert len(find("tramvajs")) == 3
    assert find("tramvajs", kinds=["opinion"]) == [("opinion", opinion.pk)]


def test_pages_cover_every_result_once(publish, resident):
    consultation = publish(title="Daudz viedokļu", text="")
    opinions = [
        factories.opinion(consultation, resident, text=f"Kanalizācija numur {i}.")
        for i in range(25)
    ]
    search_services.index_consultation(consultation_id=consultation.pk)
    pages = [
        selectors.search(query="kanalizācija", filters=ConsultationFilters(), page=n, page_size=10)
        for n in (1, 2, 3, 4)
    ]
    assert [page.count for page in pages] == [25] * 4
    assert [page.pages for page in pages] == [3] * 4
    assert [len(page.hits) for page in pages] == [10, 10, 5, 0]
    seen = [hit.id for page in pages for hit in page.hits]
    assert sorted(seen) == sorted(opinion.pk for opinion in opinions)


def test_a_very_common_word_is_counted_up_to_a_limit(publish, resident, monkeypatch):
    consultation = publish(title="Viedokļi", text="")
    for i in range(8):
        factories.opinion(consultation, resident, text=f"Apgaismojums {i}.")
    search_services.index_consultation(consultation_id=consultation.pk)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 5)
    monkeypatch.setattr(selectors, "RANK_WINDOW", 6)
    results = selectors.search(query="apgaismojums", filters=ConsultationFilters(), page_size=4)
    assert (results.count, results.more, results.pages) == (5, True, 2)
    second = selectors.search(
        query="apgaismojums", filters=ConsultationFilters(), page=2, page_size=4
    )
    assert len(second.hits) == 1


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(",
        "NEAR(a b, 2)",
        "OR",
        "a OR b AND NOT c",
        "'; DROP TABLE search_searchentry; --",
        ":",
        "-",
        "^",
        "title_tokens:ezers",
        "ezers:*",
        "ezer*",
        "e*",
        '"ezer*" OR *',
        "!ezers & | <-> ()",
        "\\",
        "\x00",
        "{ezers}",
        "ezers" * 500,
        "ezers " * 500,
    ],
)
def test_queries_are_never_syntax(publish, query):
    publish(title="Ezeru noteikumi", text="")
    for filters in (ConsultationFilters(), ConsultationFilters(stage=PolicyStage.DRAFTING)):
        results = selectors.search(query=query, filters=filters)
        assert results.count == len(results.hits)
    assert find("ezers") != []  # the index is intact


@pytest.mark.parametrize("query", ["", "   ", "?!.,"])
def test_empty_queries_give_empty_results(publish, query):
    publish()
    results = selectors.search(query=query, filters=ConsultationFilters())
    assert (results.count, results.hits, results.pages) == (0, [], 1)


def test_a_search_costs_four_queries_at_most(publish, resident, django_assert_max_num_queries):
    consultation = publish(title="Ezeru noteikumi")
    for i in range(5):
        factories.opinion(consultation, resident, text=f"Ezers {i}.")
    search_services.index_consultation(consultation_id=consultation.pk)
    with django_assert_max_num_queries(4):
        results = selectors.search(
            query="ezers", filters=ConsultationFilters(stage=PolicyStage.DRAFTING)
        )
        [(hit.institution.display_name, hit.consultation_title) for hit in results.hits]
    assert len(results.hits) == 6


def find_count(query: str, filters: ConsultationFilters) -> int:
    return selectors.search(query=query, filters=filters).count


def test_the_status_filter_follows_the_clock_and_the_feedback(publish, resident, responder, events):
    from lidzdaliba.consultations import services

    consultation = publish(title="Ezeru noteikumi", text="")
    opinion = factories.opinion(consultation, resident, text="Ezers.")
    services.answer_give(actor=responder, opinion=opinion, outcome="noted", reason="Ezers.")
    search_services.index_consultation(consultation_id=consultation.pk)

    def statuses() -> dict[str, int]:
        return {
            status: selectors.search(
                query="ezers", filters=ConsultationFilters(status=status)
            ).count
            for status in ("announced", "open", "closed", "answered", "decided")
        }

    assert statuses() == {"announced": 0, "open": 2, "closed": 0, "answered": 0, "decided": 0}
    factories.close(consultation)  # by the clock: no event, no re-indexing
    assert statuses() == {"announced": 0, "open": 0, "closed": 2, "answered": 0, "decided": 0}
    with events():
        services.feedback_publish(actor=responder, consultation=consultation)
    assert statuses() == {"announced": 0, "open": 0, "closed": 0, "answered": 3, "decided": 0}


def test_filters_follow_an_edit(publish, editor, events):
    from lidzdaliba.consultations import services

    consultation = publish(title="Ezeru noteikumi", text="")
    topic = Topic.objects.exclude(pk=consultation.topic_id).first()
    assert find("ezers", filters=ConsultationFilters(topic=topic)) == []
    with events():
        services.consultation_update(actor=editor, consultation=consultation, topic=topic)
    assert find("ezers", filters=ConsultationFilters(topic=topic)) == [
        ("consultation", consultation.pk)
    ]


def test_facet_terms_cannot_be_searched_for(publish):
    consultation = publish(title="Ezeru noteikumi", text="")
    for query in [f"_c{consultation.pk}", f"c{consultation.pk}", "_kconsultation", "_llive"]:
        assert find(query) == [], query
