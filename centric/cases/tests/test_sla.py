from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centric.cases.sla import (
    Calendar,
    add_business_time,
    business_time_between,
    is_working,
    next_opening,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS_9_TO_5 = {day: (time(9), time(17)) for day in range(5)}

berlin_office = Calendar(
    "Europe/Berlin",
    WEEKDAYS_9_TO_5,
    holidays=frozenset(
        {date(2024, 5, 1), date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}
    ),
)
new_york_office = Calendar("America/New_York", WEEKDAYS_9_TO_5)
# Every night 01:00-04:00 in Berlin, so the DST changes (at 02:00 / 03:00) fall inside working time.
berlin_night_shift = Calendar("Europe/Berlin", {day: (time(1), time(4)) for day in range(7)})


def berlin(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


# Worked examples


def test_friday_afternoon_plus_two_hours_is_monday_morning():
    deadline = add_business_time(berlin_office, berlin(2024, 3, 8, 16), hours(2))
    assert deadline == berlin(2024, 3, 11, 10)
    assert deadline.tzinfo == BERLIN


def test_a_holiday_is_skipped():
    # Wednesday 1 May is a holiday: Tuesday 16:00 + 2h is Thursday 10:00.
    assert add_business_time(berlin_office, berlin(2024, 4, 30, 16), hours(2)) == berlin(
        2024, 5, 2, 10
    )


def test_a_start_at_night_counts_from_the_next_opening():
    assert add_business_time(berlin_office, berlin(2024, 3, 12, 3), hours(1)) == berlin(
        2024, 3, 12, 10
    )


def test_a_deadline_that_ends_a_day_is_the_closing_time():
    assert add_business_time(berlin_office, berlin(2024, 3, 8, 9), hours(8)) == berlin(
        2024, 3, 8, 17
    )


def test_a_zero_duration_starts_at_the_next_opening_but_stays_at_a_closing_time():
    saturday = berlin(2024, 3, 9, 12)
    assert add_business_time(berlin_office, saturday, timedelta(0)) == berlin(2024, 3, 11, 9)
    closing = berlin(2024, 3, 8, 17)
    assert add_business_time(berlin_office, closing, timedelta(0)) == closing


def test_a_weekend_with_a_dst_change_still_counts_only_working_hours():
    # Clocks go forward on Sunday 31 March 2024 in Berlin: the deadline is 10:00 CEST (08:00 UTC).
    deadline = add_business_time(berlin_office, berlin(2024, 3, 29, 16), hours(2))
    assert deadline == datetime(2024, 4, 1, 8, tzinfo=UTC)
    assert deadline.utcoffset() == hours(2)


def test_working_hours_on_a_dst_day_are_real_elapsed_time():
    spring_forward, fall_back = date(2024, 3, 31), date(2024, 10, 27)
    for day, expected in [(spring_forward, hours(2)), (fall_back, hours(4))]:
        midnight = datetime.combine(day, time(0), tzinfo=BERLIN)
        assert business_time_between(berlin_night_shift, midnight, midnight + hours(12)) == expected
    start = berlin(2024, 3, 31, 1)
    assert add_business_time(berlin_night_shift, start, hours(2)) == berlin(2024, 3, 31, 4)


def test_a_new_york_calendar_from_a_utc_start():
    # 20:00 UTC on Friday 8 March is 15:00 EST; New York moves to EDT on Sunday 10 March.
    deadline = add_business_time(new_york_office, datetime(2024, 3, 8, 20, tzinfo=UTC), hours(3))
    assert deadline == datetime(2024, 3, 11, 10, tzinfo=NEW_YORK)
    assert deadline == datetime(2024, 3, 11, 14, tzinfo=UTC)
    assert deadline.tzinfo == NEW_YORK


def test_business_time_between_counts_only_working_time():
    friday, monday = berlin(2024, 3, 8, 16), berlin(2024, 3, 11, 10)
    assert business_time_between(berlin_office, friday, monday) == hours(2)
    assert business_time_between(berlin_office, monday, monday) == timedelta(0)


def test_is_working_includes_the_opening_and_excludes_the_closing():
    assert is_working(berlin_office, berlin(2024, 3, 8, 9))
    assert not is_working(berlin_office, berlin(2024, 3, 8, 17))
    assert not is_working(berlin_office, berlin(2024, 3, 9, 12))  # Saturday
    assert not is_working(berlin_office, berlin(2024, 5, 1, 12))  # holiday
    assert is_working(berlin_office, datetime(2024, 3, 8, 8, tzinfo=UTC))  # 09:00 in Berlin


def test_next_opening_is_the_moment_itself_during_working_hours():
    assert next_opening(berlin_office, berlin(2024, 3, 8, 12)) == berlin(2024, 3, 8, 12)
    assert next_opening(berlin_office, berlin(2024, 3, 8, 17)) == berlin(2024, 3, 11, 9)
    assert next_opening(berlin_office, berlin(2024, 12, 24, 18)) == berlin(2024, 12, 27, 9)


def test_it_refuses_naive_datetimes():
    naive = datetime(2024, 3, 8, 12)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="start must be a timezone-aware datetime"):
        add_business_time(berlin_office, naive, hours(1))
    with pytest.raises(ValueError, match="end must be a timezone-aware datetime"):
        business_time_between(berlin_office, berlin(2024, 3, 8, 12), naive)
    with pytest.raises(ValueError, match="moment must be a timezone-aware datetime"):
        is_working(berlin_office, naive)
    with pytest.raises(ValueError, match="moment must be a timezone-aware datetime"):
        next_opening(berlin_office, naive)


def test_it_refuses_a_negative_duration_and_an_end_before_the_start():
    with pytest.raises(ValueError, match="duration must not be negative"):
        add_business_time(berlin_office, berlin(2024, 3, 8, 12), hours(-1))
    with pytest.raises(ValueError, match="is before start"):
        business_time_between(berlin_office, berlin(2024, 3, 8, 12), berlin(2024, 3, 8, 11))


@pytest.mark.parametrize(
    ("time_zone", "hours_by_day", "message"),
    [
        ("Europe/Berlin", {}, "at least one weekday"),
        ("Mars/Olympus_Mons", WEEKDAYS_9_TO_5, "unknown time zone"),
        ("Europe/Berlin", {7: (time(9), time(17))}, "weekday 7 is not 0"),
        ("Europe/Berlin", {0: (time(17), time(9))}, "is not before closing"),
        ("Europe/Berlin", {0: (time(9, tzinfo=UTC), time(17))}, "without tzinfo"),
    ],
)
def test_it_refuses_an_invalid_calendar(time_zone, hours_by_day, message):
    with pytest.raises(ValueError, match=message):
        Calendar(time_zone, hours_by_day)


def test_a_calendar_is_hashable_and_unaffected_by_later_changes_to_its_inputs():
    hours_by_day = dict(WEEKDAYS_9_TO_5)
    calendar = Calendar("Europe/Berlin", hours_by_day)
    hours_by_day[5] = (time(9), time(17))
    assert 5 not in calendar.hours
    assert hash(calendar) == hash(Calendar("Europe/Berlin", WEEKDAYS_9_TO_5))


# Properties

calendars = st.sampled_from([berlin_office, new_york_office, berlin_night_shift])
starts = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive; zones come below
    max_value=datetime(2026, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, BERLIN, ZoneInfo("Asia/Tokyo")]),
    allow_imaginary=False,
)
durations = st.timedeltas(min_value=timedelta(0), max_value=hours(120))
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def is_closing_time(calendar, moment):
    local = moment.astimezone(calendar.zone)
    day_hours = calendar.hours.get(local.weekday())
    return (
        day_hours is not None
        and local.date() not in calendar.holidays
        and local.time() == day_hours[1]
    )


