"""The Latvian catalogue is complete, consistent with its English msgids, and compiled.

The .po file is parsed here with a deliberately small parser (no extra library): it knows
multi-line strings, msgctxt, plural entries and skips obsolete `#~` entries. The compiled
.mo is read with the standard library's gettext, so a forgotten `compilemessages` shows up.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale" / "lv" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# CLDR's three Latvian categories, in its order: zero (ends in 0 or in 11–19), one (ends
# in 1 but not 11), other.
LATVIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==0 || n%100>=11 && n%100<=19 ? 0 : n%10==1 && n%100!=11 ? 1 : 2);"
)
NPLURALS = 3

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    plurals: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.plurals.get(i, "") for i in range(max(NPLURALS, len(self.plurals)))]

    def __str__(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def _unquote(text: str) -> str:
    text = text.strip()
    assert len(text) >= 2 and text[0] == text[-1] == '"', f"not a quoted string: {text!r}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, obsolete (`#~`) entries left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int | None] | None = None  # the field that continuation lines extend
    seen_msgstr = False

    def finish() -> None:
        nonlocal current, target, seen_msgstr, flags
        if current is not None:
            entries.append(current)
        current, target, seen_msgstr, flags = None, None, False, set()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue  # obsolete entry: ignored, as gettext does
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue  # translator, extracted, reference and previous-msgid comments
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if keyword in ("msgctxt", "msgid") and seen_msgstr:
                finish()  # a new entry without a blank line before it
            if current is None:
                current = Entry(line=number, flags=flags)
            if keyword == "msgctxt":
                current.msgctxt, target = value, ("msgctxt", None)
            elif keyword == "msgid":
                current.msgid, target = value, ("msgid", None)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = value, ("msgid_plural", None)
            elif index is not None:
                current.plurals[int(index)], target = value, ("plurals", int(index))
                seen_msgstr = True
            else:
                current.msgstr, target = value, ("msgstr", None)
                seen_msgstr = True
            continue
        if line.startswith('"') and current is not None and target is not None:
            name, index = target
            if name == "plurals":
                current.plurals[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
            continue
        raise AssertionError(f"{path.name}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]"
)
_BRACES = re.compile(r"(?<!\{)\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """(named %(x)s, positional %s/%d in order, {x}) with escaped %% left out."""
    text = text.replace("%%", "")
    named, positional = set(), []
    for match in _PERCENT.finditer(text):
        if match.group("name") is not None:
            named.add(match.group(0))
        else:
            positional.append(match.group(0))
    braces = frozenset(match.group(0) for match in _BRACES.finditer(text))
    return frozenset(named), tuple(positional), braces


def _edge_whitespace(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def test_the_parser_reads_multiline_context_plural_and_obsolete_entries(tmp_path):
    po = tmp_path / "sample.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: lv\\n"\n\n'
        '#, python-format\nmsgctxt "button"\nmsgid ""\n"Long "\n"text %(n)s"\n'
        'msgstr "Garš "\n"teksts %(n)s"\n\n'
        'msgid "%(n)s item"\nmsgid_plural "%(n)s items"\n'
        'msgstr[0] "%(n)s vienums"\nmsgstr[1] "%(n)s vienumi"\nmsgstr[2] "%(n)s vienumu"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Vairs nav"\n',
        encoding="utf-8",
    )
    header, context, plural = parse_po(po)
    assert header.is_header and header_fields([header]) == {"Language": "lv"}
    assert (context.msgctxt, context.msgid, context.msgstr) == (
        "button",
        "Long text %(n)s",
        "Garš teksts %(n)s",
    )
    assert context.flags == {"python-format"}
    assert plural.translations == ["%(n)s vienums", "%(n)s vienumi", "%(n)s vienumu"]


def test_catalogue_has_messages(messages):
    assert len(messages) > 100


def test_header_is_latvian(entries):
    fields = header_fields(entries)
    assert fields.get("Language") == "lv"
    assert " ".join(fields.get("Plural-Forms", "").split()) == LATVIAN_PLURAL_FORMS
    assert fields.get("Content-Type", "").replace(" ", "").lower() == "text/plain;charset=utf-8"


def test_no_entry_is_fuzzy(entries):
    fuzzy = [str(entry) for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy entries:\n" + "\n".join(fuzzy)


def test_every_entry_is_translated(messages):
    untranslated = []
    for entry in messages:
        forms = entry.translations
        if entry.msgid_plural is not None and len(entry.plurals) != NPLURALS:
            untranslated.append(f"{entry} has {len(entry.plurals)} plural forms, not {NPLURALS}")
        elif not all(form.strip() for form in forms):
            untranslated.append(str(entry))
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_placeholders_match(messages):
    """Each translation uses the placeholders of its msgid; every plural form uses those of
    msgid_plural (the Latvian "one" form also covers 21, 31, … so it needs the number too)."""
    mismatched = []
    for entry in messages:
        source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
        expected = placeholders(source)
        for form in entry.translations:
            if form and placeholders(form) != expected:
                mismatched.append(f"{entry}: {placeholders(form)} != {expected}")
    assert not mismatched, "placeholder mismatches:\n" + "\n".join(mismatched)


def test_leading_and_trailing_whitespace_is_kept(messages):
    different = [
        str(entry)
        for entry in messages
        for form in entry.translations
        if form and _edge_whitespace(form) != _edge_whitespace(entry.msgid)
    ]
    assert not different, "whitespace differs:\n" + "\n".join(different)


def test_no_message_is_defined_twice(messages):
    keys = Counter((entry.msgctxt, entry.msgid) for entry in messages)
    assert not [key for key, count in keys.items() if count > 1]


def test_compiled_catalogue_is_up_to_date(messages):
    assert MO_PATH.exists(), "run: manage.py compilemessages --ignore .venv"
    with MO_PATH.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages:
        if entry.msgid_plural is None:
            if entry.msgctxt is None:
                got = catalogue.gettext(entry.msgid)
            else:
                got = catalogue.pgettext(entry.msgctxt, entry.msgid)
            if got != entry.msgstr:
                stale.append(f"{entry}: .mo has {got!r}")
            continue
        # CLDR's Latvian categories: n=10 → zero (form 0), n=21 → one (1), n=2 → other (2).
        for n, index in ((10, 0), (21, 1), (2, 2)):
            if entry.msgctxt is None:
                got = catalogue.ngettext(entry.msgid, entry.msgid_plural, n)
            else:
                got = catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            if got != entry.plurals.get(index):
                stale.append(f"{entry} (n={n}): .mo has {got!r}")
    assert not stale, (
        "django.mo is out of date, run: manage.py compilemessages --ignore .venv\n"
        + "\n".join(stale[:20])
    )


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 viedokļu"),
        (1, "1 viedoklis"),
        (2, "2 viedokļi"),
        (9, "9 viedokļi"),
        (10, "10 viedokļu"),
        (11, "11 viedokļu"),
        (19, "19 viedokļu"),
        (20, "20 viedokļu"),
        (21, "21 viedoklis"),
        (22, "22 viedokļi"),
        (101, "101 viedoklis"),
        (111, "111 viedokļu"),
    ],
)
def test_latvian_plurals_follow_cldr(n, expected):
    """Issue 10, item 1: "21 viedoklis", "10 viedokļu" — zero, one and other as CLDR has them."""
    with translation.override("lv"):
        assert translation.ngettext("%(n)s opinion", "%(n)s opinions", n) % {"n": n} == expected


def test_latvian_is_used_by_django():
    with translation.override("lv"):
        assert translation.gettext("Consultations") != "Consultations"
        assert translation.gettext("Consultations") == "Apspriedes"
        assert translation.ngettext("%(n)s opinion", "%(n)s opinions", 5) % {"n": 5} == (
            "5 viedokļi"
        )
    with translation.override("en"):
        assert translation.gettext("Consultations") == "Consultations"
