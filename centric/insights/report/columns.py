"""Which column holds the comments, the score, the date and the segment.

Every guess is a plain rule a person can check, and each comes with a note saying what
was chosen and why, so the command can print it and the report can show it. A flag
names a column outright; ``none`` turns an optional one off.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, TypeVar, get_args

import polars as pl

ScoreType = Literal["nps", "csat", "ces", "rating", "stars"]
SCORE_TYPES: tuple[ScoreType, ...] = get_args(ScoreType)
DateOrder = Literal["day", "month"]  # which comes first in 03/04/2024
DATE_ORDERS: tuple[DateOrder, ...] = get_args(DateOrder)
NONE = "none"

# each in English, then in German (the engine reads both): "Kommentar", "Bewertung", "Datum"
_TEXT_HINTS = (
    "comment", "review", "text", "feedback", "verbatim", "response", "message", "body",
    "kommentar", "anmerkung", "rezension", "rückmeldung", "nachricht", "begründung",
)  # fmt: skip
_SCORE_HINTS = (
    "nps", "score", "rating", "csat", "ces", "star", "recommend", "satisf", "effort",
    "bewertung", "empfehl", "zufrieden", "sterne", "aufwand", "punkte",
)  # fmt: skip
# when the customer gave the feedback before when a system stored or submitted it
_DATE_HINTS = (
    "date", "responded", "created", "submitted", "time", "day", "when",
    "datum", "erstellt", "zeitpunkt", "eingang",
)  # fmt: skip
_SEGMENT_HINTS = (
    "segment", "department", "category", "region", "country", "plan", "tier", "channel",
    "product", "team", "division", "class", "type", "store", "brand", "market", "language",
    "abteilung", "kategorie", "land", "kanal", "produkt", "sparte", "filiale", "marke",
    "markt", "sprache",
)  # fmt: skip
_NOT_A_SCORE = ("id", "age", "count", "year", "number", "index", "zip", "phone")
# A column that names each row's scale, as an export of several surveys has (Centric's own:
# ``score_type``): found by its name and its values.
_KIND_HINTS = ("type", "scale", "metric", "kind")
_KIND_VALUES: dict[str, ScoreType] = {
    "nps": "nps", "csat": "csat", "ces": "ces", "rating": "rating", "stars": "stars", "star": "stars",
}  # fmt: skip
# Day first where the day and the month share a form; ``_date_order`` decides which comes first.
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y")
_DAY_AND_MONTH = r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}"
_DATE_WORDS = {"%d": "day", "%m": "month", "%Y": "year", "%y": "year"}
_MAX_SEGMENTS = 30
_Dates = TypeVar("_Dates", pl.Series, pl.Expr)


@dataclass(frozen=True)
class Scale:
    """What a score column measures and the range of its answers."""

    kind: ScoreType
    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.kind} {self.low}–{self.high}"


# What a column's name says it measures, checked in this order ("score" or "Q3" says nothing).
_NAMED_SCALES = (
    (("nps", "recommend", "likel", "ltr", "empfehl", "weiterempfehl"), Scale("nps", 0, 10)),
    (("csat", "satisf", "zufrieden"), Scale("csat", 1, 5)),
    (("ces", "effort", "aufwand"), Scale("ces", 1, 7)),
    (("star", "rating", "sterne"), Scale("stars", 1, 5)),
)
# How a sentence names each scale, at its start and within it.
_SCALE_NAMES: dict[ScoreType, tuple[str, str]] = {
    "nps": ("NPS", "NPS"),
    "csat": ("CSAT", "CSAT"),
    "ces": ("CES", "CES"),
    "stars": ("Star rating", "a star rating"),
    "rating": ("Rating", "a rating"),
}
_FIXED_SCALES = {
    "nps": Scale("nps", 0, 10),
    "ces": Scale("ces", 1, 7),
    "stars": Scale("stars", 1, 5),
}
# The share of answers that may lie off a scale as strays (a 0 or a 6 among stars) before they
# say that the scale is another.
_STRAYS = 0.1


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
    # what the report says beside its headline when the scale was read off the answers alone
    assumed: str = ""
    # the column naming each row's scale, and the scale whose rows the score figures read
    kind_column: str | None = None
    kind: ScoreType | None = None


class ColumnError(ValueError):
    """A named column is missing or unusable, or no comment column can be found."""


def guess_columns(
    frame: pl.DataFrame,
    *,
    text: str | None = None,
    score: str | None = None,
    score_type: ScoreType | None = None,
    date: str | None = None,
    date_order: DateOrder | None = None,
    segment: str | None = None,
) -> Columns:
    """Guess each column the caller did not name; ``"none"`` leaves an optional one out.
    ``date_order`` says whether dates such as 03/04/2024 give the day or the month first."""
    for name in (text, score, date, segment):
        if name not in (None, NONE) and name not in frame.columns:
            raise ColumnError(
                f"no column {name!r}; the file has: {', '.join(map(repr, frame.columns))}."
            )
    if score_type is not None and score_type not in SCORE_TYPES:
        raise ColumnError(f"score type must be one of {', '.join(SCORE_TYPES)}.")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ColumnError(f"date order must be one of {', '.join(DATE_ORDERS)}.")
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
    assumed = ""
    if score is None:
        score, why = _guess_score(frame, numbers, numeric - {text_column})
    elif score == NONE:
        score, why = None, "left out with --score none"
    else:
        why = "named with --score"
    kind_column: str | None = None
    kind: ScoreType | None = None
    if score is not None:
        kind_column = _kind_column(frame, excluded={text_column, score})
        values = numbers[score]
        if kind_column is None:
            found = _scale(values, score, score_type)
        else:
            kind, kinds = _kind(frame, score, kind_column, score_type)
            values = _numbers(frame.filter(_kinds(kind_column) == kind), score)
            found = _scale(values, score, kind)
        if found is None:
            raise ColumnError(
                f"score column {score!r} does not hold numbers on a 0–10, 1–5 or 1–7 scale; "
                "name the scale with --score-type."
            )
        scale, how = found
        if kind_column is not None:
            how = f"the scale {kind_column!r} names; {kinds}"
        elif score_type is None and _named_scale(score) is None:
            assumed = _assumed(score, scale)
        notes.append(
            f"score: {score!r} as {scale} ({why}; {how}){_off_scale(values, scale)}"
            f"{_doubt(values, scale)}"
        )
    else:
        notes.append(f"score: none ({why}; name one with --score)")

    date_format: str | None = None
    if date is None:
        date, date_format, why = _guess_date(frame, numeric | {text_column}, date_order)
    elif date == NONE:
        date, why = None, "left out with --date none"
    else:
        read = _date_format(frame, date, minimum=0.5, order=date_order)
        if read is None:
            raise ColumnError(f"date column {date!r} holds no dates this command can read.")
        date_format, why = read[0], f"named with --date; {read[1]}"
    notes.append(f"date: {date!r} ({why})" if date else f"date: none ({why})")

    if segment is None:
        segment, why = _guess_segment(
            frame, numeric | {text_column, date or text_column, kind_column or text_column}
        )
    elif segment == NONE:
        segment, why = None, "left out with --segment none"
    else:
        why = "named with --segment"
    notes.append(f"segment: {segment!r} ({why})" if segment else f"segment: none ({why})")
    return Columns(
        text_column,
        score,
        scale,
        date,
        date_format,
        segment,
        tuple(notes),
        assumed,
        kind_column,
        kind,
    )


def typed_frame(frame: pl.DataFrame, columns: Columns) -> pl.DataFrame:
    """One row per input row: ``row`` (1-based), ``text``, ``score`` (null when missing or
    off the scale), ``score_given`` (the cell was not blank), ``date`` and ``segment``, each
    null when the file has no such column."""
    score: pl.Expr = pl.lit(None, dtype=pl.Float64)
    given: pl.Expr = pl.col(columns.score).is_not_null() if columns.score else pl.lit(False)
    if columns.score and columns.scale:
        value = _number(columns.score)
        on_scale = value.is_between(columns.scale.low, columns.scale.high)
        if columns.kind_column:  # a row on another scale gives no score here, and is no stray
            ours = _kinds(columns.kind_column) == columns.kind
            on_scale, given = on_scale & ours, given & ours
        score = pl.when(on_scale).then(value).otherwise(None)
    date: pl.Expr = pl.lit(None, dtype=pl.Date)
    if columns.date and columns.date_format:
        date = _dates(pl.col(columns.date), columns.date_format)
    segment = pl.col(columns.segment).str.strip_chars() if columns.segment else pl.lit(None)
    return frame.select(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("row"),
        pl.col(columns.text).fill_null("").alias("text"),
        score.cast(pl.Float64).alias("score"),
        given.alias("score_given"),
        date.alias("date"),
        segment.cast(pl.String).alias("segment"),
    )


def _kinds(column: str) -> pl.Expr:
    """Each row's scale as ``_KIND_VALUES`` names it, null for any other value."""
    name = pl.col(column).cast(pl.String).str.strip_chars().str.to_lowercase()
    return name.replace_strict(_KIND_VALUES, default=None, return_dtype=pl.String)


