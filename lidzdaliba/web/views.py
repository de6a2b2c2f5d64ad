"""Site-wide pages: home, accessibility statement, language switch, health, error pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lidzdaliba.accounts.services import user_set_language
from lidzdaliba.consultations import selectors as consultation_selectors
from lidzdaliba.core.fragments import cached_fragment
from lidzdaliba.institutions.models import Institution

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    def body() -> str:
        context = {
            "sections": consultation_selectors.home_sections(),
            "institution_count": Institution.objects.count(),
        }
        return render_to_string("web/_home_body.html", context, request=request)

    html = cached_fragment(name="home", scopes=["site"], vary=[], render=body)
    return render(request, "web/home.html", {"body": html})


def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with hashed static names the URL is known only after
    # collectstatic, not when URLs are imported.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html", {"reviewed": timezone.now().date()})


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (no JavaScript needed) and remember it in the profile.

    Exempt from CSRF so that cached public pages need no per-visitor token: the worst a
    forged request can do is switch someone's language.
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=language)
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # report, don't crash: this is what a load balancer polls
        logger.exception("Health check: database unavailable")
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "error",
            "database": database,
            "vendor": connection.vendor,
        },
        status=status,
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # An API path the URL patterns do not match (e.g. a word where an id belongs) still
        # answers in the API's JSON error format.
        return JsonResponse({"error": "not_found", "message": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
