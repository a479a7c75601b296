import datetime as dt
import functools

import numpy as np
import polars as pl
import pytest
from scipy import stats

from centric.insights.metrics import MEANINGFUL_SHIFT, sentiment_shifts, volume_spikes

START = np.datetime64("2024-01-01")


def comments(
    rng: np.random.Generator,
    *,
    weeks: int,
    per_week: float,
    rates: dict[str, float],
    spike: tuple[str, int, float] | None = None,
) -> pl.DataFrame:
    """Comments spread over ``weeks`` weeks, each theme mentioned at its own rate."""
    sizes = rng.poisson(per_week, weeks)
    week = np.repeat(np.arange(weeks), sizes)
    days = START + week * 7 + rng.integers(0, 7, week.size)
    columns: dict[str, object] = {"created": days.astype("datetime64[D]")}
    for theme, rate in rates.items():
        p = np.full(week.size, rate)
        if spike and spike[0] == theme:
            p[week == spike[1]] = spike[2]
        columns[theme] = rng.random(week.size) < p
    return pl.DataFrame(columns)


def test_it_raises_an_alarm_for_a_theme_that_spikes():
    rng = np.random.default_rng(4)
    frame = comments(
        rng,
        weeks=20,
        per_week=300,
        rates={"billing": 0.1, "support": 0.2},
        spike=("billing", 17, 0.3),
    )

    result = volume_spikes(frame, date_column="created", themes=["billing", "support"])
    alarms = result.filter(pl.col("alarm"))

    assert alarms["theme"].to_list() == ["billing"]
    assert alarms["period"].to_list() == [dt.date(2024, 1, 1) + dt.timedelta(weeks=17)]
    assert alarms["sentence"][0].startswith("billing: ")
    assert "times its baseline" in alarms["sentence"][0]


def test_more_comments_overall_is_not_a_spike():
    rng = np.random.default_rng(8)
    quiet = comments(rng, weeks=12, per_week=200, rates={"billing": 0.1})
    busy = comments(rng, weeks=1, per_week=1000, rates={"billing": 0.1}).with_columns(
        pl.col("created") + pl.duration(weeks=12)
    )

    result = volume_spikes(pl.concat([quiet, busy]), date_column="created", themes=["billing"])

    assert result.filter(pl.col("period") == dt.date(2024, 3, 25))["count"][0] > 60
    assert not result["alarm"].any()


def test_it_checks_only_periods_with_enough_baseline():
    rng = np.random.default_rng(1)
    frame = comments(rng, weeks=10, per_week=50, rates={"billing": 0.1})

    result = volume_spikes(
        frame, date_column="created", themes=["billing"], baseline_periods=6, min_baseline_periods=4
    )

    assert result["period"].min() == dt.date(2024, 1, 1) + dt.timedelta(weeks=4)
    assert result.height == 6


def test_its_false_alarm_rate_holds_on_stationary_volumes():
    rng = np.random.default_rng(2024)
    rate, runs, any_alarm, cells, cell_alarms = 0.1, 60, 0, 0, 0
    themes = {f"theme{i}": r for i, r in enumerate([0.01, 0.03, 0.05, 0.1, 0.2, 0.3] * 2)}
    for _ in range(runs):
        frame = comments(rng, weeks=26, per_week=150, rates=themes)
        result = volume_spikes(
            frame,
            date_column="created",
            themes=list(themes),
            false_alarm_rate=rate,
            min_count=1,
            min_ratio=1.0,
        )
        any_alarm += bool(result["alarm"].any())
        cells += result.height
        cell_alarms += int((result["p_value"] < rate).sum())

    # Corrected: the chance of any alarm in a whole table stays at or below the rate.
    assert any_alarm / runs <= rate + 0.08
    # Uncorrected, each single check alarms at or below the rate (discreteness helps).
    assert cell_alarms / cells <= rate + 0.01


def sentiments(
    rng: np.random.Generator, *, weeks: int, per_week: int, drop: tuple[str, int] | None = None
) -> pl.DataFrame:
    themes = rng.choice(["billing", "support", "delivery"], weeks * per_week)
    week = np.repeat(np.arange(weeks), per_week)
    scores = rng.normal(0.2, 0.5, weeks * per_week)
    if drop:
        scores[(themes == drop[0]) & (week == drop[1])] -= 0.5
    return pl.DataFrame(
        {
            "created": (START + week * 7).astype("datetime64[D]"),
            "theme": themes,
            "sentiment": scores,
        }
    )


def test_it_raises_an_alarm_when_a_themes_sentiment_drops():
    rng = np.random.default_rng(6)
    frame = sentiments(rng, weeks=16, per_week=150, drop=("billing", 14))

    result = sentiment_shifts(
        frame, date_column="created", theme_column="theme", sentiment_column="sentiment"
    )
    alarms = result.filter(pl.col("alarm"))

    assert alarms["theme"].to_list() == ["billing"]
    assert alarms["period"].to_list() == [dt.date(2024, 1, 1) + dt.timedelta(weeks=14)]
    assert alarms["sentence"][0].startswith("billing: sentiment fell to ")


