"""A first production installation, set up by following the README: the data folder, mail that
cannot hang, host lists as people write them, and a deployment check that notices development
addresses left in place."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.checks import Tags, run_checks
from django.test import override_settings

from tests.config.test_settings import PRODUCTION, ROOT


def manage(
    env: dict[str, str], *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    # only what the command needs, so the settings of the test run itself do not leak in
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def setting(env: dict[str, str], expression: str) -> str:
    shown = manage(
        env, "shell", "-v", "0", "-c", f"from django.conf import settings; print({expression})"
    )
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip()


@pytest.fixture
def production(tmp_path: Path) -> dict[str, str]:
    return {**PRODUCTION, "CENTRIC_DATA_DIR": str(tmp_path / "centric")}


@pytest.fixture
def silent_smtp_server() -> Iterator[int]:
    """A server that takes connections and never says a word (its port)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield int(server.getsockname()[1])


def test_production_creates_its_data_folder_and_the_scheduler_can_keep_its_state_there(
    production: dict[str, str],
) -> None:
    """The data folder holds the scheduler's state in production too: on a fresh clone, without
    it, the scheduler died at start and no periodic task (SLA escalation, reminders) ever ran."""
    open_schedule = (
        "from celery.beat import Service; from config.celery import app; "
        "service = Service(app=app); print(sorted(service.scheduler.schedule)); "
        "service.scheduler.close()"
    )
    result = manage(production, "shell", "-v", "0", "-c", open_schedule)
    assert result.returncode == 0, result.stderr
    assert "escalate-sla-breaches" in result.stdout
    assert any(Path(production["CENTRIC_DATA_DIR"]).glob("celerybeat-schedule*"))


def test_production_refuses_to_start_with_a_data_folder_it_cannot_create(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    env = {**PRODUCTION, "CENTRIC_DATA_DIR": str(tmp_path / "a-file" / "centric")}
    result = manage(env, "check")
    assert result.returncode != 0
    assert f"CENTRIC_DATA_DIR='{tmp_path}/a-file/centric' cannot be created" in result.stderr


def test_allowed_hosts_may_be_separated_by_commas_spaces_or_both(
    production: dict[str, str],
) -> None:
    env = {
        **production,
        "ALLOWED_HOSTS": "centric.example.com  cx.example.com,\tlb.internal , 10.0.0.5",
        "CSRF_TRUSTED_ORIGINS": "https://centric.example.com https://cx.example.com",
    }
    assert setting(env, "settings.ALLOWED_HOSTS") == str(
        ["centric.example.com", "cx.example.com", "lb.internal", "10.0.0.5"]
    )
    assert setting(env, "settings.CSRF_TRUSTED_ORIGINS") == str(
        ["https://centric.example.com", "https://cx.example.com"]
    )


def test_mail_to_a_server_that_never_answers_gives_up_after_the_timeout(
    production: dict[str, str], silent_smtp_server: int
) -> None:
    env = {
        **production,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(silent_smtp_server),
        "EMAIL_TIMEOUT": "1",
    }
    result = manage(env, "sendtestemail", "it-admin@acme.example", timeout=30)
    assert result.returncode != 0
    assert "timed out" in result.stderr


def test_mail_waits_ten_seconds_for_a_server_unless_told_otherwise(
    production: dict[str, str],
) -> None:
    assert setting(production, "settings.EMAIL_TIMEOUT") == "10"


def test_mail_may_use_tls_from_the_start_on_port_465(production: dict[str, str]) -> None:
    env = {**production, "EMAIL_USE_SSL": "true"}
    assert setting(env, "(settings.EMAIL_USE_SSL, settings.EMAIL_PORT)") == "(True, 465)"


def test_mail_refuses_both_kinds_of_tls_at_once(production: dict[str, str]) -> None:
    env = {**production, "EMAIL_USE_SSL": "true", "EMAIL_USE_TLS": "true"}
    result = manage(env, "check")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true" in result.stderr


def test_proxy_hops_are_one_behind_a_proxy_and_refused_without_one(
    production: dict[str, str],
) -> None:
    result = manage({**production, "PROXY_HOPS": "2"}, "check")
    assert "PROXY_HOPS is only read behind a proxy: set BEHIND_PROXY=true" in result.stderr
    assert setting({**production, "BEHIND_PROXY": "true"}, "settings.PROXY_HOPS") == "1"


def test_production_sends_from_its_own_host_unless_told_otherwise(
    production: dict[str, str],
) -> None:
    assert setting(production, "settings.DEFAULT_FROM_EMAIL") == (
        "Centric <centric@centric.example.com>"
    )


def test_the_deployment_check_notices_the_development_site_url_and_sender(
    production: dict[str, str],
) -> None:
    """What the first install audit found: with SITE_URL left out, every invitation, reset and
    survey link pointed at http://127.0.0.1:8000, and `check --deploy` said nothing."""
    env = {key: value for key, value in production.items() if key != "SITE_URL"}
    result = manage(env, "check", "--deploy")
    assert "(centric.W001) SITE_URL is http://127.0.0.1:8000" in result.stderr
    assert "(centric.W003) DEFAULT_FROM_EMAIL is 'Centric <centric@127.0.0.1>'" in result.stderr


def centric_checks() -> list[str]:
    messages = run_checks(tags=[Tags.security], include_deployment_checks=True)
    ids = [message.id or "" for message in messages]
    return [check_id for check_id in ids if check_id.startswith("centric.")]


@override_settings(
    PRODUCTION=True,
    SITE_URL="https://centric.example.com",
    ALLOWED_HOSTS=["centric.example.com"],
    DEFAULT_FROM_EMAIL="Centric <centric@example.com>",
)
def test_the_deployment_check_passes_a_production_installation_set_up_as_documented() -> None:
    assert centric_checks() == []


@override_settings(
    PRODUCTION=True,
    SITE_URL="https://centric.example.com",
    DEFAULT_FROM_EMAIL="Centric <centric@example.com>",
)
def test_the_deployment_check_notices_links_that_the_site_would_refuse() -> None:
    with override_settings(ALLOWED_HOSTS=["cx.example.com"]):
        assert centric_checks() == ["centric.W002"]
    with override_settings(ALLOWED_HOSTS=[".example.com"]):
        assert centric_checks() == []


@override_settings(PRODUCTION=True, SITE_URL="https://centric.example.com")
@pytest.mark.parametrize(
    "sender",
    ["centric@localhost", "Centric <centric@[10.0.0.5]>", "centric@mailhost", "Centric"],
)
def test_the_deployment_check_notices_a_sender_no_mail_server_takes(sender: str) -> None:
    with override_settings(DEFAULT_FROM_EMAIL=sender, ALLOWED_HOSTS=["centric.example.com"]):
        assert centric_checks() == ["centric.W003"]


@override_settings(PRODUCTION=False, SITE_URL="http://127.0.0.1:8000")
def test_the_embedded_mode_is_not_held_to_the_production_checks() -> None:
    assert centric_checks() == []
