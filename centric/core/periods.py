"""Stretches of time the pages read: the last so many days, or the dates a person chose, each
compared with as long a stretch just before it; and the dates asked for in a query string."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils import timezone

from centric.core import clock

# the value of ``days`` in a query string that asks for the dates of ``from`` and ``to``
CHOSEN = "dates"
# the stretches of "the last so many days" the pages offer
PERIODS = (30, 90, 365)


class PeriodError(ValueError):
    """Dates that cannot be a period, with the parameter at fault (``start`` or ``end``)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _too_late() -> PeriodError:
    return PeriodError("end", "The last day of the period is too late for the calendar.")


def _too_early() -> PeriodError:
    return PeriodError(
        "start", "The period starts too early to be compared with as long a stretch before it."
    )


@dataclass(frozen=True)
class Window:
    """The stretch of time the pages read: the last ``days`` up to now, or the local calendar
    days from ``first`` to ``last`` chosen by a person (``between``). Each is compared with as
    long a stretch just before it."""

    start: dt.datetime
    end: dt.datetime
    days: int | None = None  # the last so many days; None: chosen dates

    @classmethod
    def last(cls, days: int) -> Window:
        now = clock.now()
        return cls(now - dt.timedelta(days=days), now, days)

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> Window:
        """The local days ``first`` to ``last``; ``PeriodError`` for days at the very ends of the
        calendar, whose bounds no datetime (or no database) holds."""
        try:
            start = _storable(_local_midnight(first))
        except OverflowError:
            raise _too_early() from None
        try:
            end = _storable(_local_midnight(last + dt.timedelta(days=1)))
        except OverflowError:
            raise _too_late() from None
        return cls(start, end)

    @property
    def chosen(self) -> bool:
        return self.days is None

    @property
    def first(self) -> dt.date:
        return timezone.localdate(self.start)

    @property
    def last_day(self) -> dt.date:
        return timezone.localdate(self.end - dt.timedelta(microseconds=1))

    @property
    def length(self) -> int:
        """In days (a day the clocks change counts as one)."""
        return self.days or (self.last_day - self.first).days + 1

    @property
    def previous(self) -> Window:
        if self.days is not None:
            return Window(self.start - dt.timedelta(days=self.days), self.start, self.days)
        try:
            before = self.first - dt.timedelta(days=1)
            return Window.between(before - dt.timedelta(days=self.length - 1), before)
        except (OverflowError, PeriodError):
            raise _too_early() from None

    @property
    def label(self) -> str:
        """ "last 90 days", or "1 Jul 2026 to 30 Sep 2026"."""
        if self.days is not None:
            return f"last {self.days} days"
        if self.first == self.last_day:
            return _day(self.first)
        return f"{_day(self.first)} to {_day(self.last_day)}"

    @property
    def previous_label(self) -> str:
        """ "Previous 90 days", or "The 92 days before" (its dates in ``previous.label``)."""
        if self.days is not None:
            return f"Previous {self.days} days"
        return f"The {self.length} day{'s' if self.length > 1 else ''} before"


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _storable(moment: dt.datetime) -> dt.datetime:
    """``moment``, if it is still a datetime in UTC, as the database keeps it (midnight of 1
    January of year 1 east of Greenwich is not); OverflowError otherwise."""
    moment.astimezone(dt.UTC)
    return moment


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def chosen_window(query: QueryDict) -> tuple[Window | None, str]:
    """The dates asked for (``days=dates&from=2026-07-01&to=2026-09-30``, the last day today if
    none is given), or None when ``days`` asks for no dates; and what is wrong with the dates,
    if anything, for the page to say."""
    if query.get("days") != CHOSEN:
        return None, ""
    given = query.get("from", "").strip(), query.get("to", "").strip()
    first, last = iso_date(given[0]), iso_date(given[1])
    if not given[0]:
        return None, "Give the first day of the period."
    for text, day in zip(given, (first, last), strict=True):
        if text and day is None:
            return None, f"“{text}” is not a date: give it as YYYY-MM-DD."
    today = timezone.localdate()
    assert first is not None
    if first > today:
        return None, "The period starts after today."
    last = last or today
    if last < first:
        return None, "The last day of the period is before its first."
    try:
        window = Window.between(first, last)
        window.previous  # noqa: B018 (the stretch before must exist too)
    except PeriodError as error:
        return None, error.message
    return window, ""


def window_between(start: dt.date | None, end: dt.date | None) -> Window | None:
    """The local days from ``start`` to ``end`` (today if not given), or None for neither, as an
    API takes them; ``PeriodError`` for days that cannot be a period, or cannot be compared
    with as long a stretch before them."""
    if start is None:
        if end is not None:
            raise PeriodError("start", "Give the first day of the period with its last.")
        return None
    today = timezone.localdate()
    if start > today:
        raise PeriodError("start", "The period starts after today.")
    end = end or today
    if end < start:
        raise PeriodError("end", "The last day of the period is before its first.")
    window = Window.between(start, end)
    window.previous  # noqa: B018 (the stretch before must exist too)
    return window


def iso_date(value: str | None) -> dt.date | None:
    """The date ``value`` gives as YYYY-MM-DD, or None."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def end_of_day(day: dt.date | None, zone: dt.tzinfo) -> dt.datetime | None:
    """The moment ``day`` ends in ``zone``: the next day's first moment there."""
    if day is None:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)


def day_ended_by(moment: dt.datetime | None, zone: dt.tzinfo) -> dt.date | None:
    """The day in ``zone`` that ends at ``moment`` (``end_of_day`` turned round)."""
    if moment is None:
        return None
    return (moment.astimezone(zone) - dt.timedelta(microseconds=1)).date()


def in_working_hours(moment: dt.datetime, zone: str, opens: dt.time, closes: dt.time) -> bool:
    """Whether ``moment`` falls on a weekday between ``opens`` and ``closes`` on the clock of
    ``zone``: the customer's working hours (seed 004: respond on their schedule)."""
    local = moment.astimezone(ZoneInfo(zone))
    return local.weekday() < 5 and opens <= local.time() < closes
