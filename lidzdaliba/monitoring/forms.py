from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.institutions.models import Institution
from lidzdaliba.surveys.selectors import survey_list_public

from .models import EvaluationReport
from .selectors import IndicatorFilters


class IndicatorFilterForm(forms.Form):
    """The filters of the indicator pages, the exports and the API."""

    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All institutions"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of institution"),
        choices=[("", _("State and municipal")), *Institution.Kind.choices],
        required=False,
    )
    start = forms.DateField(
        label=_("From month"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until month"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start must not be after the end."))
        return data

    def filters(self) -> IndicatorFilters:
        data = self.cleaned_data if self.is_valid() else {}
        institution = data.get("institution")
        return IndicatorFilters(
            institution_ids=(institution.pk,) if institution else None,
            kind=data.get("kind") or None,
            start=data.get("start"),
            end=data.get("end"),
        )


class EvaluationReportForm(forms.ModelForm):
    class Meta:
        model = EvaluationReport
        fields = ["title", "period_start", "period_end", "institutions", "surveys", "conclusions"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "institutions": forms.CheckboxSelectMultiple,
            "surveys": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "institutions": _("None chosen: all institutions."),
            "surveys": _("The results of the chosen published surveys are added to the report."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only published surveys: a draft has no results to report.
        self.fields["surveys"].queryset = survey_list_public().order_by("-pk")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start must not be after the end."))
        return data
