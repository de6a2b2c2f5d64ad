"""Invalidating signatures: one by one, or by a rule the institution states (an e-mail
domain, a time window, a client network, disposable addresses, a paper batch), always with
a reason.

An invalidated signature is not deleted: it stays in the verification export marked
invalid with the reason, and its signer is told by e-mail. It stops counting at once — the
exact count filters it out and the cached count's version is replaced (counts.py), so the
public number equals the valid rows as soon as the change commits. When the valid count
falls back below the threshold of an initiative that had just reached it, the initiative
collects again (or expires, when its period is over): the institution is not asked to
answer support that did not hold.
"""

from __future__ import annotations

import ipaddress
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit

from .. import counts
from ..models import (
    Initiative,
    InvalidationRule,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    Status,
)
from ..tasks import send_invalidation_notices
from .lifecycle import initiative_lock_key, move

Rule = InvalidationRule


def refuse_invalidated(signature: Signature) -> None:
    """Signing again does not revive a signature the institution invalidated."""
    invalidation = signature.invalidation
    if invalidation is not None:
        raise Conflict(
            _("The institution invalidated your signature: %(reason)s")
            % {"reason": invalidation.reason},
            code="signature_invalidated",
        )


def refuse_same_mailbox(*, initiative: Initiative, marks) -> None:
    """Another account of the same mailbox (another spelling of the address) signed."""
    if (
        marks.email_key
        and Signature.objects.filter(initiative=initiative, email_key=marks.email_key).exists()
    ):
        raise Conflict(
            _(
                "This e-mail address, written another way, has already signed this "
                "initiative. One mailbox signs once."
            ),
            code="mailbox_signed",
        )


@dataclass(frozen=True)
class RuleSpec:
    """What to invalidate. Only the parameters of `rule` are read."""

    rule: str
    signature_id: int | None = None
    email_domain: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    network: str = ""
    paper_batch_id: int | None = None

    def parameters(self) -> dict:
        used = {
            Rule.SINGLE: ["signature_id"],
            Rule.EMAIL_DOMAIN: ["email_domain"],
            Rule.TIME_RANGE: ["starts_at", "ends_at"],
            Rule.NETWORK: ["network"],
            Rule.DISPOSABLE: [],
            Rule.PAPER_BATCH: ["paper_batch_id"],
        }[Rule(self.rule)]
        values = asdict(self)
        return {
            name: (values[name].isoformat() if isinstance(values[name], datetime) else values[name])
            for name in used
        }


def _require(actor, initiative: Initiative) -> None:
    if not (actor is not None and actor.has_perm("initiatives.invalidate_signatures", initiative)):
        raise PermissionDenied(
            _("Only the addressed institution's officers may invalidate signatures.")
        )


def _validate(spec: RuleSpec) -> RuleSpec:
    errors: dict[str, list[str]] = {}
    if spec.rule not in Rule.values:
        raise ValidationError({"rule": [_("Choose the rule.")]})
    rule = Rule(spec.rule)
    if rule == Rule.SINGLE and spec.signature_id is None:
        errors["signature_id"] = [_("Choose the signature.")]
    if rule == Rule.EMAIL_DOMAIN:
        domain = spec.email_domain.strip().lower().lstrip("@")
        if not domain or "." not in domain or " " in domain:
            errors["email_domain"] = [_("Give an e-mail domain, such as example.com.")]
        spec = RuleSpec(rule=spec.rule, email_domain=domain)
    if rule == Rule.TIME_RANGE and not (
        spec.starts_at and spec.ends_at and spec.starts_at < spec.ends_at
    ):
        errors["ends_at"] = [
            _("Give the start and the end of the window; the end after the start.")
        ]
    if rule == Rule.NETWORK:
        try:
            ipaddress.ip_network(spec.network.strip(), strict=False)
        except ValueError:
            errors["network"] = [_("Give a network, such as 192.0.2.0/24.")]
    if rule == Rule.PAPER_BATCH and spec.paper_batch_id is None:
        errors["paper_batch_id"] = [_("Choose the batch.")]
    if errors:
        raise ValidationError(errors)
    return spec


def _networks_within(initiative: Initiative, network: str) -> list[str]:
    """The recorded client networks of `initiative` that lie inside `network`."""
    wanted = ipaddress.ip_network(network.strip(), strict=False)
    found = []
    recorded = (
        Signature.objects.filter(initiative=initiative)
        .exclude(client_network="")
        .values_list("client_network", flat=True)
        .distinct()
    )
    for value in recorded:
        candidate = ipaddress.ip_network(value, strict=False)
        if candidate.version == wanted.version and (
            candidate.subnet_of(wanted) or wanted.subnet_of(candidate)  # type: ignore[arg-type]
        ):
            found.append(value)
    return found


