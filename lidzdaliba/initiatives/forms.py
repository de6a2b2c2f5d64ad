"""Forms of the initiative pages; the list filters are shared with the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.forms import LatvianOrderModelChoiceField, MultipleFileField
from lidzdaliba.core.limits import LONG_TEXT_CHARS
from lidzdaliba.institutions.models import Institution, Territory, Topic

from .models import UNPUBLISHED_STATUSES, Kind, ModerationDecision, ModerationReason, Status
from .services.signatures import signer_citizenship, signer_residence


class InitiativeForm(forms.Form):
    institution = LatvianOrderModelChoiceField(
        label=_("To which institution?"),
        queryset=Institution.objects.all(),
        to_field_name="slug",
        empty_label=_("Choose the institution"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=300)
    problem = forms.CharField(
        label=_("The problem"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONG_TEXT_CHARS,
        help_text=_("What is wrong today, and whom it affects."),
    )
    solution = forms.CharField(
        label=_("The proposed solution"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONG_TEXT_CHARS,
        help_text=_("What the institution should do."),
    )
    topic = forms.ModelChoiceField(
        label=_("Policy area"), queryset=Topic.objects.all(), empty_label=_("Choose")
    )
    territory = LatvianOrderModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.all(),
        order_first=lambda territory: territory.kind,
        empty_label=_("Choose"),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The addressee is fixed once drafted: its rules decide the rest.
            del self.fields["institution"]


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of the co-sponsors"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("One address per line. Each person gets a link to accept."),
    )

    def addresses(self) -> list[str]:
        text = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        return [line for line in (part.strip() for part in text.splitlines()) if line]


class SignForm(forms.Form):
    public_name = forms.BooleanField(
        label=_("Show my name in the public list of signers"), required=False
    )
    declared_min_age = forms.BooleanField(label=_("I am at least 16 years old"), required=False)
    declared_citizenship = forms.BooleanField(label=_("I am a citizen of Latvia"), required=False)
    declared_residence = forms.BooleanField(
        label=_("My declared residence is in this territory"), required=False
    )

    def __init__(self, *args, initiative=None, signer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiative is not None:
            self.fields["declared_min_age"].label = _("I am at least %(age)s years old") % {
                "age": initiative.min_age
            }
            # The eID gave the birth date: the age is checked, not declared.
            age_verified = bool(
                signer is not None
                and getattr(signer, "eid_verified", False)
                and signer.verified_birth_date
            )
            if not initiative.min_age or age_verified:
                del self.fields["declared_min_age"]
            # Nor is what the eID's claims gave: citizenship, the declared municipality.
            if not initiative.requires_citizenship or signer_citizenship(signer) is not None:
                del self.fields["declared_citizenship"]
            if (
                not initiative.requires_residence
                or signer_residence(signer, initiative.territory) is not None
            ):
                del self.fields["declared_residence"]


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ModerationDecision.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(
        label=_("Reason (when returning or rejecting)"),
        choices=[("", _("Choose")), *ModerationReason.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Explanation for the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT_CHARS,
        help_text=_("Required when returning or rejecting. The author sees it."),
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONG_TEXT_CHARS,
        help_text=_("Explain the decision in plain words. Required for every outcome."),
    )
    documents = MultipleFileField(
        label=_("Documents (optional)"),
        required=False,
        help_text=_("Up to 5 files: PDF, DOCX, ODT, XLSX, ODS, text or images, 10 MB each."),
    )


class MilestoneForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT_CHARS,
    )


class PaperBatchForm(forms.Form):
    count = forms.IntegerField(label=_("Number of signatures"), min_value=1, max_value=10_000_000)
    reference = forms.CharField(label=_("Reference of the received document"), max_length=100)


class InitiativeFilterForm(forms.Form):
    """The list filters, shared by the web list and the API so both accept the same values."""

    institution = LatvianOrderModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All institutions"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))]
        + [c for c in Status.choices if c[0] not in UNPUBLISHED_STATUSES],
        required=False,
    )
    topic = forms.ModelChoiceField(
        label=_("Policy area"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All policy areas"),
    )
    territory = LatvianOrderModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.all(),
        order_first=lambda territory: territory.kind,
        to_field_name="slug",
        required=False,
        empty_label=_("All territories"),
    )

    def filters(self):
        from .selectors import InitiativeFilters

        if not self.is_bound:
            return InitiativeFilters()
        self.is_valid()  # invalid values are dropped one by one; the valid ones still filter
        data = self.cleaned_data
        return InitiativeFilters(
            institution=data.get("institution"),
            kind=data.get("kind") or None,
            status=data.get("status") or None,
            topic=data.get("topic"),
            territory=data.get("territory"),
        )
