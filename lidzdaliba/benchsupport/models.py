from django.db import models


class BenchmarkRow(models.Model):
    """The row the trivial insert view writes: the cheapest write Django can make, the
    baseline the opinion API is compared with (bench/load.py)."""

    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.text
