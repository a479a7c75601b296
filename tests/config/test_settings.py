"""Settings come from the environment, fail loudly on bad values, and production mode is safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envchoice, envint, envlist, envstr

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "CENTRIC_MODE": "production",
    "SECRET_KEY": "a-production-secret-kept-in-the-environment-Qw8#Lp2!Zr7@Xn4$Vb6%Tm3^",
    "DATABASE_URL": "postgres://centric@db.internal:5432/centric",
    "CELERY_BROKER_URL": "amqp://guest:guest@mq.internal:5672//",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ALLOWED_HOSTS": "centric.example.com",
    "SITE_URL": "https://centric.example.com",
}


def run_django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # only what the command needs, so the settings of the test run itself do not leak in
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_reads_booleans_and_refuses_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        envbool("FLAG", False)


def test_it_reads_integers_lists_and_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT_NUMBER", "8080")
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    monkeypatch.setenv("MODE_X", "embedded")
    assert envint("PORT_NUMBER", 1) == 8080
    assert envlist("HOSTS", []) == ["a.example", "b.example"]
    assert envchoice("MODE_X", "production", {"embedded", "production"}) == "embedded"
    monkeypatch.setenv("PORT_NUMBER", "eighty")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        envint("PORT_NUMBER", 1)
    monkeypatch.setenv("MODE_X", "staging")
    with pytest.raises(ImproperlyConfigured, match="not one of: embedded, production"):
        envchoice("MODE_X", "embedded", {"embedded", "production"})


def test_secrets_can_come_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("API_PASSWORD_FILE", str(secret))
    assert envstr("API_PASSWORD") == "s3cret"
    monkeypatch.setenv("API_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        envstr("API_PASSWORD")


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) is required in production" in result.stderr


def test_production_refuses_to_start_without_a_database() -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}
    assert "DATABASE_URL is required in production" in run_django(env, "check").stderr


def test_production_passes_the_deployment_checklist() -> None:
    result = run_django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_database_connections_and_checks_them_before_reuse() -> None:
    show = (
        "from django.db import connection; "
        "print(connection.settings_dict['CONN_MAX_AGE'], "
        "connection.settings_dict['CONN_HEALTH_CHECKS'])"
    )
    kept = run_django(PRODUCTION, "shell", "-v", "0", "-c", show)
    assert kept.stdout.split() == ["600", "True"], kept.stderr
    per_request = run_django(
        {**PRODUCTION, "DATABASE_CONN_MAX_AGE": "0"}, "shell", "-v", "0", "-c", show
    )
    assert per_request.stdout.split() == ["0", "True"], per_request.stderr


def test_every_scheduled_task_is_a_task_the_workers_know() -> None:
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_starting_django_loads_no_statistics_library() -> None:
    """scipy and statsmodels weigh about 140 MB: a process that never computes a statistic (a
    survey page, a file import) must not carry them (see ``centric/insights/metrics``)."""
    probe = (
        "import sys, django; django.setup(); "
        "print(sorted(m for m in ('scipy', 'statsmodels', 'sklearn', 'pandas') if m in sys.modules))"
    )
    found = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.strip().splitlines()[-1] == "[]", found.stdout
