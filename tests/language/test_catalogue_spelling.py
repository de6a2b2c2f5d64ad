"""The Latvian catalogue, spell-checked with a real Latvian dictionary (hunspell-lv).

Every translation the site can show, ours and the allauth and Django texts we override, is
split into words (placeholders, markup, links and addresses left out); the dictionary may
not know at most 1 % of the distinct words once the allow-list (names, terms, quoted file
names) is taken out. In practice none: the list of unknown words is in the failure.
The compiled catalogue is read (what the site serves); lidzdaliba/web/tests/test_translations.py
keeps it in step with the .po.
"""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from django.conf import settings

from lidzdaliba.accounts import allauth_texts
from lidzdaliba.testing import spelling

CATALOGUE = Path(settings.BASE_DIR) / "lidzdaliba" / "locale" / "lv" / "LC_MESSAGES" / "django.mo"
ALLOWED = spelling.allow_list(Path(__file__).with_name("allowed_words.txt"))
# allauth's Latvian had these; none may come back through our catalogue either.
TYPOS = ["spiedied", "piereģistrējaties", "iegājuši", "Šobrīdējā", "ielogojies"]


def _translations() -> dict:
    with CATALOGUE.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    return {key: text for key, text in catalogue._catalog.items() if key}


def test_at_most_one_percent_of_the_catalogues_words_are_unknown_to_the_dictionary():
    words = set().union(*(spelling.words(text) for text in _translations().values()))
    misspelt = spelling.misspelt(words, ALLOWED)
    assert len(words) > 1000
    assert len(misspelt) <= len(words) / 100, sorted(misspelt)


def test_the_checker_finds_the_typos_allauths_latvian_had():
    assert spelling.misspelt({"spiedied", "šeit", "Pieteikties"}, ALLOWED) == {"spiedied"}
    texts = " ".join(_translations().values())
    assert not [typo for typo in TYPOS if typo in texts]


def test_every_overridden_allauth_and_django_text_has_its_latvian_in_our_catalogue():
    """allauth_texts.py lists them so makemessages keeps them; each must be translated."""
    translations = _translations()
    msgids = {key if isinstance(key, str) else key[0] for key in translations}
    listed = [
        text for text in allauth_texts.ALLAUTH + allauth_texts.DJANGO if isinstance(text, str)
    ]
    assert len(listed) > 250
    assert not [text for text in listed if text not in msgids]


def _allauth_entries() -> list[tuple[str, list[str]]]:
    """(msgid with its context, source references) of allauth's Latvian catalogue."""
    import allauth

    path = Path(allauth.__file__).parent / "locale" / "lv" / "LC_MESSAGES" / "django.po"
    entries, references, key, field = [], [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if key.get("msgid"):
                context = key.get("msgctxt")
                entries.append(((f"{context}\x04" if context else "") + key["msgid"], references))
            references, key, field = [], {}, None
        elif line.startswith("#:"):
            references += line[2:].split()
        elif line.startswith(("msgctxt ", "msgid ")):
            field, _, quoted = line.partition(" ")
            key[field] = ast.literal_eval(quoted)
        elif line.startswith('"') and field:
            key[field] += ast.literal_eval(line)
        else:
            field = None
    return entries


def test_every_allauth_text_of_the_features_the_site_uses_is_in_our_catalogue():
    """A new allauth version brings new texts with allauth's Latvian: this test lists them.
    Social accounts, the identity provider and the headless API are not used here."""
    unused = ("socialaccount/", "idp/", "headless/", "templates/socialaccount/", "templates/idp/")
    translations = _translations()
    msgids = {key if isinstance(key, str) else key[0] for key in translations}
    shown = [
        msgid
        for msgid, refs in _allauth_entries()
        if any(not ref.startswith(unused) for ref in refs)
    ]
    assert len(shown) > 250
    assert not [msgid for msgid in shown if msgid not in msgids]
