"""Public response submissions under load: `make serve` (granian) + PostgreSQL, on loopback.

    make bench-respond

Each submission answers a one-page survey through its own invitation link, so each accepted
request stores one response. Two measurements:

- open loop: submissions arrive at a constant rate (200/s, the target in issue 4) whatever the
  server does, each from a new connection, as respondents do. Latency counts from the moment a
  request was due, not when it was sent, so a stalled server cannot hide its queue (no
  coordinated omission). Prints p50/p90/p99, the rate achieved and the errors.
- closed loop: wrk with a few connections as fast as the server answers, for the throughput at
  saturation, beside the same for a minimal Django view (robots.txt) on the same stack.

Then checks that the responses stored equal the submissions accepted (nothing lost).
BENCH_RATE, BENCH_SECONDS, BENCH_CONNECTIONS, WEB_CONCURRENCY and WEB_THREADS change the setup.
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "centric_bench_respond"
QUEUE = "centric-bench-respond"  # analysis tasks queue here, away from any test worker
PORT = 8799
INVITATIONS = 40_000
RATE = float(os.environ.get("BENCH_RATE", "200"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
TIMEOUT = 10.0
ANSWERS = "page=1&csat=4&why=Quick+delivery%2C+friendly+driver"
ENV = {
    "CENTRIC_MODE": "production",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
    "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SECRET_KEY": "benchmark-secret-key-that-is-long-and-random-enough-Xq3#Lw9!Pz2@Kd7$",
    "SECURE_HTTPS": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "CENTRIC_DATA_DIR": tempfile.mkdtemp(prefix="centric-bench-"),
    "BIND": f"127.0.0.1:{PORT}",
    "DATABASE_CONN_MAX_AGE": "3600",  # one connection per thread for the whole run
    "LOG_LEVEL": "WARNING",
}


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
        wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is needed: apt-get install wrk")
    return wrk


def prepare() -> list[str]:
    """A fresh database with one open one-page survey and many invitations; their tokens."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        db.execute(f"CREATE DATABASE {DATABASE}")
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from centric.core.models import Organisation, Role
    from centric.customers.models import Account, Contact, Customer
    from centric.feedback.models import Invitation
    from centric.feedback.services import survey_create_from_template, survey_set_status
    from centric.people.models import User

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench", slug="bench")
    admin = User.objects.create_user("admin@bench.example", "x", organisation=org, role=Role.ADMIN)
    account = Account.objects.create(organisation=org, name="Acme")
    customer = Customer.objects.create(organisation=org, kind="external", account=account)
    contact = Contact.objects.create(
        organisation=org, account=account, first_name="A", email="a@acme.example"
    )
    survey = survey_create_from_template(
        actor=admin, template="touchpoint-csat", values={"name": "After delivery"}
    )
    survey_set_status(actor=admin, survey=survey, status="open")
    Invitation.objects.bulk_create(
        Invitation(
            organisation=org,
            survey=survey,
            customer=customer,
            contact=contact,
            email=f"r{index}@acme.example",
        )
        for index in range(INVITATIONS)
    )
    return list(Invitation.objects.values_list("token", flat=True))


def stored_submissions() -> int:
    from centric.feedback.models import Response

    return Response.objects.filter(submitted_at__isnull=False).count()


class CpuMeter:
    """CPU time used by the server's processes and by the PostgreSQL backends serving its
    database, so the cost of a request can be read even while other work shares the machine."""

    def __init__(self, server: subprocess.Popen[bytes]) -> None:
        self.server = server
        self.start = self.read()

    def read(self) -> dict[str, dict[int, float]]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [DATABASE],
            )
            backends = [pid for (pid,) in cursor.fetchall()]
        web = [pid for pid, group in _processes() if group == self.server.pid]
        return {"web": _cpu_seconds(web), "database": _cpu_seconds(backends)}

    def used(self) -> dict[str, float]:
        """Seconds of CPU used since the meter started, by the web server and by PostgreSQL."""
        end = self.read()
        return {
            side: sum(cpu - self.start[side].get(pid, 0.0) for pid, cpu in end[side].items())
            for side in end
        }


def _processes() -> Iterator[tuple[int, int]]:
    """Every process's id and process group."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(stat.parent.name), int(fields[2])


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks  # user + system
    return seconds


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


# Open loop ----------------------------------------------------------------------------------


async def _send(request: bytes, due: float) -> tuple[int, float]:
    """Send one request on a new connection: its status (0 when it failed) and its latency in
    milliseconds, counted from when it was due."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(TIMEOUT):
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(request)
            reply = await reader.read()  # "Connection: close": the whole reply, then EOF
            writer.close()
        status = int(reply.split(b" ", 2)[1])
    except (OSError, TimeoutError, ValueError, IndexError):
        status = 0
    return status, (loop.time() - due) * 1000


