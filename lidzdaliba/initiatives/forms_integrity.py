"""Forms of the institution's integrity pages (invalidating signatures), of the rules page
and of draft attachments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.forms import DateTimeLocalInput, MultipleFileField
from lidzdaliba.core.limits import LONG_TEXT_CHARS

from .models import InitiativeRules, InvalidationRule, PaperBatch
from .services.initiatives import RULE_FIELDS
from .services.invalidation import RuleSpec


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT_CHARS,
        help_text=_("The signers are told it by e-mail; it is in the verification export."),
    )


class InvalidateOneForm(forms.Form):
    reason = _reason_field()


class InvalidationRuleForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=[c for c in InvalidationRule.choices if c[0] != InvalidationRule.SINGLE],
        widget=forms.RadioSelect,
    )
    email_domain = forms.CharField(
        label=_("E-mail domain"),
        required=False,
        max_length=255,
        help_text=_("For the domain rule, such as example.com."),
    )
    starts_at = forms.DateTimeField(
        label=_("Window start"), required=False, widget=DateTimeLocalInput()
    )
    ends_at = forms.DateTimeField(
        label=_("Window end"), required=False, widget=DateTimeLocalInput()
    )
    network = forms.CharField(
        label=_("Client network"),
        required=False,
        max_length=64,
        help_text=_("For the network rule, such as 192.0.2.0/24 (as on the trends page)."),
    )
    paper_batch = forms.ModelChoiceField(
        label=_("Paper batch"),
        queryset=PaperBatch.objects.none(),
        required=False,
        empty_label=_("Choose"),
    )
    reason = _reason_field()

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiative is not None:
            self.fields["paper_batch"].queryset = PaperBatch.objects.filter(
                initiative=initiative, invalidation__isnull=True
            )

    def spec(self) -> RuleSpec:
        data = self.cleaned_data
        batch = data.get("paper_batch")
        return RuleSpec(
            rule=data["rule"],
            email_domain=data.get("email_domain") or "",
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            network=data.get("network") or "",
            paper_batch_id=batch.pk if batch else None,
        )


class RulesForm(forms.ModelForm):
    """An institution's rules for one kind of initiative (managers only)."""

    class Meta:
        model = InitiativeRules
        fields = RULE_FIELDS

    def clean(self):
        data = super().clean()
        if data.get("threshold_absolute") is not None and data.get("threshold_share") is not None:
            self.add_error(
                "threshold_share",
                _("Give either the number of signatures or the share of the population."),
            )
        share = data.get("threshold_share")
        if share is not None and not (0 < share <= 100):
            self.add_error("threshold_share", _("A share is more than 0 and at most 100 %."))
        return data


class AttachmentForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("Up to 5 files: PDF, DOCX, ODT, XLSX, ODS, text or images, 10 MB each."),
    )
