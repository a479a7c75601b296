"""`make bench-import`: a generated 1,000,000-row feedback CSV imported through the real import
path (upload, mapping, the check, then the import with validation), timed on PostgreSQL against
PostgreSQL's own COPY of the same file into a bare table, then on SQLite.

The check and the import run here as the worker runs them (the services the tasks call); the
tasks they queue for other workers (the analysis of the new comments, which ``make bench-insights``
measures) go to an in-memory broker that no worker reads, so queueing them is timed but not running
them. The benchmark counts the ids the ``feedback_received`` signal announces.

Each engine runs in a child process of its own (Django's settings are fixed per process), so each
peak-memory figure (``ru_maxrss``) is that engine's alone. PostgreSQL is reached through the
production settings in the environment (the Makefile's PROD_ENV); the benchmark works in a scratch
database of its own, ``centric_bench``, dropped, created and migrated here, so that every run starts
from an empty table (the rows a run deletes would leave the next one bloated indexes to write to).
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
SQLITE_ROWS = int(os.environ.get("BENCH_SQLITE_ROWS", "200000"))
CONTACTS = 500
COMMENTS = [
    "Quick and friendly, thank you",
    "Delivery took two weeks longer than promised",
    "The new dashboard is much clearer",
    'Support said "we will call back", nobody did',
    "Invoice was wrong again, third time this year",
    "Onboarding call was excellent,\nvery patient with our questions",
]


def write_csv(path: Path, rows: int) -> None:
    """Written line by line, so generating the file costs no memory."""
    rng = random.Random(42)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Response ID,Submitted at,Email,Score,Comment,Channel\n")
        for number in range(rows):
            comment = rng.choice(COMMENTS).replace('"', '""')
            out.write(
                f"R{number},2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d},"
                f"contact{rng.randrange(CONTACTS)}@bench.example,{rng.randint(0, 10)},"
                f'"{comment}",{rng.choice(["email", "web", "phone"])}\n'
            )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(engine: str) -> None:
    """One engine, in this process: arrange the organisation, import the file, print figures."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection

    from centric.core.models import Organisation, Role
    from centric.customers.models import Account, Contact, Customer
    from centric.feedback.feedback_imports import services
    from centric.feedback.feedback_imports.mapping import Mapping
    from centric.feedback.models import FeedbackImport, Response
    from centric.feedback.signals import feedback_received
    from centric.people.models import User

    announced = [0]

    def count_announced(sender: object, response_ids: list[int], **kwargs: object) -> None:
        announced[0] += len(response_ids)

    feedback_received.connect(count_announced, weak=False)
    call_command("migrate", verbosity=0)
    rows = ROWS if engine == "postgresql" else SQLITE_ROWS
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "feedback.csv"
        write_csv(path, rows)
        size_mb = path.stat().st_size / 1024**2
        org = Organisation.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
        admin = User.objects.create_user(
            email=f"admin-{org.slug}@bench.example",
            password=None,
            organisation=org,
            role=Role.ADMIN,
        )
        for number in range(CONTACTS):
            account = Account.objects.create(organisation=org, name=f"Account {number}")
            Customer.objects.create(organisation=org, kind="external", account=account)
            Contact.objects.create(
                organisation=org,
                account=account,
                first_name="C",
                email=f"contact{number}@bench.example",
            )
        with path.open("rb") as stream:
            job = services.feedback_import_start(actor=admin, upload=File(stream, name=path.name))
        mapping = Mapping.from_dict(job.mapping)
        mapping.score_type = "nps"  # "Score" names no scale: the person mapping the file says it
        started = time.perf_counter()
        services.feedback_import_map(actor=admin, job=job, mapping=mapping)
        services.feedback_import_check(job=job)
        checked = time.perf_counter()
        assert job.status == FeedbackImport.Status.CHECKED, job.errors[:3]
        services.feedback_import_apply(actor=admin, job=job, mode="keep_valid")
        services.feedback_import_run(job=job)
        done = time.perf_counter()
        job.refresh_from_db()
        stored = Response.objects.filter(organisation=org).count()
        outcome = (job.status, job.created_count, stored, announced[0])
        assert outcome == ("done", rows, rows, rows), outcome
        imported = done - checked
        print(f"{engine}: {rows:,} rows ({size_mb:.0f} MB CSV)")
        print(
            f"  check (every row validated, nothing written): {checked - started:6.1f} s "
            f"= {rows / (checked - started):,.0f} rows/s"
        )
        print(
            f"  import (keep the valid rows: validated again as written): {imported:6.1f} s "
            f"= {rows / imported:,.0f} rows/s"
        )
        print(f"  upload to done, both passes: {rows / (done - started):,.0f} rows/s")
        print(f"  peak memory (ru_maxrss): {peak_mb():.0f} MB")
        if engine == "postgresql":
            copy_seconds = copy_into_bare_table(connection, path)
            print(
                f"  PostgreSQL COPY of the same file into a bare table: {copy_seconds:6.1f} s "
                f"= {rows / copy_seconds:,.0f} rows/s"
            )
            print(
                f"  import / COPY speed: {copy_seconds / imported:.2f} "
                f"(target ≥ 0.33); both passes / COPY: {copy_seconds / (done - started):.2f}"
            )
            last_id = Response.objects.filter(organisation=org).latest("id").pk
            insert_seconds = insert_again(connection, org.pk, last_id, "again")
            print(
                "  the database alone: the same rows inserted once more into the responses table "
                f"(its indexes and foreign keys), one statement: {insert_seconds:6.1f} s "
                f"= {rows / insert_seconds:,.0f} rows/s = {copy_seconds / insert_seconds:.2f} of COPY"
            )
            unchecked = insert_again(connection, org.pk, last_id, "unchecked", foreign_keys=False)
            print(
                "  the same without the foreign-key checks (indexes only; a floor, not a way "
                f"to import): {unchecked:6.1f} s = {rows / unchecked:,.0f} rows/s "
                f"= {copy_seconds / unchecked:.2f} of COPY"
            )
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM feedback_response WHERE organisation_id = %s", [org.pk])


