"""``make demo``: the product on the embedded default, in one command.

Migrates the SQLite database in the data folder, loads the demo organisation if it is missing,
then runs a Celery worker (whose queue lives in files beside the database, so no broker is
needed) and the web server, and prints where to sign in. Ctrl-C stops both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def served_env(host: str, port: int) -> dict[str, str]:
    """The environment of the demo's processes: links in its mail and pages point where it is
    served (``SITE_URL``), whatever the port, unless one is set."""
    return {**os.environ, "SITE_URL": os.environ.get("SITE_URL") or f"http://{host}:{port}"}


class Command(BaseCommand):
    help = "Set up and run Centric with the demo organisation on the embedded default."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--check",
            action="store_true",
            help="Set up, start, wait until the web server serves and the worker answers, then stop.",
        )

    def handle(self, *args: Any, host: str, port: int, check: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "rundemo is for the embedded mode; use `make serve`, `make worker` and "
                "`make scheduler` in production."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        for folder in ("queue", "queue-control", "outbox"):
            (settings.DATA_DIR / folder).mkdir(parents=True, exist_ok=True)
        python = sys.executable
        signal.signal(
            signal.SIGTERM, _stop
        )  # `kill` stops the server and worker too, as Ctrl-C does
        env = served_env(host, port)
        worker = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "--quiet",
                "worker",
                "--beat",
                "--pool=solo",
                "--loglevel=WARNING",
                "-n",
                "demo@%h",
            ],
            env=env,
        )
        server = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                python,
                "-m",
                "granian",
                "--interface",
                "wsgi",
                "--host",
                host,
                "--port",
                str(port),
                "--workers",
                "2",
                "--blocking-threads",
                "1",
                # a worker still loading the application when asked to stop would run on
                "--workers-kill-timeout",
                "5",
                "--access-log",
                "--log-level",
                "warning",
                "config.wsgi:application",
            ],
            env=env,
        )
        try:
            url = f"http://{host}:{port}/"
            self._wait_until_serving(host, port, server)
            if check:
                self._wait_until_working(worker)
            self.stdout.write(
                self.style.SUCCESS(f"\nCentric is running at {url}\n")
                + f"Sign in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}\n"
                + f"Data: {settings.DATA_DIR} · mail sent by the demo lands in {settings.EMAIL_FILE_PATH}\n"
                + "Press Ctrl-C to stop.\n"
            )
            if not check:
                while server.poll() is None and worker.poll() is None:
                    time.sleep(0.5)
                for name, process in (("web server", server), ("background worker", worker)):
                    if process.poll() is not None:
                        raise CommandError(
                            f"The {name} stopped (exit status {process.returncode}); "
                            "its messages are above."
                        )
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker):
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in (server, worker):
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _wait_until_working(self, worker: subprocess.Popen[bytes]) -> None:
        """Wait until the worker answers a ping through the demo's file queue."""
        from config.celery import app

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                raise CommandError(
                    f"The background worker stopped (exit status {worker.returncode}); "
                    "its messages are above."
                )
            if app.control.ping(timeout=1.0):
                return
        raise CommandError("The background worker did not answer within 60 seconds.")

    def _wait_until_serving(self, host: str, port: int, server: subprocess.Popen[bytes]) -> None:
        import socket

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(
                    f"The web server stopped (is port {port} already in use? try PORT=8001 make demo)."
                )
            with socket.socket() as probe:
                if probe.connect_ex((host, port)) == 0:
                    return
            time.sleep(0.2)
        raise CommandError("The web server did not start within 30 seconds.")
