"""The pipeline: responses' comments read by the text engine, the readings stored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from centric.core import clock
from centric.feedback.models import Response
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.insights.taxonomy import organisation_taxonomy
from centric.insights.text import Analysis, Member, TextAnalyzer
from centric.insights.text.language import ENGLISH
from centric.people.models import Team, User

if TYPE_CHECKING:  # scikit-learn loads only where a learnt sentiment is used
    from centric.insights.text import CalibratedSentiment

BATCH_SIZE = 500
_READING_FIELDS = [
    "sentiment_label",
    "sentiment_score",
    "journey_stage",
    "language",
    "urgent",
    "churn_risk",
    "praise",
    "care_signals",
    "reading",
    "engine_version",
    "analysed_at",
]


def directory_members(*, organisation_id: int) -> list[Member]:
    """The organisation's active people and its teams, for the engine to recognise praise."""
    people = [
        Member(id=f"person:{user.pk}", name=user.get_full_name(), kind="person")
        for user in User.objects.filter(organisation_id=organisation_id, is_active=True)
        if user.get_full_name()
    ]
    teams = [
        Member(id=f"team:{team.pk}", name=team.name, kind="team")
        for team in Team.objects.filter(organisation_id=organisation_id)
    ]
    return people + teams


def responses_analyse(*, response_ids: Iterable[int]) -> int:
    """Read the comments of ``response_ids`` with their organisation's taxonomy and store each
    reading with its theme mentions, replacing any earlier reading, so analysing a response twice
    leaves the same rows. Responses without a comment are skipped, and any reading of a comment
    since removed (a respondent edited their answers) is dropped. Returns the number analysed."""
    ids = list(response_ids)
    _readings_of_removed_comments_drop(ids)
    return readings_store(responses_read(response_ids=ids))


@transaction.atomic
def _readings_of_removed_comments_drop(response_ids: list[int]) -> None:
    emptied = Response.objects.filter(pk__in=response_ids, comment="").values("pk")
    ThemeMention.objects.filter(response_id__in=emptied).delete()
    ResponseAnalysis.objects.filter(response_id__in=emptied).delete()


@dataclass(frozen=True)
class Readings:
    """One organisation's responses and the engine's reading of each, not stored yet."""

    organisation_id: int
    responses: list[Response]
    readings: list[Analysis]
    version: str


def responses_read(*, response_ids: Iterable[int]) -> list[Readings]:
    """The engine's readings of the comments of ``response_ids``, by organisation; nothing is
    written, so a caller can read outside the transaction that stores them (on SQLite a write
    transaction holds every other writer off, a login included)."""
    responses = list(
        Response.objects.filter(pk__in=list(response_ids))
        .exclude(comment="")
        .only("pk", "organisation_id", "comment")
        .order_by("pk")
    )
    by_organisation: dict[int, list[Response]] = {}
    for response in responses:
        by_organisation.setdefault(response.organisation_id, []).append(response)
    read = []
    for organisation_id, batch in by_organisation.items():
        current = organisation_taxonomy(organisation_id=organisation_id)
        engine = TextAnalyzer(
            taxonomy=current.taxonomy,
            directory=directory_members(organisation_id=organisation_id),
            calibration=_learnt_sentiment(current.calibration_id),
        )
        readings = engine.analyze_many([response.comment for response in batch])
        read.append(Readings(organisation_id, batch, readings, current.version))
    return read


def readings_store(read: Sequence[Readings]) -> int:
    """Store ``read``, each organisation's in one transaction. Returns the number stored."""
    for part in read:
        _store(part.organisation_id, part.responses, part.readings, version=part.version)
    return sum(len(part.responses) for part in read)


def _learnt_sentiment(calibration_id: int | None) -> dict[str, CalibratedSentiment] | None:
    from centric.insights.services.calibration import calibration_model

    return None if calibration_id is None else calibration_model(calibration_id)


