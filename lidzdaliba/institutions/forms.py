from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfficerRole


class OfficerRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=OfficerRole.Role.choices)