def test_a_detectable_but_negligible_shift_is_no_alarm_at_the_meaningful_size():
    # thousands of mentions a week make a move of 0.02 significant; it means nothing
    rng = np.random.default_rng(3)
    frame = sentiments(rng, weeks=12, per_week=30_000)
    frame = frame.with_columns(
        pl.when(pl.col("created") == pl.col("created").max())
        .then(pl.col("sentiment") + 0.02)
        .otherwise(pl.col("sentiment"))
    )
    shifts = functools.partial(
        sentiment_shifts, frame, date_column="created", theme_column="theme",
        sentiment_column="sentiment", direction="both",
    )  # fmt: skip

    assert shifts()["alarm"].any()
    assert not shifts(min_difference=MEANINGFUL_SHIFT)["alarm"].any()


def test_its_false_alarm_rate_holds_on_stationary_sentiment():
    rng = np.random.default_rng(99)
    rate, runs, any_alarm, cells, cell_alarms = 0.1, 60, 0, 0, 0
    for _ in range(runs):
        frame = sentiments(rng, weeks=20, per_week=40)
        result = sentiment_shifts(
            frame,
            date_column="created",
            theme_column="theme",
            sentiment_column="sentiment",
            direction="both",
            false_alarm_rate=rate,
        )
        any_alarm += bool(result["alarm"].any())
        cells += result.height
        cell_alarms += int((result["p_value"] < rate).sum())

    assert any_alarm / runs <= rate + 0.08
    assert cell_alarms / cells <= rate + 0.015


def test_it_refuses_a_false_alarm_rate_outside_zero_and_one():
    frame = pl.DataFrame({"created": [dt.date(2024, 1, 1)], "billing": [True]})

    with pytest.raises(ValueError, match="false_alarm_rate"):
        volume_spikes(frame, date_column="created", themes=["billing"], false_alarm_rate=5)


def test_it_returns_an_empty_typed_frame_without_comments():
    frame = pl.DataFrame(schema={"created": pl.Date, "billing": pl.Boolean})

    result = volume_spikes(frame, date_column="created", themes=["billing"])

    assert result.height == 0
    assert result.schema["alarm"] == pl.Boolean


def test_its_sentiment_test_matches_scipys_pooled_t_test():
    rng = np.random.default_rng(12)
    frame = sentiments(rng, weeks=10, per_week=60)
    result = sentiment_shifts(
        frame,
        date_column="created",
        theme_column="theme",
        sentiment_column="sentiment",
        baseline_periods=4,
    )
    row = result.filter(pl.col("theme") == "support").row(-1, named=True)
    start = row["period"]
    support = frame.filter(pl.col("theme") == "support")
    now = support.filter(pl.col("created") == start)["sentiment"].to_numpy()
    before = support.filter(
        pl.col("created").is_between(start - dt.timedelta(weeks=4), start, closed="left")
    )["sentiment"].to_numpy()

    reference = stats.ttest_ind(now, before, equal_var=True, alternative="less")

    assert row["baseline_n"] == before.size
    assert row["p_value"] == pytest.approx(reference.pvalue)


def test_a_week_that_raised_an_alarm_is_left_out_of_later_baselines():
    rng = np.random.default_rng(21)
    frame = comments(
        rng, weeks=16, per_week=300, rates={"billing": 0.1}, spike=("billing", 12, 0.5)
    )

    result = volume_spikes(frame, date_column="created", themes=["billing"])
    after = result.filter(pl.col("period") == dt.date(2024, 1, 1) + dt.timedelta(weeks=13)).row(
        0, named=True
    )
    weeks = frame.with_columns(week=(pl.col("created") - dt.date(2024, 1, 1)).dt.total_days() // 7)
    usual = weeks.filter(pl.col("week").is_between(5, 11))

    assert result.filter(pl.col("alarm"))["period"].to_list() == [
        dt.date(2024, 1, 1) + dt.timedelta(weeks=12)
    ]
    # the spike's week is no part of what is usual for the week after it
    assert after["expected"] == pytest.approx(
        usual["billing"].sum() / usual.height * after["comments"]
    )


def test_the_week_after_an_incident_does_not_read_as_a_rise():
    rng = np.random.default_rng(22)
    frame = sentiments(rng, weeks=16, per_week=150)
    incident = pl.DataFrame(
        {
            "created": [dt.date(2024, 1, 1) + dt.timedelta(weeks=12)] * 300,
            "theme": ["billing"] * 300,
            "sentiment": rng.normal(-0.7, 0.3, 300),
        }
    )

    result = sentiment_shifts(
        pl.concat([frame.with_columns(pl.col("created").cast(pl.Date)), incident]),
        date_column="created",
        theme_column="theme",
        sentiment_column="sentiment",
        direction="both",
        min_difference=MEANINGFUL_SHIFT,
    )
    billing = result.filter(pl.col("theme") == "billing")
    alarms = billing.filter(pl.col("alarm"))
    after = billing.filter(pl.col("period") == dt.date(2024, 1, 1) + dt.timedelta(weeks=13))

    assert alarms["period"].to_list() == [dt.date(2024, 1, 1) + dt.timedelta(weeks=12)]
    assert alarms["sentence"][0].startswith("billing: sentiment fell")
    # the week after is judged against the usual weeks, without the incident's 300 mentions
    assert after["baseline_n"][0] < 8 * 150
    assert abs(after["baseline_mean"][0] - 0.2) < 0.1
