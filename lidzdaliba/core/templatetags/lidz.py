"""Template helpers: accessible form fields, query strings, status badges."""

from __future__ import annotations

from django import forms, template
from django.utils.http import urlencode

from lidzdaliba.core import dates

register = template.Library()

GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_group(field) -> bool:
    """Radio buttons and checkbox lists are announced as a group (fieldset and legend)."""
    return isinstance(field.field.widget, GROUP_WIDGETS)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def accessible_widget(field):
    """The widget with its help text and errors tied to it for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    # A widget knows whether `required` is allowed on it: HTML forbids it on a select whose
    # first option is a real choice rather than an empty placeholder.
    allowed = field.field.widget.use_required_attribute(field.initial)
    if field.field.required and not is_group(field) and allowed:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + urlencode(sorted(query.lists()), doseq=True) if query else "?"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def safe_url(value) -> str:
    """Only http(s) links reach an href: a stored `javascript:` URL renders as nothing."""
    value = str(value or "").strip()
    return value if value.lower().startswith(("https://", "http://")) else ""


# --- Dates as people read them (core/dates.py) --------------------------------------------


@register.filter
def ldate(value, case: str = "nom") -> str:
    """`{{ consultation.closes_at|ldate:"dat" }}` → "2026. gada 10. decembrim" (Latvian, in
    the case the sentence needs: nom, gen, dat, acc, loc) / "10 December 2026"."""
    return dates.format_date(value, case)


@register.filter
def ldatetime(value, case: str = "nom") -> str:
    """ "2026. gada 10. decembrim plkst. 23.59" / "10 December 2026 at 23:59"."""
    return dates.format_datetime(value, case)


@register.filter
def lshortdate(value) -> str:
    """Tables: "10.12.2026." / "10 Dec 2026"."""
    return dates.format_short_date(value)


@register.filter
def lshortdatetime(value) -> str:
    """Tables: "10.12.2026. 23.59" / "10 Dec 2026 23:59"."""
    return dates.format_short_datetime(value)


@register.filter
def time_left(value) -> str:
    """ "vēl 4 dienas", "beidzas šodien" / "4 days left", "ends today"; "" once passed."""
    return dates.time_left(value)
