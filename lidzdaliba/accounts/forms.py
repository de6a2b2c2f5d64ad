from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.antiautomation import HumanCheckMixin

from .models import Organisation


class SignupExtraForm(HumanCheckMixin, forms.Form):
    """Extra fields allauth adds to its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS), with the
    human-time check and honeypot of anonymous forms; sign-ups per client are limited by
    the adapter (`save_user`)."""

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


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        error_messages={"required": _("Confirm that you want to delete your account.")},
    )
