"""Reports: a signed-in reader tells the moderators that an opinion's text should not be
public. The hidden state itself is the opinion's own (consultations.Opinion.hidden_*)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lidzdaliba.consultations.models import HiddenReason


class Report(models.Model):
    """One person's report of one opinion. It stays open until an officer of the
    institution or a moderator handles it: by hiding the text or by dismissing the report."""

    class Resolution(models.TextChoices):
        HIDDEN = "hidden", _("Text hidden")
        DISMISSED = "dismissed", _("Dismissed")

    opinion = models.ForeignKey(
        "consultations.Opinion", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="opinion_reports",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=HiddenReason.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=Resolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open report per person and opinion: reporting again changes nothing.
            models.UniqueConstraint(
                fields=["opinion", "reporter"],
                condition=models.Q(handled_at__isnull=True),
                name="one_open_report_per_person",
            )
        ]
        indexes = [models.Index(fields=["opinion", "handled_at"])]

    def __str__(self) -> str:
        return f"{self.opinion_id}: {self.get_reason_display()}"
