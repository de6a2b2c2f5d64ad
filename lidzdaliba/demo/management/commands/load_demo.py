"""`manage.py load_demo`: demonstration data for the embedded platform (never production)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lidzdaliba.demo.builders import load_demo
from lidzdaliba.demo.content import DEMO_PASSWORD, LOGINS


class Command(BaseCommand):
    help = (
        "Load demo institutions, accounts, consultations, opinions and answers. "
        "Does nothing when the demo is already loaded; refuses to run in production."
    )

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo refuses to run in production (LIDZDALIBA_DEPLOYMENT=production): "
                "it creates accounts whose password is published."
            )
        started = time.monotonic()
        if load_demo():
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s.")
            )
        else:
            self.stdout.write("Demo data is already loaded; nothing was created.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(email) for email, _role in LOGINS)
        for email, role in LOGINS:
            self.stdout.write(f"  {email:<{width}}  {role}")
