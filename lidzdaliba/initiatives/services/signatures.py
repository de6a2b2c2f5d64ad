"""Signing, withdrawing a signature, paper batches, reaching the threshold and expiry.

Signing is the write a crowd makes, so it is one INSERT guarded by the unique constraint
(one standing signature per person): a repeat, a double click or fifty parallel requests of
one person find the constraint, never a lookup race, and are answered with the signature
that exists (its public-name choice updated). Nothing else is written per signature: the
count lives in the cache (`counts.py`), and reaching the threshold is checked against that
cheap count and confirmed by an exact count under the initiative's lock.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lidzdaliba.accounts.identity import age_on
from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.locks import lock_for
from lidzdaliba.institutions.models import Territory

from .. import counts
from ..models import Initiative, PaperBatch, Signature, Status
from .initiatives import rules_for
from .integrity import signing_guard
from .invalidation import refuse_invalidated, refuse_same_mailbox
from .lifecycle import add_months, initiative_lock_key, move

# Below the threshold by more than this (or a twentieth of it) by the cached count, a
# signature does not count the rows; the periodic check catches any that a stale count hid.
THRESHOLD_MARGIN = 50
STATE_FIELDS = ["status", "collection_ends_at", "threshold", "published_at"]


def _not_collecting(initiative: Initiative) -> Conflict:
    return Conflict(
        _("Signatures are collected only while the initiative is collecting them."),
        code="not_collecting",
    )


def signer_age(signer, *, today: date | None = None) -> int | None:
    """The signer's age from the birth date their eID vouched for; None without one
    (e-mail level, or a new-format personal code without a birth-date claim)."""
    born = getattr(signer, "verified_birth_date", None)
    if born is None or not getattr(signer, "eid_verified", False):
        return None
    return age_on(born, today or timezone.localdate())


def signer_citizenship(signer) -> bool | None:
    """Whether the signer's eID says they are a citizen of Latvia; None when it says nothing
    (e-mail level, or a provider without the citizenship claim)."""
    if signer is None or not getattr(signer, "eid_verified", False):
        return None
    return getattr(signer, "verified_latvian_citizen", None)


def signer_residence(signer, territory: Territory) -> bool | None:
    """Whether the declared municipality the signer's eID gives lies in `territory` (the
    municipality itself, or one inside a region; any for the whole country); None when the
    eID gives none. The claim names the municipality as the territory list does, in either
    language, or by its slug."""
    if signer is None or not getattr(signer, "eid_verified", False):
        return None
    municipality = getattr(signer, "verified_municipality", "")
    if not municipality:
        return None
    if territory.kind == Territory.Kind.COUNTRY:
        return True
    inside = {territory.pk}
    inside |= set(Territory.objects.filter(parent_id=territory.pk).values_list("pk", flat=True))
    inside |= set(Territory.objects.filter(parent_id__in=inside).values_list("pk", flat=True))
    return (
        Territory.objects.filter(pk__in=inside)
        .filter(
            Q(name__iexact=municipality)
            | Q(name_en__iexact=municipality)
            | Q(slug=slugify(municipality))
        )
        .exists()
    )


def eligibility_refusal(
    initiative: Initiative,
    *,
    signer=None,
    declared_min_age: bool,
    declared_citizenship: bool,
    declared_residence: bool,
) -> str | None:
    """Why this signer may not sign, or None.

    An initiative that needs eID takes only eID-verified signers. The minimum age is checked
    against the eID's birth date when there is one (a self-declared age counts for nothing
    then); without one the signer declares it, and the export says "declared". Citizenship
    and the declared residence likewise: from the eID's claims when the provider gives them
    (a declaration counts for nothing against them), else declared (the state register
    checks them on the export)."""
    eid_verified = bool(signer is not None and getattr(signer, "eid_verified", False))
    if initiative.needs_eid and not eid_verified:
        return _(
            "This initiative can only be signed with an eID-verified identity: sign in with "
            "eID, or verify your identity with eID on your profile."
        )
    age = signer_age(signer) if signer is not None else None
    if initiative.min_age and age is not None:
        if age < initiative.min_age:
            return _(
                "Only people aged %(age)s or older may sign this initiative; by your eID you "
                "are not yet."
            ) % {"age": initiative.min_age}
    elif initiative.min_age and not declared_min_age:
        return _("Confirm that you are at least %(age)s years old.") % {"age": initiative.min_age}
    if initiative.requires_citizenship:
        citizen = signer_citizenship(signer)
        if citizen is False:
            return _(
                "Only citizens of Latvia may sign this initiative; by your eID you are not one."
            )
        if citizen is None and not declared_citizenship:
            return _("Only citizens of Latvia may sign this initiative: confirm that you are one.")
    if initiative.requires_residence:
        resident = signer_residence(signer, initiative.territory)
        if resident is False:
            return _(
                "Only residents of %(territory)s may sign this initiative; by your eID your "
                "declared residence is elsewhere."
            ) % {"territory": initiative.territory.name}
        if resident is None and not declared_residence:
            return _(
                "Only residents of %(territory)s may sign this initiative: confirm your declared "
                "residence there."
            ) % {"territory": initiative.territory.name}
    return None


def signature_add(
    *,
    signer,
    initiative: Initiative,
    public_name: bool = False,
    declared_min_age: bool = False,
    declared_citizenship: bool = False,
    declared_residence: bool = False,
) -> tuple[Signature, bool]:
    """Sign `initiative`. Returns (signature, created); a repeat returns the standing one,
    with its public-name choice set to this request's."""
    if signer is None or not signer.is_authenticated:
        raise PermissionDenied(_("Sign in to sign the initiative."))
    if not initiative.is_collecting:
        existing = Signature.objects.filter(initiative=initiative, signer=signer).first()
        if existing is not None:
            return existing, False
        raise _not_collecting(initiative)
    refusal = eligibility_refusal(
        initiative,
        signer=signer,
        declared_min_age=declared_min_age,
        declared_citizenship=declared_citizenship,
        declared_residence=declared_residence,
    )
    if refusal:
        raise PermissionDenied(refusal)
    age_verified = signer_age(signer) is not None
    citizenship_verified = bool(
        initiative.requires_citizenship and signer_citizenship(signer) is not None
    )
    residence_verified = bool(
        initiative.requires_residence and signer_residence(signer, initiative.territory) is not None
    )
    identity_hash = signer.personal_code_hash if signer.eid_verified else None
    marks = signing_guard(signer=signer)
    try:
        with transaction.atomic():
            lock_for(initiative_lock_key(initiative.pk), shared=True)
            initiative.refresh_from_db(fields=STATE_FIELDS)
            if not initiative.is_collecting:
                raise _not_collecting(initiative)
            signature = Signature.objects.create(
                initiative=initiative,
                signer=signer,
                public_name=public_name,
                declared_min_age=declared_min_age and not age_verified,
                declared_citizenship=declared_citizenship and not citizenship_verified,
                declared_residence=declared_residence and not residence_verified,
                identity_hash=identity_hash,
                age_verified=age_verified,
                citizenship_verified=citizenship_verified,
                residence_verified=residence_verified,
                **marks.fields(),
            )
            counts.bump_now_and_on_commit(initiative.pk)
    except IntegrityError:
        existing = Signature.objects.filter(initiative=initiative, signer=signer).first()
        if (
            existing is None
            and identity_hash
            and Signature.objects.filter(
                initiative=initiative, identity_hash=identity_hash
            ).exists()
        ):
            raise PermissionDenied(
                _("This person has already signed the initiative from another account.")
            ) from None
        if existing is None:
            refuse_same_mailbox(initiative=initiative, marks=marks)
            raise  # withdrawn meanwhile: nothing stands to return
        refuse_invalidated(existing)
        if existing.public_name != public_name:
            Signature.objects.filter(pk=existing.pk).update(public_name=public_name)
            existing.public_name = public_name
        return existing, False
    threshold_check(initiative=initiative, cheap=True)
    return signature, True


