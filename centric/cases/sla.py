"""Business-hours arithmetic for SLAs. Pure Python; imports no Django.

A `Calendar` says when an organisation works: an IANA time zone, opening and closing times per
weekday (Monday is 0) and holidays. Only working time counts towards an SLA:

    berlin = Calendar("Europe/Berlin", {day: (time(9), time(17)) for day in range(5)})
    add_business_time(berlin, friday_at_4pm, timedelta(hours=2))  # Monday 10:00, Berlin time

Working periods are half-open, [opening, closing): a calendar is not working at its closing time,
but a deadline may fall exactly on it. Durations are real elapsed time, so an hour of work is an
hour on the clock even on the day the clocks change. Results are in the calendar's time zone.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "Calendar",
    "add_business_time",
    "business_time_between",
    "is_working",
    "next_opening",
]


@dataclass(frozen=True)
class Calendar:
    """When an organisation works. `hours` maps a weekday (Monday is 0) to its opening and
    closing wall-clock times; a day that is missing, or listed in `holidays`, is not worked.
    One period per day, within the day (no overnight shifts)."""

    time_zone: str
    hours: Mapping[int, tuple[time, time]]
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {self.time_zone!r}") from None
        if not self.hours:
            raise ValueError("a calendar needs working hours on at least one weekday")
        for weekday, (opens, closes) in self.hours.items():
            if weekday not in range(7):
                raise ValueError(f"weekday {weekday!r} is not 0 (Monday) to 6 (Sunday)")
            if opens.tzinfo is not None or closes.tzinfo is not None:
                raise ValueError(f"weekday {weekday}: hours are wall-clock times, without tzinfo")
            if opens >= closes:
                raise ValueError(
                    f"weekday {weekday}: opening {opens} is not before closing {closes}"
                )
        # Copies, so that changing the caller's dict or set later cannot change the calendar.
        object.__setattr__(self, "hours", MappingProxyType(dict(self.hours)))
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    def __hash__(self) -> int:
        return hash((self.time_zone, tuple(sorted(self.hours.items())), self.holidays))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def add_business_time(calendar: Calendar, start: datetime, duration: timedelta) -> datetime:
    """The deadline: the moment when `duration` of working time has passed since `start`.
    A start outside working hours counts from the next opening. A deadline that ends a working
    period is that period's closing time, not the next opening."""
    _require_aware(start, "start")
    if duration < timedelta(0):
        raise ValueError(f"duration must not be negative, got {duration}")
    remaining = duration
    cursor = start.astimezone(UTC)
    for opens, closes in _periods(calendar, cursor):
        begins = max(opens, cursor)
        available = closes - begins
        if remaining <= available:
            return (begins + remaining).astimezone(calendar.zone)
        remaining -= available
    raise AssertionError("unreachable: a valid calendar has periods without end")


def business_time_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """The working time in [start, end]: the inverse of `add_business_time`."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = timedelta(0)
    for opens, closes in _periods(calendar, start):
        if opens >= end:
            return total
        total += min(closes, end) - max(opens, start)
    raise AssertionError("unreachable: a valid calendar has periods without end")


def is_working(calendar: Calendar, moment: datetime) -> bool:
    """Whether `moment` falls in a working period (its opening counts, its closing does not)."""
    _require_aware(moment, "moment")
    moment = moment.astimezone(UTC)
    period = _period_on(calendar, moment.astimezone(calendar.zone).date())
    return period is not None and period[0] <= moment < period[1]


def next_opening(calendar: Calendar, moment: datetime) -> datetime:
    """The first working moment at or after `moment`: `moment` itself while the calendar is
    working, otherwise the opening of the next working period."""
    _require_aware(moment, "moment")
    moment = moment.astimezone(UTC)
    for opens, closes in _periods(calendar, moment):
        if moment < closes:
            return max(opens, moment).astimezone(calendar.zone)
    raise AssertionError("unreachable: a valid calendar has periods without end")


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{name} must be a timezone-aware datetime, got naive {moment.isoformat()}"
        )


def _periods(calendar: Calendar, after: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The working periods, in UTC, that end at or after `after`, in order, without end.
    Periods lie within their local day, so none before the local date of `after` can qualify."""
    day = after.astimezone(calendar.zone).date()
    while True:
        period = _period_on(calendar, day)
        if period is not None and period[1] >= after:
            yield period
        day += timedelta(days=1)


def _period_on(calendar: Calendar, day: date) -> tuple[datetime, datetime] | None:
    """The working period on a local date, as UTC instants, or None on a day off.

    Arithmetic happens in UTC because Python subtracts datetimes that share a tzinfo by wall
    clock, which would gain or lose an hour across a DST change. A wall-clock time that does not
    exist (skipped by a DST change) resolves to the instant it would have been before the change.
    """
    hours = calendar.hours.get(day.weekday())
    if hours is None or day in calendar.holidays:
        return None
    zone = calendar.zone
    opens = datetime.combine(day, hours[0], tzinfo=zone).astimezone(UTC)
    closes = datetime.combine(day, hours[1], tzinfo=zone).astimezone(UTC)
    # Hours that fall entirely in a DST gap leave nothing to work that day.
    return (opens, closes) if opens < closes else None
