"""`make bench-cases`: rule routing and the case pages at production size, on PostgreSQL.

    make bench-cases                      # the full size (run it under the shared lock)
    BENCH_RESPONSES=50000 BENCH_CASES=5000 BENCH_NEW=5000 BENCH_INPROCESS=2000 \\
        .venv/bin/python benchmarks/cases_bench.py       # a quick look while developing

A scratch database of its own, ``centric_bench_cases``, is dropped, created, migrated and
filled by COPY: an organisation with 12 teams, 122 people, 5,000 accounts with 10,000 contacts,
a year of history (1,000,000 responses, each comment with its stored analysis and theme
mentions, composed from the demo's phrase banks and read once by the real text engine),
100,000 cases over that history in every state with their timelines, and 50 active rules
on a mix of fields. Then:

1. Routing, in this process: new feedback (analysed, as the pipeline leaves it) through
   ``routing.responses_route``, first evaluation alone (loading the facts and running the 50
   rules), then the whole path including opening each matched case.
2. Routing with the production worker pool: 100,000 new responses, enqueued as
   ``route_responses`` tasks of 500 (the pipeline's batch), executed by real Celery worker
   processes (RabbitMQ broker, Redis results); the clock runs from the first enqueue to the last
   result. Target: within one minute.
3. The inbox and the case page, rendered through Django's test client with the production
   settings, signed in as a CX lead (sees every case) and as a member (sees their teams' and
   customers' cases): p50 and p95 of the render time and the SQL queries per page, beside two
   references measured in the same run, ``/robots.txt`` (the smallest view) and the accounts
   list. Target: p95 under 150 ms. For the CX lead also the measures and the recurring root
   causes, which read every case of their period (timed, without a target).

Mail goes to Django's in-memory backend (building the message is timed, sending it is not);
no webhook endpoints are configured.

Sizes and parts from the environment: BENCH_RESPONSES, BENCH_CASES, BENCH_NEW (for the worker
pool), BENCH_INPROCESS, BENCH_WORKERS, BENCH_CHUNK, BENCH_SAMPLES; BENCH_PARTS (any of
routing,workers,pages); BENCH_REUSE=1 with BENCH_PARTS=pages measures the pages again on the
database the last run left.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "centric_bench_cases"
SERVER = "postgres://postgres@127.0.0.1:5432"
QUEUE = "centric_bench_cases"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "1000000"))
CASES = int(os.environ.get("BENCH_CASES", "100000"))
NEW = int(os.environ.get("BENCH_NEW", "100000"))
IN_PROCESS = int(os.environ.get("BENCH_INPROCESS", "20000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CHUNK = int(os.environ.get("BENCH_CHUNK", "500"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "100"))
ACCOUNTS = 5000
TEAMS = 12
PER_TEAM = 10
PAGE_TARGET_MS = 150
WARM_UP = 200
GOOD = {"nps": 7, "csat": 4, "ces": 5, "rating": 4, "": 99}
ENV = {
    "CENTRIC_MODE": "production",
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
    "CELERY_TASK_DEFAULT_QUEUE": QUEUE,  # a queue of its own: other workers on the broker stay out
    "SECRET_KEY": "benchmark-secret-key-that-is-long-and-random-enough-Xq3#Lw9!Pz2@Kd7$",
    "SECURE_HTTPS": "false",
    "ALLOWED_HOSTS": "testserver,127.0.0.1",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "CENTRIC_DATA_DIR": tempfile.mkdtemp(prefix="centric-bench-cases-"),
    "LOG_LEVEL": "WARNING",
}
SEGMENTS = ["Enterprise", "Mid-market", "Small business", "Public sector"]
TEAM_NAMES = [
    "Sales",
    "Customer Success",
    "Account Management",
    "Support",
    "Field Service",
    "Logistics",
    "Finance",
    "IT",
    "People",
    "Marketing",
    "Quality",
    "Procurement",
]
EXTRA_SENTENCES = [
    "If this does not improve we will not renew next year.",
    "A cover came loose during operation, this is a safety issue.",
    "We are considering cancelling the contract.",
    "I want a refund for the damaged parts.",
    "Please call me back, it is urgent.",
    "Thank you, Maria went out of her way to help us.",
    "Our lawyer will be in touch about the missed deadline.",
    "The invoice shows the wrong VAT number again.",
]


def setting_up() -> None:
    """A fresh scratch database and Django on it, with the production settings."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def django_setup() -> None:
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- filling the database -------------------------------------------------------------------


