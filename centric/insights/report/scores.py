"""Which figures a score column yields: NPS for 0–10 answers, CSAT top-2-box and the mean
for ratings, CES and its easy share for effort scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from centric.insights.metrics import Ces, CesEasy, Csat, Metric, Nps
from centric.insights.metrics.definitions import Kind
from centric.insights.report.columns import Scale

SCORE = "score"


@dataclass(frozen=True)
class MeanScore(Metric):
    """The plain mean of the answers, on the scale they were given."""

    column: str = SCORE
    low: int = 1
    high: int = 5

    name: ClassVar[str] = "Average"
    phrase: ClassVar[str] = "an average"
    kind: ClassVar[Kind] = "mean"
    decimals: ClassVar[int] = 2
    bounds: ClassVar[tuple[float, float]] = (0.0, 10.0)

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (float(self.low), float(self.high))

    def expression(self) -> pl.Expr:
        return pl.col(self.column).cast(pl.Float64)


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
    stars = "★" if scale.kind == "stars" else ""
    satisfied = "CSAT" if scale.kind == "csat" else "Satisfied"
    return (
        Figure(
            Csat(SCORE, scale.low, scale.high),
            f"{satisfied} ({top_two}{stars})",
            "%",
            f"top-2-box: share answering {top_two} on a {scale.low}–{scale.high} scale",
        ),
        Figure(
            MeanScore(SCORE, scale.low, scale.high),
            "Average rating" if scale.kind in ("stars", "rating") else "Average score",
            f" / {scale.high}",
            f"mean answer on the {scale.low}–{scale.high} scale",
        ),
    )
