"""Forms of the survey pages. They parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.forms import DateTimeLocalInput
from lidzdaliba.institutions.models import Institution

from .models import Question, Survey


class SurveyForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(),
        required=False,
        label=_("Institution"),
        empty_label=_("None (a survey across institutions)"),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    audience = forms.ChoiceField(label=_("Who answers"), choices=Survey.Audience.choices)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    requires_sign_in = forms.BooleanField(
        label=_("Only signed-in people may answer"), required=False, initial=True
    )
    invitation_only = forms.BooleanField(label=_("Only by invitation link"), required=False)
    allow_changes = forms.BooleanField(
        label=_("Respondents may change their answers"), required=False
    )
    results_public = forms.BooleanField(label=_("Results are public"), required=False, initial=True)
    opens_at = forms.DateTimeField(label=_("Opens"), required=False, widget=DateTimeLocalInput)
    closes_at = forms.DateTimeField(label=_("Closes"), required=False, widget=DateTimeLocalInput)

    def __init__(self, *args, institutions=None, coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        field.queryset = institutions if institutions is not None else Institution.objects.none()
        field.required = not coordinator


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=300)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=1000)
    help_text = forms.CharField(label=_("Explanation"), max_length=1000, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    section = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Section"), empty_label=_("No section")
    )
    scale_max = forms.IntegerField(
        label=_("Scale from 1 to"), min_value=2, max_value=10, initial=10
    )
    label_low = forms.CharField(
        label=_("Label of the lowest value"), max_length=100, required=False
    )
    label_high = forms.CharField(
        label=_("Label of the highest value"), max_length=100, required=False
    )
    options = forms.CharField(
        label=_("Options (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choices and rankings."),
    )
    rows = forms.CharField(
        label=_("Rows of the matrix (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    allow_other = forms.BooleanField(label=_("Allow “other”"), required=False)
    show_if = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Show only if the answer to"),
        empty_label=_("Always show"),
    )
    show_if_values = forms.CharField(
        label=_("is one of (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        self.fields["show_if"].queryset = survey.questions.filter(
            kind__in=[Question.Kind.SCALE, Question.Kind.SINGLE, Question.Kind.MULTIPLE]
        )

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses (one a line)"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_emails(self):
        validator = forms.EmailField()
        return [validator.clean(line) for line in QuestionForm.lines(self.cleaned_data["emails"])]


class ImportForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(),
        required=False,
        label=_("Institution"),
        empty_label=_("None (a survey across institutions)"),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    group_column = forms.CharField(
        label=_("Column with the respondent group"), required=False, max_length=1000
    )

    def __init__(self, *args, institutions=None, coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = (
            institutions if institutions is not None else Institution.objects.none()
        )
        self.fields["institution"].required = not coordinator

    def keep_file(self) -> None:
        """The confirming step: the file was kept from the first step, not posted again."""
        self.fields["file"].required = False
