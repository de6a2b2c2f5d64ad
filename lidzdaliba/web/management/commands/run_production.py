"""`make prod`: the production-like stack in the foreground — migrations, static files,
gunicorn on PORT and the job worker (with the schedule) — stopping cleanly on Ctrl-C.

Settings come only from the environment (README, "Running in production"). In a real
deployment the same pieces run as systemd units (deploy/systemd/) behind nginx.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run migrations, collect static files, then gunicorn and the job worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")

    def handle(self, *args, port: int, workers: int | None, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        metrics_dir = tempfile.mkdtemp(prefix="lidzdaliba-metrics-")
        env = {**os.environ, "PORT": str(port), "PROMETHEUS_MULTIPROC_DIR": metrics_dir}
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        config = str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py")
        children = [
            subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
                [sys.executable, "-m", "gunicorn", "lidzdaliba.wsgi", "-c", config],
                cwd=settings.BASE_DIR,
                env=env,
            ),
            subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--quiet"],
                cwd=settings.BASE_DIR,
                env=env,
            ),
        ]
        self.stdout.write(self.style.SUCCESS(f"Līdzdalība (production) on port {port}"))

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 25
            for child in children:
                try:
                    child.wait(timeout=max(1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
            shutil.rmtree(metrics_dir, ignore_errors=True)
        failed = [child.args[2] for child in children if child.returncode not in (0, -15, None)]
        if failed and not stopping:
            raise SystemExit(f"stopped because a process exited: {failed}")
        self.stdout.write("Stopped.")
