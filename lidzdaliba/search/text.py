"""Latvian-aware text normalisation, shared by indexing, querying and highlighting.

Both database backends index the *output* of `normalise` (space-joined) with a tokenizer that
does nothing clever ('simple' on PostgreSQL, unicode61 without diacritic removal on SQLite).
Doing the linguistics here, in Python, once, is what makes the two backends find exactly the
same entries, and lets the highlighter decide which words of the original text matched.

A term is: a Unicode word, lower-cased, stemmed by the Latvian light stemmer (a port of
Lucene's) *with* its diacritics — the stemmer's suffix rules need them — and then folded to
ASCII-like letters, so "Pašvaldībām", "pasvaldibam" and "pašvaldība" all become "pasvaldib".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import LatvianStemmer

# Letters and digits; not the underscore that `\w` also matches (FTS5 and PostgreSQL split on
# it, so keeping it would make the backends disagree).
WORD_RE = re.compile(r"[^\W_]+")
PREFIX_RE = re.compile(r"([^\W_]+)\*\s*$")
# Longer "words" are noise (hashes, base64); PostgreSQL also refuses lexemes over 2 kB.
MAX_TERM_LENGTH = 60
# A query is cut to this many characters and terms: enough for any real question, and it
# bounds the work a single request can cause.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8
# A prefix shorter than this would expand to a large part of the vocabulary.
MIN_PREFIX_LENGTH = 3


def fold(text: str) -> str:
    """Drop diacritics (ā→a, š→s, ķ→k) by decomposing and removing the combining marks."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def term(word: str) -> str:
    """The index term of one word (any case, with or without diacritics); "" to skip it."""
    return _term(word.lower())


@lru_cache(maxsize=200_000)
def _term(lowered: str) -> str:
    # Cached: real text repeats a small vocabulary, and stemming is the costly part of
    # indexing. (Keyed on the lower-cased word, so "Pašvaldība" shares "pašvaldība"'s entry.)
    if lowered.isdigit():
        return fold(lowered)  # numbers are kept whole ("2026", "30"); NFKD turns "²" into "2"
    if len(lowered) < 2 or len(lowered) > MAX_TERM_LENGTH:
        return ""
    # NFKD may split a character into several letters ("ﬁ" → "fi"), never into non-letters
    # that the tokenizers would split on; keep only letters and digits to be sure.
    folded = fold(LatvianStemmer.stem(lowered))
    return "".join(char for char in folded if char.isalnum())


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` with their positions (for highlighting the original)."""
    return WORD_RE.finditer(text or "")


def normalise(text: str) -> list[str]:
    """The terms of a text, in order, for documents and queries alike."""
    terms = (term(match.group()) for match in words(text))
    return [t for t in terms if t]


def index_text(text: str) -> str:
    """What the backends index: the terms, space-joined."""
    return " ".join(normalise(text))


@dataclass(frozen=True)
class ParsedQuery:
    """A user's query reduced to terms: every term must match (AND). When the person ended
    the last word with "*", `prefix` holds that word as typed (lower-cased, folded, not
    stemmed: stemming a partial word would cut letters off the prefix), and the last term
    matches either its stem (the word itself) or any term that starts with the prefix."""

    terms: tuple[str, ...]
    prefix: str = ""

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, candidate: str) -> bool:
        """Whether an index term (of a word in a result) matches one of the query's terms."""
        if not candidate:
            return False
        if candidate in self.terms:
            return True
        return bool(self.prefix) and candidate.startswith(self.prefix)


def parse_query(raw: str) -> ParsedQuery:
    """Turn free text into terms. Punctuation, operators and quotes are not syntax here: they
    are dropped with every other non-word character, so no user text ever reaches FTS5 MATCH
    or to_tsquery as syntax. Empty or punctuation-only input gives an empty query."""
    raw = (raw or "")[:MAX_QUERY_CHARS]
    seen: dict[str, None] = {}
    for t in normalise(raw):
        seen.setdefault(t, None)
    terms = tuple(seen)[:MAX_QUERY_TERMS]
    if not terms:
        return ParsedQuery(terms=())
    # A last word ending in "*" asks for every word that starts with it ("ūdens*" also finds
    # "ūdenssaimniecība"). Only on request: a short prefix expands to many terms and costs
    # several times an exact term. Numbers are always matched whole.
    typed = PREFIX_RE.search(raw)
    if typed is None or term(typed.group(1)) != terms[-1] or terms[-1].isdigit():
        return ParsedQuery(terms=terms)
    prefix = "".join(char for char in fold(typed.group(1).lower()) if char.isalnum())
    return ParsedQuery(terms=terms, prefix=prefix if len(prefix) >= MIN_PREFIX_LENGTH else "")
