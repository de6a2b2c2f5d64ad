"""Form helpers shared by every app."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .collation import latvian_key


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def submission_token() -> str:
    """A fresh token for a form, so a re-sent submission is recognised as the same one."""
    return uuid.uuid4().hex


def apply_service_error(
    form: forms.Form, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form, on the matching field when there is one."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = field_map.get(name, name)
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


INVALID_FORM_MESSAGE = _("Please correct the errors below.")


class _LatvianOrderIterator(forms.models.ModelChoiceIterator):
    """The choices of a ModelChoiceField in Latvian alphabetical order of their labels,
    after `field.order_first(obj)` when the field has one (territories: their kind)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        first = getattr(self.field, "order_first", None) or (lambda obj: 0)
        objects = sorted(
            self.queryset,
            key=lambda obj: (first(obj), latvian_key(self.field.label_from_instance(obj))),
        )
        for obj in objects:
            yield self.choice(obj)


class LatvianOrderModelChoiceField(forms.ModelChoiceField):
    """A select of database rows listed in Latvian alphabetical order (core/collation.py):
    Ā after A, Ķ after K, on every database."""

    iterator = _LatvianOrderIterator

    def __init__(self, *args, order_first=None, **kwargs) -> None:
        self.order_first = order_first
        super().__init__(*args, **kwargs)
