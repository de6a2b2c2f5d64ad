from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.views import paginate

from .presentation import action_choices, describe
from .selectors import (
    audit_action_codes_in_use,
    audit_entries_visible_to,
    audit_institutions_visible_to,
)


class AuditFilterForm(forms.Form):
    """The log's filters. An action or date that is not one is shown as a form error (the
    page still answers 200, like every filter page of the site), never a server error; an
    institution the reader may not see simply lists nothing."""

    # A slug from a list (no max_length: a <select> may not carry maxlength); one that is
    # too long or unknown simply matches nothing.
    institution = forms.SlugField(label=_("Institution"), required=False, widget=forms.Select)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, institutions, actions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].widget.choices = [
            ("", _("All institutions")),
            *((inst.slug, inst.display_name) for inst in institutions),
        ]
        self.fields["action"].choices = [("", _("All actions")), *actions]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who did what and when, before and after: for managers (their institutions) and the
    coordinator (all), each action told in a sentence in the reader's language."""
    institutions = audit_institutions_visible_to(user=request.user)
    if not institutions.exists():
        raise PermissionDenied
    entries = audit_entries_visible_to(user=request.user)
    form = AuditFilterForm(
        request.GET,
        institutions=institutions,
        actions=action_choices(audit_action_codes_in_use(entries)),
    )
    form.is_valid()  # the valid filters apply; the others are shown as errors
    filters = form.cleaned_data
    if filters.get("institution"):
        entries = entries.filter(institution__slug=filters["institution"])
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("date_from"):
        entries = entries.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to") and "date_to" not in form.errors:
        entries = entries.filter(created_at__date__lte=filters["date_to"])
    page = paginate(request, entries, per_page=50)
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "rows": describe(page.object_list)},
    )
