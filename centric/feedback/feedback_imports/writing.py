"""Storing checked rows as responses, a chunk at a time. On PostgreSQL a chunk travels by ``COPY``
(the fastest way in); elsewhere, and whenever ``COPY`` meets a row stored meanwhile by someone
else, by ``INSERT`` that skips rows already there."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, connection, transaction

from centric.feedback.feedback_imports.validation import ValidRow
from centric.feedback.models import Response

COPY_COLUMNS = (
    "organisation_id",
    "created_at",
    "updated_at",
    "kind",
    "channel",
    "customer_id",
    "contact_id",
    "stage_id",
    "touchpoint_id",
    "language",
    "page",
    "submitted_at",
    "responded_at",
    "score",
    "score_type",
    "comment",
    "source_ref",
    "attributes",
)


def refs_already_stored(*, organisation_id: int, refs: Sequence[str]) -> set[str]:
    if not refs:
        return set()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT source_ref FROM {Response._meta.db_table} "  # noqa: S608 - a fixed name
                # the non-empty test lets PostgreSQL use the partial unique index
                "WHERE organisation_id = %s AND source_ref <> '' AND source_ref = ANY(%s)",
                [organisation_id, list(refs)],
            )
            return {ref for (ref,) in cursor.fetchall()}
    return set(
        Response.objects.filter(organisation_id=organisation_id, source_ref__in=refs)
        .exclude(source_ref="")
        .values_list("source_ref", flat=True)
    )


def responses_stored_ids(*, organisation_id: int, refs: Sequence[str]) -> list[int]:
    """The ids of the responses stored under ``refs`` (``COPY`` gives none back)."""
    wanted = [ref for ref in refs if ref]
    if not wanted:
        return []
    return list(
        Response.objects.filter(organisation_id=organisation_id, source_ref__in=wanted)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def responses_store(*, organisation_id: int, rows: Sequence[ValidRow], now: datetime) -> None:
    """Store ``rows``, none of which was stored when the chunk was checked, in the caller's
    transaction."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic():
                _copy(organisation_id, rows, now)
            return
        except IntegrityError:
            pass  # another import stored some of these rows meanwhile: skip those
    Response.objects.bulk_create(
        [
            Response(
                organisation_id=organisation_id,
                channel=Response.Channel.IMPORT,
                submitted_at=row.values["responded_at"] or now,
                source_ref=row.source_ref,
                **row.values,
            )
            for row in rows
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def _copy(organisation_id: int, rows: Sequence[ValidRow], now: datetime) -> None:
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                values = row.values
                copy.write_row(
                    (
                        organisation_id,
                        now,
                        now,
                        values["kind"],
                        Response.Channel.IMPORT.value,
                        values["customer_id"],
                        values["contact_id"],
                        values["stage_id"],
                        values["touchpoint_id"],
                        "en",
                        1,
                        values["responded_at"] or now,
                        values["responded_at"],
                        values["score"],
                        values["score_type"],
                        values["comment"],
                        row.source_ref,
                        json.dumps(values["attributes"]),
                    )
                )
