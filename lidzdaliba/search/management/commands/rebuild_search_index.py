"""Rebuild the search index from the database (after a restore, an import that bypassed the
services, or a change to the normalisation in lidzdaliba/search/text.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from lidzdaliba.search.services import rebuild_index


class Command(BaseCommand):
    help = "Recompute every search entry and the full-text index; search keeps working."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        total = rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {total} entries in {time.perf_counter() - started:.1f} s."
            )
        )
