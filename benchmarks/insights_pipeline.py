"""`make bench-insights-pipeline`: 1,000,000 comments analysed and stored in PostgreSQL end to end
by the production workers on this machine.

A scratch database (``centric_bench_insights``) is created and migrated; one organisation gets
``BENCH_COMMENTS`` responses with comments, written with COPY (composed from the demo's phrase
banks, each with its own order number and product so no two are alike). Real Celery workers are
started the way `make worker` starts them (production settings, RabbitMQ, Redis results,
``--concurrency`` child processes) on a queue of their own; the benchmark then starts a
re-analysis, as a taxonomy change does, and waits until the workers have planned it, read every
chunk and stored every reading and theme mention. It prints the time, comments per second and
the peak memory (VmHWM) of every worker process.

    make bench-insights-pipeline                       # 1,000,000 comments
    BENCH_COMMENTS=100000 make bench-insights-pipeline # a quicker run
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "centric_bench_insights"
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "1000000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
CONCURRENCY = int(os.environ.get("WORKER_CONCURRENCY", str(os.cpu_count() or 2)))
TARGET_SECONDS = 600
QUEUE = f"centric-bench-{uuid.uuid4().hex[:8]}"
ENV = {
    "CENTRIC_MODE": "production",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    "SECRET_KEY": "benchmark-secret-key-that-is-long-and-random-enough-Xq3#Lw9!Pz2@Kd7$",
    "SECURE_HTTPS": "false",
    "CENTRIC_DATA_DIR": tempfile.mkdtemp(prefix="centric-bench-"),
    "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "LOG_LEVEL": "WARNING",
}
PRODUCTS = ["pump housing", "valve kit", "sensor", "gearbox", "controller", "filter set", "seal"]


def prepare() -> int:
    """A fresh, migrated database with one organisation and its comments; its id."""
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
    from django.db import connection

    from centric.core import clock
    from centric.core.models import Organisation
    from centric.demo.feedback import CHURN, PHRASES, URGENT

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench", slug="bench")
    rng = random.Random(42)
    bank = PHRASES["en"]
    themes = list(bank)
    now = clock.now()
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY feedback_response (organisation_id, created_at, updated_at, kind, channel, "
            "language, page, responded_at, score, score_type, comment, source_ref, attributes) "
            "FROM STDIN"
        ) as copy,
    ):
        for number in range(COMMENTS):
            score = rng.randint(0, 10)
            good = score >= 7
            chosen = rng.sample(themes, k=rng.choice([1, 1, 2]))
            sentences = [rng.choice(bank[theme][0 if good else 1]) for theme in chosen]
            sentences.append(f"Order {rng.randint(10_000, 99_999)}, the {rng.choice(PRODUCTS)}.")
            if not good and rng.random() < 0.12:
                sentences.append(CHURN["en"])
            if not good and rng.random() < 0.02:
                sentences.append(URGENT["en"])
            when = now.replace(microsecond=0) - dt.timedelta(days=rng.randint(1, 364))
            copy.write_row(
                [organisation.pk, now, now, "survey", "import", "en", 1, when, score, "nps",
                 " ".join(sentences), f"bench-{number}", "{}"]
            )  # fmt: skip
    copy_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE feedback_response")
    print(f"{COMMENTS:,} comments written with COPY in {copy_seconds:.1f} s")
    return organisation.pk


def start_workers() -> list[subprocess.Popen[bytes]]:
    """`make worker`, ``WORKERS`` times, on the benchmark's queue; waits until each is ready.
    Their logs go to files: a pipe nobody reads would fill and stop the worker."""
    workers = []
    for index in range(WORKERS):
        log = Path(ENV["CENTRIC_DATA_DIR"]) / f"worker{index}.log"
        with log.open("wb") as out:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--loglevel=INFO",
                    f"--concurrency={CONCURRENCY}",
                    "--without-gossip",
                    "--without-mingle",
                    "-Q",
                    QUEUE,
                    "-n",
                    f"bench{index}-{QUEUE}@%h",
                ],
                cwd=ROOT,
                env={**os.environ, **ENV},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        workers.append(worker)
        deadline = time.monotonic() + 120
        while " ready." not in log.read_text(errors="replace"):
            if worker.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"a Celery worker did not start; see {log}")
            time.sleep(0.5)
    return workers


def worker_processes(workers: list[subprocess.Popen[bytes]]) -> dict[int, str]:
    """Each worker's main process and its pool's child processes, by pid."""
    found: dict[int, str] = {}
    for index, worker in enumerate(workers):
        found[worker.pid] = f"worker {index} (main)"
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
        for number, pid in enumerate(children.read_text().split()):
            found[int(pid)] = f"worker {index} child {number + 1}"
    return found


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def delete_queue() -> None:
    from kombu import Queue

    from config.celery import app

    with app.connection_for_write() as connection:
        Queue(QUEUE, channel=connection.default_channel).delete()


def main() -> None:
    # a SIGTERM (Ctrl-C, a timeout) still stops the workers in the ``finally`` below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    organisation_id = prepare()
    from django.db import transaction

    from centric.insights.models import Reanalysis, ResponseAnalysis, ThemeMention
    from centric.insights.services import reanalysis_start

    workers = start_workers()
    try:
        processes = worker_processes(workers)
        started = time.perf_counter()
        with transaction.atomic():
            job = reanalysis_start(organisation_id=organisation_id, reason="Benchmark")
        last_report = started
        while True:
            time.sleep(1)
            job.refresh_from_db()
            if job.status == Reanalysis.Status.DONE:
                break
            for worker in workers:
                if worker.poll() is not None:
                    sys.exit("a worker died")
            if time.perf_counter() - last_report >= 30:
                last_report = time.perf_counter()
                print(
                    f"  {last_report - started:5.0f} s: {job.done:,} of {job.total:,} "
                    f"({job.percent}%), {job.chunks_done} of {job.chunks} chunks",
                    flush=True,
                )
        seconds = time.perf_counter() - started
        peaks = {label: peak_rss_mb(pid) for pid, label in processes.items()}
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        delete_queue()
    analysed = ResponseAnalysis.objects.filter(organisation_id=organisation_id).count()
    mentions = ThemeMention.objects.filter(organisation_id=organisation_id).count()
    assert analysed == COMMENTS, (analysed, COMMENTS)
    stale = (
        ResponseAnalysis.objects.filter(organisation_id=organisation_id)
        .exclude(engine_version=job.version)
        .count()
    )
    print(
        f"{COMMENTS:,} comments analysed and stored by {WORKERS} worker(s) × {CONCURRENCY} "
        f"processes ({job.chunks:,} chunks): {seconds:.1f} s = {COMMENTS / seconds:,.0f} comments/s"
    )
    print(f"  {analysed:,} readings and {mentions:,} theme mentions stored; {stale} stale")
    verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
    print(f"  target: 1,000,000 in under {TARGET_SECONDS // 60} minutes ({verdict} at this size)")
    for label, peak in peaks.items():
        print(f"  peak memory (VmHWM), {label}: {peak:.0f} MB")


if __name__ == "__main__":
    main()
