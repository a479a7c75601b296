"""Is a difference between two groups, or between each segment and the rest, real?

The test depends on the metric (see ``centric.insights.metrics.intervals``):

- NPS: two-sample z-test on the difference of trinomial means (adjusted-Wald variances);
- CSAT and other shares: two-proportion z-test, Newcombe interval for the difference;
- CES and the index (means): Welch's t-test.

``compare_segments`` tests each segment against all other responses, then corrects the
p-values for the number of segments tested, so ten segments do not yield a "significant"
one by chance one time in two.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from centric.insights.metrics.corrections import CORRECTION_NAMES, Correction, adjust_p_values
from centric.insights.metrics.definitions import Metric
from centric.insights.metrics.estimate import (
    check_confidence,
    check_min_n,
    confidence_label,
    format_interval,
    format_number,
)
from centric.insights.metrics.intervals import (
    TwoSample,
    nps_difference,
    two_proportion_difference,
    welch_difference,
)
from centric.insights.metrics.scores import (
    DEFAULT_MIN_N,
    VALUE,
    Summary,
    estimate_from_summary,
    summarise,
    summary_aggregations,
    summary_from_row,
)

TESTS = {
    "net": "two-sample z-test on the trinomial difference (adjusted-Wald variances)",
    "proportion": "two-proportion z-test (pooled); Newcombe hybrid score interval",
    "mean": "Welch's t-test",
}

SEGMENT_SCHEMA = {
    "segment": pl.String,
    "n": pl.Int64,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "rest_n": pl.Int64,
    "rest_value": pl.Float64,
    "difference": pl.Float64,
    "difference_low": pl.Float64,
    "difference_high": pl.Float64,
    "p_value": pl.Float64,
    "p_adjusted": pl.Float64,
    "significant": pl.Boolean,
    "reliable": pl.Boolean,
    "sentence": pl.String,
}


@dataclass(frozen=True)
class Difference:
    """Group a minus group b, in the metric's points, with interval and p-value."""

    metric: str
    n_a: int
    n_b: int
    value_a: float
    value_b: float
    difference: float
    low: float
    high: float
    p_value: float
    confidence: float
    test: str

    @property
    def significant(self) -> bool:
        """Whether the p-value is below 1 - confidence (uncorrected)."""
        return self.p_value < 1.0 - self.confidence


def testable(a: Summary, b: Summary, metric: Metric, min_n: int) -> bool:
    """Whether both groups have enough responses to be compared."""
    floor = max(min_n, 2 if metric.kind == "mean" else 1)
    return a.n >= floor and b.n >= floor


def difference_of(
    a: Summary, b: Summary, metric: Metric, *, confidence: float = 0.95
) -> Difference:
    """Compare two summarised groups; both need responses (two each for a mean)."""
    check_confidence(confidence)
    result = _two_sample(a, b, metric, confidence)
    scale = metric.scale
    value_a = estimate_from_summary(a, metric, confidence=confidence, min_n=1).value
    value_b = estimate_from_summary(b, metric, confidence=confidence, min_n=1).value
    assert value_a is not None
    assert value_b is not None
    return Difference(
        metric=metric.name,
        n_a=a.n,
        n_b=b.n,
        value_a=value_a,
        value_b=value_b,
        difference=result.difference * scale,
        low=result.low * scale,
        high=result.high * scale,
        p_value=result.p_value,
        confidence=confidence,
        test=TESTS[metric.kind],
    )


def compare(
    a: pl.DataFrame, b: pl.DataFrame, metric: Metric, *, confidence: float = 0.95
) -> Difference:
    """Compare ``metric`` between the responses in frame ``a`` and frame ``b`` (a minus b).

    Raises ``ValueError`` when a group has no responses (or fewer than two, for a mean).
    """
    summary_a, summary_b = summarise(a, metric), summarise(b, metric)
    if not testable(summary_a, summary_b, metric, 1):
        raise ValueError(f"both groups need responses to compare {metric.name}")
    return difference_of(summary_a, summary_b, metric, confidence=confidence)


