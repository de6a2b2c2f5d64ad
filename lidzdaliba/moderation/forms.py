from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.consultations.models import HiddenReason
from lidzdaliba.core.limits import LONG_TEXT_CHARS


class ReasonForm(forms.Form):
    """A reason from the closed set and a note (required for "other", by the services)."""

    reason = forms.ChoiceField(
        label=_("Reason"), choices=HiddenReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT_CHARS,
        help_text=_("Required when the reason is \u201cOther reason\u201d."),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT_CHARS,
    )


class RequiredNoteForm(NoteForm):
    note = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT_CHARS,
    )


class AppointForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person's account"))
