"""Which figures a score column yields: NPS for 0–10 answers, CSAT top-2-box and the mean
for CSAT, the share of the top two answers and the mean for ratings (never called CSAT), CES
and its easy share for effort scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from centric.insights.metrics import Ces, CesEasy, Csat, MeanScore, Metric, Nps
from centric.insights.report.columns import Scale

SCORE = "score"


@dataclass(frozen=True)
class MeanRating(MeanScore):
    """The mean of a star rating or another rating."""

    name: ClassVar[str] = "average rating"
    phrase: ClassVar[str] = "an average rating"


@dataclass(frozen=True)
class TopTwoShare(Csat):
    """CSAT's top-2-box of a rating that is not CSAT, named for what it counts: "share of
    4–5 stars", "share of 9–10 ratings"."""

    stars: bool = False

    # The metrics read a metric's name and phrase as constants of its class; these depend on
    # the scale.
    @property
    def name(self) -> str:  # type: ignore[override]
        return f"share of {self.high - 1}–{self.high} {'stars' if self.stars else 'ratings'}"

    @property
    def phrase(self) -> str:  # type: ignore[override]
        return f"a {self.name}"


def heading(metric: Metric) -> str:
    """The metric's name to start a heading or a label with: "NPS", "Share of 4–5 stars"."""
    return metric.name[:1].upper() + metric.name[1:]


@dataclass(frozen=True)
class Figure:
    """A headline figure: the metric, how to name it on a card, and its unit."""

    metric: Metric
    label: str
    unit: str
    explanation: str


def figures(scale: Scale) -> tuple[Figure, ...]:
    """The headline figures for ``scale``; the first is the one drivers and trends use."""
    top_two = f"{scale.high - 1}–{scale.high}"
    if scale.kind == "nps":
        return (
            Figure(
                Nps(SCORE),
                "Net Promoter Score",
                "",
                "% promoters (9–10) minus % detractors (0–6), from −100 to 100",
            ),
        )
    if scale.kind == "ces":
        return (
            Figure(Ces(SCORE), "Customer Effort Score", " / 7", "mean answer, 7 = very easy"),
            Figure(CesEasy(SCORE), "Found it easy", "%", "share answering 5, 6 or 7"),
        )
    share: Csat = Csat(SCORE, scale.low, scale.high)
    mean = MeanScore(SCORE, scale.low, scale.high)
    label = f"CSAT ({top_two})"
    if scale.kind in ("stars", "rating"):
        share = TopTwoShare(SCORE, scale.low, scale.high, stars=scale.kind == "stars")
        mean = MeanRating(SCORE, scale.low, scale.high)
        label = heading(share)
    return (
        Figure(
            share,
            label,
            "%",
            f"top-2-box: share answering {top_two} on a {scale.low}–{scale.high} scale",
        ),
        Figure(
            mean,
            heading(mean),
            f" / {scale.high}",
            f"mean answer on the {scale.low}–{scale.high} scale",
        ),
    )
