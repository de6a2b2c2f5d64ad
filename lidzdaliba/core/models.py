"""Base models shared by all apps."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BilingualNameModel(models.Model):
    """Reference data named in Latvian first, with an optional English name.

    Content written by institutions (drafts, answers) stays in Latvian; the names of the
    things people filter by are shown in the reader's language.
    """

    name = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "lv").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class EmailDelivery(models.Model):
    """One e-mail to one address: the delivery log (queued → sent, or failed with a reason).

    Every mail of the platform goes through `lidzdaliba.core.mail`, so the log lives here.
    `group` ties together the deliveries of one fan-out or digest run; `personal` holds the
    few per-recipient values (an unsubscribe token) merged into a message rendered once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"), db_index=True)
    language = models.CharField(max_length=8, default="lv")
    template = models.CharField(max_length=200)
    group = models.CharField(max_length=100, blank=True, db_index=True)
    subject = models.CharField(max_length=300, blank=True)
    personal = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "to"],
                condition=~models.Q(group=""),
                name="one_delivery_per_address_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to} {self.template} ({self.status})"


class JobFailure(models.Model):
    """A background job that raised: kept so administrators see what failed and why."""

    task = models.CharField(max_length=200, db_index=True)
    task_id = models.CharField(max_length=64)
    arguments = models.TextField(blank=True)
    error = models.TextField()
    traceback = models.TextField(blank=True)
    will_retry = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed job")
        verbose_name_plural = _("failed jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task}: {self.error[:80]}"


class MovedWorkingDay(models.Model):
    """A day the Cabinet moved, kept by the coordinator for orders the holiday library
    (`holidays.LV`) does not know yet: a Saturday that becomes a working day, or a weekday
    that becomes a day off. Working-day deadlines (core/working_days.py) read this list
    after the library, so an entry here always wins."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("is a working day"),
        help_text=_(
            "Ticked: a day off that becomes a working day. Unticked: a working day "
            "that becomes a day off."
        ),
    )
    note = models.CharField(_("Cabinet order or note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("moved working day")
        verbose_name_plural = _("moved working days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"