def insert_again(
    connection: object,
    organisation_id: int,
    last_id: int,
    suffix: str,
    *,
    foreign_keys: bool = True,
) -> float:
    """The floor under any import: PostgreSQL copying the imported rows within the responses table
    up to ``last_id`` (under new source refs), with nothing to read, check or send. Without ``foreign_keys`` the
    session skips its foreign-key triggers (``session_replication_role = replica``, as
    ``pg_restore --disable-triggers`` does; the benchmark's role is a superuser), which leaves
    what the table's indexes alone cost."""
    columns = (
        "organisation_id, created_at, updated_at, kind, channel, customer_id, contact_id, "
        "stage_id, touchpoint_id, language, page, submitted_at, responded_at, score, score_type, "
        "comment, attributes"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("BEGIN")
        if not foreign_keys:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"INSERT INTO feedback_response ({columns}, source_ref) "  # noqa: S608 - fixed names
            f"SELECT {columns}, source_ref || %s FROM feedback_response "
            "WHERE organisation_id = %s AND id <= %s",
            [f":{suffix}", organisation_id, last_id],
        )
        cursor.execute("COMMIT")  # the deferred foreign-key checks run here
    return time.perf_counter() - started


def copy_into_bare_table(connection: object, path: Path) -> float:
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(
            "CREATE TABLE bench_copy (external_id text, responded_at timestamptz, email text, "
            "score smallint, comment text, channel text)"
        )
        started = time.perf_counter()
        with (
            cursor.cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as stream,
        ):
            while chunk := stream.read(1024 * 1024):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_copy")
    return seconds


def bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/centric_bench"))


def create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS centric_bench")
        conn.execute("CREATE DATABASE centric_bench")


def main() -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    scratch = tempfile.mkdtemp(prefix="centric-bench-")
    common = {**os.environ, "CENTRIC_DATA_DIR": scratch, "CELERY_BROKER_URL": "memory://"}
    if database_url.startswith("postgres"):
        bench_url = bench_database_url(database_url)
        create_database(bench_url)
        subprocess.run(
            [sys.executable, __file__, "postgresql"],
            env={**common, "DATABASE_URL": bench_url},
            check=True,
        )
    else:
        print("DATABASE_URL is not PostgreSQL: run `make bench-import` for the PostgreSQL figure")
    embedded = {
        key: value
        for key, value in common.items()
        if key not in {"CENTRIC_MODE", "DATABASE_URL", "REDIS_URL"}
    }
    subprocess.run([sys.executable, __file__, "sqlite"], env=embedded, check=True)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(sys.argv[1])
    else:
        main()
