"""Spikes in how often a theme is mentioned, and shifts in how people feel about it.

Each theme is judged against its own recent past: the ``baseline_periods`` periods just
before the one being checked (at least ``min_baseline_periods`` of them). A period that raised
an alarm for a theme is no part of what is usual for that theme afterwards: left in, an
incident's week would swell the next weeks' baseline and the return to normal would read as a
change of its own (a "rise" after a drop, or a real second week of a spike hidden). So the
checks run again with the alarmed periods left out of later baselines, until no new alarm
appears (as the Farrington method used in disease surveillance leaves past outbreaks out).

Volume: a theme's mentions are treated as Poisson with a rate proportional to the number
of comments in the period, so a week with twice the comments is not a spike. Whether the
period's rate exceeds the baseline rate is the exact conditional test for two Poisson
rates: given the mentions in the period and in the baseline together, the period's share
is binomial with probability ``comments_now / (comments_now + comments_in_baseline)``
under no change. It accounts for the uncertainty of the baseline itself and never relies
on a normal approximation for small counts.

Sentiment: the mean sentiment of the period's mentions against the baseline's, by a
one-sided t-test (a drop by default) with the variance pooled under the null of no change.

Every theme x period checked is one test, so the p-values are corrected together
(Benjamini-Hochberg by default, Bonferroni for the strictest control) at
``false_alarm_rate``. On data without any change, the chance that the whole table
raises even one alarm stays at or below ``false_alarm_rate``; the tests show this by
simulation. Real feedback can be burstier than Poisson (a newsletter, an outage), so a
``min_ratio`` also asks for a practically large spike, not just a detectable one; for
sentiment, ``min_difference`` does (``MEANINGFUL_SHIFT`` on the engine's -1 to 1 scale: with
thousands of mentions a move of 0.01 is detectable and means nothing to anyone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple, TypeVar

import numpy as np
import polars as pl
from numpy.typing import NDArray

from centric.insights.metrics.corrections import CORRECTION_NAMES, Correction, adjust_p_values
from centric.insights.metrics.estimate import format_number
from centric.insights.metrics.periods import Period, period_grid, period_start

Direction = Literal["down", "up", "both"]

VOLUME_SCHEMA = {
    "period": pl.Date,
    "theme": pl.String,
    "count": pl.Int64,
    "comments": pl.Int64,
    "expected": pl.Float64,
    "ratio": pl.Float64,
    "p_value": pl.Float64,
    "p_adjusted": pl.Float64,
    "alarm": pl.Boolean,
    "sentence": pl.String,
}

SENTIMENT_SCHEMA = {
    "period": pl.Date,
    "theme": pl.String,
    "n": pl.Int64,
    "mean": pl.Float64,
    "baseline_n": pl.Int64,
    "baseline_mean": pl.Float64,
    "difference": pl.Float64,
    "p_value": pl.Float64,
    "p_adjusted": pl.Float64,
    "alarm": pl.Boolean,
    "sentence": pl.String,
}

_PERIOD = "__period"
# the least move in mean sentiment, on the text engine's -1 to 1 scale, worth an alarm
MEANINGFUL_SHIFT = 0.05


class _VolumeChecks(NamedTuple):
    cells: NDArray[np.intp]  # (period, theme) of each check
    mentions: NDArray[np.float64]
    comments: NDArray[np.float64]
    expected: NDArray[np.float64]
    ratio: NDArray[np.float64]
    p_value: NDArray[np.float64]
    p_adjusted: NDArray[np.float64]
    alarm: NDArray[np.bool_]


Moments = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


class _SentimentChecks(NamedTuple):
    cells: NDArray[np.intp]
    now: Moments
    base: Moments
    difference: NDArray[np.float64]
    p_value: NDArray[np.float64]
    p_adjusted: NDArray[np.float64]
    alarm: NDArray[np.bool_]


Checks = TypeVar("Checks", _VolumeChecks, _SentimentChecks)


def volume_spikes(
    frame: pl.DataFrame,
    *,
    date_column: str,
    themes: Sequence[str],
    period: Period = "week",
    baseline_periods: int = 8,
    min_baseline_periods: int = 4,
    false_alarm_rate: float = 0.01,
    correction: Correction = "fdr_bh",
    min_count: int = 3,
    min_ratio: float = 1.5,
) -> pl.DataFrame:
    """Check every theme in every period that has a baseline; one row per check.

    ``frame`` holds one row per comment with ``date_column`` and one Boolean column per
    theme (null counts as not mentioned). ``expected`` is the baseline rate times this
    period's comments, ``ratio`` is count / expected (infinite for a theme new to the
    baseline). ``alarm`` is true when the corrected p-value is below
    ``false_alarm_rate``, the count is at least ``min_count`` and the ratio at least
    ``min_ratio``; ``sentence`` describes alarms and is null otherwise.
    """
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    _check_window(baseline_periods, min_baseline_periods, false_alarm_rate)
    for theme in themes:
        if theme not in frame.columns or frame.schema[theme] != pl.Boolean:
            raise ValueError(f"theme column {theme!r} must exist and be Boolean")
    counted = (
        frame.select(
            period_start(frame, date_column, period).alias(_PERIOD),
            *(pl.col(t).fill_null(False).cast(pl.Int64) for t in themes),
        )
        .filter(pl.col(_PERIOD).is_not_null())
        .group_by(_PERIOD)
        .agg(pl.len().alias("__comments"), *(pl.col(t).sum() for t in themes))
    )
    if counted.is_empty() or not themes:
        return pl.DataFrame(schema=VOLUME_SCHEMA)
    grid = _grid(counted, period)
    counted = grid.join(counted, on=_PERIOD, how="left").fill_null(0)
    counts = counted.select(themes).to_numpy().astype(np.float64)
    comments = np.broadcast_to(
        counted.get_column("__comments").to_numpy().astype(np.float64)[:, None], counts.shape
    )

    def check(usual: NDArray[np.bool_]) -> _VolumeChecks:
        baseline_counts, has_baseline = _rolling(
            counts, usual, baseline_periods, min_baseline_periods
        )
        baseline_comments, _ = _rolling(comments, usual, baseline_periods, min_baseline_periods)
        cells = np.argwhere(has_baseline & (comments > 0) & (baseline_comments > 0))
        rows_index, themes_index = cells[:, 0], cells[:, 1]
        count = counts[rows_index, themes_index]
        base = baseline_counts[rows_index, themes_index]
        now_comments = comments[rows_index, themes_index]
        base_comments = baseline_comments[rows_index, themes_index]
        share_now = now_comments / (now_comments + base_comments)
        # P(X >= count) for X ~ Binomial(count + base, share_now); count 0 gives 1.
        p_values = np.where(
            count > 0, stats.binom.sf(count - 1, count + base, share_now), 1.0
        ).astype(np.float64)
        expected = base / base_comments * now_comments
        ratio = np.divide(count, expected, out=np.full_like(count, np.inf), where=expected > 0)
        adjusted = np.asarray(adjust_p_values(p_values.tolist(), correction), dtype=np.float64)
        alarm = (adjusted < false_alarm_rate) & (count >= min_count) & (ratio >= min_ratio)
        return _VolumeChecks(cells, count, now_comments, expected, ratio, p_values, adjusted, alarm)

    cells, count, now_comments, expected, ratio, p_values, adjusted, alarm = _until_settled(
        check, counts.shape
    )
    rows_index, themes_index = cells[:, 0], cells[:, 1]
    periods = counted.get_column(_PERIOD).to_list()
    rows = []
    for i in range(len(cells)):
        theme, start = themes[themes_index[i]], periods[rows_index[i]]
        sentence = None
        if alarm[i]:
            sentence = (
                f"{theme}: {int(count[i])} mentions in the {period} of {start:%Y-%m-%d}, "
                f"{_times(ratio[i])} its baseline of {expected[i]:.1f} "
                f"(p = {adjusted[i]:.2g} after {CORRECTION_NAMES[correction]} correction "
                f"across {len(cells)} checks)."
            )
        rows.append(
            {
                "period": start,
                "theme": theme,
                "count": int(count[i]),
                "comments": int(now_comments[i]),
                "expected": float(expected[i]),
                "ratio": float(ratio[i]),
                "p_value": float(p_values[i]),
                "p_adjusted": float(adjusted[i]),
                "alarm": bool(alarm[i]),
                "sentence": sentence,
            }
        )
    return pl.DataFrame(rows, schema=VOLUME_SCHEMA)


def sentiment_shifts(
    frame: pl.DataFrame,
    *,
    date_column: str,
    theme_column: str,
    sentiment_column: str,
    period: Period = "week",
    direction: Direction = "down",
    baseline_periods: int = 8,
    min_baseline_periods: int = 4,
    false_alarm_rate: float = 0.01,
    correction: Correction = "fdr_bh",
    min_n: int = 5,
    min_difference: float = 0.0,
) -> pl.DataFrame:
    """Check each theme's mean sentiment per period against its own baseline.

    ``frame`` holds one row per theme mention: the date, the theme and the sentiment of
    what was said about it (any numeric scale). A period is checked when it and its
    baseline each have at least ``min_n`` mentions. ``alarm`` is true when the corrected
    one-sided pooled t-test p-value (two-sided for ``direction="both"``) is below
    ``false_alarm_rate`` and the shift is at least ``min_difference``.
    """
    _check_window(baseline_periods, min_baseline_periods, false_alarm_rate)
    if min_n < 2:
        raise ValueError(f"min_n must be at least 2 for a variance; got {min_n}")
    if direction not in ("down", "up", "both"):
        raise ValueError(f"direction must be down, up or both; got {direction!r}")
    for column in (theme_column, sentiment_column):
        if column not in frame.columns:
            raise ValueError(f"no column {column!r} in the frame")
    if not frame.schema[sentiment_column].is_numeric():
        raise ValueError(f"sentiment column {sentiment_column!r} must be numeric")
    sentiment = pl.col(sentiment_column).cast(pl.Float64)
    grouped = (
        frame.select(
            period_start(frame, date_column, period).alias(_PERIOD),
            pl.col(theme_column).cast(pl.String).alias("theme"),
            sentiment.alias("s"),
        )
        .drop_nulls()
        .group_by(_PERIOD, "theme")
        .agg(
            pl.len().alias("n"), pl.col("s").sum().alias("s1"), (pl.col("s") ** 2).sum().alias("s2")
        )
    )
    if grouped.is_empty():
        return pl.DataFrame(schema=SENTIMENT_SCHEMA)
    themes = sorted(grouped.get_column("theme").unique().to_list())
    grid = _grid(grouped, period)
    periods = grid.get_column(_PERIOD).to_list()
    position = {p: i for i, p in enumerate(periods)}
    shape = (len(periods), len(themes))
    n, s1, s2 = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    theme_position = {t: j for j, t in enumerate(themes)}
    for row in grouped.iter_rows(named=True):
        i, j = position[row[_PERIOD]], theme_position[row["theme"]]
        n[i, j], s1[i, j], s2[i, j] = row["n"], row["s1"], row["s2"]

    def check(usual: NDArray[np.bool_]) -> _SentimentChecks:
        base_n, has_baseline = _rolling(n, usual, baseline_periods, min_baseline_periods)
        base_s1, _ = _rolling(s1, usual, baseline_periods, min_baseline_periods)
        base_s2, _ = _rolling(s2, usual, baseline_periods, min_baseline_periods)
        checked = has_baseline & (n >= min_n) & (base_n >= min_n)
        now = _moments(n[checked], s1[checked], s2[checked])
        base = _moments(base_n[checked], base_s1[checked], base_s2[checked])
        p_values, difference = _pooled_t_test(now, base, direction)
        adjusted = np.asarray(adjust_p_values(p_values.tolist(), correction), dtype=np.float64)
        alarm = (adjusted < false_alarm_rate) & (np.abs(difference) >= min_difference)
        return _SentimentChecks(
            np.argwhere(checked), now, base, difference, p_values, adjusted, alarm
        )

    cells, now, base, difference, p_values, adjusted, alarm = _until_settled(check, n.shape)
    rows_index, themes_index = cells[:, 0], cells[:, 1]

    rows = []
    for k in range(len(cells)):
        theme, start = themes[themes_index[k]], periods[rows_index[k]]
        sentence = None
        if alarm[k]:
            moved = "fell" if difference[k] < 0 else "rose"
            sentence = (
                f"{theme}: sentiment {moved} to {format_number(now[1][k], 2)} in the {period} "
                f"of {start:%Y-%m-%d} from a baseline of {format_number(base[1][k], 2)} "
                f"(p = {adjusted[k]:.2g} after {CORRECTION_NAMES[correction]} correction "
                f"across {len(cells)} checks)."
            )
        rows.append(
            {
                "period": start,
                "theme": theme,
                "n": int(now[0][k]),
                "mean": float(now[1][k]),
                "baseline_n": int(base[0][k]),
                "baseline_mean": float(base[1][k]),
                "difference": float(difference[k]),
                "p_value": float(p_values[k]),
                "p_adjusted": float(adjusted[k]),
                "alarm": bool(alarm[k]),
                "sentence": sentence,
            }
        )
    return pl.DataFrame(rows, schema=SENTIMENT_SCHEMA)


def _check_window(baseline_periods: int, min_baseline_periods: int, rate: float) -> None:
    if not 1 <= min_baseline_periods <= baseline_periods:
        raise ValueError("need 1 <= min_baseline_periods <= baseline_periods")
    if not 0.0 < rate < 1.0:
        raise ValueError(f"false_alarm_rate must be between 0 and 1; got {rate}")


def _grid(grouped: pl.DataFrame, period: Period) -> pl.DataFrame:
    starts = grouped.get_column(_PERIOD)
    first, last = starts.min(), starts.max()
    return period_grid(first, last, period).alias(_PERIOD).to_frame()  # type: ignore[arg-type]


def _until_settled(check: Callable[[NDArray[np.bool_]], Checks], shape: tuple[int, ...]) -> Checks:
    """Run ``check`` with every period usual, then again with each alarmed (period, theme)
    left out of the baselines after it, until no new alarm appears. Alarms only ever join
    the left-out cells, so this ends (on data without alarms, after the first run)."""
    unusual = np.zeros(shape, dtype=bool)
    while True:
        result = check(~unusual)
        alarmed = np.zeros(shape, dtype=bool)
        alarmed[result.cells[:, 0], result.cells[:, 1]] = result.alarm
        if not (alarmed & ~unusual).any():
            return result
        unusual |= alarmed


def _rolling(
    values: NDArray[np.float64], usual: NDArray[np.bool_], window: int, minimum: int
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Sums of ``values`` over the usual ones of the ``window`` periods before each period
    (periods x themes), and where at least ``minimum`` usual earlier periods exist."""
    zero = np.zeros((1, *values.shape[1:]))
    cumulative = np.vstack([zero, np.cumsum(np.where(usual, values, 0.0), axis=0)])
    cumulative_usual = np.vstack([zero, np.cumsum(usual, axis=0)])
    ends = np.arange(values.shape[0])
    starts = np.maximum(ends - window, 0)
    return (
        cumulative[ends] - cumulative[starts],
        cumulative_usual[ends] - cumulative_usual[starts] >= minimum,
    )


