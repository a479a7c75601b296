"""The pipeline: responses' comments read by the text engine, the readings stored."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from django.db import transaction
from django.db.models import QuerySet

from centric.core import clock
from centric.feedback.models import Response
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.insights.text import DEFAULT_TAXONOMY, Analysis, Member, TextAnalyzer
from centric.people.models import Team, User

# Stored with every reading; bump it when the engine or the default taxonomy reads differently,
# so the stale readings can be found and analysed again.
ENGINE_VERSION = "default-1"
BATCH_SIZE = 500


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
    """Read the comments of ``response_ids`` and store each reading with its theme mentions,
    replacing any earlier reading, so analysing a response twice leaves the same rows. Responses
    without a comment are skipped. Returns the number analysed."""
    responses = list(
        Response.objects.filter(pk__in=list(response_ids))
        .exclude(comment="")
        .only("pk", "organisation_id", "comment")
        .order_by("pk")
    )
    by_organisation: dict[int, list[Response]] = {}
    for response in responses:
        by_organisation.setdefault(response.organisation_id, []).append(response)
    for organisation_id, batch in by_organisation.items():
        engine = TextAnalyzer(
            taxonomy=DEFAULT_TAXONOMY,
            directory=directory_members(organisation_id=organisation_id),
        )
        readings = engine.analyze_many([response.comment for response in batch])
        _store(organisation_id, batch, readings)
    return len(responses)


def organisation_reanalyse(*, organisation_id: int, chunk: int = BATCH_SIZE) -> int:
    """Queue every response of the organisation that has a comment for analysis, ``chunk`` to a
    task so the workers share the work. Returns the number of tasks queued."""
    from centric.insights.tasks import analyse_responses

    ids = list(_with_comments(organisation_id).values_list("pk", flat=True))
    chunks = [ids[start : start + chunk] for start in range(0, len(ids), chunk)]
    for part in chunks:
        transaction.on_commit(partial(analyse_responses.delay, part))
    return len(chunks)


def unanalysed_responses_analyse(
    *, organisation_id: int | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Analyse, here and now, every response with a comment that has no reading yet."""
    unanalysed = Response.objects.exclude(comment="").filter(analysis__isnull=True)
    if organisation_id is not None:
        unanalysed = unanalysed.filter(organisation_id=organisation_id)
    ids = list(unanalysed.order_by("pk").values_list("pk", flat=True))
    return sum(
        responses_analyse(response_ids=ids[start : start + batch_size])
        for start in range(0, len(ids), batch_size)
    )


def _with_comments(organisation_id: int) -> QuerySet[Response]:
    return Response.objects.filter(organisation_id=organisation_id).exclude(comment="")


@transaction.atomic
def _store(organisation_id: int, batch: Sequence[Response], readings: Sequence[Analysis]) -> None:
    now = clock.now()
    analyses: list[ResponseAnalysis] = []
    mentions: list[ThemeMention] = []
    for response, reading in zip(batch, readings, strict=True):
        data = reading.to_dict()
        analyses.append(
            ResponseAnalysis(
                organisation_id=organisation_id,
                response_id=response.pk,
                sentiment_label=reading.label,
                sentiment_score=round(reading.score, 4),
                journey_stage=reading.journey_stage or "",
                urgent=reading.urgent,
                churn_risk=reading.churn_risk,
                praise=reading.praise,
                care_signals=data["care_signals"],
                reading=data,
                engine_version=ENGINE_VERSION,
                analysed_at=now,
                created_at=now,
                updated_at=now,
            )
        )
        mentions.extend(
            ThemeMention(
                organisation_id=organisation_id,
                response_id=response.pk,
                theme=theme.name,
                confidence=round(theme.confidence, 4),
                sentiment_label=theme.label,
                sentiment_score=round(theme.score, 4),
            )
            for theme in reading.themes
        )
    ResponseAnalysis.objects.bulk_create(
        analyses,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["response"],
        update_fields=[
            "sentiment_label",
            "sentiment_score",
            "journey_stage",
            "urgent",
            "churn_risk",
            "praise",
            "care_signals",
            "reading",
            "engine_version",
            "analysed_at",
            "updated_at",
        ],
    )
    ThemeMention.objects.filter(response_id__in=[response.pk for response in batch]).delete()
    ThemeMention.objects.bulk_create(mentions, batch_size=1000)
