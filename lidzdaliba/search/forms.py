"""The search form: the consultation list's filters (so both accept the same values), plus the
words to search for and the kind of result."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.consultations.forms import ConsultationFilterForm

from .models import Kind


class SearchForm(ConsultationFilterForm):
    # No max_length: an over-long query is truncated by the search, not refused.
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        help_text=_(
            "Any form of a word, with or without Latvian letters: “pasvaldibam” also finds "
            "“pašvaldība”. End a word with * to find the words that start with it."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everything")), *Kind.choices],
        required=False,
    )

    field_order = ["q", "kind"]

    def kinds(self) -> list[str]:
        """The chosen kind as a list (empty: every kind)."""
        if not self.is_bound:
            return []
        self.is_valid()  # an invalid kind is dropped, like an invalid filter
        kind = self.cleaned_data.get("kind")
        return [kind] if kind else []
