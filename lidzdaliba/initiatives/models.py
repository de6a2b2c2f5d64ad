"""People's own initiatives to an institution: drafted, co-sponsored, moderated, signed,
answered with a reason, and followed to implementation.

Unlike a consultation's, an initiative's status is stored: it moves by decisions (a
co-sponsor accepts, a moderator approves, the institution answers), not by the clock. The
one move the clock makes (the collection period ends) is also checked where it matters
(`Initiative.is_collecting` compares the end date), so a late job never lets anyone sign
after the end. Every move is recorded with its date in `StatusChange` (the page's timeline).
"""

from __future__ import annotations

import math
import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.limits import LONG_TEXT_CHARS


def upload_path(instance, filename: str) -> str:
    """A random stored name: the uploader's file name is kept only as data, never as a path."""
    return f"initiatives/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Kind(models.TextChoices):
    IDEA = "idea", _("Idea")
    COLLECTIVE_SUBMISSION = "collective_submission", _("Collective submission")
    SAEIMA_SUBMISSION = "saeima_submission", _("Submission to the Saeima")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("initiative status", "Draft")
    AWAITING_COSPONSORS = (
        "awaiting_cosponsors",
        pgettext_lazy("initiative status", "Awaiting co-sponsors"),
    )
    IN_MODERATION = "in_moderation", pgettext_lazy("initiative status", "In moderation")
    RETURNED = "returned", pgettext_lazy("initiative status", "Returned to the author")
    REJECTED = "rejected", pgettext_lazy("initiative status", "Rejected")
    COLLECTING = "collecting", pgettext_lazy("initiative status", "Collecting signatures")
    THRESHOLD_REACHED = "threshold_reached", pgettext_lazy("initiative status", "Threshold reached")
    UNDER_CONSIDERATION = (
        "under_consideration",
        pgettext_lazy("initiative status", "Under consideration"),
    )
    ANSWERED = "answered", pgettext_lazy("initiative status", "Answered")
    IMPLEMENTED = "implemented", pgettext_lazy("initiative status", "Implemented")
    EXPIRED = "expired", pgettext_lazy("initiative status", "Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The author's own stages: the text may change, nobody else sees it but the co-sponsors,
# the institution and the coordinator.
EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}
# Before publication: not public, not signable.
UNPUBLISHED_STATUSES = {
    Status.DRAFT,
    Status.AWAITING_COSPONSORS,
    Status.IN_MODERATION,
    Status.RETURNED,
    Status.REJECTED,
}
WITHDRAWABLE_STATUSES = {
    Status.DRAFT,
    Status.AWAITING_COSPONSORS,
    Status.IN_MODERATION,
    Status.RETURNED,
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
}
ANSWERABLE_STATUSES = {Status.THRESHOLD_REACHED, Status.UNDER_CONSIDERATION}
AWAITING_ANSWER_STATUSES = ANSWERABLE_STATUSES
# The order of the timeline on the page (the happy path).
TIMELINE = [
    Status.DRAFT,
    Status.AWAITING_COSPONSORS,
    Status.IN_MODERATION,
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
    Status.UNDER_CONSIDERATION,
    Status.ANSWERED,
    Status.IMPLEMENTED,
]


class IdentityLevel(models.TextChoices):
    EMAIL = "email", _("Confirmed e-mail")
    EID = "eid", _("eID-verified")


# Per kind, when the institution has set no rules of its own.
DEFAULT_THRESHOLDS = {
    Kind.IDEA: 0,
    Kind.COLLECTIVE_SUBMISSION: 300,
    Kind.SAEIMA_SUBMISSION: 10_000,
}


