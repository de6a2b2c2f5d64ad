"""Sign-in, sign-up and account pages (allauth's) read as the rest of the site in Latvian.

Their Latvian comes from our catalogue, not allauth's: one word for each action (the menu's
"Pieteikties" is the sign-in page's title and button), no typos, Django's password rules
with the right plural form, and the rendered text of every page spell-checked with the Latvian
dictionary (lidzdaliba/testing/spelling.py; pages in tests/language/pages.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from lidzdaliba.core import ratelimits
from lidzdaliba.testing import spelling

from .pages import SIGN_IN, SIGNED_IN_HOME, rendered_pages

pytestmark = pytest.mark.django_db

ALLOWED = spelling.allow_list(Path(__file__).with_name("allowed_words.txt"))
# What allauth's Latvian said on these pages: typos, wrong forms, other words.
ALLAUTH_LATVIAN = [
    "spiedied šeit",  # "click here" with a typo, as the link to sign in
    "piereģistrējaties",  # wrong form: "reģistrējieties"
    "Veiksmīgi iegājuši",  # "signed in" as "walked in"
    "12 rakstzīmei",  # Django's forms in another plural order: "vismaz 12 rakstzīmēm"
    "Ieiet",  # the page said "Ieiet", the menu "Pieteikties"
    "Šobrīdējā",
    "ielogojies",
    "verifikācij",
    "atiestat",  # the site restores a password: "atjaunot"
    "Sekojošas",
]


@pytest.fixture(scope="module")
def pages(django_db_blocker, django_db_setup, tmp_path_factory):
    """Rendered once for the module (signing in and out through every page takes a while),
    in a transaction rolled back at the end, with the isolation conftest.py gives each test:
    no page cache, no rate-limit counts carried over, Latvian by default."""
    isolated = override_settings(
        LANGUAGE_CODE="lv",
        MEDIA_ROOT=tmp_path_factory.mktemp("uploads"),
        PUBLIC_PAGE_CACHE_SECONDS=0,
        ANTI_AUTOMATION_MIN_SECONDS=0,
    )
    with django_db_blocker.unblock(), isolated, transaction.atomic():
        cache.clear()
        ratelimits.reset()
        result = rendered_pages()
        transaction.set_rollback(True)
    return result


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", spelling.visible_text(html))


def test_at_most_one_percent_of_the_words_on_the_pages_are_unknown_to_the_dictionary(pages):
    words = set().union(*(spelling.words(_text(html)) for html in pages.values()))
    misspelt = spelling.misspelt(words, ALLOWED)
    assert len(words) > 500
    assert len(misspelt) <= len(words) / 100, sorted(misspelt)


def test_allauths_own_latvian_is_nowhere_on_the_pages(pages):
    found = {
        (name, bad)
        for name, html in pages.items()
        for bad in ALLAUTH_LATVIAN
        if bad.lower() in _text(html).lower()
    }
    assert not found, sorted(found)


def test_password_rules_use_the_plural_form_of_their_number(pages):
    assert "Parolē jābūt vismaz 12 rakstzīmēm." in _text(pages["sign-up"])
    assert "Tajā jābūt vismaz 12 rakstzīmēm." in _text(pages["sign-up errors"])


def test_the_menus_word_for_signing_in_is_the_sign_in_pages_title_heading_and_button(pages):
    soup = BeautifulSoup(pages[SIGN_IN], "html.parser")
    login_url = reverse("account_login")
    menu_link = soup.select_one(f"nav a[href^='{login_url}']")
    form = soup.find("input", attrs={"name": "password"}).find_parent("form")
    submit = form.find(lambda tag: tag.name == "button" and tag.get("type", "submit") == "submit")
    words = {
        "menu": menu_link.get_text(strip=True),
        "title": soup.title.get_text().split(" – ")[0].strip(),
        "heading": soup.find("main").find("h1").get_text(strip=True),
        "button": submit.get_text(strip=True),
    }
    assert set(words.values()) == {"Pieteikties"}, words


def test_sign_up_and_sign_out_use_the_menus_words(pages):
    visitor = BeautifulSoup(pages[SIGN_IN], "html.parser")
    signup_link = visitor.select_one(f"nav a[href^='{reverse('account_signup')}']")
    signup = BeautifulSoup(pages["sign-up"], "html.parser")
    assert signup_link.get_text(strip=True) == signup.find("main").find("h1").get_text(strip=True)
    assert signup_link.get_text(strip=True) == "Reģistrēties"

    member = BeautifulSoup(pages[SIGNED_IN_HOME], "html.parser")
    menu_sign_out = member.find("form", action=reverse("account_logout")).find("button")
    sign_out = BeautifulSoup(pages["sign-out"], "html.parser").find("main")
    assert menu_sign_out.get_text(strip=True) == sign_out.find("h1").get_text(strip=True)
    assert menu_sign_out.get_text(strip=True) == "Iziet"


def test_messages_after_signing_in_and_out_read_naturally(pages):
    assert "Jūs esat pieteikušies kā Anna Liepa." in _text(pages["signed in"])
    assert "Jūs esat izgājuši no konta." in _text(pages["signed out"])


def test_fields_allauth_leaves_to_django_to_label_are_labelled_in_latvian(pages):
    """Django makes "Name" and "Recipient" out of the fields' names, in English."""

    def labels(html: str) -> set[str]:
        soup = BeautifulSoup(html, "html.parser")
        return {label.get_text(" ", strip=True).rstrip(": *") for label in soup.find_all("label")}

    assert "Atslēgas nosaukums" in labels(pages["add security key"])
    assert "Nosūtīt kodu uz" in labels(pages["code instead"])
    english = {name for name, html in pages.items() if labels(html) & {"Name", "Recipient"}}
    assert not english, english
