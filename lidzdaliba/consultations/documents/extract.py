"""Getting plain text out of uploaded drafts (DOCX, ODT, PDF, Markdown, plain text)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from odf import teletype
from odf import text as odf_text
from odf.namespaces import STYLENS, TEXTNS
from odf.opendocument import load as load_odf
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from lidzdaliba.core.uploads import KINDS, check_zip_members


class DocumentError(ValueError):
    """The file cannot be read as a document; `message` is safe to show to the uploader."""

    def __init__(self, message: Any, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --- Extraction -----------------------------------------------------------------------------


def extract_text(data: bytes, content_type: str) -> str:
    """Plain text of a document, paragraphs separated by blank lines.

    Expects bytes that passed `sniff_upload`; ZIP-based files are checked for archive bombs
    again anyway, because parsing them is what a bomb would hurt.
    """
    content_type = content_type.split(";", 1)[0].strip().lower()
    readers = {
        KINDS["docx"].content_type: _docx_text,
        KINDS["odt"].content_type: _odt_text,
        KINDS["pdf"].content_type: _pdf_text,
        KINDS["txt"].content_type: _plain_text,
        KINDS["md"].content_type: _plain_text,
    }
    reader = readers.get(content_type)
    if reader is None:
        raise DocumentError(_("Text cannot be taken from this kind of file."), "unsupported")
    try:
        if content_type in (KINDS["docx"].content_type, KINDS["odt"].content_type):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                check_zip_members(archive.infolist())
        text = reader(data)
    except DocumentError:
        raise
    except ValidationError as exc:
        raise DocumentError(exc.messages[0], exc.code or "unreadable") from exc
    except Exception as exc:  # parsers of untrusted files fail in countless ways
        raise DocumentError(
            _("The file is damaged or is not a valid document, so its text cannot be read.")
        ) from exc
    return _normalise(text)


_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _normalise(text: str) -> str:
    text = _STRAY_CONTROLS.sub("", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _plain_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(_("The text file is not in UTF-8 encoding."), "encoding") from exc


# A small PDF can unpack into gigabytes of page content; a draft never needs more than this.
PDF_MAX_PAGES = 500
PDF_MAX_STREAM_BYTES = 5_000_000
PDF_MAX_TEXT_CHARS = 2_000_000


def _pdf_text(data: bytes) -> str:
    limits = {
        "zlib_maximum_output_length": PDF_MAX_STREAM_BYTES,
        "lzw_maximum_output_length": PDF_MAX_STREAM_BYTES,
        "run_length_maximum_output_length": PDF_MAX_STREAM_BYTES,
        "brotli_maximum_output_length": PDF_MAX_STREAM_BYTES,
    }
    with apply_configuration(**limits):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(_("The PDF is protected with a password."), "encrypted")
            if len(reader.pages) > PDF_MAX_PAGES:
                raise DocumentError(
                    _("The PDF has more than %(n)s pages.") % {"n": PDF_MAX_PAGES}, "too_large"
                )
            parts, size = [], 0
            for page in reader.pages:
                part = page.extract_text() or ""
                size += len(part)
                if size > PDF_MAX_TEXT_CHARS:
                    raise DocumentError(_("The PDF holds too much text for a draft."), "too_large")
                parts.append(part)
        except LimitReachedError as error:
            raise DocumentError(_("The PDF is too large to read."), "too_large") from error
    text = "\n".join(parts)
    if not text.strip():
        # A scan has nothing to split into clauses; saying so beats publishing an empty draft.
        raise DocumentError(
            _("The PDF contains no text, it may be a scan. Upload a file with text."), "no_text"
        )
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": _W[1:-1]}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")]
_ROMAN += [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
Level = tuple[str, str | None, int]  # (Word number format, label template "%1.%2.", start)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for amount, letters in _ROMAN:
            count, value = divmod(value, amount)
            out += letters * count
        return out.lower() if fmt == "lowerRoman" else out
    return str(value)


class _ListCounters:
    """Automatic list numbers, which word processors compute and never store in the text.

    Drafts number their clauses with automatic lists, so without this every clause number
    would be lost. A level's label template is rendered as the editor shows it ("%1.%2."
    gives "2.1."); a level without a definition gets hierarchical decimals.
    """

    def __init__(self) -> None:
        self.values: dict[str, dict[int, int]] = {}

    def label(self, key: str, levels: dict[int, Level], level: int) -> str:
        fmt, template, start = levels.get(level, ("decimal", None, 1))
        if fmt in ("bullet", "none"):
            return ""
        counters = self.values.setdefault(key, {})
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new item restarts the levels below it

        def render(match: re.Match[str]) -> str:
            k_fmt, _template, k_start = levels.get(int(match[1]) - 1, ("decimal", None, 1))
            return _format_number(counters.get(int(match[1]) - 1, k_start), k_fmt)

        template = template or "".join(f"%{k + 1}." for k in range(level + 1))
        label = re.sub(r"%([1-9])", render, template).strip()
        return f"{label} " if label else ""


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(element: Any, path: str) -> str | None:
    found = element.find(path, _NS)
    return None if found is None else found.get(_W + "val")


class _WordNumbering(_ListCounters):
    """Word list numbers from the paragraph's w:numPr or, as with the built-in "List Number"
    styles, its style's (following w:basedOn). Counters are per w:num, a simplification."""

    def __init__(self, document: Any) -> None:
        super().__init__()
        self.levels: dict[str, dict[int, Level]] = {}
        self.style_levels: dict[str, int] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        abstract = {
            a.get(_W + "abstractNumId"): a
            for a in (numbering.findall("w:abstractNum", _NS) if numbering is not None else [])
        }
        for num in numbering.findall("w:num", _NS) if numbering is not None else []:
            levels: dict[int, Level] = {}
            definition = abstract.get(_val(num, "w:abstractNumId"))
            for lvl in definition.findall("w:lvl", _NS) if definition is not None else []:
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                fmt = _val(lvl, "w:numFmt") or "decimal"
                levels[ilvl] = (fmt, _val(lvl, "w:lvlText"), _int(_val(lvl, "w:start"), 1))
                if style_id := _val(lvl, "w:pStyle"):
                    self.style_levels[style_id] = ilvl
            for override in num.findall("w:lvlOverride", _NS):
                ilvl, start = _int(override.get(_W + "ilvl"), 0), _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (*levels[ilvl][:2], _int(start, 1))
            self.levels[num.get(_W + "numId") or ""] = levels
        self.styles = {
            style.get(_W + "styleId"): (
                _val(style, "w:pPr/w:numPr/w:numId"),
                _val(style, "w:pPr/w:numPr/w:ilvl"),
                _val(style, "w:basedOn"),
            )
            for style in document.styles.element.findall("w:style", _NS)
        }

    def prefix(self, paragraph: Any) -> str:
        num_id = _val(paragraph, "w:pPr/w:numPr/w:numId")
        ilvl = _val(paragraph, "w:pPr/w:numPr/w:ilvl")
        style_id, seen = _val(paragraph, "w:pPr/w:pStyle"), set()
        while style_id and style_id not in seen and (num_id is None or ilvl is None):
            seen.add(style_id)
            style_num, style_ilvl, based_on = self.styles.get(style_id, (None, None, None))
            num_id = num_id or style_num
            if ilvl is None and style_num is not None:
                ilvl = style_ilvl or str(self.style_levels.get(style_id, 0))
            style_id = based_on
        levels = self.levels.get(num_id or "0")
        if not levels:  # no list, numId "0" (numbering switched off) or a dangling reference
            return ""
        return self.label(num_id or "0", levels, min(max(_int(ilvl, 0), 0), 8))


