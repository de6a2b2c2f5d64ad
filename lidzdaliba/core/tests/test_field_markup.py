"""The project's field markup (templates/includes/field.html and the `accessible_widget` tag)
follows the HTML standard, which the Nu HTML Checker enforces over every page in
tests/browser/test_every_page.py."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


class ExampleForm(forms.Form):
    language = forms.ChoiceField(choices=[("lv", "Latviešu"), ("en", "English")])
    topic = forms.ChoiceField(choices=[("", "—"), ("vide", "Vide")])
    rules = forms.CharField(help_text=mark_safe("<ul><li>Vismaz 12 zīmes</li></ul>"))


def rendered() -> BeautifulSoup:
    return BeautifulSoup(
        render_to_string("includes/fields.html", {"form": ExampleForm()}), "html.parser"
    )


def test_required_only_on_a_select_that_starts_with_an_empty_choice():
    soup = rendered()

    # HTML forbids `required` on a select whose first option is a real choice.
    assert not soup.select_one("select#id_language").has_attr("required")
    assert soup.select_one("select#id_topic").has_attr("required")
    assert soup.select_one("input#id_rules").has_attr("required")


def test_help_text_with_a_list_is_not_inside_a_paragraph():
    help_text = rendered().select_one("#id_rules_help")

    assert help_text.name == "div"
    assert help_text.select_one("ul li").text == "Vismaz 12 zīmes"
