from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfficerRole


class OfficerRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=OfficerRole.Role.choices)


# Why the groups are asked, said wherever they are asked (the profile and the opinion form).
GROUPS_WHY = _(
    "Optional. It helps to see which groups of the public take part, so institutions can "
    "reach those who are missing. Only you see your choice; it is counted only together with "
    "others', never shown next to your name or opinion, and you may change or remove it at "
    "any time."
)


def group_choices() -> list[tuple[int, str]]:
    from .selectors import affected_groups

    return [(group.pk, group.display_name) for group in affected_groups()]


class DeclaredGroupsForm(forms.Form):
    groups = forms.TypedMultipleChoiceField(
        label=_("I belong to these affected groups"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=GROUPS_WHY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = group_choices()
