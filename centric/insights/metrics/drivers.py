"""Key-driver analysis: which themes go with a higher or lower score, and by how much.

Method: ordinary least squares of each response's coded score, in the metric's points
(a promoter is +100, a passive 0, a detractor -100 for NPS; 100 or 0 for CSAT), on an
intercept and one 0/1 indicator per theme. Because the mean of the coded scores *is* the
NPS (or CSAT), a theme's coefficient is the difference in NPS between comments that
mention it and comments that do not, holding the other themes equal. That matters
because themes co-occur: "billing" and "support" often appear together, and a plain
with/without difference would credit each with the other's effect.

The outcome is bounded and discrete, so the errors are heteroskedastic by construction;
standard errors are HC3 (MacKinnon & White), which stay honest in that case and for rare
themes. Intervals use t with n - k degrees of freedom, clipped to the largest difference the
scale allows (200 NPS points, 100 CSAT points, 6 on CES). With many themes the p-values are
corrected (Benjamini-Hochberg by default). Themes that nearly always come together
(variance inflation above ``MAX_VIF``) are left out of the model and said to move together,
rather than given large, opposite and meaningless separate effects.

This is observational data: the result says a theme is *associated with* a score, never
that it causes it, and every sentence is worded that way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from numpy.typing import NDArray
from scipy import stats

from centric.insights.metrics.corrections import CORRECTION_NAMES, Correction, adjust_p_values
from centric.insights.metrics.definitions import Metric
from centric.insights.metrics.estimate import (
    check_confidence,
    confidence_label,
    format_interval,
    format_number,
)

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
    "together": pl.String,
    "sentence": pl.String,
}

_Y = "__driver_outcome"
# A theme whose indicator is (nearly) a combination of the others cannot be separated
# from them; this is the share of its own variation that must remain.
_SEPARABLE = 1e-9
# Themes that nearly always come together can be told apart only by the few comments that
# mention one without the other, and their separate effects then swing wide in opposite
# directions. Above this variance inflation factor (the usual rule of thumb) a theme is left
# out of the model, the most entangled first, and reported as moving with its companions.
MAX_VIF = 10.0


@dataclass(frozen=True)
class Regression:
    """Coefficients (intercept first), HC3 standard errors and residual degrees of freedom."""

    coefficients: NDArray[np.float64]
    standard_errors: NDArray[np.float64]
    degrees_of_freedom: int


def ols_hc3(x: NDArray[np.float64], y: NDArray[np.float64]) -> Regression:
    """OLS of ``y`` on ``x`` (which includes the intercept column) with HC3 standard errors.

    ``x`` must have full column rank and more rows than columns.
    """
    rows, columns = x.shape
    gram_inverse = np.linalg.inv(x.T @ x)
    coefficients = gram_inverse @ (x.T @ y)
    residuals = y - x @ coefficients
    leverage = ((x @ gram_inverse) * x).sum(axis=1)
    # A leverage of 1 means one response alone pins a coefficient; its HC3 weight is then
    # unbounded, and a huge standard error is the honest answer.
    scaled = residuals / np.maximum(1.0 - leverage, 1e-12)
    weighted = x * scaled[:, None]
    meat = weighted.T @ weighted
    covariance = gram_inverse @ meat @ gram_inverse
    # A perfect fit leaves a covariance of zero, which rounding can push a hair below.
    variances = np.maximum(np.diag(covariance), 0.0)
    return Regression(coefficients, np.sqrt(variances), rows - columns)


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
    ``share`` (% of responses), ``value_with`` / ``value_without`` (the plain metric among
    comments that do and do not mention the theme), ``effect`` with ``low``/``high`` (the
    adjusted difference from the regression), ``p_value``, ``p_adjusted``,
    ``significant`` (adjusted p below 1 - confidence) and a ``sentence``. A theme with
    fewer than ``min_mentions`` mentions (or non-mentions), or one that cannot be told
    apart from the others, is listed with ``reliable`` false and no effect; ``together``
    then names the themes it nearly always comes with, if that is why.
    """
    check_confidence(confidence)
    if min_mentions < 1:
        raise ValueError(f"min_mentions must be at least 1; got {min_mentions}")
    metric.validate(frame)
    data = _design_frame(frame, metric, themes)
    n = data.height
    y = data.get_column(_Y).to_numpy().astype(np.float64)
    matrix = data.select(themes).to_numpy().astype(np.float64) if themes else np.zeros((n, 0))
    column_of = {t: i for i, t in enumerate(themes)}
    mentions = {t: int(matrix[:, column_of[t]].sum()) for t in themes}

    frequent = [t for t in themes if min_mentions <= mentions[t] <= n - min_mentions]
    frequent.sort(key=lambda t: -mentions[t])
    kept = _separable_themes(_with_intercept(matrix, [column_of[t] for t in frequent]))
    separable = [frequent[i] for i in kept]
    entangled: dict[str, list[str]] = {}
    while len(separable) > 1:
        columns = matrix[:, [column_of[t] for t in separable]]
        inflation = _variance_inflation(columns)
        worst = int(np.argmax(inflation))
        if inflation[worst] <= MAX_VIF:
            break
        entangled[separable[worst]] = _companions(columns, worst, separable)
        del separable[worst]
    results: dict[str, tuple[float, float, float, float]] = {}
    if separable and n > len(separable) + 1:
        x = _with_intercept(matrix, [column_of[t] for t in separable])
        # no difference between two groups can exceed the width of the metric's scale (the
        # estimate itself can, when themes overlap; the interval then still holds it)
        span = metric.bounds[1] - metric.bounds[0]
        results = {
            theme: (
                effect,
                max(lower, min(effect, -span)),
                min(upper, max(effect, span)),
                p_value,
            )
            for theme, (effect, lower, upper, p_value) in zip(
                separable, _effects(x, y, confidence), strict=True
            )
        }

    tested = [t for t in themes if t in results]
    adjusted = dict(
        zip(tested, adjust_p_values([results[t][3] for t in tested], correction), strict=True)
    )
    rows = []
    for theme in themes:
        mentioned = matrix[:, column_of[theme]] == 1.0
        value_with = float(y[mentioned].mean()) if mentions[theme] else None
        value_without = float(y[~mentioned].mean()) if mentions[theme] < n else None
        found = results.get(theme)
        p_adjusted = adjusted.get(theme)
        significant = p_adjusted is not None and p_adjusted < 1.0 - confidence
        if theme in entangled:
            sentence = _entangled_sentence(theme, metric, entangled[theme])
        elif found is None:
            why = "rare" if theme not in frequent else "inseparable"
            sentence = _untested_sentence(theme, metric, why, mentions[theme], min_mentions)
        else:
            sentence = _driver_sentence(
                theme, metric, found[:3], significant, confidence, correction, len(tested)
            )
        rows.append(
            {
                "theme": theme,
                "mentions": mentions[theme],
                "share": 100.0 * mentions[theme] / n if n else None,
                "value_with": value_with,
                "value_without": value_without,
                "effect": found[0] if found else None,
                "low": found[1] if found else None,
                "high": found[2] if found else None,
                "p_value": found[3] if found else None,
                "p_adjusted": p_adjusted,
                "significant": significant,
                "reliable": found is not None,
                "together": ", ".join(entangled[theme]) if theme in entangled else None,
                "sentence": sentence,
            }
        )
    return (
        pl.DataFrame(rows, schema=DRIVER_SCHEMA)
        .with_columns(pl.col("effect").abs().alias("__strength"))
        .sort(["reliable", "__strength", "theme"], descending=[True, True, False], nulls_last=True)
        .drop("__strength")
    )


