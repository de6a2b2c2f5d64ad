"""A person's initiatives, co-sponsorships and signatures in the copy of their data, what
deleting their account does to them, and how long signers stay linked. Registered from
InitiativesConfig.ready()."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy

from lidzdaliba.accounts.gdpr import ExportSection
from lidzdaliba.core.events import publish_on_commit

from .models import CoSponsor, Initiative, Signature, Status

EXPORT_NOTES = {
    "initiatives": gettext_lazy(
        "Initiatives you drafted, the ones you co-sponsor and the ones you signed."
    ),
}
# Ended: nothing more will be signed or answered.
CLOSED_STATUSES = [Status.IMPLEMENTED, Status.EXPIRED, Status.WITHDRAWN, Status.REJECTED]


def export_initiatives(user) -> ExportSection:
    authored = Initiative.objects.filter(author=user).select_related("institution").order_by("pk")
    cosponsored = CoSponsor.objects.filter(user=user).select_related("initiative").order_by("pk")
    signatures = (
        Signature.objects.filter(signer=user).select_related("initiative", "invalidation")
    ).order_by("pk")
    data: dict[str, Any] = {
        "authored": [
            {
                "id": initiative.pk,
                "title": initiative.title,
                "institution": initiative.institution.name,
                "kind": initiative.kind,
                "status": initiative.status,
                "problem": initiative.problem,
                "solution": initiative.solution,
                "created_at": initiative.created_at,
            }
            for initiative in authored
        ],
        "cosponsored": [
            {
                "initiative_id": invitation.initiative_id,
                "title": invitation.initiative.title,
                "email": invitation.email,
                "invited_at": invitation.invited_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in cosponsored
        ],
        "signatures": [
            {
                "initiative_id": signature.initiative_id,
                "title": signature.initiative.title,
                "signed_at": signature.created_at,
                "public_name": signature.public_name,
                "declared_min_age": signature.declared_min_age,
                "declared_citizenship": signature.declared_citizenship,
                "declared_residence": signature.declared_residence,
                # Whether the eID stood behind it (never the personal code's hash).
                "eid_verified": signature.eid_verified,
                "age_verified": signature.age_verified,
                "citizenship_verified": signature.citizenship_verified,
                "residence_verified": signature.residence_verified,
                "invalidated_because": signature.invalidation.reason
                if signature.invalidation
                else None,
            }
            for signature in signatures
        ],
    }
    return ExportSection(data=data)


def erase_initiative_data(user) -> None:
    """Signatures go (a deleted person no longer supports anything; the count follows);
    initiatives they authored stay public as part of the record, without the author;
    co-sponsorships keep only that they were accepted."""
    initiative_ids = set(
        Signature.objects.filter(signer=user).values_list("initiative_id", flat=True)
    )
    Signature.objects.filter(signer=user).delete()
    CoSponsor.objects.filter(user=user).update(user=None, email="erased@invalid")
    authored = list(Initiative.objects.filter(author=user).values_list("pk", flat=True))
    Initiative.objects.filter(pk__in=authored).update(author=None)
    Initiative.objects.filter(representative=user).update(representative=None)
    for initiative_id in initiative_ids | set(authored):
        publish_on_commit("initiative.changed", initiative_id=initiative_id)


def drop_old_signer_links(now: datetime, cutoff: datetime) -> int:
    """Who signed an initiative that ended before the cutoff is not needed any more: the
    rows become a number (`archived_signature_count`), so the public count stays."""
    changed = 0
    ended = (
        Initiative.objects.filter(status__in=CLOSED_STATUSES, updated_at__lt=cutoff)
        .annotate(
            n=Count("signatures"),
            valid=Count("signatures", filter=Q(signatures__invalidation__isnull=True)),
        )
        .filter(n__gt=0)
        .values_list("pk", "valid")
    )
    for initiative_id, count in ended:
        with transaction.atomic():
            Initiative.objects.filter(pk=initiative_id).update(
                archived_signature_count=F("archived_signature_count") + count
            )
            changed += Signature.objects.filter(initiative_id=initiative_id).delete()[0]
    return changed
