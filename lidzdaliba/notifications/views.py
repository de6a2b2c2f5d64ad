"""Subscription pages: subscribe (no account needed), confirm, manage, one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.ratelimits import client_ip
from lidzdaliba.core.views import posted_id
from lidzdaliba.initiatives.models import Initiative

from . import selectors, services
from .forms import FrequencyForm, SubscriptionForm
from .models import Subscription


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    initial = {"email": request.user.email if request.user.is_authenticated else ""}
    initial.update({k: v for k, v in request.GET.items() if k in SubscriptionForm.TARGETS})
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_from(**form.targets())
            _subscription, pending = services.subscription_request(
                email=form.cleaned_data["email"],
                frequency=form.cleaned_data["frequency"],
                target=target,
                client=client_ip(request),
                user=request.user,
                language=(get_language() or "lv")[:2],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            if pending:
                messages.success(
                    request,
                    _("Almost done: we sent a confirmation link to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
            else:
                messages.success(request, _("You are subscribed."))
            if request.user.is_authenticated:
                return redirect("notifications:mine")
            return redirect("notifications:subscribe")
    consultation_id = request.POST.get("consultation") or request.GET.get("consultation")
    followed = (
        Consultation.objects.published().filter(pk=consultation_id).first()
        if str(consultation_id or "").isdigit()
        else None
    )
    initiative_id = request.POST.get("initiative") or request.GET.get("initiative")
    followed_initiative = (
        Initiative.objects.published().filter(pk=initiative_id).first()
        if str(initiative_id or "").isdigit()
        else None
    )
    return render(
        request,
        "notifications/subscribe.html",
        {
            "form": form,
            "followed_consultation": followed,
            "followed_initiative": followed_initiative,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows a button: mail scanners that open links must not confirm."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        services.subscription_confirm(token=token)
        messages.success(request, _("Your subscription is confirmed."))
        return redirect("notifications:manage", token=token)
    return render(request, "notifications/confirm.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058 one-click: mail programs POST without a session or CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = selectors.subscription_by_token(token)
    if request.method == "POST":
        services.subscription_cancel(token=token)
        return render(request, "notifications/unsubscribed.html", {"subscription": subscription})
    if subscription is None:
        return render(request, "notifications/unsubscribed.html", {"subscription": None})
    return render(request, "notifications/unsubscribe.html", {"subscription": subscription})


def _manage(request: HttpRequest, *, token: str = "") -> HttpResponse:
    subscriptions = selectors.subscriptions_of(user=request.user, token=token)
    if request.method == "POST":
        subscription_id = posted_id(request, "subscription")
        if subscription_id is None:
            return HttpResponseBadRequest()
        subscription = get_object_or_404(subscriptions, pk=subscription_id)
        try:
            if "delete" in request.POST:
                services.subscription_delete(
                    subscription=subscription, user=request.user, token=token
                )
                messages.success(request, _("The subscription was removed."))
            else:
                form = FrequencyForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose how often to get e-mails."))
                services.subscription_update(
                    subscription=subscription,
                    frequency=form.cleaned_data["frequency"],
                    user=request.user,
                    token=token,
                )
                messages.success(request, _("Saved."))
        except PermissionDenied:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    return render(
        request,
        "notifications/manage.html",
        {
            "subscriptions": subscriptions.select_related(
                "institution", "topic", "territory", "group", "consultation", "initiative"
            ).order_by("kind", "id"),
            "frequencies": Subscription.Frequency.choices,
            "token": token,
        },
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Manage by the link in a mail: no account needed."""
    get_object_or_404(Subscription, token=token)
    return _manage(request, token=token)


@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{_login_url()}?next={request.path}")
    return _manage(request)


def _login_url() -> str:
    from django.urls import reverse

    return reverse("account_login")
