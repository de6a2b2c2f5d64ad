"""Precomputed participation figures, kept exact per institution and month.

A consultation counts in the month it opened (local time); its opinions count with it. The
figures are rebuilt for one *bucket* (institution, month) at a time from the raw rows
(`services.bucket_refresh`), whenever a domain event touches a consultation of the bucket,
so they never drift. Sums add up across buckets; medians and distinct counts do not, so
what makes them exact is kept instead of the figure itself:
- `AnswerDays`: a histogram of days-to-answer per bucket (the median of any selection of
  buckets is read off the summed histogram);
- `Participant`: one row per distinct person or organisation per bucket (a distinct count
  over any selection of buckets is one indexed COUNT(DISTINCT)).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.limits import LONG_TEXT_CHARS


class ConsultationFact(models.Model):
    """One published consultation's figures. Its dates are copied so the derived status
    (which changes with the clock) is computed at read time with the same rule
    (`consultations.models.status_q`), never stored stale."""

    consultation = models.OneToOneField(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16)
    month = models.DateField()
    policy_stage = models.CharField(max_length=32)
    participation_form = models.CharField(max_length=32)
    announced_at = models.DateTimeField(null=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    feedback_published_at = models.DateTimeField(null=True)
    decided_at = models.DateTimeField(null=True)
    answer_deadline = models.DateTimeField()
    minimum_period_kept = models.BooleanField()
    opinions = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["month", "institution"]),
            models.Index(fields=["institution", "month"]),
            models.Index(fields=["institution_kind", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} ({self.month:%Y-%m})"


class AnswerDays(models.Model):
    """How many opinions of a bucket were answered after `days` days."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16)
    month = models.DateField()
    days = models.PositiveIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "month", "days"], name="unique_answer_days_bucket"
            )
        ]
        indexes = [models.Index(fields=["month", "institution"])]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.month:%Y-%m}: {self.days} d × {self.count}"


class Participant(models.Model):
    """A person or an organisation that gave at least one opinion in a bucket."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16)
    month = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "month", "kind", "key"], name="unique_participant_bucket"
            )
        ]
        indexes = [
            models.Index(fields=["month", "kind", "key"]),
            models.Index(fields=["institution_kind", "month", "kind", "key"]),
        ]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.month:%Y-%m}: {self.kind} {self.key}"


class EvaluationReport(models.Model):
    """The coordinator's evaluation report: a period, a set of institutions (none: all),
    the surveys whose results it shows (none: no survey part) and the conclusions they
    write; the figures are computed when it is shown."""

    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    institutions = models.ManyToManyField(
        "institutions.Institution", blank=True, related_name="+", verbose_name=_("institutions")
    )
    surveys = models.ManyToManyField(
        "surveys.Survey", blank=True, related_name="+", verbose_name=_("surveys")
    )
    conclusions = models.TextField(_("conclusions"), blank=True, max_length=LONG_TEXT_CHARS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class GroupParticipation(models.Model):
    """Opinions of a bucket by affected group (see monitoring/groups.py): one row per group
    and person or organisation, with how many of their opinions the group counts. The group
    is a declared affected group (a person's opinion, as declared with it), an
    organisation's kind (an organisation's opinion), or neither ("not declared"). `key` is
    the person or organisation (None: an opinion whose author was erased), so a distinct
    count over any selection of buckets stays exact, like `Participant`'s."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16)
    month = models.DateField()
    affected_group = models.ForeignKey(
        "institutions.AffectedGroup", null=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation_kind = models.CharField(max_length=16, blank=True, default="")
    key = models.BigIntegerField(null=True)
    opinions = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["month", "institution"]),
            models.Index(fields=["institution_kind", "month"]),
        ]

    def __str__(self) -> str:
        group = self.affected_group_id or self.organisation_kind or "-"
        return f"{self.institution_id} {self.month:%Y-%m}: {group} {self.key} × {self.opinions}"
