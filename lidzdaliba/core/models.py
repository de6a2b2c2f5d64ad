"""Base models shared by all apps."""

from django.db import models
from django.utils.translation import get_language


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
