"""Confidence intervals and two-sample tests, one per kind of statistic.

Scalars in, scalars out; proportions and net scores on the 0-1 / -1..1 scale. The
callers scale to points. Each function names the method in its docstring so the reports
can state it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class TwoSample:
    """A difference (a minus b) with its interval and two-sided p-value."""

    difference: float
    low: float
    high: float
    p_value: float


def z_critical(confidence: float) -> float:
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def wilson_interval(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    Chosen over the textbook Wald interval because Wald collapses to zero width at 0% or
    100% and undercovers for small n and shares near the ends, which is where CSAT lives.
    """
    if n <= 0:
        raise ValueError("a proportion needs at least one response")
    z = z_critical(confidence)
    p = successes / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At 0 or n successes the bound is exactly 0 or 1; rounding must not leave a sliver.
    low = 0.0 if successes == 0 else max(0.0, min(p, centre - half))
    high = 1.0 if successes == n else min(1.0, max(p, centre + half))
    return low, high


def t_interval(mean: float, variance: float, n: int, confidence: float) -> tuple[float, float]:
    """Student t interval for a mean: mean +/- t(n-1) * s / sqrt(n). Needs n >= 2."""
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    if n < 2:
        raise ValueError("a t interval needs at least two responses")
    half = float(stats.t.ppf(0.5 + confidence / 2.0, n - 1)) * math.sqrt(variance / n)
    return mean - half, mean + half


def _adjusted_trinomial(promoters: int, detractors: int, n: int) -> tuple[float, float, float]:
    """Adjusted-Wald centre, variance and size: add 3/4 promoter, 3/4 detractor, 3 responses."""
    n_adjusted = n + 3.0
    p = (promoters + 0.75) / n_adjusted
    d = (detractors + 0.75) / n_adjusted
    centre = p - d
    # Variance of one response coded +1/0/-1: E[X^2] - E[X]^2 = p + d - (p - d)^2.
    return centre, p + d - centre * centre, n_adjusted


def nps_interval(promoters: int, detractors: int, n: int, confidence: float) -> tuple[float, float]:
    """Adjusted-Wald interval for a net score (promoters minus detractors share).

    The NPS is the mean of a trinomial coded +1/0/-1, so its variance is that of a
    difference of two dependent proportions, p + d - (p - d)^2. Following Rocks (2016,
    The American Statistician) and Sauro & Lewis, we add 3/4 of a promoter, 3/4 of a
    detractor and 3 responses before applying it: the plain Wald interval has zero width
    when everyone answers alike and undercovers at small n; the adjusted one was the best
    performer in Rocks' comparison and is as cheap.
    """
    if n <= 0:
        raise ValueError("a net score needs at least one response")
    centre, variance, n_adjusted = _adjusted_trinomial(promoters, detractors, n)
    half = z_critical(confidence) * math.sqrt(variance / n_adjusted)
    raw = (promoters - detractors) / n
    # The adjusted centre is pulled towards zero; widen to the raw score in the rare small
    # samples where it would fall outside, so the interval always contains the shown value.
    return max(-1.0, min(centre - half, raw)), min(1.0, max(centre + half, raw))


def nps_difference(
    a: tuple[int, int, int], b: tuple[int, int, int], confidence: float
) -> TwoSample:
    """Difference of two independent net scores; each argument is (promoters, detractors, n).

    A two-sample z-test on the trinomial difference. The standard error adds the two
    adjusted-Wald variances (see ``nps_interval``), which keeps it positive when a group
    answers unanimously; the same standard error gives the interval and the p-value, so
    the interval excludes zero exactly when p < 1 - confidence.
    """
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    (pa, da, na), (pb, db, nb) = a, b
    if na <= 0 or nb <= 0:
        raise ValueError("both groups need at least one response")
    _, var_a, n_adj_a = _adjusted_trinomial(pa, da, na)
    _, var_b, n_adj_b = _adjusted_trinomial(pb, db, nb)
    difference = (pa - da) / na - (pb - db) / nb
    se = math.sqrt(var_a / n_adj_a + var_b / n_adj_b)
    half = z_critical(confidence) * se
    p_value = float(2.0 * stats.norm.sf(abs(difference) / se))
    return TwoSample(difference, difference - half, difference + half, p_value)


def two_proportion_difference(
    a: tuple[int, int], b: tuple[int, int], confidence: float
) -> TwoSample:
    """Difference of two independent proportions; each argument is (successes, n).

    The p-value is the classic two-proportion z-test with the pooled proportion under
    the null. The interval is Newcombe's hybrid score interval (method 10), built from
    the two Wilson intervals, which keeps good coverage near 0% and 100% where the Wald
    interval for a difference fails. The two can disagree at the margin of significance.
    """
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    (sa, na), (sb, nb) = a, b
    if na <= 0 or nb <= 0:
        raise ValueError("both groups need at least one response")
    pa, pb = sa / na, sb / nb
    difference = pa - pb
    pooled = (sa + sb) / (na + nb)
    se_null = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    # Everyone in both groups answered alike: the data show no difference at all.
    p_value = 1.0 if se_null == 0.0 else float(2.0 * stats.norm.sf(abs(difference) / se_null))
    low_a, high_a = wilson_interval(sa, na, confidence)
    low_b, high_b = wilson_interval(sb, nb, confidence)
    low = difference - math.sqrt((pa - low_a) ** 2 + (high_b - pb) ** 2)
    high = difference + math.sqrt((high_a - pa) ** 2 + (pb - low_b) ** 2)
    return TwoSample(difference, low, high, p_value)


def welch_difference(
    a: tuple[float, float, int], b: tuple[float, float, int], confidence: float
) -> TwoSample:
    """Difference of two means by Welch's t-test; each argument is (mean, variance, n).

    Welch rather than Student because segments rarely share a variance and differ in
    size; degrees of freedom by Welch-Satterthwaite. Needs at least two responses a group.
    """
    from scipy import stats  # loaded on first use: see metrics/__init__.py

    (mean_a, var_a, na), (mean_b, var_b, nb) = a, b
    if na < 2 or nb < 2:
        raise ValueError("Welch's t-test needs at least two responses in each group")
    difference = mean_a - mean_b
    share_a, share_b = var_a / na, var_b / nb
    se = math.sqrt(share_a + share_b)
    if se == 0.0:
        # No spread in either group: the difference is known exactly.
        return TwoSample(difference, difference, difference, 1.0 if difference == 0 else 0.0)
    df = (share_a + share_b) ** 2 / (share_a**2 / (na - 1) + share_b**2 / (nb - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2.0, df)) * se
    p_value = float(2.0 * stats.t.sf(abs(difference) / se, df))
    return TwoSample(difference, difference - half, difference + half, p_value)
