"""Calendar periods (day, week, month, quarter) from a date or datetime column."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl

Period = Literal["day", "week", "month", "quarter"]

_EVERY: dict[Period, str] = {"day": "1d", "week": "1w", "month": "1mo", "quarter": "1q"}


def period_start(frame: pl.DataFrame, date_column: str, period: Period) -> pl.Expr:
    """The first day of the period each row falls in, as a ``pl.Date``.

    Weeks start on Monday. A timezone-aware datetime counts in its own timezone, so a
    comment made just after midnight in Berlin belongs to the Berlin day.
    """
    if period not in _EVERY:
        raise ValueError(f"period must be one of {', '.join(_EVERY)}; got {period!r}")
    if date_column not in frame.columns:
        raise ValueError(f"no date column {date_column!r} in the frame")
    dtype = frame.schema[date_column]
    column = pl.col(date_column)
    if dtype == pl.Null:
        # A column with no dates at all arrives untyped; it simply has no periods.
        column = column.cast(pl.Date)
    elif isinstance(dtype, pl.Datetime):
        column = column.dt.date()
    elif not isinstance(dtype, pl.Date):
        raise ValueError(f"column {date_column!r} must be a Date or Datetime, not {dtype}")
    return column.dt.truncate(_EVERY[period])


def period_of(day: dt.date, period: Period) -> dt.date:
    """The first day of the period ``day`` falls in (weeks start on Monday)."""
    start = pl.Series([day]).dt.truncate(_EVERY[period]).item()
    assert isinstance(start, dt.date)
    return start


def period_grid(first: dt.date, last: dt.date, period: Period) -> pl.Series:
    """Every period start from ``first`` to ``last`` inclusive, so empty periods show as gaps."""
    return pl.date_range(first, last, _EVERY[period], eager=True).alias("period")
