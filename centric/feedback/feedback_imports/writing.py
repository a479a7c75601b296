"""Storing checked rows as responses, a batch at a time, in the caller's transaction.

On PostgreSQL a batch travels by ``COPY`` into a temporary table and from there into the responses
with one ``INSERT … ON CONFLICT DO NOTHING``: rows stored before (by an earlier import of the same
file, or by another import meanwhile) are skipped by the unique index, and the ids of the new ones
come back for the ``feedback_received`` signal. When the check found none of the file's rows
stored, a plain ``INSERT`` is tried first, as it costs the database less. On SQLite by a prepared
``INSERT`` for each row.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

import polars as pl
from django.db import IntegrityError, connection, transaction

from centric.feedback.models import Response

# SQLite is given this many rows a statement
SQLITE_SLICE = 5000
STAGED = (
    "line bigint, source_ref text, kind text, customer_id bigint, contact_id bigint, "
    "stage_id bigint, touchpoint_id bigint, responded_at timestamptz, score smallint, "
    "score_type text, comment text, language text, attributes jsonb"
)
STAGED_COLUMNS = [definition.split()[0] for definition in STAGED.split(", ")]


def refs_already_stored(*, organisation_id: int, refs: Sequence[str]) -> set[str]:
    # The refs travel as one JSON text, not as a parameter each, quoted one by one in Python.
    # The non-empty test, written as the index's condition is, lets the database look each ref
    # up in the partial unique index rather than read all the organisation's responses.
    if connection.vendor == "postgresql":
        refs_given = "= ANY(ARRAY(SELECT jsonb_array_elements_text(%s::jsonb)))"
    else:
        refs_given = "IN (SELECT value FROM json_each(%s))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT source_ref FROM {Response._meta.db_table} "  # noqa: S608 - fixed names
            f"WHERE organisation_id = %s AND NOT source_ref = '' AND source_ref {refs_given}",
            [organisation_id, json.dumps(list(refs))],
        )
        return {ref for (ref,) in cursor.fetchall()}


@dataclass(frozen=True)
class StagedRows:
    """Checked rows, and for PostgreSQL the same rows written out for ``COPY``: made by
    ``rows_staged`` in the reading thread while the batch before is being stored."""

    rows: pl.DataFrame
    copy_data: bytes = b""


def rows_staged(rows: pl.DataFrame, *, vendor: str) -> StagedRows:
    if vendor != "postgresql" or rows.is_empty():
        return StagedRows(rows)
    data = io.BytesIO()
    # the dates in Polars' own ISO 8601 form, with their offset: PostgreSQL reads it, and Polars
    # writes it three times as fast as a format given to it
    rows.select(STAGED_COLUMNS).write_csv(data, include_header=False)
    return StagedRows(rows, data.getvalue())


def responses_store(
    *,
    organisation_id: int,
    import_id: int,
    staged: StagedRows,
    now: datetime,
    expect_new: bool = False,
) -> list[int]:
    """Store the checked rows not stored before, as import ``import_id``'s; the ids of the new
    responses. ``expect_new``:
    none of the file's rows was stored when it was checked, so on PostgreSQL the rows are first
    inserted without each being looked for, and looked for only if one turns out to be stored."""
    rows = staged.rows
    if rows.is_empty():
        return []
    if connection.vendor == "postgresql":
        return _insert_through_copy(
            organisation_id, import_id, staged.copy_data, now, expect_new=expect_new
        )
    ids: list[int] = []
    for start in range(0, len(rows), SQLITE_SLICE):
        ids += _insert_rows(organisation_id, import_id, rows.slice(start, SQLITE_SLICE), now)
    return ids


def _insert_through_copy(
    organisation_id: int, import_id: int, copy_data: bytes, now: datetime, *, expect_new: bool
) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS feedback_import_rows ({STAGED})")
        cursor.execute("TRUNCATE feedback_import_rows")
        with cursor.cursor.copy(  # the psycopg cursor underneath Django's wrapper
            "COPY feedback_import_rows FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(copy_data)
        parameters: dict[str, int | datetime | str] = {
            "organisation": organisation_id,
            "import": import_id,
            "now": now,
            "channel": Response.Channel.IMPORT,
        }
        if expect_new:
            # a plain insert spares PostgreSQL a look-up and a second write of each row; a row
            # that another import stored meanwhile undoes it, and the rows go in as below
            with suppress(IntegrityError), transaction.atomic():
                cursor.execute(_INSERT_STAGED.format(skip_stored=""), parameters)
                return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(_INSERT_STAGED.format(skip_stored=_SKIP_STORED), parameters)
        return [pk for (pk,) in cursor.fetchall()]


_INSERT_STAGED = (
    f"INSERT INTO {Response._meta.db_table} (organisation_id, created_at, updated_at, kind, "  # noqa: S608 - fixed names
    "channel, customer_id, contact_id, stage_id, touchpoint_id, language, page, submitted_at, "
    "responded_at, score, score_type, comment, source_ref, attributes, feedback_import_id) "
    "SELECT %(organisation)s, %(now)s, %(now)s, kind, %(channel)s, customer_id, "
    "contact_id, stage_id, touchpoint_id, language, 1, responded_at, responded_at, score, "
    "score_type, comment, source_ref, jsonb_strip_nulls(attributes), %(import)s "
    "FROM feedback_import_rows ORDER BY line {skip_stored} RETURNING id"
)
_SKIP_STORED = "ON CONFLICT (organisation_id, source_ref) WHERE source_ref <> '' DO NOTHING"


def _insert_rows(
    organisation_id: int, import_id: int, rows: pl.DataFrame, now: datetime
) -> list[int]:
    """SQLite: the rows not stored before, by one prepared ``INSERT`` run for each, with values
    made ready for it by Polars (not row by row in Python)."""
    stored = refs_already_stored(organisation_id=organisation_id, refs=rows["source_ref"].to_list())
    fresh = rows.filter(
        ~pl.col("source_ref").is_in(pl.Series(sorted(stored), dtype=pl.String).implode())
    )
    if fresh.is_empty():
        return []
    created = connection.ops.adapt_datetimefield_value(now)
    responded_at = _as_sqlite_text(pl.col("responded_at"))
    values = fresh.select(
        responded_at.alias("submitted_at"),  # every valid row has a date (validation.py)
        responded_at.alias("responded_at"),
        "attributes",
        *STORED_AS_IS,
    ).rows()
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        # json_patch leaves out the attributes that are null, as jsonb_strip_nulls does
        cursor.executemany(
            f"INSERT INTO {table} (organisation_id, feedback_import_id, created_at, updated_at, "  # noqa: S608 - fixed names
            f"channel, page, submitted_at, responded_at, attributes, {', '.join(STORED_AS_IS)}) "
            f"VALUES (%s, %s, %s, %s, %s, 1, %s, %s, json_patch('{{}}', %s), "
            f"{', '.join(['%s'] * len(STORED_AS_IS))}) ON CONFLICT DO NOTHING",
            [
                (organisation_id, import_id, created, created, Response.Channel.IMPORT.value, *row)
                for row in values
            ],
        )
        cursor.execute(
            f"SELECT id FROM {table} WHERE organisation_id = %s "  # noqa: S608 - a fixed name
            "AND NOT source_ref = '' AND source_ref IN (SELECT value FROM json_each(%s)) ORDER BY id",
            [organisation_id, json.dumps(fresh["source_ref"].to_list())],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _as_sqlite_text(moment: pl.Expr) -> pl.Expr:
    """A UTC datetime as Django writes it to SQLite: the naive UTC time as ``str()`` gives it,
    without a fraction of a second when there is none."""
    naive = moment.dt.replace_time_zone(None)
    return (
        pl.when(naive.dt.microsecond() == 0)
        .then(naive.dt.strftime("%Y-%m-%d %H:%M:%S"))
        .otherwise(naive.dt.strftime("%Y-%m-%d %H:%M:%S%.6f"))
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
    "language",
)
