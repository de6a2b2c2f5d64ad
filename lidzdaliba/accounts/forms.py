from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class SignupExtraForm(forms.Form):
    """Extra fields allauth adds to its sign-up form."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)

    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"]
        language = (getattr(request, "LANGUAGE_CODE", "") or "lv")[:2]
        user.preferred_language = language if language in dict(settings.LANGUAGES) else "lv"
        user.save(update_fields=["full_name", "preferred_language"])


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Language of the site and e-mails"), choices=settings.LANGUAGES
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=32,
        help_text=_("As in the Register of Enterprises, e.g. 40008000000."),
    )


class RepresentativeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to add"))


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("E.g. the program that will use it.")
    )
