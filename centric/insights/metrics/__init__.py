"""Honest survey statistics: scores with intervals, trends, segment comparisons, key
drivers and theme anomalies. Pure Python on Polars frames; imports no Django.

    from centric.insights.metrics import Nps, estimate, trend
    estimate(responses, Nps("likelihood_to_recommend")).describe()
    # 'NPS 32 (95% CI 24-40, n = 210).' (with an en dash)

scipy and statsmodels are imported by the functions that use them, on first use: every process
imports this package as it starts (the surveys' selectors use it), and most of them — a web
worker answering a survey page, a worker importing a file — never compute a p-value, so they
need not carry the libraries' 140 MB (``tests/config`` checks that starting Django loads neither).
"""

from centric.insights.metrics.anomalies import MEANINGFUL_SHIFT, sentiment_shifts, volume_spikes
from centric.insights.metrics.compare import Difference, compare, compare_segments
from centric.insights.metrics.corrections import Correction
from centric.insights.metrics.definitions import (
    CentricityIndex,
    Ces,
    CesEasy,
    Csat,
    MeanScore,
    Metric,
    Nps,
)
from centric.insights.metrics.drivers import key_drivers
from centric.insights.metrics.estimate import Estimate
from centric.insights.metrics.periods import Period
from centric.insights.metrics.scores import (
    centricity_index,
    ces,
    ces_easy,
    csat,
    estimate,
    nps,
)
from centric.insights.metrics.trends import ReadableTrend, readable_trend, trend, trend_periods

__all__ = [
    "MEANINGFUL_SHIFT",
    "CentricityIndex",
    "Ces",
    "CesEasy",
    "Correction",
    "Csat",
    "Difference",
    "Estimate",
    "MeanScore",
    "Metric",
    "Nps",
    "Period",
    "ReadableTrend",
    "centricity_index",
    "ces",
    "ces_easy",
    "compare",
    "compare_segments",
    "csat",
    "estimate",
    "key_drivers",
    "nps",
    "readable_trend",
    "sentiment_shifts",
    "trend",
    "trend_periods",
    "volume_spikes",
]
