from __future__ import annotations

from django.db.models import QuerySet

from .models import ApiToken, Organisation


def organisations_represented_by(*, user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(representation__user=user).order_by("name")


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    """Tokens that still open the API (revoked and expired ones are not listed)."""
    return ApiToken.objects.live().filter(user=user).order_by("-created_at")