def _kind_column(frame: pl.DataFrame, excluded: set[str]) -> str | None:
    """A column named like a type or a scale whose values name scales (``nps``, ``csat``…)."""
    for column in frame.columns:
        if column in excluded or _hint(column, _KIND_HINTS) is None:
            continue
        present = frame.get_column(column).cast(pl.String).str.strip_chars().drop_nulls()
        present = present.filter(present != "")
        named = frame.select(_kinds(column)).to_series().drop_nulls().len()
        if present.len() and named >= 0.95 * present.len():
            return column
    return None


def _kind(
    frame: pl.DataFrame, score: str, column: str, wanted: ScoreType | None
) -> tuple[ScoreType, str]:
    """The scale the score figures read where ``column`` names several: ``wanted``, else the
    one most scores are on; and a note of how many rows each has."""
    scored = frame.filter(_number(score).is_not_null())
    counts = (
        scored.group_by(_kinds(column).alias("kind"))
        .len()
        .drop_nulls()
        .sort("len", "kind", descending=[True, False])
    )
    found: dict[str, int] = dict(counts.iter_rows())
    if wanted is not None and wanted not in found:
        raise ColumnError(
            f"no row has a {wanted} score: {column!r} names "
            f"{', '.join(found) or 'no scale this command reads'}."
        )
    if not found:
        raise ColumnError(f"{column!r} names no scale this command reads for the scores.")
    kind: ScoreType = wanted or _KIND_VALUES[next(iter(found))]
    others = [f"{n:,} {name}" for name, n in found.items() if name != kind]
    note = f"{found[kind]:,} rows"
    if others:
        how = "named with --score-type" if wanted else "the most"
        note += (
            f", {how}; the score figures leave out {_listed(others)} (--score-type reports those)"
        )
    return kind, note


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


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