def _docx_text(data: bytes) -> str:
    """Paragraphs (tables, text boxes and tracked insertions included) in document order.

    python-docx's `Paragraph.text` skips runs nested in w:ins, w:sdt or field elements, so
    the runs are collected here and python-docx turns each into text; deleted runs hold
    w:delText, which it rightly ignores. The VML fallback copy of a text box is skipped.
    """
    document = docx.Document(io.BytesIO(data))
    numbering = _WordNumbering(document)
    paragraphs = []
    for paragraph in document.element.body.iter(_W + "p"):
        if any(True for _ in paragraph.iterancestors(_MC_FALLBACK)):
            continue
        runs = (
            r.text for r in paragraph.iter(_W + "r") if next(r.iterancestors(_W + "p")) is paragraph
        )
        paragraphs.append(numbering.prefix(paragraph) + "".join(runs))
    return "\n\n".join(paragraphs)


_ODF_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman"}
_ODF_FORMATS |= {"I": "upperRoman", "": "none"}
_MAX_ODF_SPACES = 100


class _OdfText(_ListCounters):
    """Walks an ODF body in document order, numbering items of numbered lists."""

    def __init__(self, document: Any) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.pending = ""
        self.levels: dict[str, dict[int, Level]] = {}
        for container in (document.styles, document.automaticstyles):
            for list_style in container.getElementsByType(odf_text.ListStyle):
                levels: dict[int, Level] = {}
                for node in list_style.childNodes:
                    if node.qname == (TEXTNS, "list-level-style-number"):
                        attr = node.attributes.get
                        level = _int(attr((TEXTNS, "level")), 1) - 1
                        shown = range(
                            level - _int(attr((TEXTNS, "display-levels")), 1) + 1, level + 1
                        )
                        template = ".".join(f"%{k + 1}" for k in shown if k >= 0)
                        prefix = attr((STYLENS, "num-prefix"), "")
                        template = f"{prefix}{template}{attr((STYLENS, 'num-suffix'), '')}"
                        fmt = _ODF_FORMATS.get(attr((STYLENS, "num-format"), "1"), "decimal")
                        levels[level] = (fmt, template, _int(attr((TEXTNS, "start-value")), 1))
                self.levels[list_style.getAttribute("name")] = levels
        # `<text:s text:c="…">` is expanded into that many spaces: cap it against memory abuse.
        for spaces in document.getElementsByType(odf_text.S):
            if _int(spaces.attributes.get((TEXTNS, "c")), 1) > _MAX_ODF_SPACES:
                spaces.attributes[(TEXTNS, "c")] = str(_MAX_ODF_SPACES)

    def walk(self, node: Any, style: str = "", depth: int = 0) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE or child.qname == (TEXTNS, "tracked-changes"):
                continue  # tracked-changes holds deleted text, not part of the draft
            tag, attr = child.qname, child.attributes.get
            if tag in ((TEXTNS, "p"), (TEXTNS, "h")):
                self.lines.append(self.pending + teletype.extractText(child))
                self.pending = ""
            elif tag == (TEXTNS, "list"):
                inner = attr((TEXTNS, "style-name")) or style
                continued = attr((TEXTNS, "continue-numbering")) == "true" or attr(
                    (TEXTNS, "continue-list")
                )
                if depth == 0 and not continued:
                    self.values.pop(inner, None)
                self.walk(child, inner, depth + 1)
            elif tag == (TEXTNS, "list-item") and style in self.levels:
                self.pending = (
                    self.label(style, self.levels[style], depth - 1)
                    if depth - 1 in self.levels[style]
                    else ""
                )
                self.walk(child, style, depth)
            else:
                self.walk(child, style, depth)


def _odt_text(data: bytes) -> str:
    document = load_odf(io.BytesIO(data))
    walker = _OdfText(document)
    walker.walk(document.text)
    return "\n\n".join(walker.lines)
