"""Rebuild every precomputed indicator bucket from the raw rows (after installing
monitoring, or to check nothing drifted: the result is the same either way)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lidzdaliba.monitoring.services import figures_rebuild_all


class Command(BaseCommand):
    help = "Rebuild the precomputed participation indicators from the raw rows."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{figures_rebuild_all()} institution-months rebuilt")
