"""The search index: one row per findable thing, whatever app it comes from.

Only public content is ever written here (see `services.py`), so the index can be searched
without asking who is looking. The backend-specific full-text structure (an FTS5 table on
SQLite, a generated tsvector column with a GIN index on PostgreSQL) is created by migration
0002 and described in `backends.py`; Django itself only sees these plain columns.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Initiatives and meetings will add their kinds here and index through the same services.
    CONSULTATION = "consultation", _("Consultation")
    CLAUSE = "clause", _("Draft clause")
    OPINION = "opinion", _("Opinion")
    ANSWER = "answer", _("Answer")
    INITIATIVE = "initiative", _("Initiative")


class SearchEntry(models.Model):
    """A findable thing: its display text (`title`, `body`, kept for snippets) and what the
    backends index: its normalised terms (`title_tokens`, `tokens`) and `facets`."""

    # Column order matters on SQLite: the columns a filtered search reads for every match
    # (kind, consultation) come before the long texts, so reading them never has to follow
    # a row's overflow pages.
    kind = models.CharField(max_length=32, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Nullable for future kinds that belong to no consultation (an initiative, a meeting).
    consultation = models.ForeignKey(
        "consultations.Consultation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    # What the list filters select by, as index terms ("_i12 _t3 _sdrafting …", see
    # `services.facets_of`), so a filter is one more term the full-text index intersects
    # instead of a lookup of every match.
    facets = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=500)
    # Terms of the title are weighted above those of the body when ranking.
    title_tokens = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["consultation", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
