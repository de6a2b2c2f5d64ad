from __future__ import annotations

from django import forms
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lidzdaliba.core.enums import OpinionKind, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.core.forms import (
    DateTimeLocalInput,
    LatvianOrderModelChoiceField,
    MultipleFileField,
)
from lidzdaliba.core.limits import DOCUMENT_TEXT_CHARS, LONG_TEXT_CHARS, NOTE_CHARS
from lidzdaliba.core.views import MAX_ID
from lidzdaliba.institutions.forms import GROUPS_WHY, group_choices
from lidzdaliba.institutions.models import AffectedGroup, Institution, Territory, Topic

from .models import Clause, Consultation, Status
from .selectors import DeskState
from .services.consultations import EDITABLE_FIELDS


class ConsultationForm(forms.ModelForm):
    affected_groups = forms.ModelMultipleChoiceField(
        label=_("Affected groups"),
        queryset=AffectedGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Consultation
        fields = [*EDITABLE_FIELDS, "affected_groups"]
        widgets = {
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "short_period_justification": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "short_period_justification": _(
                "Needed only when the period is shorter than the minimum for this kind of "
                "consultation. It is shown publicly."
            ),
            "closes_at": _("Opinions are accepted until this moment."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("kind", "name")


class DocumentVersionForm(forms.Form):
    upload = forms.FileField(
        label=_("Upload the draft"),
        required=False,
        help_text=_("DOCX, ODT, PDF, Markdown or plain text, at most 10 MB."),
    )
    text = forms.CharField(
        label=_("…or type or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=DOCUMENT_TEXT_CHARS,
        help_text=_('Numbered lines ("1.", "2.1.") become clauses people can comment on.'),
    )
    change_note = forms.CharField(label=_("What changed"), required=False, max_length=NOTE_CHARS)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("upload") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a file or type the text."))
        if cleaned.get("upload") and (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("Either upload a file or type the text, not both."))
        return cleaned


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), help_text=_("At most 10 MB."))


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of opinion is it?"),
        choices=OpinionKind.choices,
        widget=forms.RadioSelect,
    )
    clause = forms.TypedChoiceField(
        label=_("Which part of the draft is it about?"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    text = forms.CharField(
        label=_("Your opinion"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=LONG_TEXT_CHARS,
    )
    proposed_wording = forms.CharField(
        label=_("Proposed wording (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT_CHARS,
        help_text=_("How would you write the clause?"),
    )
    organisation = forms.TypedChoiceField(
        label=_("On whose behalf?"), coerce=int, empty_value=None, required=False
    )
    show_name = forms.BooleanField(
        label=_("My name may be shown publicly next to the opinion"), required=False
    )
    declared_groups = forms.TypedMultipleChoiceField(
        label=_("I give this opinion as a member of … (optional)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=format_lazy(
            "{} {}",
            GROUPS_WHY,
            _("Not stored for an opinion on behalf of an organisation: its kind is its group."),
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("Up to 5 files: PDF, DOCX, ODT, XLSX, ODS, text or images, 10 MB each."),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, clauses=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", _("The whole draft"))] + [
            (clause.pk, f"{clause.label} {clause.text[:90]}".strip())
            for clause in clauses
            if not clause.is_heading
        ]
        self.fields["organisation"].choices = [("", _("Myself, as a private person"))] + [
            (organisation.pk, organisation.name) for organisation in organisations
        ]
        self.fields["declared_groups"].choices = group_choices()
        if not organisations:
            self.fields["organisation"].widget = forms.HiddenInput()


class OpinionEditForm(forms.Form):
    """What an author may change while the consultation is open. Who it speaks for, the
    consent to show the name and the files stay as given."""

    kind = OpinionForm.base_fields["kind"]
    clause = OpinionForm.base_fields["clause"]
    text = OpinionForm.base_fields["text"]
    proposed_wording = OpinionForm.base_fields["proposed_wording"]

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", _("The whole draft"))] + [
            (clause.pk, f"{clause.label} {clause.text[:90]}".strip())
            for clause in clauses
            if not clause.is_heading
        ]


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LONG_TEXT_CHARS,
        help_text=_("Explain the decision in plain words. Required for every outcome."),
    )
    new_wording = forms.CharField(
        label=_("New wording of the clause (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT_CHARS,
    )


class BulkAnswerForm(AnswerForm):
    opinions = forms.TypedMultipleChoiceField(
        label=_("Opinions to answer with this reason"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, opinion_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinions"].choices = list(opinion_choices)


class FeedbackPublishForm(forms.Form):
    """Publishing the feedback table. The justification is asked for, and required, only
    while some opinions have no answer (the service checks it too)."""

    justification = forms.CharField(
        label=_("Why publish now with unanswered opinions?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        max_length=LONG_TEXT_CHARS,
        help_text=_("Shown publicly with the feedback table."),
    )

    def __init__(self, *args, unanswered: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not unanswered:
            del self.fields["justification"]


class DecisionForm(forms.Form):
    decision_url = forms.URLField(
        label=_("Link to the final decision"), required=False, assume_scheme="https"
    )
    decision_summary = forms.CharField(
        label=_("What was decided"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT_CHARS,
    )


class ConsultationFilterForm(forms.Form):
    """The list filters, shared by the web list and the API so both accept the same values."""

    q = forms.CharField(label=_("Words in title or summary"), required=False, max_length=200)
    institution = LatvianOrderModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All institutions"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status"))] + [c for c in Status.choices if c[0] != Status.DRAFT],
        required=False,
    )
    stage = forms.ChoiceField(
        label=_("Policy stage"),
        choices=[("", _("Any stage")), *PolicyStage.choices],
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
    group = forms.ModelChoiceField(
        label=_("Affected group"),
        queryset=AffectedGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All groups"),
    )
    form = forms.ChoiceField(
        label=_("Participation form"),
        choices=[("", _("Any form")), *ParticipationForm.choices],
        required=False,
    )

    def filters(self):
        from .selectors import ConsultationFilters

        if not self.is_bound:
            return ConsultationFilters()
        # Invalid values are dropped one by one; the valid ones still filter.
        self.is_valid()
        data = self.cleaned_data
        return ConsultationFilters(
            institution=data.get("institution"),
            status=data.get("status") or None,
            stage=data.get("stage") or None,
            topic=data.get("topic"),
            territory=data.get("territory"),
            group=data.get("group"),
            form=data.get("form") or None,
            q=data.get("q") or "",
        )


class DeskFilterForm(forms.Form):
    """The officer desk's filters (GET). The clauses offered are those of the chosen
    consultation; a value that is not one of the choices is a form error, never a crash."""

    WHOLE_DRAFT = "whole"
    # What the desk shows with no filter: every opinion still waiting for an answer.
    UNFILTERED = {
        "consultation": None,
        "clause": None,
        "whole_draft": False,
        "kind": "",
        "state": DeskState.UNANSWERED,
    }

    consultation = forms.ModelChoiceField(
        label=_("Consultation"),
        queryset=Consultation.objects.none(),
        required=False,
        empty_label=_("All consultations"),
    )
    clause = forms.ChoiceField(label=_("Clause"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *OpinionKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            (DeskState.UNANSWERED, _("Waiting for an answer")),
            (DeskState.OVERDUE, _("Answer overdue")),
            (DeskState.ANSWERED, pgettext_lazy("opinion", "Answered")),
            (DeskState.ALL, _("All opinions")),
        ],
        required=False,
    )

    def __init__(self, data, *, consultations, clauses_of) -> None:
        super().__init__(data)
        self.fields["consultation"].queryset = consultations
        self.fields["consultation"].label_from_instance = lambda c: Truncator(c.title).chars(80)
        choices = [("", _("Any clause")), (self.WHOLE_DRAFT, _("Whole draft"))]
        self.clauses: dict[str, Clause] = {}
        chosen = str(self.data.get("consultation", ""))
        if chosen.isdigit() and int(chosen) <= MAX_ID:
            clauses = clauses_of(consultations.filter(pk=int(chosen)))
            several_versions = len({clause.version_id for clause in clauses}) > 1
            for clause in clauses:
                self.clauses[str(clause.pk)] = clause
                label = (
                    _("Version %(n)s, clause %(clause)s")
                    % {"n": clause.version.number, "clause": clause.label}
                    if several_versions
                    else clause.label
                )
                choices.append((str(clause.pk), label))
        self.fields["clause"].choices = choices

    def filters(self) -> dict:
        """The arguments for `selectors.desk_opinions` from the fields that are valid."""
        data = getattr(self, "cleaned_data", {})
        clause = data.get("clause", "")
        return {
            "consultation": data.get("consultation"),
            "clause": self.clauses.get(clause),
            "whole_draft": clause == self.WHOLE_DRAFT,
            "kind": data.get("kind", ""),
            "state": data.get("state") or DeskState.UNANSWERED,
        }


class ReviewRequestForm(forms.Form):
    """The author of a hidden opinion asks, once, for the decision to be looked at again."""

    text = forms.CharField(
        label=_("Why should the text be shown?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT_CHARS,
    )