def matching(
    initiative: Initiative, spec: RuleSpec
) -> tuple[QuerySet[Signature], QuerySet[PaperBatch]]:
    """The still-valid signatures and paper batches `spec` catches."""
    signatures = Signature.objects.filter(initiative=initiative, invalidation__isnull=True)
    batches = PaperBatch.objects.filter(initiative=initiative, invalidation__isnull=True)
    rule = Rule(spec.rule)
    if rule == Rule.PAPER_BATCH:
        return signatures.none(), batches.filter(pk=spec.paper_batch_id or 0)
    batches = batches.none()
    if rule == Rule.SINGLE:
        signatures = signatures.filter(pk=spec.signature_id or 0)
    elif rule == Rule.EMAIL_DOMAIN:
        signatures = signatures.filter(email_domain=spec.email_domain)
    elif rule == Rule.TIME_RANGE:
        signatures = signatures.filter(created_at__gte=spec.starts_at, created_at__lt=spec.ends_at)
    elif rule == Rule.NETWORK:
        signatures = signatures.filter(
            client_network__in=_networks_within(initiative, spec.network)
        )
    elif rule == Rule.DISPOSABLE:
        signatures = signatures.filter(disposable_email=True)
    return signatures, batches


def invalidation_preview(*, actor, initiative: Initiative, spec: RuleSpec) -> tuple[int, int]:
    """How many (online, paper) signatures the rule would invalidate now; nothing changes."""
    _require(actor, initiative)
    signatures, batches = matching(initiative, _validate(spec))
    return signatures.count(), batches.aggregate(n=Sum("count"))["n"] or 0


def signatures_invalidate(
    *, actor, initiative: Initiative, spec: RuleSpec, reason: str
) -> SignatureInvalidation:
    """Invalidate what `spec` catches, with `reason`; audited; the signers are told."""
    _require(actor, initiative)
    spec = _validate(spec)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason. The signers are told it.")]})
    check_lengths({"reason": reason})
    with transaction.atomic():
        lock_for(initiative_lock_key(initiative.pk), shared=True)
        initiative = Initiative.objects.select_related("institution").get(pk=initiative.pk)
        signatures, batches = matching(initiative, spec)
        signature_ids = list(signatures.values_list("pk", flat=True))
        batch_ids = list(batches.values_list("pk", flat=True))
        if not signature_ids and not batch_ids:
            raise ValidationError({"rule": [_("No valid signature matches this rule.")]})
        record = SignatureInvalidation.objects.create(
            initiative=initiative,
            rule=spec.rule,
            parameters=spec.parameters(),
            reason=reason.strip(),
            decided_by=actor,
        )
        # Only rows still valid: a signature is invalidated once, by the first decision.
        record.online_count = Signature.objects.filter(
            pk__in=signature_ids, invalidation__isnull=True
        ).update(invalidation=record)
        record.paper_count = (
            PaperBatch.objects.filter(pk__in=batch_ids).aggregate(n=Sum("count"))["n"] or 0
        )
        PaperBatch.objects.filter(pk__in=batch_ids).update(invalidation=record)
        record.save(update_fields=["online_count", "paper_count"])
        counts.forget_now_and_on_commit(initiative.pk)
        audit_record(
            actor=actor,
            action="initiative.signatures_invalidate",
            target=initiative,
            institution=initiative.institution,
            after={
                "rule": spec.rule,
                **spec.parameters(),
                "reason": record.reason,
                "online_count": record.online_count,
                "paper_count": record.paper_count,
            },
        )
        enqueue_on_commit(send_invalidation_notices, record.pk)
    threshold_recheck(initiative=initiative, actor=actor)
    return record


def threshold_recheck(*, initiative: Initiative, actor=None) -> bool:
    """An initiative moved to "threshold reached" whose valid signatures fall below the
    threshold collects again until its period ends, or expires after. Returns whether it
    moved. Once the institution has taken it up (under consideration) nothing moves."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.status != Status.THRESHOLD_REACHED or locked.threshold <= 0:
            return False
        online, paper = counts.exact_counts(locked)
        if online + paper >= locked.threshold:
            return False
        now = timezone.now()
        locked.threshold_reached_at = None
        locked.answer_due_at = None
        still_open = locked.collection_ends_at is None or now < locked.collection_ends_at
        move(
            locked,
            Status.COLLECTING if still_open else Status.EXPIRED,
            actor=actor,
            at=now,
            extra_fields=("threshold_reached_at", "answer_due_at"),
        )
    initiative.refresh_from_db()
    return True
