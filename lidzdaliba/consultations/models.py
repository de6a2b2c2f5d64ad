"""Consultations, their documents split into clauses, opinions, and reasoned answers.

A consultation's status is derived from its dates and milestones (see `Consultation.status`)
rather than stored: it changes with the clock (announced → open → closed) without any job
having to run, and it can never disagree with the dates shown on the page.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.enums import ActType, OpinionKind, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.core.limits import LONG_TEXT_CHARS


def upload_path(instance, filename: str) -> str:
    """A random stored name: the uploader's file name is kept only as data, never as a path."""
    return f"{instance._meta.model_name}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANNOUNCED = "announced", _("Announced")
    OPEN = "open", _("Open for opinions")
    CLOSED = "closed", _("Closed, being answered")
    ANSWERED = "answered", _("Answered")
    DECIDED = "decided", _("Decided")


class MinimumPeriod(models.Model):
    """The shortest time a consultation of a kind may stay open, in days (configurable).

    Keys are participation forms, plus act types that carry their own rule (a municipal
    binding regulation: 14 days). A shorter period needs a justification shown in public.
    """

    key = models.CharField(
        max_length=64,
        unique=True,
        choices=[*ParticipationForm.choices, *ActType.choices],
    )
    days = models.PositiveSmallIntegerField(_("minimum days"))

    class Meta:
        verbose_name = _("minimum period")
        verbose_name_plural = _("minimum periods")

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.days}"


class ConsultationQuerySet(models.QuerySet):
    """Row filters for the consultation rules, named once (DESIGN.md: one rule, one place).

    `published()` is the database form of `Consultation.is_published`; `with_status()` of
    `Consultation.status_at`. Search, notifications, feeds and institution pages ask these.
    """

    def published(self) -> ConsultationQuerySet:
        return self.filter(published_q())

    def drafts(self) -> ConsultationQuerySet:
        return self.exclude(published_q())

    def with_status(self, status: str, now: datetime | None = None) -> ConsultationQuerySet:
        return self.filter(status_q(status, now or timezone.now()))

    def open_for_opinions(self, now: datetime | None = None) -> ConsultationQuerySet:
        return self.with_status(Status.OPEN, now)

    def with_published_feedback(self) -> ConsultationQuerySet:
        """Answered: the feedback table is public (decided ones too)."""
        return self.filter(feedback_published_at__isnull=False)


def published_q(prefix: str = "") -> models.Q:
    """Published (`Consultation.is_published`) as a condition, for queries that combine it
    (`prefix` "consultation__" from an opinion)."""
    return models.Q(**{f"{prefix}announced_at__isnull": False})


def status_q(status: str, now: datetime) -> models.Q:
    """The database filter for a derived status (mirrors `Consultation.status_at`)."""
    Q = models.Q
    published = published_q()
    live = published & Q(decided_at__isnull=True, feedback_published_at__isnull=True)
    return {
        Status.DRAFT: ~published,
        Status.ANNOUNCED: live & Q(opens_at__gt=now),
        Status.OPEN: live & Q(opens_at__lte=now, closes_at__gt=now),
        Status.CLOSED: live & Q(closes_at__lte=now),
        Status.ANSWERED: published
        & Q(feedback_published_at__isnull=False, decided_at__isnull=True),
        Status.DECIDED: published & Q(decided_at__isnull=False),
    }[Status(status)]


def awaiting_answer_q(prefix: str = "") -> models.Q:
    """Opinions that still need an answer: none yet, and not withdrawn (a withdrawn opinion
    needs none). `prefix` "opinions__" from a consultation. Counts of unanswered opinions,
    the publication check and the officers' reminders all ask this."""
    return models.Q(**{f"{prefix}answer__isnull": True, f"{prefix}withdrawn_at__isnull": True})


