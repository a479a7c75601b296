"""A metric per calendar period, each period with its own n and interval; and the trend by the
finest period that gives one to read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from centric.insights.metrics.definitions import Metric
from centric.insights.metrics.periods import Period, period_grid, period_of, period_start
from centric.insights.metrics.scores import (
    DEFAULT_MIN_N,
    VALUE,
    estimate_from_summary,
    summary_aggregations,
    summary_from_row,
)

TREND_SCHEMA = {
    "period": pl.Date,
    "n": pl.Int64,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "reliable": pl.Boolean,
    "reason": pl.String,
}


def trend(
    frame: pl.DataFrame,
    metric: Metric,
    *,
    date_column: str,
    period: Period = "month",
    confidence: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
    span: tuple[dt.date, dt.date] | None = None,
) -> pl.DataFrame:
    """One row per period from the first to the last response, oldest first; with a ``span``
    (first and last day), every period of it too, so trends of the same span line up.

    Columns: ``period`` (first day), ``n``, ``value``, ``low``, ``high``, ``reliable``,
    ``reason``. Periods without responses are kept with ``n`` 0 and null values so a
    chart shows the gap instead of joining across it. Rows without a date are skipped.
    """
    metric.validate(frame)
    grouped = (
        frame.select(
            period_start(frame, date_column, period).alias("period"),
            metric.expression().alias(VALUE),
        )
        .filter(pl.col("period").is_not_null())
        .group_by("period")
        .agg(summary_aggregations(pl.col(VALUE)))
    )
    answered = (grouped["period"].min(), grouped["period"].max())
    ends = [day for day in answered if isinstance(day, dt.date)]
    if span is not None:
        ends += [period_of(day, period) for day in span]
    if not ends:
        return pl.DataFrame(schema=TREND_SCHEMA)
    grid = period_grid(min(ends), max(ends), period)
    rows = []
    for row in grid.to_frame().join(grouped, on="period", how="left").iter_rows(named=True):
        found = estimate_from_summary(
            summary_from_row(row), metric, confidence=confidence, min_n=min_n
        )
        rows.append(
            {
                "period": row["period"],
                "n": found.n,
                "value": found.value,
                "low": found.low,
                "high": found.high,
                "reliable": found.reliable,
                "reason": found.reason,
            }
        )
    return pl.DataFrame(rows, schema=TREND_SCHEMA)


# the least points with answers enough for a line to show a trend, not a single figure
MIN_TREND_POINTS = 2


def trend_periods(days: int) -> tuple[Period, ...]:
    """The periods a trend over ``days`` may be drawn by, finest first: by week up to a month
    (weeks beyond would crowd a small chart), else by month; by quarter where those are too
    thin."""
    return ("week", "month", "quarter") if days <= 31 else ("month", "quarter")


@dataclass(frozen=True)
class ReadableTrend:
    """A ``trend`` by ``period``, and the finer periods passed over for too few answers."""

    period: Period
    rows: pl.DataFrame
    passed_over: tuple[Period, ...] = ()


def readable_trend(
    frame: pl.DataFrame,
    metric: Metric,
    *,
    date_column: str,
    periods: Sequence[Period],
    confidence: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
    span: tuple[dt.date, dt.date] | None = None,
) -> ReadableTrend:
    """The ``trend`` by the first of ``periods`` (finest first) in which at least
    ``MIN_TREND_POINTS`` periods have ``min_n`` answers or more, the finer ones before it
    ``passed_over``; by the first period if none has, as none can draw a trend.

    A coarser period only pools answers: each point keeps its own n and the metric's own
    interval, and one with fewer than ``min_n`` answers is as unreliable as by the finer
    period."""
    if not periods:
        raise ValueError("periods must name at least one period")

    def by(period: Period) -> pl.DataFrame:
        return trend(
            frame,
            metric,
            date_column=date_column,
            period=period,
            confidence=confidence,
            min_n=min_n,
            span=span,
        )

    tried: list[pl.DataFrame] = []
    for period in periods:
        rows = by(period)
        if rows["reliable"].sum() >= MIN_TREND_POINTS:
            return ReadableTrend(period, rows, tuple(periods[: len(tried)]))
        tried.append(rows)
    return ReadableTrend(periods[0], tried[0])
