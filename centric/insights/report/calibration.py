"""``centric analyze --calibrate``: learn from a file's own scores how its customers write.

The scored comments teach a ``CalibratedSentiment`` what praise and complaint sound like in
this file (NPS promoters against detractors, the top two boxes of a rating against the bottom
two; the answers in between teach nothing), and it then reads every comment, scored or not.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from centric.insights.report.columns import Scale
from centric.insights.text import CalibratedSentiment
from centric.insights.text.teaching import MIN_EACH, score_sides


class CalibrationError(ValueError):
    """The file cannot teach a calibration: no scores, or too few on one side."""


@dataclass(frozen=True)
class Calibration:
    """The learnt reading and what it learnt from."""

    model: CalibratedSentiment
    positive: int
    negative: int

    def __str__(self) -> str:
        return (
            f"Sentiment learnt from this file's {self.positive + self.negative:,} scored comments "
            f"({self.positive:,} high scores read as positive, {self.negative:,} low as negative)."
        )


def score_labels(scale: Scale) -> pl.Expr:
    """ "positive", "negative" or null for each ``score`` (see ``teaching.score_sides``)."""
    high, low = score_sides(scale.kind, scale.low, scale.high)
    score = pl.col("score")
    return (
        pl.when(score >= high).then(pl.lit("positive")).when(score <= low).then(pl.lit("negative"))
    )


def calibrate(table: pl.DataFrame, scale: Scale | None, *, engine: str = "light") -> Calibration:
    """Learn from the comments of ``table`` (from ``typed_frame``) and their scores."""
    if scale is None:
        raise CalibrationError(
            "--calibrate learns from scores, and no score column was found (name one with --score)"
        )
    labelled = (
        table.filter(pl.col("text").str.strip_chars() != "")
        .select("text", score_labels(scale).alias("label"))
        .drop_nulls()
    )
    positive = labelled.filter(pl.col("label") == "positive").height
    negative = labelled.height - positive
    if min(positive, negative) < MIN_EACH:
        raise CalibrationError(
            f"--calibrate needs at least {MIN_EACH} comments with a high score and {MIN_EACH} "
            f"with a low one; this file has {positive} and {negative}"
        )
    model = CalibratedSentiment(engine=engine).fit(
        labelled.get_column("text").to_list(), labelled.get_column("label").to_list()
    )
    return Calibration(model, positive, negative)
