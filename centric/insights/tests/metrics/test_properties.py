"""Invariants that must hold for any answers, checked on generated data."""

import datetime as dt

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from centric.insights.metrics import (
    Ces,
    Csat,
    Nps,
    Period,
    ces,
    compare,
    csat,
    key_drivers,
    nps,
    readable_trend,
    trend,
)
from centric.insights.metrics.intervals import wilson_interval
from centric.insights.metrics.scores import summarise

FAST = settings(max_examples=60, deadline=None)

nps_answers = st.lists(st.integers(0, 10), min_size=1, max_size=200)
csat_answers = st.lists(st.integers(1, 5), min_size=1, max_size=200)
ces_answers = st.lists(st.integers(1, 7), min_size=2, max_size=200)
confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99])


def width(result):
    return result.high - result.low


@FAST
@given(nps_answers, confidences)
def test_nps_and_its_interval_stay_within_minus_and_plus_one_hundred(answers, confidence):
    result = nps(pl.Series("nps", answers), confidence=confidence, min_n=1)

    assert result.low is not None
    assert result.value is not None
    assert result.high is not None
    assert -100.0 <= result.low <= result.value <= result.high <= 100.0


@FAST
@given(csat_answers, confidences)
def test_csat_and_its_interval_stay_within_zero_and_one_hundred(answers, confidence):
    result = csat(pl.Series("csat", answers), confidence=confidence, min_n=1)

    assert result.low is not None
    assert result.value is not None
    assert result.high is not None
    assert 0.0 <= result.low <= result.value <= result.high <= 100.0


@FAST
@given(ces_answers, confidences)
def test_ces_interval_contains_the_mean_and_stays_on_the_scale(answers, confidence):
    result = ces(pl.Series("ces", answers), confidence=confidence, min_n=1)

    assert result.low is not None
    assert result.value is not None
    assert result.high is not None
    assert 1.0 <= result.low <= result.value <= result.high <= 7.0
    assert result.value == pytest.approx(np.mean(answers))


@FAST
@given(nps_answers, st.randoms(use_true_random=False))
def test_the_order_of_answers_does_not_matter(answers, random):
    shuffled = list(answers)
    random.shuffle(shuffled)

    assert nps(pl.Series("nps", answers)) == nps(pl.Series("nps", shuffled))


@FAST
@given(nps_answers, st.integers(2, 5))
def test_nps_interval_narrows_as_the_same_answers_grow_in_number(answers, times):
    small = nps(pl.Series("nps", answers), min_n=1)
    large = nps(pl.Series("nps", answers * times), min_n=1)

    assert large.value == pytest.approx(small.value)
    assert width(large) <= width(small) + 1e-9


@FAST
@given(csat_answers, st.integers(2, 5))
def test_csat_interval_narrows_as_the_same_answers_grow_in_number(answers, times):
    small = csat(pl.Series("csat", answers), min_n=1)
    large = csat(pl.Series("csat", answers * times), min_n=1)

    assert width(large) <= width(small) + 1e-9


@FAST
@given(ces_answers, st.integers(2, 5))
def test_ces_interval_narrows_as_the_same_answers_grow_in_number(answers, times):
    small = ces(pl.Series("ces", answers), min_n=1)
    large = ces(pl.Series("ces", answers * times), min_n=1)

    assert width(large) <= width(small) + 1e-9


@FAST
@given(nps_answers, st.integers(1, 100))
def test_a_figure_is_reliable_exactly_when_it_reaches_the_minimum_n(answers, min_n):
    result = nps(pl.Series("nps", answers), min_n=min_n)

    assert result.reliable == (len(answers) >= min_n)
    assert (result.reason is None) == result.reliable


@FAST
@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))), confidences)
def test_wilson_interval_always_matches_statsmodels(counts, confidence):
    successes, n = counts
    expected = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")

    assert wilson_interval(successes, n, confidence) == pytest.approx(expected, abs=1e-12)


@FAST
@given(nps_answers, nps_answers)
def test_swapping_two_groups_only_flips_the_sign(first, second):
    a, b = pl.DataFrame({"nps": first}), pl.DataFrame({"nps": second})

    forward, backward = compare(a, b, Nps()), compare(b, a, Nps())

    assert forward.difference == pytest.approx(-backward.difference)
    assert forward.p_value == pytest.approx(backward.p_value)
    assert forward.low <= forward.difference <= forward.high


@FAST
@given(ces_answers, ces_answers)
def test_the_rest_of_a_group_is_summarised_as_if_counted_directly(part, rest):
    whole = summarise(pl.DataFrame({"ces": part + rest}), Ces())

    derived = whole.minus(summarise(pl.DataFrame({"ces": part}), Ces()))
    direct = summarise(pl.DataFrame({"ces": rest}), Ces())

    assert derived.n == direct.n
    assert derived.mean == pytest.approx(direct.mean)
    assert derived.variance == pytest.approx(direct.variance, abs=1e-9)


@FAST
@given(st.lists(st.tuples(st.integers(1, 5), st.booleans()), min_size=4, max_size=150))
def test_a_single_theme_effect_is_the_with_minus_without_difference(rows):
    frame = pl.DataFrame({"csat": [r[0] for r in rows], "billing": [r[1] for r in rows]})

    row = key_drivers(frame, Csat(), themes=["billing"], min_mentions=2).row(0, named=True)

    if row["effect"] is not None:
        assert row["effect"] == pytest.approx(row["value_with"] - row["value_without"])
        assert row["low"] <= row["effect"] <= row["high"]


dated_answers = st.lists(
    st.tuples(st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), st.integers(0, 10)),
    max_size=200,
)
PERIODS: tuple[Period, ...] = ("week", "month", "quarter")


@FAST
@given(dated_answers, st.integers(1, 12))
def test_a_readable_trend_is_by_the_finest_period_with_two_points_of_answers_enough(answers, min_n):
    frame = pl.DataFrame(
        {"day": [day for day, _ in answers], "nps": [score for _, score in answers]},
        schema={"day": pl.Date, "nps": pl.Int64},
    )

    def reliable_points(period):
        by = trend(frame, Nps(), date_column="day", period=period, min_n=min_n)
        return int(by["reliable"].sum())

    found = readable_trend(frame, Nps(), date_column="day", periods=PERIODS, min_n=min_n)

    chosen = PERIODS.index(found.period)
    assert found.passed_over == PERIODS[:chosen]
    assert all(reliable_points(period) < 2 for period in found.passed_over)
    if found.passed_over:
        assert reliable_points(found.period) >= 2
    elif reliable_points(found.period) < 2:
        assert all(reliable_points(period) < 2 for period in PERIODS)
    # the points are the period's own trend: every one drawn has min_n answers or more
    assert found.rows.equals(
        trend(frame, Nps(), date_column="day", period=found.period, min_n=min_n)
    )
    assert (found.rows.filter(pl.col("reliable"))["n"] >= min_n).all()
