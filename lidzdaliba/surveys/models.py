"""Surveys: questions in sections, responses, and one stored row per answer.

Results aggregate in the database: every answer is an `Answer` row (a multiple choice answer
is one row per ticked option, a ranking one row per item with its place, a matrix one row per
row with its value), indexed by question, so counts, distributions and means are `GROUP BY`
queries, never a walk over JSON blobs.

An anonymous survey keeps who took part (`Participation`) apart from what they answered
(`Response` without a person): no foreign key, and nothing in `Participation` orders or dates
it (a random UUID key, no timestamp), so the two tables cannot be joined again.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lidzdaliba.institutions.models import Institution

PUBLIC = "public"
INSTITUTIONS = "institutions"


class Survey(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("The public")
        OFFICERS = "officers", _("Institutions' officers")
        BOTH = "both", _("The public and institutions, as separate groups")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # None: a cross-institution survey of the coordinator.
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="surveys"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    audience = models.CharField(
        _("who answers"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    requires_sign_in = models.BooleanField(_("only signed-in people may answer"), default=True)
    invitation_only = models.BooleanField(_("only by invitation link"), default=False)
    allow_changes = models.BooleanField(_("respondents may change their answers"), default=False)
    results_public = models.BooleanField(_("results are public"), default=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    imported = models.BooleanField(default=False)
    # "standard": the three questions asked of a consultation's participants.
    purpose = models.CharField(max_length=20, blank=True, db_index=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "purpose"],
                condition=Q(purpose="standard"),
                name="surveys_one_standard_survey_per_subject",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.is_published:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        RANKING = "ranking", _("Ranking")
        MATRIX = "matrix", _("Matrix of scales")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=1000)
    help_text = models.CharField(_("explanation"), max_length=1000, blank=True)
    required = models.BooleanField(_("required"), default=False)
    scale_max = models.PositiveSmallIntegerField(_("scale from 1 to"), default=10)
    label_low = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    label_high = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    options = models.JSONField(default=list, blank=True)  # choice, multiple, ranking
    rows = models.JSONField(default=list, blank=True)  # matrix rows
    allow_other = models.BooleanField(_("allow “other”"), default=False)
    # Show only when the answer to an earlier question is one of `show_if_values`.
    show_if = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    show_if_values = models.JSONField(default=list, blank=True)
    standard_key = models.CharField(max_length=30, blank=True, db_index=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A single-use link e-mailed to one person. Only the token's hash is stored. `used`
    carries no time, so it cannot be matched to an anonymous response's time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email"], name="surveys_one_invitation_per_address"
            )
        ]

    def __str__(self) -> str:
        return self.email


class Response(models.Model):
    """One person's (or one invitation's) answers. `submitted_at` None: progress saved."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=100, default=PUBLIC)
    # Empty for anonymous surveys (see Participation) and imported responses.
    # SET_NULL: a deleted account's answers stay in the figures, without the person.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=Q(person__isnull=False),
                name="surveys_one_response_per_person",
            )
        ]
        indexes = [models.Index(fields=["survey", "group", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Participation(models.Model):
    """That a person took part in an anonymous survey, and nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_participations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"], name="surveys_one_participation_per_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.survey_id)


class Answer(models.Model):
    """One stored value: `number` (scale, matrix value, ranking place), `choice` (option
    label, matrix row, ranked item), `text` (free text, or what "other" said)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Copied from the response so results group without a join.
    group = models.CharField(max_length=100, default=PUBLIC)
    submitted = models.BooleanField(default=False)
    number = models.SmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "submitted", "group", "choice", "number"]),
            models.Index(fields=["response", "question"]),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number or self.choice or self.text[:40]}"


class Draft(models.Model):
    """Saved progress of an answer that must not name its person: an anonymous survey's,
    one given without signing in, or one given through an invitation link.

    Found only by whoever holds the resume token: `key_hash` is the SHA-256 of the token
    (domain-separated, so an invitation's draft never shares a hash with `Invitation`), and
    nothing else points at a person (no user, no invitation, no address); `saved_on` keeps
    only the day, for expiry. Submitting deletes the draft and creates the response anew, so
    the response cannot be traced back through it. `answers`: {question id: value}."""

    # A random key, as Participation's: no id to order drafts by when they were made.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    key_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict)
    saved_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["saved_on"])]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.saved_on}"


# --- Tallies: what the results page reads instead of every answer row ----------------------
# Kept by services/tallies.py in the same transaction as the answers they count (a submitted
# response, its changed answers, its deletion, an import), so they are exact by construction;
# `manage.py rebuild_survey_tallies` recomputes them from the rows (the same numbers).

NO_NUMBER = 0  # `AnswerCount.number` of an answer without a number (answers' numbers are ≥ 1)


class AnswerCount(models.Model):
    """How many submitted answer rows of `question` in `group` have this `choice` and
    `number`: a scale's histogram (mean, median and CI follow from it exactly), an option's
    count, a ranked item's count per place, a matrix row's count per value, free-text rows."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=100)
    choice = models.CharField(max_length=300, blank=True)
    # NO_NUMBER instead of NULL, so the unique constraint also holds for choice answers.
    number = models.SmallIntegerField(default=NO_NUMBER)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "group", "choice", "number"],
                name="surveys_one_count_per_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.group}/{self.choice}/{self.number}: {self.count}"


class RespondentCount(models.Model):
    """How many submitted responses answered `question` in `group` (a multiple choice,
    ranking or matrix answer is several rows, so its respondents are not its row count)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "group"], name="surveys_one_respondent_count_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.group}: {self.count}"


class AnswerLemma(models.Model):
    """A lemma of a submitted free-text answer (once per answer, stop words left out),
    computed when the answer is stored: the word cloud's answers behind a word are a lookup,
    not a lemmatisation of every answer on each view."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="lemmas")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=100)
    lemma = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["question", "lemma", "group"])]

    def __str__(self) -> str:
        return self.lemma


class LemmaCount(models.Model):
    """How many submitted free-text answers of `question` in `group` contain `lemma`."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=100)
    lemma = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "group", "lemma"], name="surveys_one_count_per_lemma"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.group}/{self.lemma}: {self.count}"