def _effects(
    x: NDArray[np.float64], y: NDArray[np.float64], confidence: float
) -> list[tuple[float, float, float, float]]:
    """Effect, interval and p-value of each column of ``x`` after the intercept."""
    fit = ols_hc3(x, y)
    critical = float(stats.t.ppf(0.5 + confidence / 2.0, fit.degrees_of_freedom))
    effects = []
    for effect, se in zip(fit.coefficients[1:], fit.standard_errors[1:], strict=True):
        if se > 0.0:
            p_value = float(2.0 * stats.t.sf(abs(effect) / se, fit.degrees_of_freedom))
        else:
            # A perfect fit leaves no doubt: any non-zero effect is certain.
            p_value = 1.0 if effect == 0.0 else 0.0
        effects.append(
            (float(effect), float(effect - critical * se), float(effect + critical * se), p_value)
        )
    return effects


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
        (metric.expression() * metric.scale).alias(_Y),
        *(pl.col(t).fill_null(False).cast(pl.Float64) for t in themes),
    ).filter(pl.col(_Y).is_not_null())


def _with_intercept(matrix: NDArray[np.float64], columns: list[int]) -> NDArray[np.float64]:
    """A design matrix: a column of ones, then the chosen columns of ``matrix``."""
    x = np.empty((matrix.shape[0], len(columns) + 1), order="F")
    x[:, 0] = 1.0
    x[:, 1:] = matrix[:, columns]
    return x


