"""Reads for the Insights pages: scores, themes, drivers, spikes and comments. Every query starts
from ``responses_visible_to(actor)``, so a page never counts feedback its reader may not see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from centric.core import clock
from centric.feedback.models import Response
from centric.feedback.selectors import responses_visible_to
from centric.insights.metrics import (
    Ces,
    Csat,
    Difference,
    Estimate,
    Metric,
    Nps,
    compare,
    estimate,
    key_drivers,
    volume_spikes,
)
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.people.models import User

PERIODS = (30, 90, 365)
DEFAULT_DAYS = 90
# Spikes are judged against each theme's own recent weeks, so the query reaches back this far
# before the period shown (the engine's default baseline of eight weeks).
BASELINE_WEEKS = 8
FLAGS = {
    "urgent": "analysis__urgent",
    "churn": "analysis__churn_risk",
    "praise": "analysis__praise",
}
_SCORE = "__score"
_WHEN = "__when"


@dataclass(frozen=True)
class ScoreCard:
    """One headline figure now and in the period before, with the test between the two."""

    label: str
    unit: str
    current: Estimate
    previous: Estimate
    # Only set when both figures are reliable: a change between unreliable figures means nothing.
    difference: Difference | None

    @property
    def trend(self) -> str:
        """ "up" or "down" when the change is statistically significant, otherwise ""."""
        if self.difference is None or not self.difference.significant:
            return ""
        return "up" if self.difference.difference > 0 else "down"


@dataclass(frozen=True)
class Driver:
    """A theme's association with NPS, in points, from ``key_drivers``."""

    effect: float | None
    low: float | None
    high: float | None
    significant: bool
    reliable: bool
    sentence: str


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    volume: int
    share: float  # % of the analysed comments in the period
    negative: float  # % of this theme's mentions that are negative about it
    previous_volume: int
    driver: Driver | None

    @property
    def change(self) -> int:
        return self.volume - self.previous_volume


@dataclass(frozen=True)
class Spike:
    week: dt.date
    theme: str
    count: int
    expected: float
    sentence: str


@dataclass(frozen=True)
class InsightsOverview:
    days: int
    segment_id: int | None
    since: dt.datetime
    analysed: int
    scores: list[ScoreCard]
    themes: list[ThemeRow]
    spikes: list[Spike]


def insights_overview(
    *, actor: User, days: int = DEFAULT_DAYS, segment_id: int | None = None
) -> InsightsOverview:
    """Scores, themes with their NPS drivers, and volume spikes over the last ``days``, against
    the ``days`` before them, within the feedback the actor may see."""
    now = clock.now()
    since, before = now - dt.timedelta(days=days), now - dt.timedelta(days=2 * days)
    current = _scope(actor, segment_id).filter(responded_at__gte=since, responded_at__lt=now)
    previous = _scope(actor, segment_id).filter(responded_at__gte=before, responded_at__lt=since)
    analysed = ResponseAnalysis.objects.filter(response__in=current).count()
    return InsightsOverview(
        days=days,
        segment_id=segment_id,
        since=since,
        analysed=analysed,
        scores=[
            _score_card(current, previous, "nps", "NPS", Nps(column=_SCORE)),
            _score_card(current, previous, "csat", "CSAT", Csat(column=_SCORE)),
            _score_card(current, previous, "ces", "CES", Ces(column=_SCORE)),
        ],
        themes=_theme_rows(current, previous, analysed),
        spikes=_spikes(
            _scope(actor, segment_id).filter(
                responded_at__gte=since - dt.timedelta(weeks=BASELINE_WEEKS), responded_at__lt=now
            ),
            shown_from=timezone.localdate(since),
        ),
    )


def comment_list(
    *,
    actor: User,
    theme: str = "",
    sentiment: str = "",
    flag: str = "",
    search: str = "",
    segment_id: int | None = None,
    days: int = DEFAULT_DAYS,
) -> QuerySet[Response]:
    """The comments of the last ``days`` the actor may see, newest first, with their readings."""
    comments = (
        _scope(actor, segment_id)
        .filter(responded_at__gte=clock.now() - dt.timedelta(days=days))
        .exclude(comment="")
    )
    if theme:
        comments = comments.filter(theme_mentions__theme=theme)
    if sentiment:
        comments = comments.filter(analysis__sentiment_label=sentiment)
    if flag in FLAGS:
        comments = comments.filter(**{FLAGS[flag]: True})
    if search:
        comments = comments.filter(comment__icontains=search)
    return (
        comments.select_related("analysis", "customer__account", "customer__team")
        .prefetch_related("theme_mentions")
        .order_by("-responded_at", "-id")
    )