@PROPERTY_SETTINGS
@given(calendars, starts, durations)
def test_the_deadline_is_never_before_the_start(calendar, start, duration):
    deadline = add_business_time(calendar, start, duration)
    # two times in one zone compare by the clock, which runs twice through an hour when it goes
    # back (02:00 after the change is later than 02:24 before it): these tests compare instants
    assert deadline.astimezone(UTC) >= start.astimezone(UTC)


def test_a_deadline_after_the_clocks_go_back_is_later_though_it_reads_earlier():
    # Berlin, 27 Oct 2024: 03:00 summer time becomes 02:00 winter time. 36 minutes of business
    # time from 02:24 summer time end at 02:00 winter time, 36 minutes later
    hours = {day: (time(1, 0), time(4, 0)) for day in range(7)}
    calendar = Calendar(time_zone="Europe/Berlin", hours=hours, holidays=frozenset())
    start = datetime(2024, 10, 27, 2, 24, tzinfo=BERLIN)
    deadline = add_business_time(calendar, start, timedelta(minutes=36))
    assert deadline.astimezone(UTC) - start.astimezone(UTC) == timedelta(minutes=36)
    assert (deadline.hour, deadline.minute, deadline.fold) == (2, 0, 1)


@PROPERTY_SETTINGS
@given(calendars, starts, durations)
def test_the_business_time_to_the_deadline_is_the_duration(calendar, start, duration):
    deadline = add_business_time(calendar, start, duration)
    assert business_time_between(calendar, start, deadline) == duration


@PROPERTY_SETTINGS
@given(calendars, starts, durations, durations)
def test_a_longer_duration_never_gives_an_earlier_deadline(calendar, start, a, b):
    shorter, longer = sorted([a, b])
    sooner = add_business_time(calendar, start, shorter)
    assert sooner.astimezone(UTC) <= add_business_time(calendar, start, longer).astimezone(UTC)


@PROPERTY_SETTINGS
@given(calendars, starts, durations, durations)
def test_adding_a_then_b_is_adding_a_plus_b(calendar, start, a, b):
    in_two_steps = add_business_time(calendar, add_business_time(calendar, start, a), b)
    assert in_two_steps == add_business_time(calendar, start, a + b)


@PROPERTY_SETTINGS
@given(calendars, starts, durations)
def test_the_deadline_is_in_working_hours_or_at_a_closing_time(calendar, start, duration):
    deadline = add_business_time(calendar, start, duration)
    assert is_working(calendar, deadline) or is_closing_time(calendar, deadline)


@PROPERTY_SETTINGS
@given(calendars, starts)
def test_next_opening_is_a_working_moment_at_or_after_the_given_one(calendar, start):
    opening = next_opening(calendar, start)
    assert opening.astimezone(UTC) >= start.astimezone(UTC)
    assert is_working(calendar, opening)
    assert business_time_between(calendar, start, opening) == timedelta(0)
