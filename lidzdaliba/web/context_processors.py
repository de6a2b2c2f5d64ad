from django.conf import settings

from lidzdaliba.institutions.rules import is_any_officer, is_coordinator


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "is_officer": bool(user and (is_any_officer(user) or is_coordinator(user))),
    }
