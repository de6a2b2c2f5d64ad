"""Profile pages: name and language, organisations one represents, API tokens, and one's
data: a copy of it, and deleting the account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.ratelimits import client_ip
from lidzdaliba.core.views import posted_id

from . import gdpr, rules, selectors, services
from .eid import is_enabled as eid_is_enabled
from .forms import (
    AccountDeleteForm,
    ApiTokenForm,
    OrganisationForm,
    ProfileForm,
    RepresentativeForm,
)
from .models import Organisation


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "organisations": selectors.organisations_represented_by(user=user),
            "tokens": selectors.api_tokens_of(user=user),
            "token_form": ApiTokenForm(),
            # Own ids: the token form on the same page has a "name" field too.
            "organisation_form": OrganisationForm(auto_id="id_organisation_%s"),
            "new_token": request.session.pop("new_api_token", None),
            "identity_level": selectors.identity_level(user),
            "masked_personal_code": selectors.masked_personal_code(user),
            "eid_enabled": eid_is_enabled(),
            "token_days": settings.API_TOKEN_DAYS,
            "tokens_max": settings.API_TOKENS_PER_ACCOUNT,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        # Shown once on the next page, then forgotten: only its hash is stored.
        request.session["new_api_token"] = key
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        if token.replaced is not None:
            messages.warning(
                request,
                _("Your oldest token (%(name)s) was revoked: an account keeps at most %(n)s.")
                % {"name": token.replaced.name, "n": settings.API_TOKENS_PER_ACCOUNT},
            )
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.api_token_revoke(user=request.user, token_id=pk):
        raise Http404
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            organisation = services.organisation_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered; you represent it.") % {"name": organisation}
            )
            return redirect("accounts:organisation", pk=organisation.pk)
    return render(
        request,
        "accounts/organisation_form.html",
        {"organisation_form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.represents(request.user, organisation):
        raise PermissionDenied
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            user_id = posted_id(request, "remove")
            if user_id is None:
                return HttpResponseBadRequest()
            try:
                services.representative_remove(
                    actor=request.user,
                    organisation=organisation,
                    user_id=user_id,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The representative was removed."))
            return redirect("accounts:organisation", pk=pk)
        if form.is_valid():
            try:
                services.representative_add(
                    actor=request.user, organisation=organisation, email=form.cleaned_data["email"]
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The representative was added."))
                return redirect("accounts:organisation", pk=pk)
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "representations": organisation.representation_set.select_related("user"),
            "is_admin": rules.is_organisation_admin(request.user, organisation),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@never_cache
def data_export(request: HttpRequest) -> HttpResponse:
    """A ZIP of everything we hold about the signed-in person (a POST: it is built anew)."""
    content = gdpr.personal_data_export(user=request.user)
    response = HttpResponse(content, content_type="application/zip")
    filename = f"lidzdaliba-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gdpr.account_delete(
                user=request.user, password=form.cleaned_data["password"], client=client_ip(request)
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account was deleted. Your published opinions now show as from "
                    "a private person."
                ),
            )
            return redirect("web:home")
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