def compare_segments(
    frame: pl.DataFrame,
    metric: Metric,
    *,
    segment_column: str,
    correction: Correction = "holm",
    confidence: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
) -> pl.DataFrame:
    """Each segment against all other responses, one row per segment, largest first.

    A segment is significant when its corrected p-value (``p_adjusted``) is below
    1 - ``confidence``. Segments or rests with fewer than ``min_n`` responses are listed
    but not tested (``p_value`` null, ``reliable`` false) and do not count towards the
    correction. Rows without a segment are left out of every group. The intervals are
    per segment, not simultaneous; the correction applies to the p-values.
    """
    check_confidence(confidence)
    check_min_n(min_n)
    if segment_column not in frame.columns:
        raise ValueError(f"no segment column {segment_column!r} in the frame")
    metric.validate(frame)
    values = frame.select(
        pl.col(segment_column).cast(pl.String).alias("segment"), metric.expression().alias(VALUE)
    ).filter(pl.col("segment").is_not_null() & pl.col(VALUE).is_not_null())
    total = summary_from_row(values.select(summary_aggregations(pl.col(VALUE))).row(0, named=True))
    groups = (
        values.group_by("segment")
        .agg(summary_aggregations(pl.col(VALUE)))
        .sort(["n", "segment"], descending=[True, False])
    )

    segments = []
    for row in groups.iter_rows(named=True):
        summary = summary_from_row(row)
        rest = total.minus(summary)
        tested = testable(summary, rest, metric, min_n)
        difference = difference_of(summary, rest, metric, confidence=confidence) if tested else None
        segments.append((str(row["segment"]), summary, rest, difference))

    adjusted = iter(adjust_p_values([d.p_value for *_, d in segments if d is not None], correction))
    tested_count = sum(d is not None for *_, d in segments)
    rows = []
    for name, summary, rest, difference in segments:
        shown = estimate_from_summary(summary, metric, confidence=confidence, min_n=min_n)
        rest_value = estimate_from_summary(rest, metric, confidence=confidence, min_n=1).value
        p_adjusted = next(adjusted) if difference is not None else None
        significant = p_adjusted is not None and p_adjusted < 1.0 - confidence
        rows.append(
            {
                "segment": name,
                "n": summary.n,
                "value": shown.value,
                "low": shown.low,
                "high": shown.high,
                "rest_n": rest.n,
                "rest_value": rest_value,
                "difference": difference.difference if difference else None,
                "difference_low": difference.low if difference else None,
                "difference_high": difference.high if difference else None,
                "p_value": difference.p_value if difference else None,
                "p_adjusted": p_adjusted,
                "significant": significant,
                "reliable": difference is not None,
                "sentence": _segment_sentence(
                    name, metric, difference, significant, correction, tested_count, min_n
                ),
            }
        )
    return pl.DataFrame(rows, schema=SEGMENT_SCHEMA)


def _two_sample(a: Summary, b: Summary, metric: Metric, confidence: float) -> TwoSample:
    if metric.kind == "net":
        return nps_difference(
            (a.positives, a.negatives, a.n), (b.positives, b.negatives, b.n), confidence
        )
    if metric.kind == "proportion":
        return two_proportion_difference((a.positives, a.n), (b.positives, b.n), confidence)
    return welch_difference((a.mean, a.variance, a.n), (b.mean, b.variance, b.n), confidence)


def _segment_sentence(
    name: str,
    metric: Metric,
    difference: Difference | None,
    significant: bool,
    correction: Correction,
    tested_count: int,
    min_n: int,
) -> str:
    if difference is None:
        return (
            f"{name}: too few responses to compare {metric.name} "
            f"(at least {min_n} needed in the segment and in the rest)."
        )
    size = format_number(abs(difference.difference), metric.decimals)
    direction = "higher" if difference.difference > 0 else "lower"
    interval = format_interval(difference.low, difference.high, metric.decimals)
    label = confidence_label(difference.confidence)
    if significant:
        how = f"{CORRECTION_NAMES[correction]} correction across {tested_count} segments"
        return (
            f"{name}: {metric.name} {size} {_points(size)} {direction} than the rest "
            f"({label} CI {interval}; significant after {how})."
        )
    signed = format_number(difference.difference, metric.decimals)
    return (
        f"{name}: no significant difference in {metric.name} from the rest "
        f"({signed} {_points(signed)}, {label} CI {interval})."
    )


def _points(figure: str) -> str:
    """The word after a figure: "point" after one ("1", "−1"), "points" after any other."""
    return "point" if figure.lstrip("−-+") == "1" else "points"
