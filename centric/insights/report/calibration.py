"""``centric analyze --calibrate``: learn from a file's own scores how its customers write.

The scored comments teach a ``CalibratedSentiment`` what praise and complaint sound like in
this file (NPS promoters against detractors, the top two boxes of a rating against the bottom
two; the answers in between teach nothing), and it then reads every comment, scored or not.
Each language the engine reads with scored comments enough is learnt from its own comments.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from centric.insights.report.columns import Scale
from centric.insights.text import CalibratedSentiment
from centric.insights.text.language import READ, READ_NAMES, guess_language
from centric.insights.text.teaching import learnable, score_sides, too_few


class CalibrationError(ValueError):
    """The file cannot teach a calibration: no scores, or too few on one side."""


@dataclass(frozen=True)
class Calibration:
    """The learnt reading of each language and what they learnt from."""

    model: dict[str, CalibratedSentiment]
    positive: int
    negative: int

    def __str__(self) -> str:
        learnt = (
            f", each of {_in_words([READ_NAMES[code] for code in self.model])} by its own"
            if len(self.model) > 1
            else ""
        )
        return (
            f"Sentiment learnt from this file's {self.positive + self.negative:,} scored comments "
            f"({self.positive:,} high scores read as positive, {self.negative:,} low as "
            f"negative{learnt})."
        )


def _in_words(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} and {names[-1]}"


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
        .with_columns(
            pl.col("text").map_elements(guess_language, return_dtype=pl.String).alias("language")
        )
    )
    parts = {
        language: part
        for language in READ
        if (part := labelled.filter(pl.col("language") == language)).height
    }
    counts = {
        language: (
            part.filter(pl.col("label") == "positive").height,
            part.filter(pl.col("label") == "negative").height,
        )
        for language, part in parts.items()
    }
    languages = learnable(counts)
    if not languages:
        raise CalibrationError(too_few(counts, needs="--calibrate", has="this file has"))
    models = {
        language: CalibratedSentiment(engine=engine, language=language).fit(
            parts[language].get_column("text").to_list(),
            parts[language].get_column("label").to_list(),
        )
        for language in languages
    }
    return Calibration(
        models,
        sum(counts[language][0] for language in languages),
        sum(counts[language][1] for language in languages),
    )
