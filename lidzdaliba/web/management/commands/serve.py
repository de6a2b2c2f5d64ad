"""`make run`: serve the embedded platform and run its job worker, in one command.

The web server is gunicorn, as in production, with one process and a fixed pool of threads
(`--threads`, WEB_THREADS, default 8): the site holds at most that many database
connections however many people use it. (Django's development server started a thread per
request, and with persistent connections each kept its own connection open until PostgreSQL
refused new clients.) One process, because the embedded cache — cached pages, rate limits —
lives in its memory. Static files come from whitenoise, as always.

The job worker (huey's consumer) runs beside it, so e-mails and other jobs really go out
without any server to install. Both are stopped together: by Ctrl-C, SIGTERM or SIGHUP, or
when either of them exits (see supervise.py).
"""

from __future__ import annotations

import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lidzdaliba.web.management.supervise import Program, run_together


class Command(BaseCommand):
    help = "Serve the site on 127.0.0.1:PORT and run the background job worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS") or 8),
            help="requests served at once, each with at most one database connection",
        )
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, host: str, port: int, threads: int, no_worker: bool, **options):
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        url = f"http://{address}/"
        # Links in e-mails point at this server unless SITE_URL says otherwise.
        site_url = os.environ.get("SITE_URL") or url.rstrip("/")
        programs = [
            Program(
                "web server",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "lidzdaliba.wsgi",
                    f"--bind={address}",
                    "--workers=1",
                    "--worker-class=gthread",
                    f"--threads={threads}",
                    "--graceful-timeout=10",
                    # Requests are logged by the application (lidzdaliba.requests).
                    "--log-level=warning",
                    # No control socket: its default path is one per user, which a second
                    # `make run` (or `make prod`) would take over.
                    "--no-control-socket",
                ],
                stop_signal=signal.SIGTERM,  # gunicorn: finish the requests being served
            )
        ]
        if not no_worker:
            programs.append(
                Program(
                    "job worker",
                    [sys.executable, "manage.py", "run_huey", "--quiet"],
                    stop_signal=signal.SIGINT,  # huey: finish the running jobs
                )
            )

        def announce() -> None:
            self.stdout.write(self.style.SUCCESS(f"\nLīdzdalība is running at {url}"))
            self.stdout.write(
                "Demo logins are listed above (password demo-parole-2026). E-mails are "
                "printed here (set EMAIL_HOST to send them). Stop with Ctrl-C.\n"
            )
            self.stdout.flush()

        outcome = run_together(
            programs,
            cwd=settings.BASE_DIR,
            env={**os.environ, "SITE_URL": site_url},
            on_started=announce,
        )
        if outcome.exited:
            raise CommandError(
                f"The {outcome.exited} stopped (exit status {outcome.returncode}), "
                "so everything was stopped."
            )
        self.stdout.write("Stopped.")
