from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from lidzdaliba.monitoring.presentation import consultations_url, percent

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    return percent(value)


QUESTIONS = {
    "taken_into_account": _("Was your opinion taken into account?"),
    "explained_why": _("Did the institution explain why?"),
    "ease_of_taking_part": _("How easy was it to take part?"),
}


@register.filter
def question_label(key: str) -> str:
    return str(QUESTIONS.get(key, key))


@register.simple_tag(takes_context=True)
def consultations_link(context, institution=None, **params) -> str:
    """The consultations list behind a figure, narrowed like the page (its institution)."""
    if institution is None:
        form = context.get("form")
        if form is not None and form.is_valid():
            institution = form.cleaned_data.get("institution")
    return consultations_url(institution, **params)