def _scale(values: pl.Series, column: str, kind: ScoreType | None) -> tuple[Scale, str] | None:
    """The scale of a score column and how it was told: from ``kind`` when given; else from a
    name that names one, unless many answers lie above it; else from the range that holds all
    but a few strays of the answers."""
    if values.len() == 0:
        return None
    bulk = _bulk_range(values)
    if kind in _FIXED_SCALES:
        return _FIXED_SCALES[kind], "scale named with --score-type"
    if kind is not None:  # csat or rating, on the range its answers use
        if bulk is None:
            lowest, highest = float(values.min()), float(values.max())  # type: ignore[arg-type]  # numeric
            bulk = (0 if lowest < 1 else 1, _top(highest))
        return Scale(kind, *bulk), "scale named with --score-type"
    if bulk is None or values.n_unique() < 3:
        return None
    named = _named_scale(column)
    if named is not None:
        if (values > named.high).sum() <= _STRAYS * values.len():
            return named, "scale from its name"
        if named.kind in ("nps", "ces"):
            return None
        # more than strays above 5: a longer scale, such as a rating from 1 to 10
        return Scale("csat" if named.kind == "csat" else "rating", *bulk), "scale from its answers"
    if bulk == (0, 10):
        return Scale("nps", 0, 10), (
            "answers from 0 to 10, so NPS assumed, which its name does not say; "
            "--score-type rating reads them as a rating"
        )
    if bulk == (1, 10):
        return Scale("rating", 1, 10), (
            "answers from 1 to 10 and none 0, so a rating, not NPS (which runs 0–10); "
            "--score-type nps reads them as NPS"
        )
    return Scale("stars" if bulk == (1, 5) else "rating", *bulk), "scale from its answers"


def _assumed(column: str, scale: Scale) -> str:
    """The sentence that says a column's scale was read off its answers, as its name does not
    say what it measures."""
    heading, named = _SCALE_NAMES[scale.kind]
    return (
        f"{heading} assumed: the column {column!r} does not say what it measures, and its "
        f"answers run from {scale.low} to {scale.high}. If it is not {named}, name its scale "
        f"with --score-type ({', '.join(SCORE_TYPES)})."
    )


