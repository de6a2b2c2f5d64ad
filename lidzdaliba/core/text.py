"""Text that must fit a format with a narrower alphabet than Python's strings."""

from __future__ import annotations

import re

# What XML 1.0 (Atom feeds) cannot carry — C0 control characters other than tab, line feed
# and carriage return, lone surrogates, U+FFFE and U+FFFF — plus DEL, which RFC 5545 excludes
# from iCalendar TEXT along with those controls.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Word's manual line break (vertical tab) and page break (form feed) separate words.
_SEPARATORS = frozenset("\x0b\x0c")


def writable(text: str) -> str:
    """`text` without the characters XML and iCalendar cannot carry.

    They arrive in text typed or pasted elsewhere (a title copied from Word keeps its
    vertical tabs); Django's XML writer refuses them with an exception, so one such title
    would break a whole feed. A vertical tab or form feed becomes a space, so the words on
    either side stay apart; the rest are dropped.
    """
    return _UNWRITABLE.sub(lambda match: " " if match.group() in _SEPARATORS else "", text)
