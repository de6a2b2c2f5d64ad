"""Spreadsheet cells that cannot hurt the person who opens them.

Every app that writes CSV, XLSX or ODS from what people typed passes each cell through
`clean` and `neutralise` (the same rules as consultations' feedback-table export, which
keeps its own copy for now; they belong here, below every participation app).
"""

from __future__ import annotations

import re

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@")


def clean(value: str) -> str:
    """Drop what XML cannot hold and unify line endings, so no input can crash a writer."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", value)


def neutralise(value: str) -> str:
    """Make text that a spreadsheet would read as a formula inert by prefixing `'`
    (OWASP "CSV injection"): a value starting with = + - @, also after leading
    whitespace, or with a tab or carriage return."""
    if value.startswith(("\t", "\r")) or value.lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value