def unanalysed_responses_analyse(
    *, organisation_id: int | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Analyse, here and now, every response with a comment that has no reading yet."""
    unanalysed = _unread()
    if organisation_id is not None:
        unanalysed = unanalysed.filter(organisation_id=organisation_id)
    ids = list(unanalysed.order_by("pk").values_list("pk", flat=True))
    return sum(
        responses_analyse(response_ids=ids[start : start + batch_size])
        for start in range(0, len(ids), batch_size)
    )


# what the sweep looks at: the newest responses, each stored a while ago
MISSED_AFTER = dt.timedelta(minutes=2)
MISSED_AMONG = 50_000


def missed_responses(*, limit: int = BATCH_SIZE) -> list[int]:
    """Up to ``limit`` responses that were announced for analysis at least ``MISSED_AFTER`` ago
    but have no reading: their task was never sent (the broker was down, or the process that
    held it was killed) or was lost. Only the newest ``MISSED_AMONG`` responses are looked at,
    so the sweep costs the same on a table of millions; oldest first."""
    newest = Response.objects.order_by("-pk").values("pk")[:MISSED_AMONG]
    announced = Q(submitted_at__isnull=False) | Q(channel=Response.Channel.IMPORT)
    return list(
        _unread()
        .filter(announced, pk__in=newest, created_at__lte=clock.now() - MISSED_AFTER)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def _unread() -> QuerySet[Response]:
    """Responses with a comment and no reading of it."""
    return Response.objects.exclude(comment="").filter(analysis__isnull=True)


def with_comments(organisation_id: int) -> QuerySet[Response]:
    return Response.objects.filter(organisation_id=organisation_id).exclude(comment="")


def comments_in(organisation_id: int, language: str) -> QuerySet[Response]:
    """The comments read in ``language``, and for English those not read yet too: what the
    parts of the engine that learn or discover from words read (a German "gut" teaches an
    English reading nothing, and "die" is no English topic)."""
    read_in = Q(analysis__language=language)
    if language == ENGLISH:
        read_in |= Q(analysis__isnull=True)
    return with_comments(organisation_id).filter(read_in)


def _reading_row(reading: Analysis, version: str, now: dt.datetime) -> dict[str, Any]:
    data = reading.to_dict()
    return {
        "sentiment_label": reading.label,
        "sentiment_score": round(reading.score, 4),
        "journey_stage": reading.journey_stage or "",
        "language": reading.language,
        "urgent": reading.urgent,
        "churn_risk": reading.churn_risk,
        "praise": reading.praise,
        "care_signals": data["care_signals"],
        "reading": data,
        "engine_version": version,
        "analysed_at": now,
    }


@transaction.atomic
def _store(
    organisation_id: int, batch: Sequence[Response], readings: Sequence[Analysis], *, version: str
) -> None:
    now = clock.now()
    ids = _still_there([response.pk for response in batch])
    rows = [
        (response.pk, _reading_row(reading, version, now))
        for response, reading in zip(batch, readings, strict=True)
        if response.pk in ids
    ]
    mentions = [
        (response.pk, theme.name, round(theme.confidence, 4), theme.label, round(theme.score, 4))
        for response, reading in zip(batch, readings, strict=True)
        if response.pk in ids
        for theme in reading.themes
    ]
    ThemeMention.objects.filter(response_id__in=ids).delete()
    if connection.vendor == "postgresql":
        _copy(organisation_id, rows, mentions, now)
        return
    ResponseAnalysis.objects.bulk_create(
        [
            ResponseAnalysis(
                organisation_id=organisation_id,
                response_id=pk,
                created_at=now,
                updated_at=now,
                **row,
            )
            for pk, row in rows
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["response"],
        update_fields=[*_READING_FIELDS, "updated_at"],
    )
    ThemeMention.objects.bulk_create(
        [
            ThemeMention(
                organisation_id=organisation_id,
                response_id=pk,
                theme=theme,
                confidence=confidence,
                sentiment_label=label,
                sentiment_score=score,
                created_at=now,
                updated_at=now,
            )
            for pk, theme, confidence, label, score in mentions
        ],
        batch_size=1000,
    )


def _still_there(ids: list[int]) -> set[int]:
    """Of the responses read, those not removed meanwhile (an import taken back), which their
    readings may refer to: on PostgreSQL each is held until the readings are committed, so that
    none is removed in between."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {Response._meta.db_table} WHERE id = ANY(%s) FOR KEY SHARE",  # noqa: S608 - a fixed name
                [ids],
            )
            return {pk for (pk,) in cursor.fetchall()}
    return set(Response.objects.filter(pk__in=ids).values_list("pk", flat=True))


# PostgreSQL: the readings travel by COPY into a temporary table and are upserted from there in
# one statement; the mentions (deleted above) are copied straight into their table. This is
# several times faster than INSERTs with thousands of parameters, which matters for millions.
_LOAD_TABLE = """
CREATE TEMPORARY TABLE IF NOT EXISTS insights_reading_load (
    response_id bigint, sentiment_label varchar(8), sentiment_score double precision,
    journey_stage varchar(20), language varchar(8), urgent boolean, churn_risk boolean,
    praise boolean,
    care_signals jsonb, reading jsonb, engine_version varchar(40), analysed_at timestamptz
) ON COMMIT DELETE ROWS
"""
_UPSERT = f"""
INSERT INTO insights_responseanalysis
    (organisation_id, created_at, updated_at, response_id, {", ".join(_READING_FIELDS)})
SELECT %s, analysed_at, analysed_at, response_id, {", ".join(_READING_FIELDS)}
FROM insights_reading_load
ON CONFLICT (response_id) DO UPDATE SET updated_at = EXCLUDED.updated_at,
    {", ".join(f"{name} = EXCLUDED.{name}" for name in _READING_FIELDS)}
"""  # noqa: S608 - only the fixed column names above are interpolated


def _copy(
    organisation_id: int,
    rows: Sequence[tuple[int, dict[str, Any]]],
    mentions: Sequence[tuple[int, str, float, str, float]],
    now: dt.datetime,
) -> None:
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        raw.execute(_LOAD_TABLE)
        with raw.copy(
            f"COPY insights_reading_load (response_id, {', '.join(_READING_FIELDS)}) FROM STDIN"
        ) as copy:
            for pk, row in rows:
                copy.write_row(
                    [
                        pk,
                        *(
                            json.dumps(row[name])
                            if name in {"care_signals", "reading"}
                            else row[name]
                            for name in _READING_FIELDS
                        ),
                    ]
                )
        raw.execute(_UPSERT, [organisation_id])
        # emptied now, not at commit: an enclosing transaction may store another batch
        raw.execute("TRUNCATE insights_reading_load")
        with raw.copy(
            "COPY insights_thememention (organisation_id, created_at, updated_at, response_id, "
            "theme, confidence, sentiment_label, sentiment_score) FROM STDIN"
        ) as copy:
            for mention in mentions:
                copy.write_row([organisation_id, now, now, *mention])
