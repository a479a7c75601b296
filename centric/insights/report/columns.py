"""Which column holds the comments, the score, the date and the segment.

Every guess is a plain rule a person can check, and each comes with a note saying what
was chosen and why, so the command can print it and the report can show it. A flag
names a column outright; ``none`` turns an optional one off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

import polars as pl

ScoreType = Literal["nps", "csat", "ces", "rating", "stars"]
SCORE_TYPES: tuple[ScoreType, ...] = get_args(ScoreType)
NONE = "none"

_TEXT_HINTS = ("comment", "review", "text", "feedback", "verbatim", "response", "message", "body")
_SCORE_HINTS = ("nps", "score", "rating", "csat", "ces", "star", "recommend", "satisf", "effort")
_DATE_HINTS = ("date", "created", "submitted", "time", "day", "when")
_SEGMENT_HINTS = (
    "segment", "department", "category", "region", "country", "plan", "tier", "channel",
    "product", "team", "division", "class", "type", "store", "brand", "market", "language",
)  # fmt: skip
_NOT_A_SCORE = ("id", "age", "count", "year", "number", "index", "zip", "phone")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m/%d/%y",
)
_MAX_SEGMENTS = 30


@dataclass(frozen=True)
class Scale:
    """What a score column measures and the range of its answers."""

    kind: ScoreType
    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.kind} {self.low}–{self.high}"


@dataclass(frozen=True)
class Columns:
    """The columns a report reads, and one note per choice saying why."""

    text: str
    score: str | None
    scale: Scale | None
    date: str | None
    date_format: str | None
    segment: str | None
    notes: tuple[str, ...]


class ColumnError(ValueError):
    """A named column is missing or unusable, or no comment column can be found."""


def guess_columns(
    frame: pl.DataFrame,
    *,
    text: str | None = None,
    score: str | None = None,
    score_type: ScoreType | None = None,
    date: str | None = None,
    segment: str | None = None,
) -> Columns:
    """Guess each column the caller did not name; ``"none"`` leaves an optional one out."""
    for name in (text, score, date, segment):
        if name not in (None, NONE) and name not in frame.columns:
            raise ColumnError(
                f"no column {name!r}; the file has: {', '.join(map(repr, frame.columns))}."
            )
    if score_type is not None and score_type not in SCORE_TYPES:
        raise ColumnError(f"score type must be one of {', '.join(SCORE_TYPES)}.")
    numbers = {c: _numbers(frame, c) for c in frame.columns}
    numeric = {c for c, values in numbers.items() if _share(values, frame, c) >= 0.95}
    notes: list[str] = []

    if text == NONE:
        raise ColumnError("the comments are what the report reads; --text cannot be none.")
    if text is None:
        text_column, why = _guess_text(frame, numeric)
    else:
        text_column, why = text, "named with --text"
    notes.append(f"text: {text_column!r} ({why})")

    scale: Scale | None = None
    if score is None:
        score, why = _guess_score(frame, numbers, numeric - {text_column})
    elif score == NONE:
        score, why = None, "left out with --score none"
    else:
        why = "named with --score"
    if score is not None:
        scale = _scale(numbers[score], score, score_type)
        if scale is None:
            raise ColumnError(
                f"score column {score!r} does not hold numbers on a 0–10, 1–5 or 1–7 scale; "
                "name the scale with --score-type."
            )
        notes.append(f"score: {score!r} as {scale} ({why}){_doubt(numbers[score], scale)}")
    else:
        notes.append(f"score: none ({why}; name one with --score)")

    date_format: str | None = None
    if date is None:
        date, date_format, why = _guess_date(frame, numeric | {text_column})
    elif date == NONE:
        date, why = None, "left out with --date none"
    else:
        date_format = _date_format(frame, date, minimum=0.5)
        if date_format is None:
            raise ColumnError(f"date column {date!r} holds no dates this command can read.")
        why = "named with --date"
    notes.append(f"date: {date!r} ({why})" if date else f"date: none ({why})")

    if segment is None:
        segment, why = _guess_segment(frame, numeric | {text_column, date or text_column})
    elif segment == NONE:
        segment, why = None, "left out with --segment none"
    else:
        why = "named with --segment"
    notes.append(f"segment: {segment!r} ({why})" if segment else f"segment: none ({why})")
    return Columns(text_column, score, scale, date, date_format, segment, tuple(notes))


def typed_frame(frame: pl.DataFrame, columns: Columns) -> pl.DataFrame:
    """One row per input row: ``row`` (1-based), ``text``, ``score`` (null when missing or
    off the scale), ``score_given`` (the cell was not blank), ``date`` and ``segment``, each
    null when the file has no such column."""
    score: pl.Expr = pl.lit(None, dtype=pl.Float64)
    if columns.score and columns.scale:
        value = _number(columns.score)
        on_scale = value.is_between(columns.scale.low, columns.scale.high)
        score = pl.when(on_scale).then(value).otherwise(None)
    date: pl.Expr = pl.lit(None, dtype=pl.Date)
    if columns.date and columns.date_format:
        date = pl.col(columns.date).str.strptime(
            pl.Date, columns.date_format, strict=False, exact=False
        )
    segment = pl.col(columns.segment).str.strip_chars() if columns.segment else pl.lit(None)
    return frame.select(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("row"),
        pl.col(columns.text).fill_null("").alias("text"),
        score.cast(pl.Float64).alias("score"),
        (pl.col(columns.score).is_not_null() if columns.score else pl.lit(False)).alias(
            "score_given"
        ),
        date.alias("date"),
        segment.cast(pl.String).alias("segment"),
    )


def _number(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().str.replace(",", ".").cast(pl.Float64, strict=False)


def _numbers(frame: pl.DataFrame, column: str) -> pl.Series:
    return frame.select(_number(column)).to_series().drop_nulls()


def _share(values: pl.Series, frame: pl.DataFrame, column: str) -> float:
    present = frame.get_column(column).drop_nulls().len()
    return values.len() / present if present else 0.0


def _hint(name: str, hints: tuple[str, ...]) -> int | None:
    lowered = name.lower()
    return next((i for i, hint in enumerate(hints) if hint in lowered), None)


def _guess_text(frame: pl.DataFrame, numeric: set[str]) -> tuple[str, str]:
    lengths = {
        c: _mean_length(frame.get_column(c).drop_nulls())
        for c in frame.columns
        if c not in numeric
        and (_hint(c, _TEXT_HINTS) is not None or _wordy(frame.get_column(c).drop_nulls()))
        and _date_format(frame, c, minimum=0.8) is None
    }
    if not lengths or max(lengths.values()) == 0:
        raise ColumnError(
            "no column holds comments (words, not numbers, dates or codes); name one with --text."
        )
    # A column named like comments wins unless another holds far longer strings.
    ranked = sorted(
        lengths, key=lambda c: -lengths[c] * (2.0 if _hint(c, _TEXT_HINTS) is not None else 1.0)
    )
    best = ranked[0]
    return best, f"longest strings, {lengths[best]:.0f} characters on average"


def _wordy(values: pl.Series) -> bool:
    """Whether a column not named like comments reads like them: at least a fifth of its values
    hold two words or more, and it is not mostly JSON."""
    if values.len() == 0:
        return False
    sample = values.head(2000)
    words = sample.str.contains(r"[^\W\d_]\w*\s+\S").sum()
    json = sample.str.contains(r"^\s*[\[{]").sum()
    return words >= 0.2 * sample.len() and json < 0.5 * sample.len()


def _mean_length(values: pl.Series) -> float:
    mean = values.str.len_chars().mean()
    return float(mean) if isinstance(mean, int | float) else 0.0


def _guess_score(
    frame: pl.DataFrame, numbers: dict[str, pl.Series], numeric: set[str]
) -> tuple[str | None, str]:
    candidates = []
    for column in frame.columns:
        hint = _hint(column, _SCORE_HINTS)
        if column not in numeric or (hint is None and _hint(column, _NOT_A_SCORE) is not None):
            continue
        values = numbers[column]
        if values.len() < 3 or _scale(values, column, None) is None:
            continue
        candidates.append((hint if hint is not None else len(_SCORE_HINTS), column))
    if not candidates:
        return None, "no numeric column on a 0–10, 1–5 or 1–7 scale"
    _, best = min(candidates)
    return best, "whole numbers on a survey scale"


def _scale(values: pl.Series, column: str, kind: ScoreType | None) -> Scale | None:
    """The scale of a score column: from ``kind`` when given, else from its name and range."""
    if values.len() == 0:
        return None
    low, high = float(values.min()), float(values.max())  # type: ignore[arg-type]  # numeric
    whole = bool((values == values.round(0)).all())
    distinct = values.n_unique()
    name = column.lower()
    if kind == "nps":
        return Scale("nps", 0, 10)
    if kind == "ces":
        return Scale("ces", 1, 7)
    if kind == "stars":
        return Scale("stars", 1, 5)
    if kind in ("csat", "rating"):
        return Scale(kind, 0 if low < 1 else 1, _top(high))
    if not whole or distinct < 3 or low < 0 or high > 10:
        return None
    if any(h in name for h in ("nps", "recommend", "likel", "ltr")) or low == 0 or high > 7:
        return Scale("nps", 0, 10) if low >= 0 and high <= 10 else None
    if "ces" in name or "effort" in name:
        return Scale("ces", 1, 7)
    if high <= 5:
        return Scale("csat" if "csat" in name or "satisf" in name else "stars", 1, 5)
    return Scale("rating", 1, 7)


def _doubt(values: pl.Series, scale: Scale) -> str:
    """A warning when the answers use a small part of a scale that was named, not read off."""
    if values.len() < 30 or scale.high <= 5:
        return ""
    top = float(values.max())  # type: ignore[arg-type]  # numeric
    if top > 5:
        return ""
    return (
        f"; warning: no answer is above {top:.0f} of {scale.high}, so the column may be on "
        "another scale: check --score-type"
    )


def _top(high: float) -> int:
    return next((top for top in (5, 7, 10) if high <= top), int(high))


def _date_format(frame: pl.DataFrame, column: str, *, minimum: float) -> str | None:
    values = frame.get_column(column).drop_nulls()
    if values.len() == 0:
        return None
    sample = values.head(2000).to_frame()
    best, best_share = None, 0.0
    for date_format in _DATE_FORMATS:
        parsed = sample.select(
            pl.col(column).str.strptime(pl.Date, date_format, strict=False, exact=False)
        ).to_series()
        # "%Y" happily reads "01" as the year 1: only plausible dates count.
        plausible = int(parsed.is_between(dt.date(1970, 1, 1), dt.date(2100, 1, 1)).sum())
        share = plausible / sample.height
        if share > best_share and parsed.n_unique() > 1:
            best, best_share = date_format, share
    return best if best_share >= minimum else None


def _guess_date(frame: pl.DataFrame, excluded: set[str]) -> tuple[str | None, str | None, str]:
    candidates = []
    for column in frame.columns:
        if column in excluded:
            continue
        date_format = _date_format(frame, column, minimum=0.9)
        if date_format is not None:
            hint = _hint(column, _DATE_HINTS)
            candidates.append((hint if hint is not None else len(_DATE_HINTS), column, date_format))
    if not candidates:
        return None, None, "no column of dates"
    _, best, date_format = min(candidates)
    return best, date_format, f"dates as {date_format}"


def _guess_segment(frame: pl.DataFrame, excluded: set[str]) -> tuple[str | None, str]:
    candidates = []
    for column in frame.columns:
        if column in excluded:
            continue
        values = frame.get_column(column).drop_nulls()
        if values.len() < frame.height / 2:
            continue
        distinct = values.n_unique()
        if not 2 <= distinct <= _MAX_SEGMENTS or _mean_length(values) > 40:
            continue
        hint = _hint(column, _SEGMENT_HINTS)
        candidates.append((hint if hint is not None else len(_SEGMENT_HINTS), distinct, column))
    if not candidates:
        return None, f"no text column with 2–{_MAX_SEGMENTS} distinct values"
    _, distinct, best = min(candidates)
    return best, f"{distinct} distinct values"