def copy_rows(model: Any, rows: Iterable[dict[str, Any]], *, now: dt.datetime) -> int:
    """COPY ``rows`` (by attribute name, with explicit ids) into the model's table, filling
    every column a row leaves out with the field's default; then move the id sequence on."""
    from django.db import connection, models

    fields = list(model._meta.concrete_fields)
    fixed: list[Any] = []
    for field in fields:
        if field.name in ("created_at", "updated_at"):
            fixed.append(now)
        else:
            fixed.append(field.get_default())
    json_fields = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    table = model._meta.db_table
    count = 0
    with connection.cursor() as cursor:
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = [row.get(name, fixed[i]) for i, name in enumerate(names)]
                for i in json_fields:
                    values[i] = json.dumps(values[i])
                copy.write_row(values)
                count += 1
        move_on = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"  # noqa: S608 - a model's own table
        cursor.execute(move_on)
    return count


def next_id(model: Any) -> int:
    from django.db.models import Max

    return int(model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def comment_bank() -> list[str]:
    """Comments composed from the demo's phrase banks (no third-party data)."""
    from centric.demo.feedback import PHRASES

    rng = random.Random(7)
    bank = PHRASES["en"]
    sentences = [(s, good) for phrases in bank.values() for good in (0, 1) for s in phrases[good]]
    comments: set[str] = set()
    while len(comments) < 400:
        first, good = rng.choice(sentences)
        parts = [first]
        if rng.random() < 0.5:
            parts.append(rng.choice([s for s, g in sentences if g == good]))
        if rng.random() < 0.1:  # now and then a flag, a threat or a name
            parts.append(rng.choice(EXTRA_SENTENCES))
        comments.add(" ".join(parts))
    return sorted(comments)


def readings(organisation_id: int, comments: list[str]) -> list[tuple[dict[str, Any], list[Any]]]:
    """The real engine's reading of each comment of the bank: (analysis row, theme mentions)."""
    from centric.core import clock
    from centric.insights.services.analysis import _reading_row
    from centric.insights.taxonomy import organisation_taxonomy
    from centric.insights.text import TextAnalyzer

    current = organisation_taxonomy(organisation_id=organisation_id)
    engine = TextAnalyzer(taxonomy=current.taxonomy)
    now = clock.now()
    return [
        (
            _reading_row(reading, current.version, now),
            [(t.name, round(t.confidence, 4), t.label, round(t.score, 4)) for t in reading.themes],
        )
        for reading in engine.analyze_many(comments)
    ]


class World:
    """The organisation the benchmark fills, and what later steps need to know about it."""

    def __init__(self) -> None:
        self.rng = random.Random(2026)
        self.bank: list[str] = []
        self.reads: list[tuple[dict[str, Any], list[Any]]] = []
        self.praise: list[int] = []  # indexes into the bank, by the engine's reading
        self.complaints: list[int] = []
        self.customers: list[tuple[int, Any]] = []  # (customer id, account id)
        self.internal: list[tuple[int, int]] = []  # (customer id, a person of that team)
        self.contacts: dict[Any, list[int]] = {}
        self.stages: list[int] = []
        self.owner_of: dict[Any, Any] = {}
        self.team_of_account: dict[Any, Any] = {}
        self.teams: list[Any] = []
        self.members: dict[Any, list[int]] = {}


def organisation_build(world: World) -> Any:
    from centric.core.models import Organisation, Role
    from centric.customers.models import Account, Contact, Customer, Segment
    from centric.feedback.services import journey_stages_ensure
    from centric.people.models import Team, User

    rng = world.rng
    org = Organisation.objects.create(
        name="Bench Components", slug="bench", time_zone="Europe/London"
    )
    password = "bench-password-never-used"  # noqa: S105 - the pages sign in with force_login
    lead = User.objects.create_user(
        "lead@bench.example", password, organisation=org, role=Role.CX_LEAD, first_name="Lea"
    )
    User.objects.create_user("admin@bench.example", password, organisation=org, role=Role.ADMIN)
    people = User.objects.bulk_create(
        User(
            email=f"person{i}@bench.example",
            password=lead.password,
            organisation=org,
            role=Role.MEMBER,
            first_name=f"Person{i}",
            last_name="Bench",
        )
        for i in range(TEAMS * PER_TEAM)
    )
    teams = Team.objects.bulk_create(
        Team(organisation=org, name=name, lead=people[i * PER_TEAM])
        for i, name in enumerate(TEAM_NAMES[:TEAMS])
    )
    for i, team in enumerate(teams):
        members = people[i * PER_TEAM : (i + 1) * PER_TEAM]
        team.members.set(members)
        world.members[team.pk] = [p.pk for p in members]
    # the operations teams serve the commercial ones: their internal customers
    for server in teams[5:]:
        server.serves.set(teams[:5])
    world.teams = teams
    internal = Customer.objects.bulk_create(
        Customer(organisation=org, kind=Customer.Kind.INTERNAL, team=team) for team in teams
    )
    world.internal = [(c.pk, world.members[c.team_id][1]) for c in internal[:5]]
    segments = Segment.objects.bulk_create(Segment(organisation=org, name=n) for n in SEGMENTS)
    facing = teams[:5]  # the customer-facing teams own the accounts
    accounts = Account.objects.bulk_create(
        Account(
            organisation=org,
            name=f"Account {i}",
            external_id=f"CRM-{i}",
            segment=rng.choice(segments),
            tier=rng.choice(["strategic", "core", "core", "long_tail", "long_tail"]),
            lifecycle_stage=rng.choice(["active", "active", "active", "at_risk", "renewal"]),
            team=(team := rng.choice(facing)),
            owner_id=rng.choice(world.members[team.pk]),
        )
        for i in range(ACCOUNTS)
    )
    for account in accounts:
        world.owner_of[account.pk] = account.owner_id
        world.team_of_account[account.pk] = account.team_id
    customers = Customer.objects.bulk_create(
        Customer(organisation=org, kind=Customer.Kind.EXTERNAL, account=a) for a in accounts
    )
    world.customers = [(c.pk, c.account_id) for c in customers]
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=org,
            account=account,
            first_name=f"Contact{i}",
            email=f"c{account.pk}-{i}@customer.example",
            language=rng.choice(["en", "en", "de", "fr"]),
            time_zone=rng.choice(["Europe/London", "Europe/Berlin", "America/New_York"]),
        )
        for account in accounts
        for i in range(2)
    )
    for contact in contacts:
        world.contacts.setdefault(contact.account_id, []).append(contact.pk)
    world.stages = [s.pk for s in journey_stages_ensure(organisation_id=org.pk)]
    world.bank = comment_bank()
    world.reads = readings(org.pk, world.bank)
    for index, (row, _) in enumerate(world.reads):
        negative = row["sentiment_label"] in ("negative", "mixed")
        (world.complaints if negative else world.praise).append(index)
    return org


