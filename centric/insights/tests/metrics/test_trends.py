import datetime as dt

import polars as pl
import pytest

from centric.insights.metrics import Csat, Nps, trend


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
