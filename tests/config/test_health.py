"""``/health/`` tells a load balancer whether a web process can serve: it answers whatever Host
header or scheme the probe uses, without signing in, and says so when the database is away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import TestCase, override_settings

from tests.config.test_settings import ROOT


@override_settings(
    ALLOWED_HOSTS=["centric.example.com"], SECURE_SSL_REDIRECT=True, SECURE_HTTPS=True
)
class HealthTest(TestCase):
    def test_it_answers_ok_after_asking_the_database(self) -> None:
        with self.assertNumQueries(1):
            response = self.client.get("/health/", HTTP_HOST="10.0.0.7")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    def test_it_is_never_cached(self) -> None:
        response = self.client.get("/health/", HTTP_HOST="10.0.0.7")
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_probe_by_head_or_without_the_slash_is_answered_too(self) -> None:
        self.assertEqual(self.client.head("/health/", HTTP_HOST="10.0.0.7").status_code, 200)
        self.assertEqual(self.client.get("/health", HTTP_HOST="10.0.0.7").status_code, 200)

    def test_it_changes_nothing_so_takes_no_post(self) -> None:
        response = self.client.post("/health/", HTTP_HOST="10.0.0.7")
        self.assertEqual(response.status_code, 405)

    def test_every_other_address_still_checks_the_host_and_the_scheme(self) -> None:
        self.assertEqual(self.client.get("/login/", HTTP_HOST="10.0.0.7").status_code, 400)
        response = self.client.get("/login/", HTTP_HOST="centric.example.com")
        self.assertRedirects(
            response,
            "https://centric.example.com/login/",
            status_code=301,
            fetch_redirect_response=False,
        )


def test_it_answers_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    probe = (
        "from django.test import Client; "
        "response = Client().get('/health/', HTTP_HOST='10.0.0.7'); "
        "print(response.status_code, response.content.decode())"
    )
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env = {
        **base,
        "CENTRIC_DATA_DIR": str(tmp_path),
        # nothing listens on port 1: the connection is refused at once
        "DATABASE_URL": "postgres://centric@127.0.0.1:1/centric",
    }
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    status, _, body = result.stdout.strip().rpartition("\n")[2].partition(" ")
    assert status == "503", result.stdout + result.stderr
    assert json.loads(body) == {"status": "unavailable", "reason": "the database is unreachable"}
    assert "Health check: the database is unreachable" in result.stderr