class Consultation(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("institution"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary in plain language"),
        max_length=LONG_TEXT_CHARS,
        help_text=_("What is proposed and whom it affects, in words anyone understands."),
    )
    problem = models.TextField(_("problem"), blank=True, max_length=LONG_TEXT_CHARS)
    goal = models.TextField(_("goal"), blank=True, max_length=LONG_TEXT_CHARS)
    topic = models.ForeignKey(
        "institutions.Topic",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("policy area"),
    )
    territory = models.ForeignKey(
        "institutions.Territory",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("territory"),
    )
    policy_stage = models.CharField(_("policy stage"), max_length=32, choices=PolicyStage.choices)
    participation_form = models.CharField(
        _("participation form"), max_length=32, choices=ParticipationForm.choices
    )
    act_type = models.CharField(
        _("type of act"), max_length=40, choices=ActType.choices, default=ActType.OTHER
    )
    affected_groups = models.ManyToManyField(
        "institutions.AffectedGroup",
        related_name="consultations",
        verbose_name=_("affected groups"),
        blank=True,
    )
    responsible_official = models.CharField(_("responsible official"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    opens_at = models.DateTimeField(_("open from"))
    closes_at = models.DateTimeField(_("open until"))
    short_period_justification = models.TextField(
        _("justification for a shorter period"), blank=True, max_length=LONG_TEXT_CHARS
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, db_index=True)
    feedback_published_at = models.DateTimeField(_("feedback published"), null=True, blank=True)
    feedback_justification = models.TextField(
        _("justification for publishing with unanswered opinions"), blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_url = models.URLField(_("link to the final decision"), blank=True)
    decision_summary = models.TextField(_("what was decided"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-id"]
        indexes = [
            models.Index(fields=["announced_at", "opens_at", "closes_at"]),
            models.Index(fields=["institution", "-opens_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, now: datetime) -> Status:
        if self.announced_at is None:
            return Status.DRAFT
        if self.decided_at is not None:
            return Status.DECIDED
        if self.feedback_published_at is not None:
            return Status.ANSWERED
        if now < self.opens_at:
            return Status.ANNOUNCED
        if now < self.closes_at:
            return Status.OPEN
        return Status.CLOSED

    @property
    def status(self) -> Status:
        return self.status_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def is_published(self) -> bool:
        """Public from its announcement on: anyone may read it (`published()` in queries)."""
        return self.announced_at is not None

    @property
    def is_announced(self) -> bool:
        """Published, opening later."""
        return self.status == Status.ANNOUNCED

    @property
    def is_open_for_opinions(self) -> bool:
        return self.status == Status.OPEN

    @property
    def has_opened(self) -> bool:
        """Past its opening: open now, or closed (and maybe answered and decided)."""
        return self.status not in {Status.DRAFT, Status.ANNOUNCED}

    @property
    def is_awaiting_feedback(self) -> bool:
        """Closed, the answers not yet published: the responders' turn."""
        return self.status == Status.CLOSED

    @property
    def may_be_edited(self) -> bool:
        """Details and versions may change until the answers are published."""
        return self.status not in {Status.ANSWERED, Status.DECIDED}

    @property
    def answer_deadline(self) -> datetime:
        from django.conf import settings

        return self.closes_at + timedelta(days=settings.ANSWER_DEADLINE_DAYS)

    @property
    def period_days(self) -> int:
        return (self.closes_at - self.opens_at).days


class DocumentVersion(models.Model):
    """One version of the draft, typed or uploaded, with its text split into clauses."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    source_file = models.FileField(upload_to=upload_path, null=True, blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_content_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.consultation} v{self.number}"


class Clause(models.Model):
    """A numbered part of a draft on which people can comment."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField()
    number = models.CharField(_("clause number"), max_length=32, blank=True)
    is_heading = models.BooleanField(default=False)
    text = models.TextField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="unique_clause_position")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}" if self.number else self.text[:60]

    @property
    def number_label(self) -> str:
        if not self.number:
            return ""
        return self.number if self.number.endswith(")") else f"{self.number}."

    @property
    def label(self) -> str:
        """How people refer to the clause: "2.1.", a sub-point "2.1.3)", or for unnumbered
        text (a title or preamble) its opening words."""
        if self.number:
            return self.number_label
        words = self.text.split()
        opening = " ".join(words[:5])
        return f"«{opening}…»" if len(words) > 5 else f"«{opening}»"


class Attachment(models.Model):
    """A supporting file of a consultation (annotation, impact assessment, presentation)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(upload_to=upload_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A short code people can quote by phone; random, so it reveals nothing about volume."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"LDZ-{chars[:4]}-{chars[4:]}"


class HiddenReason(models.TextChoices):
    """Why an opinion's text may be hidden (and why a reader may report it): a closed set, so
    the public table says the same words for the same reason."""

    ABUSIVE = "abusive", _("Abusive language")
    UNLAWFUL = "unlawful", _("Unlawful content")
    PERSONAL_DATA = "personal_data", _("Personal data of someone")
    SPAM = "spam", _("Spam or off topic")
    OTHER = "other", _("Other reason")


class Opinion(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="opinions"
    )
    clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("clause"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("on behalf of"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OpinionKind.choices)
    # The affected groups the person said they speak as a member of, for this opinion (a
    # snapshot: a later change of the profile leaves it as given). Personal data of special
    # care: never shown next to the opinion, counted only in aggregate (monitoring); none
    # for an opinion on behalf of an organisation, whose group is its kind.
    declared_groups = models.ManyToManyField(
        "institutions.AffectedGroup", blank=True, related_name="+"
    )
    text = models.TextField(_("opinion"))
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    show_name = models.BooleanField(_("my name may be shown publicly"), default=False)
    reference = models.CharField(max_length=16, unique=True, default=new_reference)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    # A digest of the submission's content: the same key with other content is refused.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    answer_sent_at = models.DateTimeField(null=True, blank=True)
    # Withdrawn by its author (or a fellow representative) while the consultation was open:
    # the row stays in the feedback table as "withdrawn", needs no answer, and its text is
    # no longer shown in public (officers still see it and its history).
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    # Moderation (services/moderation.py). A hidden opinion stays in the feedback table and
    # still needs an answer; only its words (and files) are withheld from the public.
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=16, choices=HiddenReason.choices, blank=True
    )
    hidden_note = models.TextField(_("note"), blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author may ask once, per hiding, for the decision to be looked at again.
    review_requested_at = models.DateTimeField(null=True, blank=True)
    review_request_text = models.TextField(_("why the opinion should be shown"), blank=True)
    review_decided_at = models.DateTimeField(null=True, blank=True)
    review_decision_note = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "consultation", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="unique_opinion_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def answer_or_none(self) -> Answer | None:
        # A missing reverse one-to-one raises an AttributeError subclass, so getattr works.
        return getattr(self, "answer", None)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def status_for(self, *, sees_answer_state: bool) -> OpinionStatus:
        """Where the opinion stands. `sees_answer_state`: the reader may know whether an
        answer exists before the feedback is published (the author's side and officers);
        anyone else learns of an answer only with the feedback table."""
        if self.withdrawn_at is not None:
            return OpinionStatus.WITHDRAWN
        answered = self.answer_or_none is not None
        if answered and self.consultation.feedback_published_at is not None:
            return OpinionStatus.FEEDBACK_PUBLISHED
        if answered and sees_answer_state:
            return OpinionStatus.ANSWERED
        return OpinionStatus.UNANSWERED

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def hidden_label(self) -> str:
        """What the public reads instead of the text: "Hidden: abusive language"."""
        reason = str(HiddenReason(self.hidden_reason).label) if self.hidden_reason else ""
        return _("Hidden: %(reason)s") % {"reason": reason[:1].lower() + reason[1:]}

    @property
    def review_pending(self) -> bool:
        return self.review_requested_at is not None and self.review_decided_at is None

    @property
    def public_submitter(self) -> str:
        """The name the public sees: the organisation always, the person only by consent."""
        person = self.author.display_name if (self.author and self.show_name) else ""
        if self.organisation_id:
            return f"{self.organisation.name} ({person})" if person else self.organisation.name
        return person or str(_("Private person"))


class OpinionStatus(models.TextChoices):
    """An opinion's state as its author sees it (and the API's `status`)."""

    UNANSWERED = "unanswered", _("Not answered yet")
    ANSWERED = "answered", _("Answered, answer not yet published")
    FEEDBACK_PUBLISHED = "feedback_published", _("Answer published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OpinionRevision(models.Model):
    """What an opinion said before an edit or a withdrawal, kept for the officers.

    People may change their mind while a consultation is open; the institution must still
    be able to see what was said first, and which answer (if any) the change made void.
    """

    class Change(models.TextChoices):
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="revisions")
    change = models.CharField(max_length=16, choices=Change.choices, default=Change.EDITED)
    kind = models.CharField(_("kind"), max_length=16, choices=OpinionKind.choices)
    text = models.TextField(_("opinion"))
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clause_label = models.CharField(max_length=64, blank=True)
    attachments_summary = models.TextField(blank=True)
    # The answer the change made void (an edit of an answered opinion), for the record.
    previous_outcome = models.CharField(
        max_length=32, choices=Outcome.choices, blank=True, default=""
    )
    previous_reason = models.TextField(blank=True)
    previous_new_wording = models.TextField(blank=True)
    previous_answered_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("opinion revision")
        verbose_name_plural = _("opinion revisions")
        ordering = ["opinion", "edited_at", "id"]

    def __str__(self) -> str:
        return f"{self.opinion_id}: {self.get_change_display()} {self.edited_at:%Y-%m-%d}"


class OpinionAttachment(models.Model):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=upload_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Answer(models.Model):
    """The institution's decision on one opinion, always with the reason."""

    opinion = models.OneToOneField(Opinion, on_delete=models.CASCADE, related_name="answer")
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    new_wording = models.TextField(_("new wording of the clause"), blank=True)
    # Opinions answered together with one reason share a batch id.
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.opinion.reference}: {self.get_outcome_display()}"
