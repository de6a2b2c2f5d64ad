"""Recompute the surveys' tallies (the counts the results page reads) from the answer rows:
after simplemma's dictionary or the stop words changed (the stored lemmas follow), or to
repair them after rows were changed outside the services. The result is what the
increments make, so running it is always safe."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lidzdaliba.surveys.services.tallies import tallies_rebuild, tallies_rebuild_all


class Command(BaseCommand):
    help = "Recompute the surveys' result tallies from the answer rows."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--survey", type=int, help="only this survey (its id)")

    def handle(self, *args, survey=None, **options) -> None:
        if survey is not None:
            tallies_rebuild(survey_id=survey)
            self.stdout.write(f"survey {survey}: tallies rebuilt")
        else:
            self.stdout.write(f"{tallies_rebuild_all()} surveys' tallies rebuilt")
