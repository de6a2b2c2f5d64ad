"""Drafting, co-sponsoring, moderating and withdrawing initiatives; the institution's rules."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit
from lidzdaliba.institutions.models import Institution, Territory, Topic

from ..models import (
    DEFAULT_THRESHOLDS,
    CoSponsor,
    IdentityLevel,
    Initiative,
    InitiativeRules,
    Kind,
    ModerationDecision,
    ModerationReason,
    Status,
)
from ..tasks import send_cosponsor_invitation
from .lifecycle import add_months, initiative_lock_key, move

EDITABLE_FIELDS = ["kind", "title", "problem", "solution", "topic", "territory"]
RULE_FIELDS = [
    "accepts",
    "threshold_absolute",
    "threshold_share",
    "collection_months",
    "min_cosponsors",
    "answer_months",
    "identity_level",
    "min_age",
    "requires_citizenship",
    "requires_residence",
]
MAX_INVITATIONS = 50


def _require(actor, permission: str, obj, message: str) -> None:
    if not (actor is not None and actor.has_perm(permission, obj)):
        raise PermissionDenied(message)


def rules_for(*, institution: Institution, kind: str) -> InitiativeRules:
    """The institution's rules for `kind`, or the defaults (unsaved) when it set none: a
    submission to the Saeima is signed by citizens of Latvia (the Saeima's Rules of
    Procedure, Article 131.1), checked from the eID when the provider gives citizenship."""
    found = InitiativeRules.objects.filter(institution=institution, kind=kind).first()
    if found is not None:
        return found
    return InitiativeRules(
        institution=institution,
        kind=kind,
        threshold_absolute=DEFAULT_THRESHOLDS[Kind(kind)],
        min_cosponsors=0 if kind == Kind.IDEA else 5,
        requires_citizenship=kind == Kind.SAEIMA_SUBMISSION,
    )


def _validate(initiative: Initiative) -> None:
    errors: dict[str, list[str]] = {}
    if initiative.kind not in Kind.values:
        errors["kind"] = [_("Choose the kind of initiative.")]
    for name, message in (
        ("title", _("Give the initiative a title.")),
        ("problem", _("Describe the problem.")),
        ("solution", _("Describe the solution you propose.")),
    ):
        if not (getattr(initiative, name) or "").strip():
            errors[name] = [message]
    try:
        check_lengths({"problem": initiative.problem, "solution": initiative.solution})
    except ValidationError as too_long:
        for name, messages in too_long.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if len(initiative.title or "") > 300:
        errors.setdefault("title", []).append(_("The title may be at most 300 characters."))
    if initiative.kind in Kind.values and not errors.get("kind"):
        rules = rules_for(institution=initiative.institution, kind=initiative.kind)
        if not rules.accepts:
            errors["kind"] = [_("This institution does not accept this kind of initiative.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_create(
    *,
    author,
    institution: Institution,
    kind: str,
    title: str,
    problem: str,
    solution: str,
    topic: Topic,
    territory: Territory,
) -> Initiative:
    """A draft only its author (and the institution, the coordinator) sees."""
    if author is None or not author.has_perm("initiatives.add_initiative"):
        raise PermissionDenied(_("Sign in to draft an initiative."))
    initiative = Initiative(
        institution=institution,
        kind=kind,
        title=title.strip(),
        problem=problem.strip(),
        solution=solution.strip(),
        topic=topic,
        territory=territory,
        author=author,
        representative=author,
    )
    _validate(initiative)
    initiative.save()
    move(initiative, Status.DRAFT, actor=author)
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, **fields) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require(
        actor,
        "initiatives.change_initiative",
        initiative,
        _("Only the author may edit the initiative, and only before it is published."),
    )
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"representative"}
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    representative = fields.get("representative")
    if representative is not None and representative.pk != initiative.author_id:
        accepted = initiative.cosponsors.filter(user=representative, accepted_at__isnull=False)
        if not accepted.exists():
            raise ValidationError(
                {"representative": [_("The representative must be the author or a co-sponsor.")]}
            )
    _validate(initiative)
    initiative.save()
    return initiative


@transaction.atomic
def cosponsor_invite(*, actor, initiative: Initiative, emails: Iterable[str]) -> list[CoSponsor]:
    """Invite people by e-mail; an address invited before is not invited twice."""
    _require(
        actor,
        "initiatives.invite_cosponsors",
        initiative,
        _("Only the author may invite co-sponsors, and only before moderation."),
    )
    addresses = []
    for raw in emails:
        address = raw.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {"emails": [_("“%(address)s” is not an e-mail address.") % {"address": raw}]}
            ) from None
        if actor.email.lower() == address:
            raise ValidationError({"emails": [_("You cannot co-sponsor your own initiative.")]})
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise ValidationError({"emails": [_("Give at least one e-mail address.")]})
    if initiative.cosponsors.count() + len(addresses) > MAX_INVITATIONS:
        raise ValidationError(
            {"emails": [_("At most %(n)s people may be invited.") % {"n": MAX_INVITATIONS}]}
        )
    invited = []
    for address in addresses:
        try:
            with transaction.atomic():
                invitation = CoSponsor.objects.create(initiative=initiative, email=address)
        except IntegrityError:
            continue
        enqueue_on_commit(send_cosponsor_invitation, invitation.pk)
        invited.append(invitation)
    return invited


def _accepted_count(initiative: Initiative) -> int:
    return initiative.cosponsors.filter(accepted_at__isnull=False).count()


def _to_moderation_if_ready(initiative: Initiative, *, actor) -> None:
    if (
        initiative.status == Status.AWAITING_COSPONSORS
        and _accepted_count(initiative) >= initiative.min_cosponsors
    ):
        move(initiative, Status.IN_MODERATION, actor=actor)


@transaction.atomic
def cosponsor_accept(*, user, token: str) -> CoSponsor:
    """The invited person, signed in with the invited address, becomes a co-sponsor. When the
    last co-sponsor needed accepts, the initiative goes to moderation."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in to accept the invitation."))
    invitation = (
        CoSponsor.objects.select_for_update()
        .select_related("initiative")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise PermissionDenied(_("This invitation does not exist or was withdrawn."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    initiative = Initiative.objects.select_for_update().get(pk=invitation.initiative_id)
    if invitation.accepted_at is not None:
        return invitation
    if initiative.status not in {Status.DRAFT, Status.AWAITING_COSPONSORS, Status.RETURNED}:
        raise Conflict(
            _("This initiative no longer takes co-sponsors."), code="not_taking_cosponsors"
        )
    invitation.user = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    _to_moderation_if_ready(initiative, actor=user)
    return invitation


@transaction.atomic
def initiative_submit(*, actor, initiative: Initiative) -> Initiative:
    """The author sends the draft on: to the co-sponsors' acceptance, or to moderation when
    enough have accepted (a returned initiative, fixed, goes back to moderation)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require(
        actor,
        "initiatives.submit_initiative",
        initiative,
        _("Only the author may submit the initiative, while it is a draft or returned."),
    )
    rules = rules_for(institution=initiative.institution, kind=initiative.kind)
    initiative.min_cosponsors = rules.min_cosponsors
    initiative.save(update_fields=["min_cosponsors", "updated_at"])
    _validate(initiative)
    if _accepted_count(initiative) >= initiative.min_cosponsors:
        return move(initiative, Status.IN_MODERATION, actor=actor)
    return move(initiative, Status.AWAITING_COSPONSORS, actor=actor)


def _publish(initiative: Initiative, *, actor, now) -> Initiative:
    """Approved: the rules in force now become the initiative's (threshold, period,
    who may sign)."""
    rules = rules_for(institution=initiative.institution, kind=initiative.kind)
    initiative.threshold = rules.threshold_for(initiative.institution.population)
    initiative.identity_level = rules.identity_level
    initiative.min_age = rules.min_age
    initiative.requires_citizenship = rules.requires_citizenship
    initiative.requires_residence = rules.requires_residence
    initiative.published_at = now
    initiative.collection_ends_at = add_months(now, rules.collection_months)
    fields = (
        "threshold",
        "identity_level",
        "min_age",
        "requires_citizenship",
        "requires_residence",
        "published_at",
        "collection_ends_at",
    )
    move(initiative, Status.COLLECTING, actor=actor, at=now, extra_fields=fields)
    if initiative.threshold == 0:
        # An idea needs no support to be answered: it awaits the answer at once.
        initiative.threshold_reached_at = now
        initiative.answer_due_at = add_months(now, rules.answer_months)
        move(
            initiative,
            Status.THRESHOLD_REACHED,
            actor=actor,
            at=now,
            extra_fields=("threshold_reached_at", "answer_due_at"),
        )
    return initiative


@transaction.atomic
def initiative_moderate(
    *, actor, initiative: Initiative, decision: str, reason: str = "", text: str = ""
) -> ModerationDecision:
    """Approve (publish and start collecting), return to the author to fix, or reject. A
    return or a rejection names a reason from the closed list and explains it."""
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("institution")
        .get(pk=initiative.pk)
    )
    _require(
        actor,
        "initiatives.moderate_initiative",
        initiative,
        _("Only the addressed institution moderates this initiative, while it is in moderation."),
    )
    Decision = ModerationDecision.Decision
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        errors["decision"] = [_("Choose a decision.")]
    if decision in {Decision.RETURNED, Decision.REJECTED}:
        if reason not in ModerationReason.values:
            errors["reason"] = [_("Choose the reason.")]
        if not text.strip():
            errors["text"] = [_("Explain the decision to the author.")]
    elif reason and reason not in ModerationReason.values:
        errors["reason"] = [_("Choose the reason.")]
    try:
        check_lengths({"text": text})
    except ValidationError as too_long:
        errors.update(too_long.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    record = ModerationDecision.objects.create(
        initiative=initiative,
        decision=decision,
        reason=reason if decision != Decision.APPROVED else "",
        text=text.strip(),
        decided_by=actor,
    )
    before = snapshot(initiative, ["status"])
    if decision == Decision.APPROVED:
        _publish(initiative, actor=actor, now=now)
    elif decision == Decision.RETURNED:
        move(initiative, Status.RETURNED, actor=actor, at=now)
    else:
        move(initiative, Status.REJECTED, actor=actor, at=now)
    audit_record(
        actor=actor,
        action=f"initiative.moderate.{decision}",
        target=initiative,
        institution=initiative.institution,
        before=before,
        after={"status": initiative.status, "reason": record.reason, "text": record.text},
    )
    return record


@transaction.atomic
def initiative_withdraw(*, actor, initiative: Initiative) -> Initiative:
    lock_for(initiative_lock_key(initiative.pk))
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require(
        actor,
        "initiatives.withdraw_initiative",
        initiative,
        _("Only the author may withdraw the initiative, until it is answered."),
    )
    return move(initiative, Status.WITHDRAWN, actor=actor)


@transaction.atomic
def rules_update(*, actor, institution: Institution, kind: str, **fields) -> InitiativeRules:
    """The institution's managers set its rules for one kind; audited."""
    _require(
        actor,
        "initiatives.manage_rules",
        institution,
        _("Only a manager of this institution may change its initiative rules."),
    )
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rule fields: {sorted(unknown)}")
    if kind not in Kind.values:
        raise ValidationError({"kind": [_("Choose the kind of initiative.")]})
    rules, _created = InitiativeRules.objects.select_for_update().get_or_create(
        institution=institution, kind=kind
    )
    before = snapshot(rules, RULE_FIELDS)
    for name, value in fields.items():
        setattr(rules, name, value)
    if rules.threshold_share is not None:
        rules.threshold_share = Decimal(rules.threshold_share)
    if rules.identity_level not in IdentityLevel.values:
        raise ValidationError({"identity_level": [_("Choose the identity level.")]})
    rules.full_clean()
    rules.save()
    audit_record(
        actor=actor,
        action="initiative_rules.change",
        target=rules,
        institution=institution,
        before=before,
        after=snapshot(rules, RULE_FIELDS),
    )
    return rules


def content_changed(initiative: Initiative) -> None:
    if initiative.is_published:
        publish_on_commit("initiative.changed", initiative_id=initiative.pk)
