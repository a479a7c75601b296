"""Estimate NPS, CSAT, CES and the customer-centricity index with n and an interval."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from centric.insights.metrics.definitions import CentricityIndex, Ces, CesEasy, Csat, Metric, Nps
from centric.insights.metrics.estimate import Estimate, check_confidence, check_min_n, reliability
from centric.insights.metrics.intervals import nps_interval, t_interval, wilson_interval

DEFAULT_MIN_N = 30
VALUE = "__metric_value"

METHODS = {
    "net": "adjusted-Wald interval for a trinomial difference (Rocks 2016)",
    "proportion": "Wilson score interval",
    "mean": "Student t interval",
}


@dataclass(frozen=True)
class Summary:
    """Sufficient statistics of a group's coded responses.

    ``positives`` and ``negatives`` count responses coded +1 and -1 (promoters and
    detractors, or successes for a proportion); ``variance`` uses n - 1 and is 0 below n = 2.
    """

    n: int
    mean: float
    variance: float
    positives: int
    negatives: int

    def minus(self, part: Summary) -> Summary:
        """The summary of the responses in ``self`` that are not in ``part``.

        Uses the pairwise update of Chan et al. for the sum of squared deviations, so the
        rest of a segment costs no second pass over the data.
        """
        n = self.n - part.n
        if n <= 0:
            return Summary(0, 0.0, 0.0, 0, 0)
        mean = (self.n * self.mean - part.n * part.mean) / n
        squares_total = self.variance * max(self.n - 1, 0)
        squares_part = part.variance * max(part.n - 1, 0)
        delta = mean - part.mean
        squares = squares_total - squares_part - delta * delta * part.n * n / self.n
        variance = max(squares, 0.0) / (n - 1) if n > 1 else 0.0
        return Summary(
            n, mean, variance, self.positives - part.positives, self.negatives - part.negatives
        )


def summary_aggregations(value: pl.Expr) -> list[pl.Expr]:
    """Polars aggregations that yield the columns of a ``Summary`` from a coded value."""
    return [
        value.count().alias("n"),
        value.mean().alias("mean"),
        value.var(ddof=1).alias("variance"),
        (value == 1.0).sum().alias("positives"),
        (value == -1.0).sum().alias("negatives"),
    ]


def summary_from_row(row: dict[str, Any]) -> Summary:
    n = int(row["n"] or 0)
    mean = row["mean"]
    variance = row["variance"]
    return Summary(
        n=n,
        mean=float(mean) if mean is not None else 0.0,
        variance=float(variance) if n > 1 and variance is not None else 0.0,
        positives=int(row["positives"] or 0),
        negatives=int(row["negatives"] or 0),
    )


def summarise(frame: pl.DataFrame, metric: Metric) -> Summary:
    """The summary of every answered response in ``frame``; validates the answers first."""
    metric.validate(frame)
    row = frame.select(summary_aggregations(metric.expression())).row(0, named=True)
    return summary_from_row(row)


def estimate(
    frame: pl.DataFrame,
    metric: Metric,
    *,
    confidence: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
) -> Estimate:
    """Estimate ``metric`` from the responses in ``frame``, skipping unanswered ones.

    Raises ``ValueError`` when a column is missing or an answer is off the metric's scale.
    """
    return estimate_from_summary(
        summarise(frame, metric), metric, confidence=confidence, min_n=min_n
    )


def estimate_from_summary(
    summary: Summary, metric: Metric, *, confidence: float = 0.95, min_n: int = DEFAULT_MIN_N
) -> Estimate:
    """The ``Estimate`` for a group already summarised (used per period and per segment)."""
    check_confidence(confidence)
    check_min_n(min_n)
    reliable, reason = reliability(summary.n, min_n, metric.name)
    value: float | None = None
    low: float | None = None
    high: float | None = None
    if summary.n > 0:
        value, low, high = _value_and_interval(summary, metric, confidence)
    return Estimate(
        metric=metric.name,
        value=value,
        low=low,
        high=high,
        n=summary.n,
        confidence=confidence,
        method=METHODS[metric.kind],
        min_n=min_n,
        reliable=reliable,
        reason=reason,
        decimals=metric.decimals,
    )


def _value_and_interval(
    summary: Summary, metric: Metric, confidence: float
) -> tuple[float, float | None, float | None]:
    scale = metric.scale
    if metric.kind == "net":
        value = (summary.positives - summary.negatives) / summary.n
        low, high = nps_interval(summary.positives, summary.negatives, summary.n, confidence)
        return value * scale, low * scale, high * scale
    if metric.kind == "proportion":
        low, high = wilson_interval(summary.positives, summary.n, confidence)
        return summary.positives / summary.n * scale, low * scale, high * scale
    if summary.n < 2:
        return summary.mean, None, None
    low, high = t_interval(summary.mean, summary.variance, summary.n, confidence)
    # A mean of bounded answers cannot leave the scale, though a t interval can at small n.
    bottom, top = metric.bounds
    return summary.mean, max(bottom, low), min(top, high)


def nps(scores: pl.Series, *, confidence: float = 0.95, min_n: int = DEFAULT_MIN_N) -> Estimate:
    """NPS in points (-100..100) from 0-10 answers; nulls are skipped."""
    return _estimate_series(scores, Nps(scores.name), confidence, min_n)


def csat(ratings: pl.Series, *, confidence: float = 0.95, min_n: int = DEFAULT_MIN_N) -> Estimate:
    """CSAT in % as the share of 4 and 5 answers on a 1-5 scale; nulls are skipped."""
    return _estimate_series(ratings, Csat(ratings.name), confidence, min_n)


def ces(efforts: pl.Series, *, confidence: float = 0.95, min_n: int = DEFAULT_MIN_N) -> Estimate:
    """CES as the mean of 1-7 answers; nulls are skipped."""
    return _estimate_series(efforts, Ces(efforts.name), confidence, min_n)


def ces_easy(
    efforts: pl.Series, *, confidence: float = 0.95, min_n: int = DEFAULT_MIN_N
) -> Estimate:
    """The % of 1-7 CES answers that are 5, 6 or 7 ("easy"); nulls are skipped."""
    return _estimate_series(efforts, CesEasy(efforts.name), confidence, min_n)


def centricity_index(
    frame: pl.DataFrame,
    *,
    index: CentricityIndex | None = None,
    confidence: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
) -> Estimate:
    """The customer-centricity index (0-100) from discovery, service and engagement columns."""
    return estimate(frame, index or CentricityIndex(), confidence=confidence, min_n=min_n)


def _estimate_series(series: pl.Series, metric: Metric, confidence: float, min_n: int) -> Estimate:
    return estimate(series.to_frame(), metric, confidence=confidence, min_n=min_n)