async def _open_loop(requests: Iterator[bytes], rate: float, seconds: int) -> dict[str, float]:
    loop = asyncio.get_running_loop()
    start = loop.time()
    sent = []
    for index in range(int(rate * seconds)):
        due = start + index / rate
        await asyncio.sleep(due - loop.time())
        sent.append(asyncio.create_task(_send(next(requests), due)))
    results = await asyncio.gather(*sent)
    elapsed = loop.time() - start
    latencies = sorted(latency for status, latency in results if 200 <= status < 400)
    return {
        "requests": len(results),
        "accepted": len(latencies),
        "errors": len(results) - len(latencies),
        "achieved": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50),
        "p90": percentile(latencies, 0.90),
        "p99": percentile(latencies, 0.99),
        "max": percentile(latencies, 1.0),
    }


def open_loop(requests: Iterator[bytes], rate: float, seconds: int) -> dict[str, float]:
    return asyncio.run(_open_loop(requests, rate, seconds))


# Closed loop (wrk) ----------------------------------------------------------------------------


def wrk_run(wrk: str, url: str, script: Path | None) -> dict[str, float]:
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def found(pattern: str) -> re.Match[str]:
        match = re.search(pattern, output, re.MULTILINE)
        assert match, output
        return match

    def ms(label: str) -> float:
        match = found(rf"^\s+{label}\s+([\d.]+)(us|ms|s)$")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(found(r"Requests/sec:\s+([\d.]+)").group(1)),
        "p50": ms("50%"),
        "p90": ms("90%"),
        "p99": ms("99%"),
        "requests": float(found(r"(\d+) requests in").group(1)),
        "bad": float(non_2xx.group(1)) if non_2xx else 0.0,
    }


def wrk_script(folder: Path, tokens: list[str], cookie: str, form_token: str) -> Path:
    """A wrk script that posts the answers through each token in turn (two threads, so each
    takes every other one)."""
    tokens_file = folder / "tokens.txt"
    tokens_file.write_text("\n".join(tokens))
    script = folder / "submit.lua"
    script.write_text(
        f"""
local tokens = {{}}
for line in io.lines("{tokens_file}") do tokens[#tokens + 1] = line end
local counter = 0
local thread_id = 0
function setup(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
function init(args) counter = id end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken={cookie}"
function request()
  counter = counter + 2
  local body = "csrfmiddlewaretoken={form_token}&{ANSWERS}"
  return wrk.format(nil, "/r/" .. tokens[counter] .. "/", nil, body)
end
"""
    )
    return script


# The run ------------------------------------------------------------------------------------


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`make serve`, as production runs it, in a process group of its own to stop it by."""
    with log.open("wb") as errors:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,  # the access log
            stderr=errors,
            start_new_session=True,
        )
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    sys.exit(f"the server did not start:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def csrf_pair(token: str) -> tuple[str, str]:
    """A CSRF cookie and a form token for it, from the first page of an invitation's link."""
    page = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/r/{token}/", timeout=5)
    cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])
    form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert cookie
    assert form
    return cookie.group(1), form.group(1)