def _separable_themes(x: NDArray[np.float64]) -> list[int]:
    """Indices (0-based, intercept excluded) of the columns of ``x`` after the intercept
    that are not combinations of the columns kept before them.

    Works on the small Gram matrix, so it costs one pass over the data however many
    themes there are.
    """
    gram = x.T @ x
    kept = [0]
    for column in range(1, gram.shape[0]):
        inner = gram[np.ix_(kept, kept)]
        cross = gram[kept, column]
        remaining = gram[column, column] - cross @ np.linalg.solve(inner, cross)
        if remaining > _SEPARABLE * gram[column, column]:
            kept.append(column)
    return [c - 1 for c in kept[1:]]


def _variance_inflation(columns: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each column's variance inflation factor: ``1 / (1 - R²)`` of it on the others."""
    correlation = np.atleast_2d(np.corrcoef(columns, rowvar=False))
    try:
        inflation: NDArray[np.float64] = np.diag(np.linalg.inv(correlation))
    except np.linalg.LinAlgError:  # exactly dependent: _separable_themes should prevent it
        return np.full(columns.shape[1], np.inf)
    return inflation


def _companions(columns: NDArray[np.float64], index: int, themes: Sequence[str]) -> list[str]:
    """The themes most often mentioned with ``themes[index]``: those whose mentions
    correlate with its own above 0.5, strongest first (at least the strongest one)."""
    correlation = np.atleast_2d(np.corrcoef(columns, rowvar=False))[index]
    order = [i for i in np.argsort(-np.abs(correlation)) if i != index]
    strong = [themes[i] for i in order if abs(correlation[i]) > 0.5]
    return strong or [themes[order[0]]]


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
            f"({label} CI {format_interval(near, far, decimals)}) than comments that do not, "
            f"other themes held equal."
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


def _entangled_sentence(theme: str, metric: Metric, companions: Sequence[str]) -> str:
    together = ", ".join(companions)
    return (
        f"Comments mentioning {theme} nearly always mention {together} too, so its association "
        f"with {metric.name} cannot be told apart from theirs; read them together."
    )


def _untested_sentence(
    theme: str, metric: Metric, why: str, mentions: int, min_mentions: int
) -> str:
    if why == "rare":
        return (
            f"Too few comments mention {theme}, or too few do not ({mentions} mentions; at "
            f"least {min_mentions} of each needed), to estimate its association with {metric.name}."
        )
    return (
        f"Comments mentioning {theme} always come with the same other themes, so its "
        f"association with {metric.name} cannot be told apart from theirs."
    )
