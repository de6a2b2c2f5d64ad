"""Subscriptions over the API: anyone may ask (a confirmation mail goes out); a signed-in
person lists and deletes their own."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as HttpStatus

from lidzdaliba.accounts.api_auth import bearer, optional_bearer
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.api_schemas import ERRORS, ErrorOut
from lidzdaliba.core.ratelimits import client_ip
from lidzdaliba.institutions.models import AffectedGroup, Institution, Territory, Topic

from . import selectors, services
from .models import Subscription

router = Router(tags=["subscriptions"])
# Own names in the OpenAPI document: Django's TextChoices share the names "Kind"/"Frequency".
SubscriptionKind = StrEnum("SubscriptionKind", {k.name: k.value for k in Subscription.Kind})
SubscriptionFrequency = StrEnum(
    "SubscriptionFrequency", {k.name: k.value for k in Subscription.Frequency}
)


class SubscriptionIn(Schema):
    email: str
    frequency: SubscriptionFrequency = SubscriptionFrequency.IMMEDIATE
    institution: str | None = None
    topic: str | None = None
    territory: str | None = None
    group: str | None = None
    consultation: int | None = None


class SubscriptionOut(Schema):
    id: int
    email: str
    kind: SubscriptionKind
    target: str
    frequency: SubscriptionFrequency
    confirmed: bool
    created_at: datetime

    @staticmethod
    def resolve_target(obj: Subscription) -> str:
        return str(obj.target)

    @staticmethod
    def resolve_confirmed(obj: Subscription) -> bool:
        return obj.is_confirmed


class AcceptedOut(Schema):
    status: str
    message: str


# One whole sentence per field, so each language can inflect it ("Nezināma iestāde").
UNKNOWN_TARGET = {
    "institution": gettext_lazy("Unknown institution: %(value)s"),
    "topic": gettext_lazy("Unknown policy area: %(value)s"),
    "territory": gettext_lazy("Unknown territory: %(value)s"),
    "group": gettext_lazy("Unknown affected group: %(value)s"),
    "consultation": gettext_lazy("Unknown consultation: %(value)s"),
}


def _lookup(model, field: str, value, name: str):
    if value in (None, ""):
        return None
    obj = model.objects.filter(**{field: value}).first()
    if obj is None:
        raise ValidationError({name: [UNKNOWN_TARGET[name] % {"value": value}]})
    return obj


@router.post("", response={202: AcceptedOut, 429: ErrorOut, **ERRORS}, auth=optional_bearer)
def create_subscription(request, payload: SubscriptionIn, response: HttpResponse):
    """Follow one institution, policy area (`topic`), territory, affected group (`group`,
    slugs) or consultation (id). A confirmation mail goes out unless the address is the
    signed-in person's own confirmed one.

    Limited like the subscribe page: 20 requests an hour per client address and 5 an hour
    per e-mail address; past that the answer is 429 with a `Retry-After` header."""
    target = services.target_from(
        institution=_lookup(Institution, "slug", payload.institution, "institution"),
        topic=_lookup(Topic, "slug", payload.topic, "topic"),
        territory=_lookup(Territory, "slug", payload.territory, "territory"),
        group=_lookup(AffectedGroup, "slug", payload.group, "group"),
        consultation=_lookup(Consultation, "pk", payload.consultation, "consultation"),
    )
    _subscription, pending = services.subscription_request(
        email=payload.email,
        frequency=payload.frequency,
        target=target,
        client=client_ip(request),
        user=request.user,
        language=(get_language() or "lv")[:2],
    )
    if pending:
        return HttpStatus(
            202,
            {
                "status": "pending_confirmation",
                "message": _("A confirmation link was sent to the address."),
            },
        )
    return HttpStatus(202, {"status": "confirmed", "message": _("Subscribed.")})


@router.get("", response={200: list[SubscriptionOut], **ERRORS}, auth=bearer)
def list_subscriptions(request):
    """The signed-in person's subscriptions (by account and confirmed addresses)."""
    return list(selectors.subscriptions_of(user=request.user).order_by("id"))


@router.delete("/{int:subscription_id}", response={204: None, **ERRORS}, auth=bearer)
def delete_subscription(request, subscription_id: int):
    subscription = selectors.subscriptions_of(user=request.user).filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404
    services.subscription_delete(subscription=subscription, user=request.user)
    return HttpStatus(204, None)