def submissions(tokens: list[str], cookie: str, form_token: str) -> Iterator[bytes]:
    body = f"csrfmiddlewaretoken={form_token}&{ANSWERS}".encode()
    for token in tokens:
        yield (
            f"POST /r/{token}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Cookie: csrftoken={cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body


def minimal_views() -> Iterator[bytes]:
    while True:
        yield b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def drop_queue() -> None:
    from config.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(QUEUE)  # type: ignore[attr-defined]


def metered(
    server: subprocess.Popen[bytes], run: Callable[[], dict[str, float]]
) -> dict[str, float]:
    """The figures of an open-loop run, with the CPU milliseconds each request cost the web
    server, PostgreSQL and the load generator."""
    meter, own = CpuMeter(server), time.process_time()
    figures = run()
    used = {**meter.used(), "generator": time.process_time() - own}
    return {
        **figures,
        **{f"{side}_ms": 1000 * cpu / figures["requests"] for side, cpu in used.items()},
    }


def main() -> None:
    wrk = ensure_wrk()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    tokens = prepare()
    env = {**os.environ, **ENV}
    server = start_server(env, Path(ENV["CENTRIC_DATA_DIR"]) / "server.log")
    results: dict[str, Any] = {}
    try:
        cookie, form_token = csrf_pair(tokens.pop())
        # warm every worker up: templates, database and broker connections
        open_loop(submissions(tokens[:100], cookie, form_token), 50, 2)
        open_loop(minimal_views(), 200, 2)
        del tokens[:100]
        before = stored_submissions()

        planned = int(RATE * SECONDS)
        results["load_before"] = os.getloadavg()[0]
        results["open"] = metered(
            server,
            lambda: open_loop(submissions(tokens[:planned], cookie, form_token), RATE, SECONDS),
        )
        time.sleep(1)  # any request a timed-out client gave up on is finished by now
        results["open_stored"] = stored_submissions() - before
        results["open_minimal"] = metered(server, lambda: open_loop(minimal_views(), RATE, SECONDS))
        del tokens[:planned]

        before = stored_submissions()
        with tempfile.TemporaryDirectory() as folder:
            script = wrk_script(Path(folder), tokens, cookie, form_token)
            results["closed"] = wrk_run(wrk, f"http://127.0.0.1:{PORT}", script)
        time.sleep(1)
        results["closed_stored"] = stored_submissions() - before
        results["closed_minimal"] = wrk_run(wrk, f"http://127.0.0.1:{PORT}/robots.txt", None)
    finally:
        stop_server(server)
        drop_queue()
        shutil.rmtree(ENV["CENTRIC_DATA_DIR"], ignore_errors=True)
    report(results)


def report(results: dict[str, Any]) -> None:
    setup = " ".join(
        f"{name}={os.environ[name]}"
        for name in ("WEB_CONCURRENCY", "WEB_THREADS")
        if name in os.environ
    )
    print(f"\n`make serve` ({setup or 'its defaults'}), PostgreSQL 15 on loopback")
    opened, minimal = results["open"], results["open_minimal"]
    print(f"\nopen loop: {RATE:.0f} requests/s offered for {SECONDS} s, a new connection each")
    print(
        f"{'':24}{'achieved/s':>11}{'errors':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for label, figures in (("survey submissions", opened), ("minimal Django view", minimal)):
        print(
            f"{label:24}{figures['achieved']:>11.0f}{figures['errors']:>8.0f}{figures['p50']:>9.1f}"
            f"{figures['p90']:>9.1f}{figures['p99']:>9.1f}{figures['max']:>9.1f}"
        )
    print(
        f"(load average before the run, from all work on the machine: {results['load_before']:.1f})"
    )
    print(f"\nCPU per request, ms{'web':>11}{'PostgreSQL':>12}{'generator':>11}")
    for label, figures in (("survey submissions", opened), ("minimal Django view", minimal)):
        print(
            f"{label:24}{figures['web_ms']:>6.2f}{figures['database_ms']:>12.2f}"
            f"{figures['generator_ms']:>11.2f}"
        )
    server_ms = opened["web_ms"] + opened["database_ms"]
    print(
        f"so {os.cpu_count()} idle cores could serve at most {1000 * (os.cpu_count() or 1) / server_ms:.0f} "
        "submissions/s (web and PostgreSQL CPU only; RabbitMQ and Redis not counted)\n"
    )
    met = opened["p99"] < 100 and opened["errors"] == 0 and opened["achieved"] >= 0.98 * RATE
    print(f"target p99 < 100 ms at {RATE:.0f} submissions/s: {'met' if met else 'NOT met'}")
    verdict = "nothing lost" if results["open_stored"] == opened["accepted"] else "MISMATCH"
    print(
        f"accepted {opened['accepted']}, refused or failed {opened['errors']}, "
        f"stored {results['open_stored']}: {verdict}"
    )

    closed, reference = results["closed"], results["closed_minimal"]
    print(f"\nclosed loop (saturation): wrk, {CONNECTIONS} connections, {SECONDS} s")
    print(f"{'':24}{'req/s':>11}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}")
    for label, figures in (("survey submissions", closed), ("minimal Django view", reference)):
        print(
            f"{label:24}{figures['rps']:>11.0f}{figures['p50']:>9.1f}{figures['p90']:>9.1f}"
            f"{figures['p99']:>9.1f}"
        )
    print(f"submissions / minimal view throughput: {closed['rps'] / reference['rps']:.2f}")
    # wrk stops counting at the deadline; requests still in flight then (at most one per
    # connection) are completed by the server and stored too
    accepted = int(closed["requests"] - closed["bad"])
    in_flight = results["closed_stored"] - accepted
    verdict = "nothing lost" if 0 <= in_flight <= CONNECTIONS else "MISMATCH"
    print(
        f"accepted {accepted} (+{in_flight} in flight at the deadline), refused {int(closed['bad'])}, "
        f"stored {results['closed_stored']}: {verdict}"
    )


if __name__ == "__main__":
    main()
