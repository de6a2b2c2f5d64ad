"""Forms of the body and meeting pages. They parse; the services decide."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.forms import DateTimeLocalInput, LatvianOrderModelChoiceField
from lidzdaliba.institutions.models import Institution

from .models import Body, Meeting, Registration

NOTE_CHARS = 2000
TEXT_CHARS = 20000


class BodyFilterForm(forms.Form):
    institution = forms.ModelChoiceField(
        Institution.objects.all(), to_field_name="slug", required=False, label=_("Institution")
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Body.Kind.choices], required=False, label=_("Kind")
    )


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why would you like to join?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_CHARS,
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("On behalf of"),
        empty_label=_("Myself"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = user.organisations.all() if user else None
        if user is None or not user.organisations.exists():
            del self.fields["organisation"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_CHARS,
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocalInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=24 * 60, initial=120
    )
    mode = forms.ChoiceField(label=_("Form"), choices=Meeting.Mode.choices)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    accessibility = forms.CharField(
        label=_("Accessibility of the place"),
        required=False,
        max_length=NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remote_url = forms.URLField(
        label=_("Link for remote participation"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered participants and organisers."),
    )
    live_url = forms.URLField(label=_("Live stream"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, help_text=_("Empty: no limit.")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["duration"] = timedelta(minutes=data.pop("duration_minutes"))
        return data


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_CHARS
    )
    addressed_to = LatvianOrderModelChoiceField(Institution.objects.all(), label=_("Addressed to"))
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    meeting = forms.ModelChoiceField(queryset=None, required=False, label=_("Adopted at"))

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            meetings if meetings is not None else Meeting.objects.none()
        )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_CHARS
    )


class RegistrationForm(forms.Form):
    mode = forms.ChoiceField(label=_("How will you take part?"), choices=Registration.Mode.choices)
    needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by the organisers; erased after the meeting."),
    )
    question = forms.CharField(
        label=_("Question in advance"),
        required=False,
        max_length=NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    publish_name = forms.BooleanField(
        label=_("My name may be published in the list of participants"), required=False
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Question on behalf of"),
        empty_label=_("Myself (my name is not published with the question)"),
    )

    def __init__(self, *args, meeting=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a representative of an organisation chooses; the others ask as themselves.
        if user is not None and user.is_authenticated and user.organisations.exists():
            self.fields["organisation"].queryset = user.organisations.all()
        else:
            del self.fields["organisation"]
        if meeting is not None and meeting.mode != Meeting.Mode.HYBRID:
            only = (
                Registration.Mode.REMOTE
                if meeting.mode == Meeting.Mode.REMOTE
                else Registration.Mode.IN_PERSON
            )
            self.fields["mode"].choices = [(only.value, only.label)]
            self.fields["mode"].initial = only.value


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    document_url = forms.URLField(label=_("Document"), required=False, assume_scheme="https")


class PublishForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Reason for publishing late"),
        required=False,
        max_length=NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required after the deadline; shown publicly."),
    )


class MinutesForm(PublishForm):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}), max_length=TEXT_CHARS
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_CHARS,
    )
    summary = forms.CharField(
        label=_("What we heard"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_CHARS,
    )
    field_order = ["minutes", "decisions", "summary", "late_reason"]


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=NOTE_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )


class CallForm(forms.Form):
    text = forms.CharField(
        label=_("Whom is the body looking for?"),
        help_text=_("The call is published on the body's page and sent to its subscribers."),
        max_length=TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    open_until = forms.DateField(
        label=_("Applications until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: until the call is closed."),
    )
