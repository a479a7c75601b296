"""Key-driver analysis: which themes go with a higher or lower score, and by how much.

Method: a theme's effect is the difference between the metric among the comments that mention
it and among those that do not: the NPS of one group minus the NPS of the other, the figure the
pages name. Its interval and p-value come from the same two-group test the segment comparisons
use (``compare.difference_of``), chosen for the metric: for NPS the difference of two
adjusted-Wald net scores, for CSAT and other shares Newcombe's interval with the
two-proportion z-test, for CES and other means Welch's t-test. The adjusted-Wald and Wilson
intervals keep their width when a group answers alike (every comment about refunds from a
detractor), where the plain variance of such a group is zero and would leave only the other
group's uncertainty. With many themes the p-values are corrected (Benjamini-Hochberg by
default), and no interval reaches past the largest difference the scale allows (200 NPS
points, 100 CSAT points, 6 on CES).

Why not a regression of the score on every theme at once, "other themes held equal"? Its
comparison group is then the comments that mention none of the modelled themes. Where nearly
every comment has a theme, that group is a handful of unusual comments, and every effect is
measured against them: a theme could show -120 points while the comments that mention it
score higher than those that do not (seen on real exports). A theme and its sub-theme split
one effect between them in the same way. The plain comparison cannot contradict the figures
beside it; themes mentioned together each show the association of the comments they share.

This is observational data: the result says a theme is *associated with* a score, never
that it causes it, and every sentence is worded that way.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from centric.insights.metrics.compare import difference_of, testable
from centric.insights.metrics.corrections import CORRECTION_NAMES, Correction, adjust_p_values
from centric.insights.metrics.definitions import Metric
from centric.insights.metrics.estimate import (
    check_confidence,
    confidence_label,
    format_interval,
    format_number,
)
from centric.insights.metrics.scores import Summary, summary_aggregations, summary_from_row

DRIVER_SCHEMA = {
    "theme": pl.String,
    "mentions": pl.Int64,
    "share": pl.Float64,
    "value_with": pl.Float64,
    "value_without": pl.Float64,
    "effect": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "p_value": pl.Float64,
    "p_adjusted": pl.Float64,
    "significant": pl.Boolean,
    "reliable": pl.Boolean,
    "sentence": pl.String,
}

_Y = "__driver_outcome"


def key_drivers(
    frame: pl.DataFrame,
    metric: Metric,
    *,
    themes: Sequence[str],
    confidence: float = 0.95,
    min_mentions: int = 10,
    correction: Correction = "fdr_bh",
) -> pl.DataFrame:
    """One row per theme: its association with ``metric`` in points, strongest first.

    ``themes`` name boolean columns (a comment mentions the theme or not; null counts as
    not). Rows without an answer for the metric are left out. Columns: ``mentions`` and
    ``share`` (% of responses), ``value_with`` / ``value_without`` (the metric among
    comments that do and do not mention the theme), ``effect`` (their difference) with
    ``low``/``high``, ``p_value``, ``p_adjusted``, ``significant`` (adjusted p below
    1 - confidence) and a ``sentence``. A theme with fewer than ``min_mentions`` mentions
    (or non-mentions) is listed with ``reliable`` false and no effect.
    """
    check_confidence(confidence)
    if min_mentions < 1:
        raise ValueError(f"min_mentions must be at least 1; got {min_mentions}")
    metric.validate(frame)
    data = _design_frame(frame, metric, themes)
    n = data.height
    span = metric.bounds[1] - metric.bounds[0]
    everyone = _summary(data)
    groups = {}  # each theme's (with, without) summaries
    for theme in themes:
        with_theme = _summary(data.filter(pl.col(theme)))
        groups[theme] = (with_theme, everyone.minus(with_theme))
    results = {
        theme: difference_of(with_theme, without, metric, confidence=confidence)
        for theme, (with_theme, without) in groups.items()
        if min_mentions <= with_theme.n <= n - min_mentions
        and testable(with_theme, without, metric, 1)
    }
    tested = list(results)
    adjusted = dict(
        zip(tested, adjust_p_values([results[t].p_value for t in tested], correction), strict=True)
    )
    rows = []
    for theme in themes:
        found = results.get(theme)
        with_theme, without = groups[theme]
        mentions = with_theme.n
        p_adjusted = adjusted.get(theme)
        significant = p_adjusted is not None and p_adjusted < 1.0 - confidence
        interval = (
            None
            if found is None
            else (found.difference, max(found.low, -span), min(found.high, span))
        )
        if interval is None:
            sentence = _untested_sentence(theme, metric, mentions, min_mentions)
        else:
            sentence = _driver_sentence(
                theme, metric, interval, significant, confidence, correction, len(tested)
            )
        rows.append(
            {
                "theme": theme,
                "mentions": mentions,
                "share": 100.0 * mentions / n if n else None,
                "value_with": _value(with_theme, metric),
                "value_without": _value(without, metric),
                "effect": interval[0] if interval else None,
                "low": interval[1] if interval else None,
                "high": interval[2] if interval else None,
                "p_value": found.p_value if found else None,
                "p_adjusted": p_adjusted,
                "significant": significant,
                "reliable": found is not None,
                "sentence": sentence,
            }
        )
    return (
        pl.DataFrame(rows, schema=DRIVER_SCHEMA)
        .with_columns(pl.col("effect").abs().alias("__strength"))
        .sort(["reliable", "__strength", "theme"], descending=[True, True, False], nulls_last=True)
        .drop("__strength")
    )


def _summary(data: pl.DataFrame) -> Summary:
    return summary_from_row(data.select(summary_aggregations(pl.col(_Y))).row(0, named=True))


def _value(group: Summary, metric: Metric) -> float | None:
    """The metric among ``group``'s responses, in its points; None for no responses."""
    return group.mean * metric.scale if group.n else None


