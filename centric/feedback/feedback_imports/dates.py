"""Reading the dates in feedback files: ISO 8601 (``2024-03-31``, ``2024-03-31 14:05``, with or
without a zone), dates with dots (``31.03.2024``, day first), dates with slashes in the order the
mapping says (``31/03/2024 14:05`` day first, ``03/31/2024 2:05 PM`` month first) and Excel's
serial numbers (``45382``: days since 1899-12-30, what a date cell holds once its date format is
lost). A date without a zone is in the organisation's."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import polars as pl

UTC_DATETIME = pl.Datetime("us", "UTC")
# which comes first in a date written with slashes (03/04/2024), as the mapping says
DATE_ORDERS = {"day": "Day first (31/12/2024)", "month": "Month first (12/31/2024)"}
SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/\d{4}\b")
# a date's numbers as each form writes them, to say which of them cannot be
SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\b")
DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")
# the date the messages write in each form they ask for
EXAMPLE_DATE = datetime(2024, 3, 31, 14, 5)  # noqa: DTZ001 - only ever written out
# the forms Polars reads, each tried on the dates the ones before could not read; anything else
# goes to ``date_read``, which also knows ISO 8601's rarer forms. True: the date has its zone.
ISO_FORMATS = {
    "%Y-%m-%d %H:%M": False,
    "%Y-%m-%d %H:%M:%S": False,
    "%Y-%m-%d": False,
    "%Y-%m-%dT%H:%M:%S": False,
    "%Y-%m-%dT%H:%M:%S%#z": True,
    "%Y-%m-%d %H:%M:%S%#z": True,
    "%Y-%m-%dT%H:%M:%S%.f%#z": True,
    "%Y-%m-%dT%H:%M": False,
    "%Y-%m-%d %H:%M:%S%.f": False,
    "%Y-%m-%dT%H:%M:%S%.f": False,
}
TIMES = ("", " %H:%M", " %H:%M:%S")
TWELVE_HOUR_TIMES = (" %I:%M %p", " %I:%M:%S %p")  # what American exports write
# Only numbers between 1970 and 2100 are read as Excel's serial dates, so that a year (2024) or a
# Unix time (1709251200) in a date column is still reported as not a date.
EXCEL_DAY_0 = datetime(1899, 12, 30)  # noqa: DTZ001 - a spreadsheet's dates have no zone
EXCEL_SERIALS = (25_569, 73_051)
SECONDS_A_DAY = 86_400


def local_formats(order: str = "day") -> tuple[str, ...]:
    """The forms of dates without a zone besides ISO 8601's: with dots, always day first
    (31.12.2024), and with slashes in ``order`` ("day" or "month"), each with a time or not."""
    slashed = "%d/%m/%Y" if order == "day" else "%m/%d/%Y"
    return (
        *(f"%d.%m.%Y{time}" for time in TIMES),
        *(f"{slashed}{time}" for time in TIMES + TWELVE_HOUR_TIMES),
    )


def dates_read(texts: pl.Series, *, time_zone: str, order: str = "day") -> pl.Series:
    """``texts`` read as dates, in UTC; null where empty or not a date. Each of Polars' forms is
    tried only on the dates the ones before could not read, and Python reads the rest (ISO 8601's
    rarer forms, and times skipped by a change to summer time) as ``date_read`` does."""
    dates = pl.Series("dates", [None] * len(texts), dtype=UTC_DATETIME)
    unread = (texts != "").arg_true()
    formats = ISO_FORMATS | dict.fromkeys(local_formats(order), False)
    for date_format, has_zone in formats.items():
        if unread.is_empty():
            return dates
        read = texts.gather(unread).str.strptime(
            UTC_DATETIME if has_zone else pl.Datetime("us"), date_format, strict=False
        )
        if not has_zone:
            read = read.dt.replace_time_zone(
                time_zone, ambiguous="earliest", non_existent="null"
            ).dt.convert_time_zone("UTC")
        found = read.is_not_null()
        dates.scatter(unread.filter(found), read.filter(found))
        unread = unread.filter(~found)
    if not unread.is_empty():
        serials = _serial_dates(texts.gather(unread)).dt.replace_time_zone(
            time_zone, ambiguous="earliest", non_existent="null"
        )
        found = serials.is_not_null()
        dates.scatter(unread.filter(found), serials.filter(found).dt.convert_time_zone("UTC"))
        unread = unread.filter(~found)
    zone = ZoneInfo(time_zone)
    for index in unread:
        parsed = date_read(texts[index], zone, order)
        if parsed is not None:
            dates.scatter(index, parsed.astimezone(UTC))
    return dates


def date_read(raw: str, zone: ZoneInfo, order: str = "day") -> datetime | None:
    """One date as Python reads it, in its own zone or else in ``zone``."""
    parsed = _parsed(raw.strip(), order)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def _serial_dates(texts: pl.Series) -> pl.Series:
    """``texts`` read as Excel serial dates, to the second, without a zone; null where not."""
    days = texts.str.strip_chars().cast(pl.Float64, strict=False)
    seconds = pl.when(days.is_between(*EXCEL_SERIALS)).then((days * SECONDS_A_DAY).round())
    return pl.select(
        pl.lit(EXCEL_DAY_0, dtype=pl.Datetime("us")) + pl.duration(seconds=seconds.cast(pl.Int64))
    ).to_series()


def date_problem(raw: str, order: str) -> str:
    """Why ``raw`` is not a date read in ``order`` ("day" or "month" first), and how to write one
    that is: a day or month that does not exist is named, a date with slashes that reads in the
    other order says to choose that order, and every message ends with the forms ``order`` reads."""
    text = raw.strip()
    impossible = _impossible_part(text, order)
    message = f"“{raw}” is not a date: {impossible}." if impossible else f"“{raw}” is not a date."
    other = "month" if order == "day" else "day"
    if SLASHED.match(text) and date_read(text, ZoneInfo("UTC"), other) is not None:
        message += (
            f" If this file writes the {other} first, choose “{_order_name(other)}” as its date "
            "order."
        )
    return f"{message} With “{_order_name(order)}” chosen, write {date_forms(order)}."


def date_forms(order: str) -> str:
    """Examples of the forms of dates read in ``order``, as files write them: the time of a date
    with slashes on a 24-hour clock day first, on a 12-hour clock month first (as American
    exports write it)."""
    day = EXAMPLE_DATE
    slashed = f"{day:%d/%m/%Y}" if order == "day" else f"{day:%m/%d/%Y}"
    time = f"{day:%H:%M}" if order == "day" else f"{day:%I:%M %p}".lstrip("0")
    return f"{slashed}, {slashed} {time}, {day:%d.%m.%Y}, {day:%Y-%m-%d} or {day:%Y-%m-%d %H:%M}"


def _order_name(order: str) -> str:
    """ "Day first", as the mapping page names the order."""
    return DATE_ORDERS[order].split(" (")[0]


def _impossible_part(text: str, order: str) -> str:
    """The part of a text written as a date is that cannot be: "month 13 does not exist", "April
    has 30 days"; empty when every part can be, or ``text`` is not written as a date is."""
    for pattern, parts in (
        (ISO_DAY, "ymd"),
        (DOTTED_DAY, "dmy"),
        (SLASHED_DAY, "dmy" if order == "day" else "mdy"),
    ):
        found = pattern.match(text)
        if found is not None:
            number = dict(zip(parts, map(int, found.groups()), strict=True))
            break
    else:
        return ""
    day, month, year = number["d"], number["m"], number["y"]
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    if not 1 <= day <= 31:
        return f"day {day} does not exist"
    days = calendar.monthrange(year, month)[1]
    if day <= days:
        return ""
    name = calendar.month_name[month]
    return f"{name} {year} has {days} days" if month == 2 else f"{name} has {days} days"


def _parsed(text: str, order: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        days = float(text)
    except ValueError:
        pass
    else:
        if EXCEL_SERIALS[0] <= days <= EXCEL_SERIALS[1]:
            return EXCEL_DAY_0 + timedelta(seconds=round(days * SECONDS_A_DAY))
    for date_format in local_formats(order):
        try:
            return datetime.strptime(text, date_format)  # noqa: DTZ007 - made aware by the caller
        except ValueError:
            continue
    return None
