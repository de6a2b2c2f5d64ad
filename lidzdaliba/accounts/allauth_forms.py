"""allauth's forms with the project's limits (settings ACCOUNT_FORMS and MFA_FORMS).

A module of their own: allauth's form module imports our sign-up form (forms.py) while it
loads, so these subclasses of its forms cannot live there.
"""

from __future__ import annotations

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core import ratelimits

from . import passwords


class ChangePasswordForm(account_forms.ChangePasswordForm):
    """The current password counts against the same limits as signing in."""

    def clean_oldpassword(self) -> str:
        client = ratelimits.current_client()
        try:
            passwords.attempts_allowed(account=self.user.email, client=client)
        except ratelimits.RateLimited as limited:
            raise forms.ValidationError(limited.message, code="too_many_attempts") from None
        try:
            return super().clean_oldpassword()
        except forms.ValidationError:
            passwords.attempt_failed(account=self.user.email, client=client)
            raise


class ResetPasswordForm(account_forms.ResetPasswordForm):
    """Reset mails: a few an hour per address (nobody's inbox is flooded) and per client."""

    def save(self, request, **kwargs) -> str:
        ratelimits.hit(
            [
                ("password_reset.client", ratelimits.client_ip(request)),
                ("password_reset.address", self.cleaned_data["email"]),
            ]
        )
        return super().save(request, **kwargs)


class _SecondFactorLimit:
    """Wrong codes of a second factor are limited per account; allauth reports each one
    with its documented `authentication_failed` signal (accounts/signals.py counts it)."""

    def clean_code(self) -> str:
        try:
            ratelimits.check([("second_factor.account", str(self.user.pk))])
        except ratelimits.RateLimited as limited:
            raise forms.ValidationError(limited.message, code="too_many_attempts") from None
        return super().clean_code()


class MfaAuthenticateForm(_SecondFactorLimit, mfa_forms.AuthenticateForm):
    pass


class MfaReauthenticateForm(_SecondFactorLimit, mfa_forms.ReauthenticateForm):
    pass


class _NamedKey:
    """allauth's security-key forms leave the label of `name` to Django, which makes
    "Name" out of the field's name: untranslated, in English on Latvian pages."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of the key")


class AddWebAuthnForm(_NamedKey, webauthn_forms.AddWebAuthnForm):
    pass


class EditWebAuthnForm(_NamedKey, webauthn_forms.EditWebAuthnForm):
    pass


class RequestReauthenticationCodeForm(account_forms.RequestReauthenticationCodeForm):
    """Where to send a re-authentication code: allauth leaves the label to Django too
    ("Recipient"). allauth has no setting for this form; lidzdaliba/urls.py serves its view
    with this one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].label = _("Send the code to")