def _design_frame(frame: pl.DataFrame, metric: Metric, themes: Sequence[str]) -> pl.DataFrame:
    if len(set(themes)) != len(themes):
        raise ValueError("each theme may be listed once")
    for theme in themes:
        if theme not in frame.columns:
            raise ValueError(f"no theme column {theme!r} in the frame")
        dtype = frame.schema[theme]
        if dtype != pl.Boolean:
            raise ValueError(f"theme column {theme!r} must be Boolean, not {dtype}")
    return frame.select(
        metric.expression().alias(_Y),
        *(pl.col(t).fill_null(False) for t in themes),
    ).filter(pl.col(_Y).is_not_null())


def _driver_sentence(
    theme: str,
    metric: Metric,
    found: tuple[float, float, float],
    significant: bool,
    confidence: float,
    correction: Correction,
    tested: int,
) -> str:
    effect, low, high = found
    label = confidence_label(confidence)
    decimals = metric.decimals
    if low > 0 or high < 0:
        direction = "higher" if effect > 0 else "lower"
        near, far = sorted((abs(low), abs(high)))
        sentence = (
            f"Comments mentioning {theme} are associated with {metric.phrase} "
            f"{format_number(abs(effect), decimals)} points {direction} "
            f"({label} CI {format_interval(near, far, decimals)}) than comments that do not."
        )
        if not significant:
            name = CORRECTION_NAMES[correction]
            sentence = sentence[:-1] + (
                f"; with {tested} themes tested ({name} correction) this may be chance."
            )
        return sentence
    return (
        f"Comments mentioning {theme} show no clear association with {metric.name} "
        f"({format_number(effect, decimals)} points, {label} CI "
        f"{format_interval(low, high, decimals)})."
    )


def _untested_sentence(theme: str, metric: Metric, mentions: int, min_mentions: int) -> str:
    return (
        f"Too few comments mention {theme}, or too few do not ({mentions} mentions; at "
        f"least {min_mentions} of each needed), to estimate its association with {metric.name}."
    )
