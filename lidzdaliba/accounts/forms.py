from django import forms
from django.utils.translation import gettext_lazy as _


class SignupExtraForm(forms.Form):
    """Extra fields allauth adds to its sign-up form."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)

    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = getattr(request, "LANGUAGE_CODE", "lv")[:2]
        user.save(update_fields=["full_name", "preferred_language"])