def draw_score(rng: random.Random, score_type: str) -> int | None:
    if score_type == "nps":
        return max(0, min(10, round(rng.gauss(7.6, 2.3))))
    if score_type == "csat":
        return max(1, min(5, round(rng.gauss(3.9, 1.1))))
    if score_type == "ces":
        return max(1, min(7, round(rng.gauss(5.0, 1.4))))
    if score_type == "rating":
        return rng.choice([1, 2, 3, 4, 4, 5, 5])
    return None


def response_rows(
    world: World, org_id: int, start_id: int, count: int, when: Callable[[], dt.datetime]
) -> Iterator[tuple[dict[str, Any], int | None]]:
    """(response row, comment index or None) for ``count`` new responses from ``start_id``."""
    rng = world.rng
    kinds = [
        ("survey", "nps", 50),
        ("survey", "csat", 20),
        ("survey", "ces", 10),
        ("review", "rating", 8),
        ("ticket", "", 12),
    ]
    weights = [w for *_, w in kinds]
    for number in range(count):
        kind, score_type, _ = rng.choices(kinds, weights)[0]
        score = draw_score(rng, score_type)
        # the comment agrees with the score most of the time, as real comments do
        happy = score is not None and score >= GOOD[score_type]
        bank = world.praise if (happy if rng.random() < 0.85 else not happy) else world.complaints
        comment = rng.choice(bank) if rng.random() < 0.7 else None
        row: dict[str, Any] = {
            "id": start_id + number,
            "organisation_id": org_id,
            "kind": kind,
            "score": score,
            "score_type": score_type,
            "channel": rng.choice(["email", "link", "import", "api"]),
            "comment": world.bank[comment] if comment is not None else "",
            "stage_id": rng.choice(world.stages) if rng.random() < 0.5 else None,
            "language": "en",
        }
        if rng.random() < 0.08 and world.internal:
            customer_id, person_id = rng.choice(world.internal)
            row.update(customer_id=customer_id, person_id=person_id)
        else:
            customer_id, account_id = rng.choice(world.customers)
            row.update(customer_id=customer_id, contact_id=rng.choice(world.contacts[account_id]))
        moment = when()
        row.update(submitted_at=moment, responded_at=moment)
        yield row, comment


