"""Consultative bodies (councils, working groups, commissions, residents' councils), their
members, applications to join and recommendations; and public meetings — of a body, or of
a consultation whose form is a public meeting — with agenda, registration and minutes.

Bodies and meetings live in one app (the issue allows one or two) because a body's page,
its recommendations ("adopted at which meeting") and its secretary's desk need both. A
meeting names what it belongs to as a *subject* (core/subjects.py): a body of this app or a
consultation, which this app never imports.

Publication deadlines are stored when a meeting is scheduled or moved (`Meeting.
compute_due_dates` in services), so lists and the API filter and flag them without
recounting working days; whether a publication is late is derived from them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.limits import LONG_TEXT_CHARS

NOTE_CHARS = 2000


class DeadlineRules(models.Model):
    """An institution's publication and answer deadlines; without a row, the defaults of
    the Cabinet rules and municipal practice (`DEFAULTS`)."""

    institution = models.OneToOneField(
        "institutions.Institution",
        on_delete=models.CASCADE,
        related_name="meeting_deadlines",
        verbose_name=_("institution"),
    )
    agenda_working_days = models.PositiveSmallIntegerField(
        _("agenda of a body's meeting: working days before"), default=3
    )
    materials_days = models.PositiveSmallIntegerField(
        _("materials of a consultation meeting: days before"), default=14
    )
    minutes_days = models.PositiveSmallIntegerField(_("minutes: days after"), default=14)
    answer_days = models.PositiveSmallIntegerField(
        _("answer to a recommendation: days"), default=30
    )

    class Meta:
        verbose_name = _("deadline rules")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return str(self.institution)


DEFAULTS = DeadlineRules(agenda_working_days=3, materials_days=14, minutes_days=14, answer_days=30)


class Body(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Consultative council")
        WORKING_GROUP = "working_group", _("Working group")
        COMMISSION = "commission", _("Commission")
        RESIDENTS_COUNCIL = "residents_council", _("Residents' council")

    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="bodies",
        verbose_name=_("institution"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True, max_length=LONG_TEXT_CHARS)
    terms_of_reference = models.FileField(
        _("terms of reference"), upload_to="bodies/%Y/%m", blank=True
    )
    terms_of_reference_url = models.URLField(_("link to the terms of reference"), blank=True)
    term_starts_on = models.DateField(_("term from"))
    term_ends_on = models.DateField(_("term until"), null=True, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bodies_as_secretary",
        verbose_name=_("secretary"),
    )
    accepting_applications = models.BooleanField(_("call for members open"), default=False)
    # A published call for members (services/calls.py): its text, until when applications
    # are welcome, and when it was published (subscribers are told once per publication).
    call_text = models.TextField(_("call for members"), blank=True, max_length=LONG_TEXT_CHARS)
    call_open_until = models.DateField(_("applications until"), null=True, blank=True)
    call_published_at = models.DateTimeField(_("call published"), null=True, blank=True)
    affected_groups = models.ManyToManyField(
        "institutions.AffectedGroup",
        blank=True,
        related_name="+",
        verbose_name=_("affected groups it should represent"),
        help_text=_("Empty: every affected group of the platform."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultative body")
        verbose_name_plural = _("consultative bodies")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A seat on a body: a person or an organisation. Past members stay (`ends_on`)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    represented_groups = models.ManyToManyField(
        "institutions.AffectedGroup",
        blank=True,
        related_name="+",
        verbose_name=_("represented groups"),
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["ends_on", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="member_is_person_or_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.person.display_name if self.person_id else ""

    def is_current_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Application(models.Model):
    """A person's (or their NGO's) application to join a body, with a motivation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_applications"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    motivation = models.TextField(_("motivation"), max_length=LONG_TEXT_CHARS)
    represented_groups = models.ManyToManyField(
        "institutions.AffectedGroup", blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=NOTE_CHARS)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "applicant"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_id}:{self.applicant_id}"


