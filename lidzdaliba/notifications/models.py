"""Who wants to hear about what, and what has been sent.

A subscription follows one thing: an institution, a policy area, a territory, an affected
group, a single consultation or a single initiative. People without an account confirm
their address first (double opt-in); every mail carries a one-click unsubscribe link made from the
subscription's secret token.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        TOPIC = "topic", _("Policy area")
        TERRITORY = "territory", _("Territory")
        GROUP = "group", _("Affected group")
        CONSULTATION = "consultation", _("Consultation")
        INITIATIVE = "initiative", _("Initiative")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    email = models.EmailField(_("e-mail address"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    kind = models.CharField(_("follows"), max_length=16, choices=Kind.choices)
    institution = models.ForeignKey(
        "institutions.Institution", null=True, blank=True, on_delete=models.CASCADE
    )
    topic = models.ForeignKey("institutions.Topic", null=True, blank=True, on_delete=models.CASCADE)
    territory = models.ForeignKey(
        "institutions.Territory", null=True, blank=True, on_delete=models.CASCADE
    )
    group = models.ForeignKey(
        "institutions.AffectedGroup", null=True, blank=True, on_delete=models.CASCADE
    )
    consultation = models.ForeignKey(
        "consultations.Consultation", null=True, blank=True, on_delete=models.CASCADE
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.CASCADE
    )
    # "institution:12": one subscription per address and followed thing.
    target_key = models.CharField(max_length=64)
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="lv")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "target_key"], name="one_subscription_per_target"
            )
        ]
        indexes = [models.Index(fields=["target_key", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.target_key} ({self.frequency})"

    @property
    def target(self):
        return getattr(self, self.kind)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class NotificationEvent(models.Model):
    """Something subscribers were told about, once: the key makes re-runs harmless."""

    class Kind(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        OPENED = "opened", _("Open for opinions")
        CLOSING_SOON = "closing_soon", _("Closes soon")
        VERSION_ADDED = "version_added", _("New version of the draft")
        FEEDBACK_PUBLISHED = "feedback_published", _("Answers published")
        DECIDED = "decided", _("Decision taken")
        ANSWER_REMINDER = "answer_reminder", _("Answers overdue: reminder")
        ANSWER_ESCALATION = "answer_escalation", _("Answers overdue: escalation")

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="+"
    )
    immediate_count = models.PositiveIntegerField(default=0)
    digest_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key


class DigestItem(models.Model):
    """An event waiting for a subscriber's daily or weekly digest."""

    event = models.ForeignKey(NotificationEvent, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=8, default="lv")
    frequency = models.CharField(max_length=16, choices=Subscription.Frequency.choices)
    token = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_digest_item_per_event")
        ]
        indexes = [models.Index(fields=["frequency", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.event}"
