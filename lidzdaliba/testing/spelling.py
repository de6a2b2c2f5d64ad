"""Spell-checking Latvian text with a real dictionary, for the tests.

The Latvian of the site comes from our catalogue and, for sign-in and account pages, used to
come from third-party catalogues with typos nobody noticed. The tests feed every word of the
catalogue and of rendered pages to hunspell with Debian's Latvian dictionary (hunspell-lv,
installed by `make test-deps`) and keep the share of words it does not know small; names
and terms it cannot know are listed in an allow-list file beside the tests.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup

DICTIONARY = "lv_LV"

# What is not prose in a translation: placeholders (%(name)s, %s, %d, {name}), tags, links,
# addresses and entities.
_NOT_PROSE = re.compile(
    r"%\([^)]*\)[sdifr]|%[sdifr]|\{[^{}]*\}|<[^>]*>|https?://\S+|www\.\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&\w+;|&#\d+;"
)
# A word: letters only (Latvian diacritics included). "e-pasta" gives "e" and "pasta";
# one-letter words and abbreviations in capitals (PDF, API, TOTP) are not spell-checked.
_WORD = re.compile(r"[^\W\d_]+")
_ABBREVIATION = re.compile(r"^[^\W\d_]?[A-ZĀČĒĢĪĶĻŅŠŪŽ]+$")


def prose(text: str) -> str:
    """`text` without placeholders, markup, links and e-mail addresses."""
    return _NOT_PROSE.sub(" ", text)


def words(text: str) -> set[str]:
    """The distinct words of `text` worth checking."""
    return {
        word
        for word in _WORD.findall(prose(text))
        if len(word) > 1 and not _ABBREVIATION.match(word)
    }


def visible_text(html: str) -> str:
    """What a reader sees or hears on a page: its text, title, and the alternative texts,
    labels, placeholders and button values in attributes; no scripts or styles, and nothing
    marked as another language (the language switch's "English" carries lang="en")."""
    soup = BeautifulSoup(html, "html.parser")
    page_language = (soup.html.get("lang", "") if soup.html else "").split("-")[0]
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    for foreign in soup.find_all(attrs={"lang": True}):
        if foreign.name != "html" and str(foreign["lang"]).split("-")[0] != page_language:
            foreign.decompose()
    parts = [soup.get_text(" ")]
    for attribute in ("alt", "title", "aria-label", "placeholder"):
        parts += [str(tag[attribute]) for tag in soup.find_all(attrs={attribute: True})]
    parts += [
        str(tag["value"])
        for tag in soup.find_all("input", attrs={"type": ["submit", "button"], "value": True})
    ]
    return "\n".join(parts)


def unknown_words(candidates: Iterable[str]) -> set[str]:
    """The words hunspell's Latvian dictionary does not know (it accepts a capitalised
    form of a known word, so words at the start of a sentence pass)."""
    candidates = sorted(set(candidates))
    if not candidates:
        return set()
    # hunspell from the system's PATH, as `make test-deps` installs it; fixed arguments, the
    # words go to its standard input.
    result = subprocess.run(  # noqa: S603
        ["hunspell", "-d", DICTIONARY, "-i", "UTF-8", "-l"],  # noqa: S607
        input="\n".join(candidates) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return set(result.stdout.split())


def allow_list(path: Path) -> set[str]:
    """Words of an allow-list file: one a line, `#` starts a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


def misspelt(candidates: Iterable[str], allowed: set[str]) -> set[str]:
    """Unknown words, less the allowed ones (compared as written and in lower case)."""
    allowed_lower = {word.lower() for word in allowed}
    return {
        word
        for word in unknown_words(candidates)
        if word not in allowed and word.lower() not in allowed_lower
    }