def _moments(n: NDArray[np.float64], s1: NDArray[np.float64], s2: NDArray[np.float64]) -> Moments:
    """Count, mean and sample variance from count, sum and sum of squares."""
    mean = s1 / n
    variance = np.maximum(s2 - n * mean * mean, 0.0) / (n - 1)
    return n, mean, variance


def _pooled_t_test(
    now: Moments,
    base: Moments,
    direction: Direction,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Student's t-test with a pooled variance; p-values in the given direction.

    Under the null hypothesis the period is more of the same, so it shares the baseline's
    spread and the pooled test is exact for normal scores. Welch's test was measurably
    liberal here in simulation (a small week against a large baseline, far in the tail,
    which is exactly where a correction across many checks looks).
    """
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    (n_now, mean_now, var_now), (n_base, mean_base, var_base) = now, base
    difference = mean_now - mean_base
    df = n_now + n_base - 2.0
    pooled = ((n_now - 1.0) * var_now + (n_base - 1.0) * var_base) / df
    se = np.sqrt(pooled * (1.0 / n_now + 1.0 / n_base))
    spread = se > 0
    t = difference / np.where(spread, se, 1.0)
    if direction == "down":
        p = stats.t.cdf(t, df)
    elif direction == "up":
        p = stats.t.sf(t, df)
    else:
        p = 2.0 * stats.t.sf(np.abs(t), df)
    # Without spread in either group there is nothing to test: call it no change.
    p_values = np.where(spread, np.minimum(p, 1.0), 1.0).astype(np.float64)
    return p_values, difference


def _times(ratio: float) -> str:
    return "a theme new to" if not np.isfinite(ratio) else f"{ratio:.1f} times"