class Recommendation(models.Model):
    """A recommendation a body adopted, addressed to an institution that answers it with an
    outcome and a reason (the shared `Outcome`) by `due_on`."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("text"), max_length=LONG_TEXT_CHARS)
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("adopted at"),
    )
    adopted_on = models.DateField(_("adopted on"))
    addressed_to = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="recommendations_received",
        verbose_name=_("addressed to"),
    )
    due_on = models.DateField(_("answer due"))
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=LONG_TEXT_CHARS)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-adopted_on", "-id"]

    def __str__(self) -> str:
        return self.text[:80]

    class Status(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        PENDING = "pending", _("Awaiting an answer")
        OVERDUE = "overdue", _("Answer overdue")

    def status_on(self, day) -> Recommendation.Status:
        if self.answered_at is not None:
            return self.Status.ANSWERED
        return self.Status.OVERDUE if day > self.due_on else self.Status.PENDING

    @property
    def status(self) -> Recommendation.Status:
        return self.status_on(timezone.localdate())

    @property
    def answered_on_time(self) -> bool:
        return self.answered_at is not None and timezone.localdate(self.answered_at) <= self.due_on


class MeetingQuerySet(models.QuerySet):
    def of_subject(self, subject: models.Model) -> MeetingQuerySet:
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )

    def minutes_overdue(self, now: datetime | None = None) -> MeetingQuerySet:
        return self.filter(
            cancelled_at__isnull=True,
            minutes_published_at__isnull=True,
            minutes_due_at__lt=now or timezone.now(),
        )


class Meeting(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid (in person and remote)")

    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("institution"),
    )
    # The subject (core/subjects.py): a body, or a consultation.
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT_CHARS)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))
    mode = models.CharField(_("form"), max_length=12, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    accessibility = models.TextField(
        _("accessibility of the place"), blank=True, max_length=NOTE_CHARS
    )
    remote_url = models.URLField(
        _("link for remote participation"),
        blank=True,
        max_length=500,
        help_text=_("Shown only to registered participants and organisers."),
    )
    live_url = models.URLField(_("live stream"), blank=True, max_length=500)
    recording_url = models.URLField(_("recording"), blank=True, max_length=500)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    agenda_due_at = models.DateTimeField(_("agenda due"), null=True, blank=True)
    materials_due_at = models.DateTimeField(_("materials due"), null=True, blank=True)
    minutes_due_at = models.DateTimeField(_("minutes due"), null=True, blank=True)
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    agenda_late_reason = models.TextField(blank=True, max_length=NOTE_CHARS)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    minutes_late_reason = models.TextField(blank=True, max_length=NOTE_CHARS)
    minutes = models.TextField(_("minutes"), blank=True, max_length=LONG_TEXT_CHARS)
    decisions = models.TextField(_("decisions"), blank=True, max_length=LONG_TEXT_CHARS)
    summary = models.TextField(_("what we heard"), blank=True, max_length=LONG_TEXT_CHARS)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    minutes_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # RFC 5545 SEQUENCE of the invitations: rises with every change registrants must see.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.duration

    @property
    def duration_minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    @property
    def has_remote_part(self) -> bool:
        return self.mode in (self.Mode.REMOTE, self.Mode.HYBRID)

    @property
    def publication_due_at(self) -> datetime | None:
        """The deadline for agenda and materials: the materials rule for a consultation
        meeting, the agenda rule for a body's."""
        return self.materials_due_at or self.agenda_due_at

    def _late(self, published: datetime | None, due: datetime | None, now: datetime) -> bool:
        if due is None:
            return False
        return (published or now) > due

    def agenda_late_at(self, now: datetime) -> bool:
        return self._late(self.agenda_published_at, self.publication_due_at, now)

    def minutes_late_at(self, now: datetime) -> bool:
        return self._late(self.minutes_published_at, self.minutes_due_at, now)

    @property
    def agenda_late(self) -> bool:
        return self.agenda_late_at(timezone.now())

    @property
    def minutes_late(self) -> bool:
        return self.minutes_late_at(timezone.now())

    @property
    def minutes_overdue(self) -> bool:
        return self.minutes_published_at is None and self.minutes_late and not self.cancelled_at


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("item"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    document_url = models.URLField(_("document"), blank=True, max_length=500)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """One person's registration for a meeting (one row per person; cancelling keeps it)."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remotely")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    mode = models.CharField(_("participation"), max_length=12, choices=Mode.choices)
    needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        max_length=NOTE_CHARS,
        help_text=_("Seen only by the organisers; erased after the meeting."),
    )
    question = models.TextField(_("question in advance"), blank=True, max_length=NOTE_CHARS)
    # A question asked on behalf of an organisation is published with its name; a private
    # person's question never names them.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    answer = models.TextField(_("answer to the question"), blank=True, max_length=NOTE_CHARS)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_notice_sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    # A waiting list is served in the order people joined it.
    queued_at = models.DateTimeField(default=timezone.now)
    attended = models.CharField(
        _("attendance"),
        max_length=12,
        blank=True,
        choices=[("present", _("Present")), ("remote", _("Remote")), ("excused", _("Excused"))],
    )
    publish_name = models.BooleanField(_("my name may be published in the minutes"), default=False)
    invitation_sequence_sent = models.IntegerField(default=-1)
    minutes_notice_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_registration_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.person_id}"
