"""Cutting a draft's text into numbered clauses (see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import _normalise

# --- Splitting into clauses -----------------------------------------------------------------


@dataclass(frozen=True)
class ParsedClause:
    number: str
    text: str
    is_heading: bool = False


# One to three digits per part: "2025. gada" at the start of a wrapped line is a year.
_DOTTED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.(?:\s+|$)(.*)")
_SUB_POINT = re.compile(r"(\d{1,3})\)(?:\s+|$)(.*)")
_ROMAN_HEADING = re.compile(r"(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\.\s+(\S.*)")
_MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*")
_LIST_ITEM = re.compile(r"(?:[-*•–—]|[a-zāčēģīķļņšūž]\))\s")
# Words that follow a number in running text ("10. punktā", "1. janvārī"): a wrapped PDF
# line starting like that continues a sentence rather than opening a clause.
_REFERENCE_WORD = re.compile(
    r"(?:janvār|februār|mart|aprīl|maij|jūnij|jūlij|august|septembr|oktobr|novembr|decembr"
    r"|(?:apakš)?punkt|pant|(?:no)?daļ|pielikum|sadaļ|teikum)\w*|gad(?:a|ā|am|u|s|i)"
)
_MAX_HEADING_CHARS = 150


def _numbered_start(line: str, previous: str = "") -> tuple[str, str, bool] | None:
    """(number, rest of line, is_sub_point) if the line opens a numbered clause.

    `previous` is the line before. A number followed by a reference word ("10. punktā",
    "2025. gada") continues a sentence only when the previous line stopped mid-sentence;
    after a finished clause ("…;", "….") the same line opens a clause ("2.1. apakšpunkts").
    """
    for pattern, is_sub_point in ((_DOTTED, False), (_SUB_POINT, True)):
        match = pattern.fullmatch(line)
        if match:
            first_word = re.split(r"[\s,.;:]", match.group(2), maxsplit=1)[0]
            mid_sentence = bool(previous) and previous[-1] not in ".;:!?"
            if mid_sentence and _REFERENCE_WORD.fullmatch(first_word):
                return None
            return match.group(1), match.group(2), is_sub_point
    return None


def _heading(line: str) -> tuple[str, str] | None:
    """(number, text) if the line is a Markdown or Roman-numeral chapter heading."""
    match = _MARKDOWN_HEADING.fullmatch(line)
    if match and match.group(2):
        return "", match.group(2)
    match = _ROMAN_HEADING.fullmatch(line)
    if match and len(line) <= _MAX_HEADING_CHARS and not line.endswith((",", ";")):
        return match.group(1), match.group(2)
    return None


@dataclass
class _Draft:
    number: str
    is_heading: bool
    text: str

    def add(self, line: str, new_paragraph: bool) -> None:
        if not self.text:
            self.text = line
        elif new_paragraph or _LIST_ITEM.match(line):
            self.text += "\n" + line
        else:
            self.text += " " + line


def split_into_clauses(text: str) -> list[ParsedClause]:
    """Cut a draft into clauses at clause numbers and headings; see the module docstring.

    Every word of the input ends up in some clause's number or text: the splitter decides
    only where clauses begin, never drops a line.
    """
    lines = _normalise(text).split("\n")
    numbered = any(_numbered_start(line.strip()) for line in lines)
    previous = ""
    drafts: list[_Draft] = []
    parent, paragraph_count, after_blank = "", 0, True
    for raw in lines:
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        current = drafts[-1] if drafts else None
        heading = _heading(line)
        start = _numbered_start(line, previous) if numbered else None
        previous = line
        if heading:
            drafts.append(_Draft(heading[0], True, heading[1]))
        elif start:
            number, rest, is_sub_point = start
            if is_sub_point:
                number = f"{parent}.{number})" if parent else f"{number})"
            else:
                parent = number
            drafts.append(_Draft(number, False, rest))
        elif current and current.is_heading and not after_blank and line[0].islower():
            current.add(line, new_paragraph=False)  # a heading wrapped onto a second line
        elif (
            current is None
            or current.is_heading
            or (after_blank and (not numbered or not current.number))
        ):
            paragraph_count += 1
            drafts.append(_Draft("" if numbered else str(paragraph_count), False, line))
        else:
            current.add(line, new_paragraph=after_blank)
        after_blank = False
    return [ParsedClause(d.number, d.text, d.is_heading) for d in drafts]
