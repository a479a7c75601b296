import datetime as dt

import polars as pl
import pytest

from centric.insights.metrics import Csat, Nps, readable_trend, trend, trend_periods


def responses(*rows: tuple[dt.date | dt.datetime | None, int]) -> pl.DataFrame:
    return pl.DataFrame(
        {"answered": [r[0] for r in rows], "nps": [r[1] for r in rows]},
    )


def test_it_estimates_each_month_with_its_own_n_and_interval():
    frame = responses(
        (dt.date(2024, 1, 3), 10),
        (dt.date(2024, 1, 20), 0),
        (dt.date(2024, 2, 1), 10),
        (dt.date(2024, 2, 28), 9),
    )

    result = trend(frame, Nps(), date_column="answered", period="month", min_n=1)

    assert result["period"].to_list() == [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert result["n"].to_list() == [2, 2]
    assert result["value"].to_list() == [0.0, 100.0]
    assert (result["low"] <= result["value"]).all()
    assert (result["high"] >= result["value"]).all()


def test_it_keeps_empty_periods_as_gaps():
    frame = responses((dt.date(2024, 1, 1), 10), (dt.date(2024, 3, 31), 10))

    result = trend(frame, Nps(), date_column="answered", period="month", min_n=1)

    assert result["n"].to_list() == [1, 0, 1]
    assert result["value"].to_list() == [100.0, None, 100.0]
    assert result["reason"][1] == "No responses for NPS."


def test_a_span_keeps_every_period_of_it_even_without_answers():
    frame = responses((dt.date(2024, 2, 10), 10))
    span = (dt.date(2024, 1, 5), dt.date(2024, 4, 4))

    result = trend(frame, Nps(), date_column="answered", period="month", min_n=1, span=span)

    assert result["period"].to_list() == [dt.date(2024, month, 1) for month in (1, 2, 3, 4)]
    assert result["n"].to_list() == [0, 1, 0, 0]
    empty = frame.clear()
    assert trend(empty, Nps(), date_column="answered", span=span)["n"].to_list() == [0] * 4
    # answers outside the span still count: the span only adds periods
    late = responses((dt.date(2024, 6, 2), 10))
    assert trend(late, Nps(), date_column="answered", span=span).height == 6


def test_its_weeks_start_on_monday():
    frame = responses((dt.date(2024, 5, 19), 10), (dt.date(2024, 5, 20), 10))

    result = trend(frame, Nps(), date_column="answered", period="week", min_n=1)

    assert result["period"].to_list() == [dt.date(2024, 5, 13), dt.date(2024, 5, 20)]


def test_its_quarters_group_three_months():
    frame = responses(
        (dt.date(2024, 1, 5), 10), (dt.date(2024, 3, 30), 0), (dt.date(2024, 4, 1), 9)
    )

    result = trend(frame, Nps(), date_column="answered", period="quarter", min_n=1)

    assert result["period"].to_list() == [dt.date(2024, 1, 1), dt.date(2024, 4, 1)]
    assert result["n"].to_list() == [2, 1]


def test_it_counts_a_timezone_aware_answer_in_its_own_day():
    berlin = dt.timezone(dt.timedelta(hours=2))
    frame = responses((dt.datetime(2024, 5, 1, 0, 30, tzinfo=berlin), 10)).with_columns(
        pl.col("answered").dt.convert_time_zone("Europe/Berlin")
    )

    result = trend(frame, Nps(), date_column="answered", period="day", min_n=1)

    assert result["period"].to_list() == [dt.date(2024, 5, 1)]


def test_it_flags_thin_periods_as_unreliable():
    frame = responses(*[(dt.date(2024, 1, 1), 10)] * 5)

    result = trend(frame, Nps(), date_column="answered", min_n=30)

    assert result["reliable"].to_list() == [False]


def test_it_returns_an_empty_typed_frame_without_dated_responses():
    result = trend(responses((None, 10)), Nps(), date_column="answered")

    assert result.height == 0
    assert result.schema["period"] == pl.Date


def test_it_refuses_a_text_date_column():
    frame = pl.DataFrame({"answered": ["2024-01-01"], "csat": [5]})

    with pytest.raises(ValueError, match="must be a Date or Datetime"):
        trend(frame, Csat(), date_column="answered")


def test_it_refuses_an_unknown_period():
    frame = responses((dt.date(2024, 1, 1), 10))

    with pytest.raises(ValueError, match="period must be one of"):
        trend(frame, Nps(), date_column="answered", period="year")  # type: ignore[arg-type]


def spread(per_month: dict[int, int]) -> pl.DataFrame:
    """``per_month[m]`` answers of 10 in month ``m`` of 2024, one a day from the 1st."""
    days = [dt.date(2024, m, 1 + i) for m, count in per_month.items() for i in range(count)]
    return responses(*[(day, 10) for day in days])


def test_a_trend_keeps_to_months_when_two_months_have_answers_enough():
    frame = spread({1: 5, 2: 5, 3: 5, 4: 5})

    found = readable_trend(
        frame, Nps(), date_column="answered", periods=("month", "quarter"), min_n=5
    )

    assert (found.period, found.passed_over) == ("month", ())
    assert found.rows.height == 4


def test_months_too_thin_fall_back_to_quarters_that_each_meet_the_minimum():
    # 3 a month: no month has 5; January to March has 9, April to June 9, July 3
    frame = spread({1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3})

    found = readable_trend(
        frame, Nps(), date_column="answered", periods=("month", "quarter"), min_n=5
    )

    assert (found.period, found.passed_over) == ("quarter", ("month",))
    assert found.rows["period"].to_list() == [dt.date(2024, m, 1) for m in (1, 4, 7)]
    assert found.rows["n"].to_list() == [9, 9, 3]
    # the thin quarter stays out of the line, as a thin month would
    assert found.rows["reliable"].to_list() == [True, True, False]


def test_a_quarters_interval_is_that_of_its_own_answers():
    frame = pl.concat(
        [
            responses(*[(dt.date(2024, 1 + i % 3, 1 + i), (10, 9, 3)[i % 3]) for i in range(12)]),
            responses(*[(dt.date(2024, 4 + i % 3, 1 + i), (0, 10)[i % 2]) for i in range(12)]),
        ]
    )

    found = readable_trend(
        frame, Nps(), date_column="answered", periods=("month", "quarter"), min_n=6
    )

    assert found.period == "quarter"
    by_quarter = trend(frame, Nps(), date_column="answered", period="quarter", min_n=6)
    assert found.rows.equals(by_quarter)


def test_weeks_too_thin_fall_back_past_months_to_quarters_naming_both():
    frame = spread({1: 3, 2: 3, 4: 3, 5: 3})

    found = readable_trend(
        frame, Nps(), date_column="answered", periods=("week", "month", "quarter"), min_n=5
    )

    assert (found.period, found.passed_over) == ("quarter", ("week", "month"))


def test_with_no_period_that_draws_two_points_the_finest_is_kept():
    # one quarter has answers enough: a single figure is no trend
    frame = spread({1: 3, 2: 3, 4: 1})

    found = readable_trend(
        frame, Nps(), date_column="answered", periods=("month", "quarter"), min_n=5
    )

    assert (found.period, found.passed_over) == ("month", ())
    assert not found.rows["reliable"].any()


def test_with_no_answers_the_trend_is_by_the_finest_period():
    found = readable_trend(
        responses((None, 10)).clear(),
        Nps(),
        date_column="answered",
        periods=("month", "quarter"),
        span=(dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    )

    assert (found.period, found.passed_over) == ("month", ())
    assert found.rows["n"].to_list() == [0, 0, 0]


def test_it_needs_a_period_to_choose_from():
    with pytest.raises(ValueError, match="at least one period"):
        readable_trend(responses(), Nps(), date_column="answered", periods=())


def test_a_month_is_drawn_by_week_and_anything_longer_by_month_both_falling_back():
    assert trend_periods(30) == ("week", "month", "quarter")
    assert trend_periods(31) == ("week", "month", "quarter")
    assert trend_periods(90) == ("month", "quarter")
    assert trend_periods(365) == ("month", "quarter")
