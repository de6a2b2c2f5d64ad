"""Word frequencies of free-text answers, with Latvian lemmatisation and stop words.

"atzinums", "atzinumu" and "atzinumiem" are one word to a reader, so they are counted as
one lemma (simplemma's Latvian dictionary); words that carry no meaning on their own
("un", "ka", "par", "būt") are left out, as are numbers and one- or two-letter words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

import simplemma

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# Function words and the most frequent verbs of Latvian (lemmas), and a few English ones
# for answers written in English.
_STOP_TEXT = """
un vai bet ka kas kā kad kur ja jo lai arī tik tā tās tas tie šis šī šie tad tur te
par pie pēc no uz ar bez līdz pret starp caur dēļ virs zem aiz pa priekš
es tu viņš viņa mēs jūs viņi viņas sevi savs mans tavs mūsu jūsu viņu viņam viņai
būt tikt kļūt varēt vajadzēt gribēt nebūt ir nav bija būs var jā ne nē
ļoti vairāk mazāk daudz maz visi viss visu cits citi kāds kāda kuri kura kurš
tikai vēl jau vien gan taču pat tomēr nu to tam tai tiem tām šo šīs vērā
the and for with that this are was were have has not you your our their from but
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Longer runs of letters are not words (a pasted link, a key held down); they are left out,
# and a lemma fits the stored column (models.AnswerLemma).
MAX_WORD = 50


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="lv").lower()


def lemmas_of(text: str) -> list[str]:
    """The meaningful lemmas of a text, in order (stop words and short words dropped)."""
    out = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if len(word) < 3 or len(word) > MAX_WORD or word in STOP_WORDS:
            continue
        base = lemma(word)
        if len(base) < 3 or len(base) > MAX_WORD or base in STOP_WORDS:
            continue
        out.append(base)
    return out


def word_frequencies(texts: Iterable[str], *, limit: int = 60) -> list[tuple[str, int]]:
    """The most frequent lemmas, each counted once per answer, most frequent first."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(set(lemmas_of(text)))
    return top_words(counter, limit=limit)


def top_words(counts: Mapping[str, int], *, limit: int = 60) -> list[tuple[str, int]]:
    """The `limit` most frequent of {lemma: answers}, ties in alphabetical order (the same
    order whether the counts come from the answers or from the stored tallies)."""
    items = [(word, count) for word, count in counts.items() if count > 0]
    return sorted(items, key=lambda item: (-item[1], item[0]))[:limit]


def mentions(text: str, word: str) -> bool:
    return word in lemmas_of(text)
