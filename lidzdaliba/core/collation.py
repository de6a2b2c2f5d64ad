"""Sorting text in Latvian alphabetical order.

Latvian letters with diacritics are letters of their own, each right after its base letter:
A Ā B C Č D E Ē F G Ģ H I Ī J K Ķ L Ļ M N Ņ O P R S Š T U Ū V Z Ž. A byte or code-point order
puts them after Z, and the databases' collations differ (SQLite compares bytes, PostgreSQL
follows its locale), so names shown in a list are sorted here, the same on every database.
"""

from __future__ import annotations

LATVIAN_ALPHABET = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"
_POSITION = {letter: index for index, letter in enumerate(LATVIAN_ALPHABET)}
# Letters outside the Latvian alphabet (q, w, x, y, foreign letters) after their nearest
# neighbours: by code point, after every Latvian letter of the same rank.
_AFTER = len(LATVIAN_ALPHABET)


def latvian_key(text: str) -> tuple:
    """A sort key: `sorted(names, key=latvian_key)` → "Aizpute, Ādaži, Bauska, Cēsis, Čiekurkalns".

    Case is ignored first and breaks ties last; digits and punctuation sort before letters."""
    folded = text.casefold()
    letters = tuple(
        (0, ord(char)) if not char.isalpha() else (1, _POSITION.get(char, _AFTER), ord(char))
        for char in folded
    )
    return (letters, text)