def feedback_fill(
    world: World, org_id: int, count: int, when: Callable[[], dt.datetime]
) -> list[tuple[int, int | None, int | None, dt.datetime]]:
    """``count`` responses with their analyses and theme mentions, by COPY. Returns (id,
    customer id, score, responded at) of each."""
    from centric.core import clock
    from centric.feedback.models import Response
    from centric.insights.models import ResponseAnalysis, ThemeMention

    now = clock.now()
    start = next_id(Response)
    made: list[tuple[int, int | None, int | None, dt.datetime]] = []
    commented: list[tuple[int, int]] = []

    def responses() -> Iterator[dict[str, Any]]:
        for row, comment in response_rows(world, org_id, start, count, when):
            made.append((row["id"], row["customer_id"], row["score"], row["responded_at"]))
            if comment is not None:
                commented.append((row["id"], comment))
            yield row

    copy_rows(Response, responses(), now=now)
    analysis_start, mention_start = next_id(ResponseAnalysis), next_id(ThemeMention)
    copy_rows(
        ResponseAnalysis,
        (
            {
                "id": analysis_start + i,
                "organisation_id": org_id,
                "response_id": pk,
                **world.reads[comment][0],
            }
            for i, (pk, comment) in enumerate(commented)
        ),
        now=now,
    )

    def mentions() -> Iterator[dict[str, Any]]:
        number = mention_start
        for pk, comment in commented:
            for theme, confidence, label, score in world.reads[comment][1]:
                yield {
                    "id": number,
                    "organisation_id": org_id,
                    "response_id": pk,
                    "theme": theme,
                    "confidence": confidence,
                    "sentiment_label": label,
                    "sentiment_score": score,
                }
                number += 1

    copy_rows(ThemeMention, mentions(), now=now)
    return made


