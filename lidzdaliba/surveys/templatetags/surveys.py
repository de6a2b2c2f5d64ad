"""Small template helpers of the results page."""

from django import template
from django.utils.translation import gettext as _

from ..models import INSTITUTIONS, PUBLIC

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def group_name(group: str) -> str:
    """The respondent group's name: the two built-in groups translated, an imported
    survey's group as its file said."""
    if group == PUBLIC:
        return _("Public")
    if group == INSTITUTIONS:
        return _("Institutions")
    return group
