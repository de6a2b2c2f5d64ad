"""The account pages allauth renders are valid HTML (the whole check runs in
tests/browser/test_every_page.py; these pin the fixes where they are made)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_passkey_button_submits_a_form_on_the_page():
    soup = BeautifulSoup(Client().get("/accounts/login/").content, "html.parser")

    button = soup.select_one("button#passkey_login")
    assert button is not None
    form = soup.find("form", id=button["form"])
    assert form is not None, "the passkey button points at a form that is not on the page"
    assert form["action"] == "/accounts/2fa/webauthn/login/"


def test_the_password_rules_are_a_list_outside_any_paragraph():
    soup = BeautifulSoup(Client().get("/accounts/signup/").content, "html.parser")

    rules = soup.select_one("#id_password1_help")
    assert rules is not None and rules.name == "div"
    assert rules.select("ul li")
    assert rules.find_parent("p") is None
    assert soup.select_one("#id_password1")["aria-describedby"] == "id_password1_help"
    assert soup.select_one("label[for=id_password1]") is not None
