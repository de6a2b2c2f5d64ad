from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lidzdaliba.core.views import paginate

from .selectors import audit_entries_visible_to, audit_institutions_visible_to


class AuditFilterForm(forms.Form):
    institution = forms.SlugField(required=False, max_length=100)
    action = forms.CharField(required=False, max_length=64)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who did what and when, before and after: for managers (their institutions) and the
    coordinator (all)."""
    institutions = audit_institutions_visible_to(user=request.user)
    if not institutions.exists():
        raise PermissionDenied
    entries = audit_entries_visible_to(user=request.user)
    form = AuditFilterForm(request.GET)
    form.is_valid()  # invalid values (a NUL character, an overlong string) are dropped
    selected = form.cleaned_data.get("institution", "")
    if selected:
        entries = entries.filter(institution__slug=selected)
    action = form.cleaned_data.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    return render(
        request,
        "audit/list.html",
        {
            "page": paginate(request, entries, per_page=50),
            "institutions": institutions,
            "selected": selected,
            "action": action,
        },
    )
