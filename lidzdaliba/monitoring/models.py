"""Precomputed participation figures, kept exact per institution and month.

A consultation counts in the month it opened (local time); its opinions count with it. The
figures are rebuilt for one *bucket* (institution, month) at a time from the raw rows
(`services.bucket_refresh`), whenever a domain event touches a consultation of the bucket,
so they never drift. Sums add up across buckets; medians and distinct counts do not, so
what makes them exact is kept instead of the figure itself:
- `AnswerDays`: a histogram of days-to-answer per bucket (the median of any selection of
  buckets is read off the summed histogram);
- `Participant`: one row per distinct person or organisation per bucket, and from it
  `DistinctMonths`, a small histogram per scope (everything, each institution kind, each
  institution) from which the distinct count over any range of months is one SUM (also
  per affected group, see groups.py, with `GroupOpinions` for the summable opinions).
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
        # A participant's months, for keeping `DistinctMonths` exact when a bucket changes.
        indexes = [models.Index(fields=["kind", "key", "month"])]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.month:%Y-%m}: {self.kind} {self.key}"


class DistinctMonths(models.Model):
    """Distinct participants over any range of months, exactly, from a few hundred rows.

    For one *scope* (everything: "all"; an institution kind: "kind:<kind>"; one institution:
    "institution:<id>") and participant kind, a row counts the participants who took part in
    `month` and whose previous month of taking part in the scope was `previous` (none: their
    first). A participant is counted once in months [a, b] exactly at their first month in
    the range, i.e. the row's month is in [a, b] and `previous` is before a or none; so the
    distinct count over [a, b] is SUM(count) over those rows, and per month (a = b) it is the
    sum over every `previous`. It is a function of the `Participant` rows: the bucket job
    updates the rows of the participants whose buckets changed (services.py).

    `kind` is a `Participant` kind ("person", "organisation", from the `Participant` rows)
    or a group of `GroupParticipation` (groups.py, from its rows with a key): "g:<affected
    group id>", "g:-" (not declared) or "o:<organisation kind>"; the by-group distinct
    counts are then read the same way."""

    scope = models.CharField(max_length=40)
    institution = models.ForeignKey(
        "institutions.Institution", null=True, on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16, blank=True)
    kind = models.CharField(max_length=40)
    month = models.DateField()
    previous = models.DateField(null=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "kind", "month", "previous"],
                condition=models.Q(previous__isnull=False),
                name="unique_distinct_months",
            ),
            models.UniqueConstraint(
                fields=["scope", "kind", "month"],
                condition=models.Q(previous__isnull=True),
                name="unique_distinct_months_first",
            ),
        ]
        indexes = [models.Index(fields=["institution", "month"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.kind} {self.month:%Y-%m} after {self.previous}: {self.count}"


class FiguresLock(models.Model):
    """One row, updated first by every bucket rebuild: the distinct-month histograms of
    everything and of each kind span institutions, so two rebuilds must not interleave
    (the UPDATE holds a row lock on PostgreSQL, the write lock on SQLite, until commit)."""

    taken = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"figures lock (taken {self.taken} times)"


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


class GroupBucket(models.Model):
    """A bucket (institution, month) and a group: a declared affected group, an
    organisation's kind, or neither ("not declared")."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    institution_kind = models.CharField(max_length=16)
    month = models.DateField()
    affected_group = models.ForeignKey(
        "institutions.AffectedGroup", null=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation_kind = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        abstract = True

    @property
    def group(self) -> int | str:
        return self.affected_group_id or self.organisation_kind or "-"


class GroupParticipation(GroupBucket):
    """Opinions of a bucket by affected group (see monitoring/groups.py): one row per group
    and person or organisation, with how many of their opinions the group counts. The group
    is a declared affected group (a person's opinion, as declared with it), an
    organisation's kind (an organisation's opinion), or neither ("not declared"). `key` is
    the person or organisation (None: an opinion whose author was erased), so a distinct
    count over any selection of buckets stays exact, like `Participant`'s."""

    key = models.BigIntegerField(null=True)
    opinions = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["month", "institution"]),
            models.Index(fields=["institution_kind", "month"]),
        ]

    def __str__(self) -> str:
        bucket = f"{self.institution_id} {self.month:%Y-%m}"
        return f"{bucket}: {self.group} {self.key} × {self.opinions}"


class GroupOpinions(GroupBucket):
    """Opinions of a bucket per affected group (the `GroupParticipation` rows summed over
    their people): a few rows per bucket, so the opinions of a selection are one SUM over
    about institutions × months × groups rows. Rebuilt with the bucket (groups.py)."""

    opinions = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["month", "institution"]),
            models.Index(fields=["institution_kind", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.month:%Y-%m}: {self.group} × {self.opinions}"