def rules_create(world: World, org_id: int) -> None:
    """Fifty active rules on a mix of fields, in the order a CX team would write them."""
    from centric.cases.models import Rule

    teams = world.teams
    finance, it, quality = teams[6], teams[7], teams[10]
    specs: list[dict[str, Any]] = [
        dict(
            name="Urgent feedback",
            priority="urgent",
            all=[
                {"field": "urgent", "op": "is_true"},
                {"field": "sentiment", "op": "in", "value": ["negative"]},
            ],
        ),
        dict(
            name="Churn risk",
            priority="high",
            all=[
                {"field": "churn_risk", "op": "is_true"},
                {"field": "score", "op": "lte", "value": 6},
            ],
        ),
        dict(
            name="Internal customers: complaints to the serving team",
            all=[
                {"field": "customer_kind", "op": "in", "value": ["internal"]},
                {"field": "score", "op": "lte", "value": 2},
            ],
        ),
        dict(
            name="Billing keywords",
            owner="person",
            person=finance.lead_id,
            team=finance,
            any=[
                {
                    "field": "text",
                    "op": "contains",
                    "value": ["invoice", "charged", "vat", "refund"],
                },
                {"field": "themes", "op": "includes", "value": ["billing", "refunds"]},
            ],
            all=[
                {"field": "sentiment", "op": "in", "value": ["negative", "mixed"]},
                {"field": "score", "op": "lte", "value": 6},
            ],
        ),
        dict(
            name="Legal threats",
            priority="urgent",
            all=[{"field": "text", "op": "contains", "value": ["lawyer", "legal", "court"]}],
        ),
        dict(
            name="Strategic accounts unhappy",
            priority="high",
            all=[
                {"field": "tier", "op": "in", "value": ["strategic"]},
                {"field": "sentiment", "op": "in", "value": ["negative"]},
                {"field": "score", "op": "lte", "value": 6},
            ],
        ),
    ]
    for segment in SEGMENTS:
        specs.append(
            dict(
                name=f"{segment} detractors",
                all=[
                    {"field": "segment", "op": "in", "value": [segment]},
                    {"field": "score_type", "op": "in", "value": ["nps"]},
                    {"field": "score", "op": "lte", "value": 4},
                ],
            )
        )
    for theme in ["delivery", "support", "product quality", "usability", "communication", "price"]:
        specs.append(
            dict(
                name=f"Negative about {theme}",
                owner="round_robin",
                team=quality if theme == "product quality" else None,
                all=[
                    {"field": "themes", "op": "includes", "value": [theme]},
                    {"field": "sentiment_score", "op": "lte", "value": -0.5},
                    {"field": "score", "op": "lte", "value": 5},
                ],
            )
        )
    for signal in ["risk", "fear", "constraint"]:
        specs.append(
            dict(
                name=f"Care signal: {signal}",
                all=[
                    {"field": "care_signals", "op": "includes", "value": [signal]},
                    {"field": "sentiment", "op": "in", "value": ["negative"]},
                ],
            )
        )
    stages = ["purchase", "delivery", "use", "maintain", "replace"]
    for stage in stages:
        specs.append(
            dict(
                name=f"Poor CSAT at {stage}",
                all=[
                    {"field": "stage", "op": "in", "value": [stage]},
                    {"field": "score_type", "op": "in", "value": ["csat"]},
                    {"field": "score", "op": "lte", "value": 1},
                ],
            )
        )
    specs += [
        dict(
            name="Hard effort",
            all=[
                {"field": "score_type", "op": "in", "value": ["ces"]},
                {"field": "score", "op": "lte", "value": 2},
            ],
        ),
        dict(
            name="One-star reviews",
            all=[
                {"field": "kind", "op": "in", "value": ["review"]},
                {"field": "score", "op": "eq", "value": 1},
            ],
        ),
        dict(
            name="Angry tickets",
            owner="round_robin",
            team=teams[3],
            all=[
                {"field": "kind", "op": "in", "value": ["ticket"]},
                {"field": "sentiment_score", "op": "lte", "value": -0.8},
            ],
        ),
        dict(
            name="IT complaints",
            owner="round_robin",
            team=it,
            all=[
                {"field": "customer_kind", "op": "in", "value": ["internal"]},
                {"field": "text", "op": "contains", "value": ["laptop", "access", "crm", "ticket"]},
            ],
        ),
    ]
    number = 0
    while len(specs) < 50:
        # the long tail: narrow keyword rules that rarely match but are evaluated every time
        words = [["recall"], ["warranty", "guarantee"], ["contract", "terms"], ["outage"]][
            number % 4
        ]
        specs.append(
            dict(
                name=f"Watch list {number + 1}: {', '.join(words)}",
                priority="low",
                all=[
                    {"field": "text", "op": "contains", "value": words},
                    {"field": "channel", "op": "not_in", "value": ["import"]},
                ],
                any=[
                    {"field": "sentiment", "op": "in", "value": ["negative"]},
                    {"field": "score", "op": "lte", "value": 6},
                ],
            )
        )
        number += 1
    Rule.objects.bulk_create(
        Rule(
            organisation_id=org_id,
            name=spec["name"],
            position=position,
            conditions_all=spec.get("all", []),
            conditions_any=spec.get("any", []),
            owner_strategy=spec.get("owner", "customer_owner"),
            team=spec.get("team"),
            person_id=spec.get("person"),
            priority=spec.get("priority", "normal"),
        )
        for position, spec in enumerate(specs)
    )


