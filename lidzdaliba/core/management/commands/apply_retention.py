"""Apply the retention rules now (the worker does it every day at 03:00 UTC)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lidzdaliba.core import retention


class Command(BaseCommand):
    help = (
        "Remove or anonymise personal data older than its retention period "
        "(RETENTION_MONTHS, default 6) with every registered rule."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rule",
            action="append",
            dest="rules",
            metavar="NAME",
            help="Run only this rule (repeatable). Rules: "
            + ", ".join(sorted(retention.registered_rules())),
        )

    def handle(self, *args, rules=None, **options) -> None:
        now = timezone.now()
        cutoff = retention.retention_cutoff(now=now)
        self.stdout.write(
            f"Retention period: {retention.retention_months()} months "
            f"(older than {cutoff:%Y-%m-%d %H:%M} UTC)."
        )
        try:
            results = retention.apply_rules(now=now, names=rules)
        except (ValueError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        for name, count in results.items():
            self.stdout.write(f"{name}: {count} row(s) changed")
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(results.values())} row(s) in all."))
