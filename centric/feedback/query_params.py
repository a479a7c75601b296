"""Query parameters the feedback, survey and insights APIs share beyond what every endpoint gets
(``centric.core.api``): moments and days the database can count with, each refused otherwise
by a 422 naming the parameter."""

from __future__ import annotations

import datetime as dt

from centric.core.api import refuse_query
from centric.core.periods import PeriodError, Window, window_between


def moment_query(parameter: str, moment: dt.datetime | None) -> dt.datetime | None:
    """``moment``, or a 422 naming the parameter if it lies outside what the database holds
    (``0001-01-01T00:00:00+05:00`` is a moment of the year 0 in UTC)."""
    if moment is None:
        return None
    try:
        moment.astimezone(dt.UTC)
    except OverflowError:
        refuse_query(
            parameter, f"{moment.isoformat()} is not a moment of the years 1 to 9999 in UTC."
        )
    return moment


def period_query(start: dt.date | None, end: dt.date | None) -> Window | None:
    """The local days from ``start`` to ``end`` (today if not given), or None for neither; a 422
    naming the parameter for days that cannot be a period (the very ends of the calendar
    included)."""
    try:
        return window_between(start, end)
    except PeriodError as error:
        refuse_query(error.parameter, error.message)