def cases_fill(world: World, org_id: int, history: Sequence[tuple[Any, ...]]) -> None:
    """``CASES`` cases over the history's lower scores, in every state, with their timelines."""
    from django.db import connection

    from centric.cases import sla
    from centric.cases.models import Case, CaseEvent, RootCause, Rule
    from centric.cases.services import calendar_of
    from centric.core import clock
    from centric.customers.models import Customer

    rng = world.rng
    now = clock.now()
    calendar = calendar_of(org_id)
    rules = list(Rule.objects.filter(organisation_id=org_id).values_list("pk", "name"))
    causes = list(RootCause.objects.filter(organisation_id=org_id).values_list("pk", flat=True))
    account_of = dict(
        Customer.objects.filter(organisation_id=org_id).values_list("pk", "account_id")
    )
    team_of_customer = {
        pk: world.teams[5 + pk % 7].pk for pk, account in account_of.items() if account is None
    }
    candidates = [row for row in history if row[2] is None or row[2] <= 6]
    rng.shuffle(candidates)
    chosen = sorted(candidates[:CASES], key=lambda row: row[3])
    states = ["new", "contacted", "in_progress", "resolved", "closed"]
    state_weights = [8, 8, 10, 14, 60]
    events: list[dict[str, Any]] = []
    case_start, event_id = next_id(Case), next_id(CaseEvent)

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal event_id
        for number, (response_id, customer_id, score, responded) in enumerate(chosen):
            pk = case_start + number
            opened = responded + dt.timedelta(minutes=rng.randint(1, 30))
            account = account_of.get(customer_id)
            team = world.team_of_account.get(account) if account else team_of_customer[customer_id]
            owner = world.owner_of.get(account) if account else rng.choice(world.members[team])
            if rng.random() < 0.05:
                owner = None
            # old cases are finished; recent ones may still be open
            age = (now - opened).days
            state = (
                "closed"
                if age > 60 and rng.random() < 0.9
                else rng.choices(states, state_weights)[0]
            )
            priority = rng.choice(["urgent", "high", "normal", "normal", "normal", "low"])
            first_due = sla.add_business_time(calendar, opened, dt.timedelta(hours=8))
            resolution_due = sla.add_business_time(calendar, opened, dt.timedelta(hours=40))
            contacted = resolved = closed = None
            if state != "new":
                contacted = opened + dt.timedelta(hours=rng.expovariate(1 / 10))
            if state in ("resolved", "closed"):
                resolved = contacted + dt.timedelta(hours=rng.expovariate(1 / 48))  # type: ignore[operator]
            if state == "closed":
                closed = resolved + dt.timedelta(hours=rng.expovariate(1 / 12))  # type: ignore[operator]
            rule_id, rule_name = rng.choice(rules)
            timeline = [("opened", opened, {"rule": rule_name}, "")]
            if contacted:
                timeline.append(
                    (
                        "contact",
                        contacted,
                        {"channel": "phone", "outcome": "reached"},
                        "Spoke to them.",
                    )
                )
                timeline.append(("state", contacted, {"from": "new", "to": "contacted"}, ""))
            if rng.random() < 0.5:
                timeline.append(("comment", opened + dt.timedelta(hours=1), {}, "Looking into it."))
            if resolved:
                timeline.append(("root_cause", resolved, {"root_cause": "Billing error"}, "Fixed."))
                timeline.append(("state", resolved, {"from": "in_progress", "to": "resolved"}, ""))
            if closed:
                timeline.append(("state", closed, {"from": "resolved", "to": "closed"}, ""))
            for kind, at, data, text in timeline:
                events.append(
                    {
                        "id": event_id,
                        "organisation_id": org_id,
                        "case_id": pk,
                        "actor_id": owner if kind != "opened" else None,
                        "kind": kind,
                        "data": data,
                        "text": text,
                        "at": min(at, now),
                    }
                )
                event_id += 1
            yield {
                "id": pk,
                "organisation_id": org_id,
                "title": f"Customer {customer_id}: score {score}",
                "customer_id": customer_id,
                "response_id": response_id,
                "rule_id": rule_id,
                "owner_id": owner,
                "team_id": team,
                "state": state,
                "priority": priority,
                "tags": [],
                "opened_at": opened,
                "first_contact_due": first_due,
                "resolution_due": resolution_due,
                "first_contacted_at": min(contacted, now) if contacted else None,
                "resolved_at": min(resolved, now) if resolved else None,
                "closed_at": min(closed, now) if closed else None,
                "reopen_count": 1 if rng.random() < 0.03 else 0,
                "root_cause_id": rng.choice(causes) if resolved else None,
                "resolution": "Credited the invoice and fixed the template." if resolved else "",
            }

    copy_rows(Case, rows(), now=now)
    with connection.cursor() as cursor:  # each case keeps the words of its feedback
        cursor.execute(
            "UPDATE cases_case SET comment = r.comment FROM feedback_response r"
            " WHERE r.id = cases_case.response_id AND cases_case.organisation_id = %s",
            [org_id],
        )
    copy_rows(CaseEvent, events, now=now)


def fill() -> dict[str, Any]:
    from django.db import connection

    from centric.core import clock

    world = World()
    started = time.perf_counter()
    org = organisation_build(world)
    rules_create(world, org.pk)
    now = clock.now()
    rng = world.rng

    def in_the_last_year() -> dt.datetime:
        # history stops a fortnight ago: older feedback is never routed, so only the new counts
        return now - dt.timedelta(days=15, seconds=rng.randint(0, 350 * 86400))

    history = feedback_fill(world, org.pk, RESPONSES, in_the_last_year)
    cases_fill(world, org.pk, history)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would, after the fill
    print(
        f"filled: {RESPONSES:,} responses with analyses, {CASES:,} cases, 50 rules, "
        f"{ACCOUNTS:,} accounts in {time.perf_counter() - started:.0f} s"
    )
    return {"org": org, "world": world}


