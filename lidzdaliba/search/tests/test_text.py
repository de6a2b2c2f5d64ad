"""Latvian normalisation: the same terms for any case, with or without diacritics, for any
inflection the light stemmer knows; and queries that cannot carry syntax."""

from __future__ import annotations

import pytest

from lidzdaliba.search.text import MAX_QUERY_TERMS, ParsedQuery, normalise, parse_query, term


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("pašvaldībām", "pasvaldib"),
        ("pasvaldibam", "pasvaldib"),
        ("pašvaldība", "pasvaldib"),
        ("PAŠVALDĪBAS", "pasvaldib"),
        ("lidzdaliba", "lidzdalib"),
        ("Līdzdalība", "lidzdalib"),
        ("līdzdalības", "lidzdalib"),
        ("likumprojekts", "likumprojekt"),
        ("likumprojektu", "likumprojekt"),
        ("Ķekava", "kekav"),
        ("ceļu", "cel"),
        ("ceļš", "cel"),
    ],
)
def test_inflected_forms_and_diacritics_share_a_term(word, expected):
    assert term(word) == expected


def test_every_latvian_letter_folds_to_its_base_letter():
    assert normalise("āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ") == ["acegiklnsuz", "acegiklnsuz"]


def test_numbers_are_kept_whole_and_one_letter_words_dropped():
    assert normalise("2026. gada 3. punkts un a") == ["2026", "gad", "3", "punkt", "un"]


def test_punctuation_and_underscores_split_words():
    assert normalise("e-pasts; līdzdalība_pašvaldībās!") == [
        "past",
        "lidzdalib",
        "pasvaldib",
    ]


@pytest.mark.parametrize("raw", ["", "   ", "!!! ,.;", '"', "*", "-", "^", ":", "()", "'"])
def test_empty_or_punctuation_only_queries_are_empty(raw):
    assert not parse_query(raw)


def test_operators_are_plain_words():
    parsed = parse_query('NEAR( OR "x" AND*')
    assert parsed.terms == ("near", "or", "and")


def test_a_star_after_the_last_word_asks_for_a_prefix():
    assert parse_query("Pašvald*") == ParsedQuery(terms=("pasvald",), prefix="pasvald")
    assert parse_query("pašvald* ").prefix == "pasvald"
    # the prefix is the word as typed: stemming "ūdens" would cut it to "uden"
    assert parse_query("ūdens*") == ParsedQuery(terms=("uden",), prefix="udens")
    assert not parse_query("pašvald").prefix  # whole words by default
    assert not parse_query("pašvald* ezers").prefix  # only the last word
    assert not parse_query("pa*").prefix  # too short to expand
    assert not parse_query("nr 30*").prefix  # numbers match whole


def test_a_prefix_matches_the_word_itself_and_longer_words():
    parsed = parse_query("ūdens*")
    assert parsed.matches(term("ūdens")) and parsed.matches(term("ūdeņiem"))
    assert parsed.matches(term("Ūdenssaimniecība"))
    assert not parsed.matches(term("ūdrs")) and not parsed.matches(term("ūdele"))


def test_long_queries_are_truncated():
    parsed = parse_query(" ".join(f"vārds{i}" for i in range(500)))
    assert len(parsed.terms) == MAX_QUERY_TERMS
    assert parse_query("a" * 10_000) == parse_query("")  # one over-long word: nothing


def test_duplicate_terms_count_once():
    assert parse_query("pašvaldība pašvaldībām PASVALDIBA").terms == ("pasvaldib",)
