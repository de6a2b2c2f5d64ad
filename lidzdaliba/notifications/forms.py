from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.antiautomation import HumanCheckMixin
from lidzdaliba.initiatives.models import Initiative
from lidzdaliba.institutions.models import AffectedGroup, Institution, Territory, Topic

from .models import Subscription


class SubscriptionForm(HumanCheckMixin, forms.Form):
    """What to follow (one of), how often, and where to send it; with the human-time check
    and honeypot of anonymous forms."""

    email = forms.EmailField(label=_("Your e-mail address"))
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="—",
    )
    topic = forms.ModelChoiceField(
        label=_("Policy area"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="—",
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.order_by("kind", "name"),
        to_field_name="slug",
        required=False,
        empty_label="—",
    )
    group = forms.ModelChoiceField(
        label=_("Affected group"),
        queryset=AffectedGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="—",
    )
    consultation = forms.ModelChoiceField(
        queryset=Consultation.objects.published(),
        required=False,
        widget=forms.HiddenInput,
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.published(),
        required=False,
        widget=forms.HiddenInput,
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    TARGETS = ("institution", "topic", "territory", "group", "consultation", "initiative")

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in self.TARGETS if cleaned.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                _(
                    "Choose exactly one thing to follow: an institution, a policy area, a "
                    "territory or an affected group."
                )
            )
        return cleaned

    def targets(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.TARGETS}


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often?"), choices=Subscription.Frequency.choices)