# --- routing --------------------------------------------------------------------------------


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Counts the SQL statements run inside, cheaply (no SQL text is kept)."""
    from django.db import connection

    counter = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def new_feedback(state: dict[str, Any], count: int) -> list[int]:
    from centric.core import clock

    now, rng = clock.now(), state["world"].rng

    def just_now() -> dt.datetime:
        return now - dt.timedelta(seconds=rng.randint(0, 6 * 3600))

    return [row[0] for row in feedback_fill(state["world"], state["org"].pk, count, just_now)]


def route_in_process(state: dict[str, Any]) -> dict[str, float]:
    from django.db import connection
    from django.urls import reverse

    from centric.cases import routing
    from centric.cases.models import Case

    ids = new_feedback(state, IN_PROCESS)
    rules = routing.active_rules(state["org"].pk)
    assert len(rules) == 50, len(rules)
    reverse("cases:inbox")  # the URL configuration loads once per process, before the clock
    started = time.perf_counter()
    matched = 0
    with counting_queries() as evaluation_queries:
        for batch in routing._batches(ids):
            for response in batch:
                if routing.first_match(rules, routing.facts_of(response)) is not None:
                    matched += 1
    evaluated = time.perf_counter() - started
    before = Case.objects.count()
    started = time.perf_counter()
    with counting_queries() as route_queries:
        opened = routing.responses_route(response_ids=ids)
    routed = time.perf_counter() - started
    connection.close()
    assert Case.objects.count() - before == opened
    print(
        f"\nrouting in one process, {len(ids):,} new responses against 50 active rules:\n"
        f"  evaluation only (load facts, run the rules): {evaluated:6.1f} s = "
        f"{len(ids) / evaluated:,.0f} responses/s, {matched:,} match "
        f"({evaluation_queries[0]} queries)\n"
        f"  routed (evaluation + opening {opened:,} cases): {routed:6.1f} s = "
        f"{len(ids) / routed:,.0f} responses/s; {(routed - evaluated) / max(opened, 1) * 1000:.1f} ms "
        f"and {(route_queries[0] - evaluation_queries[0]) / max(opened, 1):.1f} queries per case opened"
    )
    return {
        "responses": len(ids),
        "evaluation_rate": len(ids) / evaluated,
        "route_rate": len(ids) / routed,
        "opened": opened,
    }


def route_with_workers(state: dict[str, Any]) -> dict[str, float]:
    from django.db import connection

    from centric.cases.models import Case
    from centric.cases.tasks import route_responses

    warm_up, ids = (lambda made: (made[:WARM_UP], made[WARM_UP:]))(
        new_feedback(state, NEW + WARM_UP)
    )
    connection.close()
    # a run stopped half-way can leave its tasks on the queue; they must not route this run's
    # responses (the ids repeat in the re-created database) before the clock starts
    route_responses.app.control.purge()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            QUEUE,
            f"--concurrency={WORKERS}",
            "--loglevel=WARNING",
            "-n",
            f"bench-cases-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
    )
    try:
        ready = route_responses.delay([])
        while not ready.ready():  # the pool is up and consuming
            if worker.poll() is not None:
                sys.exit("the Celery worker stopped; see its output above")
            time.sleep(0.2)
        # each pool process loads the URL configuration when it opens its first case: not timed
        warming = [route_responses.delay(warm_up[i :: WORKERS * 2]) for i in range(WORKERS * 2)]
        for result in warming:
            result.get(timeout=600)
        before = Case.objects.count()
        started = time.perf_counter()
        results = [
            route_responses.delay(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)
        ]
        opened = sum(result.get(timeout=3600) for result in results)
        seconds = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert Case.objects.count() - before == opened
    verdict = "met" if seconds <= 60 else "NOT met"
    print(
        f"\nrouting with the worker pool ({WORKERS} Celery processes, tasks of {CHUNK}):\n"
        f"  {len(ids):,} new responses routed in {seconds:.1f} s = {len(ids) / seconds:,.0f} "
        f"responses/s, {opened:,} cases opened; target 100,000 within 60 s: {verdict}"
    )
    return {"responses": len(ids), "seconds": seconds, "rate": len(ids) / seconds, "opened": opened}


# --- pages ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def page_times(client: Any, urls: Sequence[str], samples: int = SAMPLES) -> dict[str, float]:
    """Render every url in turn (after a warm-up), ``samples`` requests in all."""
    for url in urls[:5]:
        client.get(url)
    times, queries = [], []
    for number in range(samples):
        url = urls[number % len(urls)]
        with counting_queries() as counter:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(counter[0])
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "q_min": min(queries),
        "q_max": max(queries),
    }


def pages(state: dict[str, Any]) -> list[tuple[str, dict[str, float]]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from centric.cases.models import Case
    from centric.cases.selectors import cases_visible_to
    from centric.people.models import User

    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' asset manifest
    with connection.cursor() as cursor:  # the routing's new cases counted, as autovacuum does
        cursor.execute("ANALYZE cases_case")
    org = state["org"]
    lead = User.objects.get(email="lead@bench.example")
    member = User.objects.get(email="person12@bench.example")  # in the second team
    try:
        inbox = reverse("cases:inbox")
        reverse("cases:case_detail", args=[1])
    except NoReverseMatch:
        print("\nthe inbox and the case page are not there yet: no page figures")
        return []
    rows = []
    reference = [
        ("reference: /robots.txt", ["/robots.txt"]),
        ("reference: accounts list", [reverse("customers:account_list")]),
    ]
    for who, user in (("CX lead", lead), ("member", member)):
        client = Client()
        client.force_login(user)
        visible = list(
            cases_visible_to(user).order_by("?").values_list("pk", flat=True)[: SAMPLES + 5]
        )
        open_ones = list(
            cases_visible_to(user)
            .filter(state__in=["new", "contacted", "in_progress"])
            .order_by("?")
            .values_list("pk", flat=True)[:SAMPLES]
        )
        print(
            f"\n{who} ({user.get_role_display()}): sees {cases_visible_to(user).count():,} cases"
            f"{'':8}p50 ms  p95 ms"
        )
        for name, urls in [
            *(reference if who == "CX lead" else []),
            (f"{who}: inbox, mine", [f"{inbox}?inbox=mine"]),
            (f"{who}: inbox, my teams", [f"{inbox}?inbox=team"]),
            (f"{who}: inbox, all open", [f"{inbox}?inbox=all"]),
            (f"{who}: inbox, breaching soon", [f"{inbox}?inbox=soon"]),
            (f"{who}: inbox, closed, page 20", [f"{inbox}?inbox=closed&page=20"]),
            (f"{who}: inbox, search", [f"{inbox}?inbox=all&q=Customer+1"]),
            (
                f"{who}: case page (random cases)",
                [reverse("cases:case_detail", args=[pk]) for pk in visible],
            ),
            (
                f"{who}: case page (open cases)",
                [reverse("cases:case_detail", args=[pk]) for pk in open_ones],
            ),
        ]:
            figures = page_times(client, urls)
            rows.append((name, figures))
            print(
                f"  {name:42}{figures['p50']:8.1f}{figures['p95']:8.1f} ms"
                f"   queries {figures['q_min']:.0f}–{figures['q_max']:.0f}"
            )
        if who == "CX lead":
            # the outer loop's pages read every case of the period: timed too, without a target
            for name, url in (
                (
                    "outer loop: measures, 90 days by team",
                    reverse("cases:measures") + "?group=team",
                ),
                (
                    "outer loop: measures, 365 days by owner",
                    reverse("cases:measures") + "?days=365&group=owner",
                ),
                ("outer loop: recurring root causes, 90 days", reverse("cases:root_causes")),
            ):
                figures = page_times(client, [url], samples=max(SAMPLES // 10, 3))
                rows.append((name, figures))
                print(
                    f"  {name:42}{figures['p50']:8.1f}{figures['p95']:8.1f} ms"
                    f"   queries {figures['q_min']:.0f}–{figures['q_max']:.0f}"
                )
    total = Case.objects.filter(organisation=org).count()
    print(f"\n{total:,} cases in the database")
    return rows


def main() -> None:
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    parts = os.environ.get("BENCH_PARTS", "routing,workers,pages").split(",")
    if os.environ.get("BENCH_REUSE"):
        django_setup()
        from centric.core.models import Organisation

        state = {"org": Organisation.objects.get(slug="bench"), "world": None}
        if {"routing", "workers"} & set(parts):
            sys.exit("BENCH_REUSE only measures the pages: BENCH_PARTS=pages")
    else:
        setting_up()
        state = fill()
    if "routing" in parts:
        route_in_process(state)
    if "workers" in parts:
        route_with_workers(state)
    if "pages" in parts:
        results = pages(state)
        worst = max(
            (f["p95"] for name, f in results if "reference" not in name and "outer" not in name),
            default=0.0,
        )
        if results:
            verdict = "met" if worst < PAGE_TARGET_MS else "NOT met"
            print(
                f"slowest case page or inbox p95: {worst:.0f} ms; target < {PAGE_TARGET_MS} ms: {verdict}"
            )


if __name__ == "__main__":
    main()