def themes_seen(*, actor: User) -> list[str]:
    """Every theme found in the feedback the actor may see, for the explorer's filter."""
    return list(
        ThemeMention.objects.filter(response__in=responses_visible_to(actor))
        .values_list("theme", flat=True)
        .distinct()
        .order_by("theme")
    )


def _scope(actor: User, segment_id: int | None) -> QuerySet[Response]:
    responses = responses_visible_to(actor)
    if segment_id:
        responses = responses.filter(customer__account__segment_id=segment_id)
    return responses


def _scores(responses: QuerySet[Response], score_type: str) -> pl.DataFrame:
    values = responses.filter(score_type=score_type, score__isnull=False).values_list(
        "score", flat=True
    )
    return pl.DataFrame({_SCORE: list(values)}, schema={_SCORE: pl.Int64})


def _score_card(
    current: QuerySet[Response],
    previous: QuerySet[Response],
    score_type: str,
    label: str,
    metric: Metric,
) -> ScoreCard:
    now_frame, before_frame = _scores(current, score_type), _scores(previous, score_type)
    now, before = estimate(now_frame, metric), estimate(before_frame, metric)
    difference = (
        compare(now_frame, before_frame, metric) if now.reliable and before.reliable else None
    )
    return ScoreCard(
        label=label,
        unit="%" if score_type == "csat" else "",
        current=now,
        previous=before,
        difference=difference,
    )


def _theme_rows(
    current: QuerySet[Response], previous: QuerySet[Response], analysed: int
) -> list[ThemeRow]:
    counts = (
        ThemeMention.objects.filter(response__in=current)
        .values("theme")
        .annotate(volume=Count("id"), negative=Count("id", filter=Q(sentiment_label="negative")))
        .order_by("-volume", "theme")
    )
    before = dict(
        ThemeMention.objects.filter(response__in=previous)
        .values("theme")
        .annotate(volume=Count("id"))
        .values_list("theme", "volume")
    )
    drivers = _drivers(current, [row["theme"] for row in counts])
    return [
        ThemeRow(
            theme=row["theme"],
            volume=row["volume"],
            share=100.0 * row["volume"] / analysed if analysed else 0.0,
            negative=100.0 * row["negative"] / row["volume"],
            previous_volume=before.get(row["theme"], 0),
            driver=drivers.get(row["theme"]),
        )
        for row in counts
    ]


def _themes_by_response(responses: QuerySet[Response]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for response_id, theme in ThemeMention.objects.filter(response__in=responses).values_list(
        "response_id", "theme"
    ):
        found[response_id].add(theme)
    return found


def _drivers(current: QuerySet[Response], themes: list[str]) -> dict[str, Driver]:
    """Which themes go with a higher or lower NPS among the analysed NPS responses."""
    rated = current.filter(score_type="nps", score__isnull=False, analysis__isnull=False)
    rows = list(rated.values_list("pk", "score"))
    if not rows or not themes:
        return {}
    mentioned = _themes_by_response(rated)
    frame = pl.DataFrame(
        {
            _SCORE: [score for _, score in rows],
            **{theme: [theme in mentioned[pk] for pk, _ in rows] for theme in themes},
        },
        schema={_SCORE: pl.Int64, **dict.fromkeys(themes, pl.Boolean)},
    )
    result = key_drivers(frame, Nps(column=_SCORE), themes=themes)
    return {
        row["theme"]: Driver(
            effect=row["effect"],
            low=row["low"],
            high=row["high"],
            significant=bool(row["significant"]),
            reliable=bool(row["reliable"]),
            sentence=row["sentence"],
        )
        for row in result.iter_rows(named=True)
    }


def _spikes(responses: QuerySet[Response], *, shown_from: dt.date) -> list[Spike]:
    """Weekly theme volumes against each theme's own baseline; alarms in the period shown."""
    commented = responses.filter(analysis__isnull=False)
    rows = list(commented.values_list("pk", "responded_at"))
    mentioned = _themes_by_response(commented)
    themes = sorted({theme for found in mentioned.values() for theme in found})
    if not rows or not themes:
        return []
    frame = pl.DataFrame(
        {
            _WHEN: [timezone.localdate(when) for _, when in rows],
            **{theme: [theme in mentioned[pk] for pk, _ in rows] for theme in themes},
        },
        schema={_WHEN: pl.Date, **dict.fromkeys(themes, pl.Boolean)},
    )
    checks = volume_spikes(frame, date_column=_WHEN, themes=themes, period="week")
    alarms = checks.filter(pl.col("alarm") & (pl.col("period") >= shown_from)).sort(
        "period", descending=True
    )
    return [_spike(row) for row in alarms.iter_rows(named=True)]


def _spike(row: dict[str, Any]) -> Spike:
    return Spike(
        week=row["period"],
        theme=row["theme"],
        count=row["count"],
        expected=row["expected"],
        sentence=row["sentence"],
    )
