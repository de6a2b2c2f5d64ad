"""Spreadsheet cells that cannot hurt the person who opens them.

Every app that writes CSV, XLSX or ODS from what people typed passes each cell through
`clean` and `neutralise`: the feedback table of consultations, the signature export of
initiatives. They live here, below every participation app, so that each can use them.
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
    """Make text that a spreadsheet would read as a formula inert by prefixing `'`.

    Contributions are typed by anyone, and officers open the downloads in Excel or
    LibreOffice: a cell like `=HYPERLINK("http://evil", "x")` would otherwise run there (OWASP
    "CSV injection"). Spreadsheets treat a value as a formula when it starts with = + - @,
    and some also after leading whitespace or a tab/carriage return, so all of those are
    prefixed. The same prefix is used in CSV, XLSX and ODS so a value copied from any of them
    into another program stays harmless. Negative numbers typed as text ("-5") get the prefix
    too; that is the accepted price of the rule.
    """
    if value.startswith(("\t", "\r")) or value.lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value
