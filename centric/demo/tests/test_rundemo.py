"""``make demo`` as a newcomer runs it: a fresh data folder, the web server and the worker.

The check runs the real command in its own interpreter, with nothing of the test run's settings,
so that a worker which cannot start fails here rather than on someone's first try.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError

from centric.demo.management.commands.rundemo import Command, served_env

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serving(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(settings.PRODUCTION, reason="the embedded mode; `make test` runs it")
def test_make_demo_loads_the_organisation_serves_it_and_its_worker_answers(
    tmp_path: Path,
) -> None:
    port = free_port()
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", "rundemo", "--check", "--port", str(port)],
        cwd=ROOT,
        env={**base, "CENTRIC_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Loaded the demo organisation" in result.stdout
    assert f"Centric is running at http://127.0.0.1:{port}/" in result.stdout
    assert "Sign in as ada@northwind.example" in result.stdout
    assert (tmp_path / "centric.sqlite3").exists()

    # run again, its data kept, and stopped as a service manager stops it: nothing is left behind
    running = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", "rundemo", "--port", str(port)],
        cwd=ROOT,
        env={**base, "CENTRIC_DATA_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not serving(port):
        assert running.poll() is None, "the demo stopped as it started"
        assert time.monotonic() < deadline, "the demo did not start"
        time.sleep(0.5)
    running.send_signal(signal.SIGTERM)
    running.wait(timeout=60)
    assert not serving(port), "the web server outlived the demo"


def test_a_worker_that_stops_is_reported_not_hidden() -> None:
    stopped = subprocess.Popen([sys.executable, "-c", "raise SystemExit(2)"])
    stopped.wait(timeout=30)

    with pytest.raises(CommandError, match=r"background worker stopped \(exit status 2\)"):
        Command()._wait_until_working(stopped)


def test_the_demos_links_point_to_the_port_it_serves_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    assert served_env("127.0.0.1", 8001)["SITE_URL"] == "http://127.0.0.1:8001"
    monkeypatch.setenv("SITE_URL", "https://centric.example.com")
    assert served_env("127.0.0.1", 8001)["SITE_URL"] == "https://centric.example.com"
