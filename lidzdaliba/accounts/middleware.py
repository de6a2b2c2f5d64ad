"""Per-request account rules: language, session lifetime, second factor for officers."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .rules import needs_second_factor


class PreferredLanguageMiddleware:
    """A signed-in person sees the site in the language of their profile.

    Runs after LocaleMiddleware: anonymous visitors keep the cookie / Accept-Language choice;
    the language switcher updates the profile of a signed-in person, so both agree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs out after SESSION_IDLE_TIMEOUT without activity; the cookie itself expires
    SESSION_COOKIE_AGE (12 h) after sign-in. Activity is written at most once a minute."""

    KEY = "_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last >= 60 or self.KEY not in request.session:
                request.session[self.KEY] = now
        return self.get_response(request)


class RequireOfficerMfaMiddleware:
    """Officers, coordinators and administrators (`rules.needs_second_factor`) must add a
    second factor (TOTP or a passkey) before anything else, when REQUIRE_OFFICER_MFA is on
    (production default)."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/language/", "/healthz", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_OFFICER_MFA and self._needs_mfa(request):
            return redirect(f"{reverse('mfa_index')}?required=1")
        return self.get_response(request)

    def _needs_mfa(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(self.ALLOWED_PREFIXES) or request.path.startswith("/api/"):
            return False
        if not needs_second_factor(user):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
