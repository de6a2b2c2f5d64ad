"""`make run`: serve the embedded platform and run its job worker, in one command.

The worker is a child process (huey's consumer) so e-mails and other jobs really go out
without any server to install; it stops when the web server stops.
"""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site on 127.0.0.1:PORT and run the background job worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, host: str, port: int, no_worker: bool, **options):
        url = f"http://{host}:{port}/"
        if not os.environ.get("SITE_URL"):
            # Links in e-mails point at this server unless SITE_URL says otherwise.
            settings.SITE_URL = url.rstrip("/")
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--quiet"],
                cwd=settings.BASE_DIR,
                env={**os.environ, "SITE_URL": settings.SITE_URL},
            )
        self.stdout.write(self.style.SUCCESS(f"\nLīdzdalība is running at {url}"))
        self.stdout.write(
            "Demo logins are listed above (password demo-parole-2026). E-mails are printed "
            "here (set EMAIL_HOST to send them). Stop with Ctrl-C.\n"
        )
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