@transaction.atomic
def signature_withdraw(*, signer, initiative: Initiative) -> bool:
    """Take one's signature back while the initiative collects. Returns whether there was one."""
    if signer is None or not signer.is_authenticated:
        raise PermissionDenied(_("Sign in to withdraw your signature."))
    lock_for(initiative_lock_key(initiative.pk), shared=True)
    initiative.refresh_from_db(fields=STATE_FIELDS)
    if not initiative.is_collecting:
        raise Conflict(
            _("A signature can be withdrawn only while the initiative is collecting."),
            code="not_collecting",
        )
    # An invalidated signature stays: the institution's decision is not undone by the signer.
    deleted, _rows = Signature.objects.filter(
        initiative=initiative, signer=signer, invalidation__isnull=True
    ).delete()
    if deleted:
        counts.bump_now_and_on_commit(initiative.pk)
    return bool(deleted)


@transaction.atomic
def paper_batch_record(*, actor, initiative: Initiative, count: int, reference: str) -> PaperBatch:
    """Signatures received on paper, counted by the institution, as one batch; audited."""
    initiative = Initiative.objects.select_related("institution").get(pk=initiative.pk)
    if not actor.has_perm("initiatives.record_paper_batch", initiative):
        raise PermissionDenied(
            _("Only the addressed institution records paper signatures, while they count.")
        )
    errors: dict[str, list[str]] = {}
    if not isinstance(count, int) or count < 1:
        errors["count"] = [_("Give the number of signatures (at least 1).")]
    if not reference.strip():
        errors["reference"] = [_("Give the reference of the received document.")]
    if errors:
        raise ValidationError(errors)
    batch = PaperBatch.objects.create(
        initiative=initiative, count=count, reference=reference.strip()[:100], recorded_by=actor
    )
    audit_record(
        actor=actor,
        action="initiative.paper_batch",
        target=initiative,
        institution=initiative.institution,
        after={"count": count, "reference": batch.reference},
    )
    counts.bump_now_and_on_commit(initiative.pk)
    threshold_check(initiative=initiative)
    return batch


