"""Storing checked rows as responses, a batch at a time, in the caller's transaction.

On PostgreSQL a batch travels by ``COPY`` into a temporary table and from there into the responses
with one ``INSERT … ON CONFLICT DO NOTHING``: rows stored before (by an earlier import of the same
file, or by another import meanwhile) are skipped by the unique index, and the ids of the new ones
come back for the ``feedback_received`` signal. On SQLite by a prepared ``INSERT`` for each row.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import datetime

import polars as pl
from django.db import connection

from centric.feedback.models import Response

# SQLite refuses statements with more parameters than this, roughly
SQLITE_SLICE = 5000
STAGED = (
    "line bigint, source_ref text, kind text, customer_id bigint, contact_id bigint, "
    "stage_id bigint, touchpoint_id bigint, responded_at timestamptz, score smallint, "
    "score_type text, comment text, attributes jsonb"
)
STAGED_COLUMNS = [definition.split()[0] for definition in STAGED.split(", ")]


def refs_already_stored(*, organisation_id: int, refs: Sequence[str]) -> set[str]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT source_ref FROM {Response._meta.db_table} "  # noqa: S608 - a fixed name
                # the non-empty test lets PostgreSQL use the partial unique index
                "WHERE organisation_id = %s AND source_ref <> '' AND source_ref = ANY(%s)",
                [organisation_id, list(refs)],
            )
            return {ref for (ref,) in cursor.fetchall()}
    stored: set[str] = set()
    for start in range(0, len(refs), SQLITE_SLICE):
        stored.update(
            Response.objects.filter(
                organisation_id=organisation_id, source_ref__in=refs[start : start + SQLITE_SLICE]
            ).values_list("source_ref", flat=True)
        )
    return stored


def responses_store(*, organisation_id: int, rows: pl.DataFrame, now: datetime) -> list[int]:
    """Store the checked ``rows`` not stored before; the ids of the new responses."""
    if rows.is_empty():
        return []
    if connection.vendor == "postgresql":
        return _insert_through_copy(organisation_id, rows, now)
    ids: list[int] = []
    for start in range(0, len(rows), SQLITE_SLICE):
        ids += _insert_rows(organisation_id, rows.slice(start, SQLITE_SLICE), now)
    return ids


def _insert_through_copy(organisation_id: int, rows: pl.DataFrame, now: datetime) -> list[int]:
    data = io.BytesIO()
    rows.select(STAGED_COLUMNS).write_csv(
        data, include_header=False, datetime_format="%Y-%m-%dT%H:%M:%S%.f%z"
    )
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS feedback_import_rows ({STAGED})")
        cursor.execute("TRUNCATE feedback_import_rows")
        with cursor.cursor.copy(  # the psycopg cursor underneath Django's wrapper
            "COPY feedback_import_rows FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(data.getbuffer())
        cursor.execute(
            f"INSERT INTO {table} (organisation_id, created_at, updated_at, kind, channel, "  # noqa: S608 - fixed names
            "customer_id, contact_id, stage_id, touchpoint_id, language, page, submitted_at, "
            "responded_at, score, score_type, comment, source_ref, attributes) "
            "SELECT %(organisation)s, %(now)s, %(now)s, kind, %(channel)s, customer_id, "
            "contact_id, stage_id, touchpoint_id, 'en', 1, COALESCE(responded_at, %(now)s), "
            "responded_at, score, score_type, comment, source_ref, jsonb_strip_nulls(attributes) "
            "FROM feedback_import_rows ORDER BY line "
            "ON CONFLICT (organisation_id, source_ref) WHERE source_ref <> '' DO NOTHING "
            "RETURNING id",
            {"organisation": organisation_id, "now": now, "channel": Response.Channel.IMPORT},
        )
        return [pk for (pk,) in cursor.fetchall()]


def _insert_rows(organisation_id: int, rows: pl.DataFrame, now: datetime) -> list[int]:
    """SQLite: the rows not stored before, by one prepared ``INSERT`` run for each."""
    stored = refs_already_stored(organisation_id=organisation_id, refs=rows["source_ref"].to_list())
    fresh = rows.filter(
        ~pl.col("source_ref").is_in(pl.Series(sorted(stored), dtype=pl.String).implode())
    )
    if fresh.is_empty():
        return []
    adapt = connection.ops.adapt_datetimefield_value
    created = adapt(now)
    values = [
        (
            organisation_id,
            created,
            created,
            Response.Channel.IMPORT.value,
            "en",
            1,
            adapt(row["responded_at"] or now),
            adapt(row["responded_at"]),
            json.dumps(
                {
                    name: value
                    for name, value in json.loads(row["attributes"]).items()
                    if value is not None
                }
            ),
            *(row[name] for name in STORED_AS_IS),
        )
        for row in fresh.iter_rows(named=True)
    ]
    columns = (
        "organisation_id, created_at, updated_at, channel, language, page, submitted_at, "
        f"responded_at, attributes, {', '.join(STORED_AS_IS)}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Response._meta.db_table} ({columns}) "  # noqa: S608 - fixed names
            f"VALUES ({', '.join(['%s'] * len(values[0]))}) ON CONFLICT DO NOTHING",
            values,
        )
    return list(
        Response.objects.filter(
            organisation_id=organisation_id, source_ref__in=fresh["source_ref"].to_list()
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


STORED_AS_IS = (
    "source_ref",
    "kind",
    "customer_id",
    "contact_id",
    "stage_id",
    "touchpoint_id",
    "score",
    "score_type",
    "comment",
)
