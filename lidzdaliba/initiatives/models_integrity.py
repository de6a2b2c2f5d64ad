"""Invalidated signatures and the files attached to a draft (kept apart from models.py,
which holds the initiative's own lifecycle)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.limits import LONG_TEXT_CHARS


def draft_upload_path(instance, filename: str) -> str:
    """A random stored name: the uploader's file name is kept only as data, never as a path."""
    return f"initiatives/drafts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class InvalidationRule(models.TextChoices):
    SINGLE = "single", _("One signature")
    EMAIL_DOMAIN = "email_domain", _("Every signature from an e-mail domain")
    TIME_RANGE = "time_range", _("Every signature given in a time window")
    NETWORK = "network", _("Every signature from a client network")
    DISPOSABLE = "disposable", _("Every signature from a disposable e-mail address")
    PAPER_BATCH = "paper_batch", _("A batch of paper signatures")


class SignatureInvalidation(models.Model):
    """One decision of the addressed institution that some signatures do not count: the rule
    it stated, its parameters, the reason, and how many it caught. The signatures stay (in
    the verification export, marked invalid with this reason); they stop counting."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="invalidations"
    )
    rule = models.CharField(_("rule"), max_length=16, choices=InvalidationRule.choices)
    parameters = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("reason"), max_length=LONG_TEXT_CHARS)
    online_count = models.PositiveIntegerField(default=0)
    paper_count = models.PositiveIntegerField(default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("signature invalidation")
        verbose_name_plural = _("signature invalidations")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.rule} ({self.online_count}+{self.paper_count})"


class DraftAttachment(models.Model):
    """A file the author attached to the initiative (a map, a photo, a study). Checked by
    content like every upload (core/uploads.py); public once the initiative is."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=draft_upload_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