class InitiativeRules(models.Model):
    """What an institution requires of one kind of initiative. Its managers edit them; an
    initiative takes the threshold and dates in force when it is published."""

    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.CASCADE,
        related_name="initiative_rules",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    accepts = models.BooleanField(_("accepts this kind"), default=True)
    threshold_absolute = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    threshold_share = models.DecimalField(
        _("share of the population needed, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Used when no absolute number is set and the institution's population is."),
    )
    collection_months = models.PositiveSmallIntegerField(_("collection period, months"), default=12)
    min_cosponsors = models.PositiveSmallIntegerField(_("co-sponsors needed"), default=5)
    answer_months = models.PositiveSmallIntegerField(_("answer deadline, months"), default=3)
    identity_level = models.CharField(
        _("identity needed to sign"),
        max_length=8,
        choices=IdentityLevel.choices,
        default=IdentityLevel.EMAIL,
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age of signers"), default=16)
    requires_citizenship = models.BooleanField(_("signers must be citizens"), default=False)
    requires_residence = models.BooleanField(
        _("signers must have declared residence in the territory"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative rules")
        verbose_name_plural = _("initiative rules")
        constraints = [
            models.UniqueConstraint(fields=["institution", "kind"], name="one_rules_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.institution}: {self.get_kind_display()}"

    def threshold_for(self, population: int | None) -> int:
        if self.threshold_absolute is not None:
            return self.threshold_absolute
        if self.threshold_share is not None and population:
            # Rounded up: a share is a floor, 0.5 % of 1,001 people is 6, not 5.
            return math.ceil(self.threshold_share * population / 100)
        return DEFAULT_THRESHOLDS[Kind(self.kind)]


class InitiativeQuerySet(models.QuerySet):
    def published(self) -> InitiativeQuerySet:
        return self.filter(published_at__isnull=False)


class Initiative(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("the problem"), max_length=LONG_TEXT_CHARS)
    solution = models.TextField(_("the proposed solution"), max_length=LONG_TEXT_CHARS)
    topic = models.ForeignKey(
        "institutions.Topic",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("policy area"),
    )
    territory = models.ForeignKey(
        "institutions.Territory",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("territory"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_initiatives",
        verbose_name=_("representative"),
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Taken from the rules when the initiative is published.
    threshold = models.PositiveIntegerField(_("signatures needed"), default=0)
    min_cosponsors = models.PositiveSmallIntegerField(default=0)
    identity_level = models.CharField(
        max_length=8, choices=IdentityLevel.choices, default=IdentityLevel.EMAIL
    )
    min_age = models.PositiveSmallIntegerField(default=16)
    requires_citizenship = models.BooleanField(default=False)
    requires_residence = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    collection_ends_at = models.DateTimeField(_("collection ends"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(null=True, blank=True)
    # Signatures of a closed initiative, counted, once retention removed who gave them.
    archived_signature_count = models.PositiveIntegerField(default=0)
    answer_due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_collecting_at(self, now: datetime) -> bool:
        return self.status == Status.COLLECTING and (
            self.collection_ends_at is None or now < self.collection_ends_at
        )

    @property
    def is_collecting(self) -> bool:
        return self.is_collecting_at(timezone.now())

    @property
    def may_be_edited(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_answer_overdue(self) -> bool:
        return (
            self.status in AWAITING_ANSWER_STATUSES
            and self.answer_due_at is not None
            and timezone.now() > self.answer_due_at
        )

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def needs_eid(self) -> bool:
        return self.identity_level == IdentityLevel.EID


class StatusChange(models.Model):
    """One dated move of an initiative's status: the timeline on its page."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(max_length=32, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.status} {self.at:%Y-%m-%d}"


class CoSponsor(models.Model):
    """An invitation to co-sponsor, sent by e-mail; it counts once accepted."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="cosponsors")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cosponsorships",
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "email"], name="one_invitation_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative_id}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class ModerationReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate of another initiative")
    OUTSIDE_COMPETENCE = "outside_competence", _("Outside the institution's competence")
    OFFENSIVE_OR_UNLAWFUL = "offensive_or_unlawful", _("Offensive or unlawful")
    NOT_AN_INITIATIVE = "not_an_initiative", _("Not an initiative")


class ModerationDecision(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved for publication")
        RETURNED = "returned", _("Returned to the author to fix")
        REJECTED = "rejected", _("Rejected")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    reason = models.CharField(
        _("reason"), max_length=32, choices=ModerationReason.choices, blank=True
    )
    text = models.TextField(_("explanation"), blank=True, max_length=LONG_TEXT_CHARS)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.decision}"


class Signature(models.Model):
    """One person's support. Withdrawing deletes the row, so the unique constraint always
    means "one standing signature per person" and signing again later is a new row."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signatures"
    )
    public_name = models.BooleanField(_("show my name publicly"), default=False)
    # What the signer declared about themself; the verification export marks these
    # "declared", apart from what the eID verified.
    declared_min_age = models.BooleanField(default=False)
    declared_citizenship = models.BooleanField(default=False)
    declared_residence = models.BooleanField(default=False)
    # Signed with an eID-verified identity: the keyed hash of the personal code (accounts/
    # identity.py), unique per initiative whichever account signs; the age checked against
    # the birth date the eID gave (then nothing about age was declared).
    identity_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    age_verified = models.BooleanField(default=False)
    # Citizenship and residence the eID's claims gave when the rules asked for them (then
    # nothing about them was declared; the export says "verified by eID").
    citizenship_verified = models.BooleanField(default=False)
    residence_verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Against fraud (integrity.py): the mailbox's keyed digest (one signature per mailbox),
    # its domain, whether that is a throw-away provider, and the client's network.
    email_key = models.CharField(max_length=64, blank=True, default="")
    email_domain = models.CharField(max_length=255, blank=True, default="")
    disposable_email = models.BooleanField(default=False)
    client_network = models.CharField(max_length=64, blank=True, default="")
    # Set when the institution invalidated it: it stays (in the export, marked), uncounted.
    invalidation = models.ForeignKey(
        "initiatives.SignatureInvalidation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "signer"], name="one_signature_per_person"
            ),
            models.UniqueConstraint(
                fields=["initiative", "identity_hash"], name="one_signature_per_eid_identity"
            ),
            models.UniqueConstraint(
                fields=["initiative", "email_key"],
                condition=~models.Q(email_key=""),
                name="one_signature_per_mailbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer_id} → {self.initiative_id}"

    @property
    def eid_verified(self) -> bool:
        return bool(self.identity_hash)

    @property
    def is_valid(self) -> bool:
        return self.invalidation_id is None


class PaperBatch(models.Model):
    """Signatures the institution received on paper, counted and recorded as one batch."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="paper_batches"
    )
    count = models.PositiveIntegerField(_("number of signatures"))
    reference = models.CharField(_("reference"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    invalidation = models.ForeignKey(
        "initiatives.SignatureInvalidation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="paper_batches",
    )

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.count}"


class Answer(models.Model):
    """The institution's answer: the shared outcome and, always, the reason."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="answer")
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=LONG_TEXT_CHARS)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.get_outcome_display()}"


class AnswerDocument(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=upload_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Milestone(models.Model):
    """A dated step of implementing what was answered."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=LONG_TEXT_CHARS)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"


# Invalidations and draft attachments live in their own module (this one is long enough).
from .models_integrity import (  # noqa: E402, F401
    DraftAttachment,
    InvalidationRule,
    SignatureInvalidation,
)