def threshold_check(*, initiative: Initiative, cheap: bool = False) -> bool:
    """Move a collecting initiative to "threshold reached" once its signatures (online and
    paper) reach the threshold, and set the answer deadline. With `cheap`, the cached count
    decides whether the exact one is worth taking (a signature's path); a stale cached
    count only delays the move to a later signature or the periodic check."""
    if initiative.threshold <= 0 or initiative.status != Status.COLLECTING:
        return False
    if cheap:
        # Far from the threshold by the cached count: no exact count. Near it, count the
        # rows without a lock; only a count that reaches it takes the initiative's row lock.
        margin = max(THRESHOLD_MARGIN, initiative.threshold // 20)
        if counts.total(initiative) + margin < initiative.threshold:
            return False
        if sum(counts.exact_counts(initiative)) < initiative.threshold:
            return False
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.status != Status.COLLECTING:
            return False
        online, paper = counts.exact_counts(locked)
        if online + paper < locked.threshold:
            return False
        now = timezone.now()
        rules = rules_for(institution=locked.institution, kind=locked.kind)
        locked.threshold_reached_at = now
        locked.answer_due_at = add_months(now, rules.answer_months)
        move(
            locked,
            Status.THRESHOLD_REACHED,
            at=now,
            extra_fields=("threshold_reached_at", "answer_due_at"),
        )
    initiative.refresh_from_db()
    return True


def check_all_thresholds() -> int:
    """Exact check of every collecting initiative (the periodic job): a threshold crossed
    while the cached count was stale is noticed within minutes. Returns how many moved."""
    moved = 0
    for initiative in Initiative.objects.filter(status=Status.COLLECTING, threshold__gt=0):
        moved += threshold_check(initiative=initiative)
    return moved


def expire_finished_collections(*, now: datetime | None = None) -> int:
    """Collecting initiatives whose period ended: reached (counted exactly) or expired."""
    now = now or timezone.now()
    ended = list(
        Initiative.objects.filter(status=Status.COLLECTING, collection_ends_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    expired = 0
    for initiative_id in ended:
        with transaction.atomic():
            lock_for(initiative_lock_key(initiative_id))
            initiative = Initiative.objects.select_for_update().get(pk=initiative_id)
            if initiative.status != Status.COLLECTING:
                continue
            online, paper = counts.exact_counts(initiative)
            if initiative.threshold and online + paper >= initiative.threshold:
                threshold_check(initiative=initiative)
                continue
            move(initiative, Status.EXPIRED, at=now)
            expired += 1
    return expired


def rehash_identities(mapping) -> int:
    """After the personal-code hash key changed (accounts' `rotate_eid_keys`): the
    signatures' hashes follow, so one identity still signs once."""
    changed = 0
    for old, new in mapping.items():
        changed += Signature.objects.filter(identity_hash=old).update(identity_hash=new)
    return changed