def _named_scale(column: str) -> Scale | None:
    """The scale a column's name names, such as ``NPS``, ``csat_score`` or ``Stars``."""
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", column)]
    for hints, scale in _NAMED_SCALES:
        if any(word.startswith(hint) for word in words for hint in hints):
            return scale
    return None


def _bulk_range(values: pl.Series) -> tuple[int, int] | None:
    """The survey scale, 1–5, 1–7 or 0–10 (1–10 when no answer is 0), that holds whole
    answers for all but ``_STRAYS`` of ``values``."""
    whole = values.filter(values == values.round(0))
    for low, high in ((1, 5), (1, 7), (0, 10)):
        if whole.is_between(low, high).sum() >= (1 - _STRAYS) * values.len():
            return (1 if high == 10 and not (whole == 0).any() else low), high
    return None


def _off_scale(values: pl.Series, scale: Scale) -> str:
    """A note counting the answers off ``scale``, which are left out."""
    off = values.filter(~values.is_between(scale.low, scale.high))
    if off.len() == 0:
        return ""
    shown = [f"{v:g}".replace("-", "\u2212") for v in off.unique().sort().to_list()]
    listed = ", ".join(shown[:5]) + (", …" if len(shown) > 5 else "")
    are = "is" if off.len() == 1 else "are"
    return (
        f"; {off.len():,} answer{'' if off.len() == 1 else 's'} off the "
        f"{scale.low}–{scale.high} scale ({listed}) {are} left out"
    )


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


def _date_format(
    frame: pl.DataFrame, column: str, *, minimum: float, order: DateOrder | None = None
) -> tuple[str, str] | None:
    """How ``column`` writes dates, if at least ``minimum`` of its first 2,000 values read as
    dates: the format, and a note saying how it reads and how the order of the day and the
    month was told, from every value (``order`` names it)."""
    values = frame.get_column(column).drop_nulls()
    if values.len() == 0:
        return None
    sample = values.head(2000)
    best, best_share = None, 0.0
    for date_format in _DATE_FORMATS:
        parsed = _dates(sample, date_format)
        if date_format.startswith("%d"):
            parsed = parsed.fill_null(_dates(sample, _month_first(date_format)))
        # "%Y" happily reads "01" as the year 1: only plausible dates count.
        plausible = int(parsed.is_between(dt.date(1970, 1, 1), dt.date(2100, 1, 1)).sum())
        share = plausible / sample.len()
        if share > best_share and parsed.n_unique() > 1:
            best, best_share = date_format, share
    if best is None or best_share < minimum:
        return None
    how = ""
    if best.startswith("%d"):
        parts = values.str.extract_groups(_DAY_AND_MONTH).struct.unnest()
        day_first = int((parts[:, 0].cast(pl.Int32, strict=False) > 12).sum())
        month_first = int((parts[:, 1].cast(pl.Int32, strict=False) > 12).sum())
        if order is not None:
            how = "order named with --date-order"
        elif not (day_first or month_first):
            how = (
                "no day or month above 12 tells which comes first, so day first assumed; "
                "--date-order month reads them month first"
            )
        if (order or ("month" if month_first > day_first else "day")) == "month":
            best = _month_first(best)
    words = re.sub("%[dmYy]", lambda found: _DATE_WORDS[found.group()], best)
    return best, f"dates as {words}" + (f"; {how}" if how else "")


def _dates(values: _Dates, date_format: str) -> _Dates:
    """``values`` read as dates in ``date_format``, from their start (a time may follow)."""
    start = values.str.extract(r"^\s*(\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})")
    return start.str.strptime(pl.Date, date_format, strict=False)


def _month_first(date_format: str) -> str:
    return re.sub("%[dm]", lambda found: "%m" if found.group() == "%d" else "%d", date_format)


def _guess_date(
    frame: pl.DataFrame, excluded: set[str], order: DateOrder | None
) -> tuple[str | None, str | None, str]:
    candidates = []
    for column in frame.columns:
        if column in excluded:
            continue
        read = _date_format(frame, column, minimum=0.9, order=order)
        if read is not None:
            hint = _hint(column, _DATE_HINTS)
            candidates.append((hint if hint is not None else len(_DATE_HINTS), column, *read))
    if not candidates:
        return None, None, "no column of dates"
    _, best, date_format, how = min(candidates)
    return best, date_format, how


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
