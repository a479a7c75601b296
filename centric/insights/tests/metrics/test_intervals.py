import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from centric.insights.metrics.intervals import (
    nps_difference,
    nps_interval,
    t_interval,
    two_proportion_difference,
    welch_difference,
    wilson_interval,
)


@pytest.mark.parametrize(("successes", "n"), [(0, 10), (1, 10), (37, 80), (80, 80), (3, 1000)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_its_wilson_interval_matches_statsmodels(successes, n, confidence):
    expected = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")

    assert wilson_interval(successes, n, confidence) == pytest.approx(expected)


def test_its_t_interval_matches_scipy():
    values = np.array([3.0, 5.0, 4.0, 6.0, 7.0, 2.0, 5.0])
    expected = stats.t.interval(0.9, 6, loc=values.mean(), scale=stats.sem(values))

    assert t_interval(values.mean(), values.var(ddof=1), 7, 0.9) == pytest.approx(expected)


def test_its_welch_test_matches_scipy():
    rng = np.random.default_rng(7)
    a, b = rng.normal(4.0, 1.0, 40), rng.normal(4.6, 2.0, 25)
    expected = stats.ttest_ind(a, b, equal_var=False)
    interval = expected.confidence_interval(0.95)

    result = welch_difference((a.mean(), a.var(ddof=1), 40), (b.mean(), b.var(ddof=1), 25), 0.95)

    assert result.difference == pytest.approx(a.mean() - b.mean())
    assert result.p_value == pytest.approx(expected.pvalue)
    assert (result.low, result.high) == pytest.approx((interval.low, interval.high))


def test_its_two_proportion_test_matches_statsmodels():
    _, expected_p = proportions_ztest([45, 30], [100, 90])
    expected_interval = confint_proportions_2indep(45, 100, 30, 90, method="newcomb")

    result = two_proportion_difference((45, 100), (30, 90), 0.95)

    assert result.difference == pytest.approx(0.45 - 30 / 90)
    assert result.p_value == pytest.approx(expected_p)
    assert (result.low, result.high) == pytest.approx(expected_interval)


def test_two_groups_that_all_agree_show_no_difference():
    result = two_proportion_difference((20, 20), (35, 35), 0.95)

    assert result.p_value == 1.0
    assert result.low < 0.0 < result.high


def test_its_nps_difference_agrees_with_a_welch_test_on_large_samples():
    rng = np.random.default_rng(3)
    a = rng.choice([1, 0, -1], 4000, p=[0.5, 0.3, 0.2])
    b = rng.choice([1, 0, -1], 3000, p=[0.45, 0.3, 0.25])
    reference = stats.ttest_ind(a, b, equal_var=False)

    result = nps_difference(
        (int((a == 1).sum()), int((a == -1).sum()), 4000),
        (int((b == 1).sum()), int((b == -1).sum()), 3000),
        0.95,
    )

    assert result.difference == pytest.approx(a.mean() - b.mean())
    assert result.p_value == pytest.approx(reference.pvalue, rel=0.05)


def test_its_nps_interval_covers_the_true_score_about_95_percent_of_the_time():
    rng = np.random.default_rng(11)
    true_promoters, true_detractors, n = 0.55, 0.15, 40
    draws = rng.multinomial(
        n, [true_promoters, 1 - true_promoters - true_detractors, true_detractors], 2000
    )
    covered = [
        low <= true_promoters - true_detractors <= high
        for low, high in (nps_interval(int(p), int(d), n, 0.95) for p, _, d in draws)
    ]

    assert 0.93 <= np.mean(covered) <= 0.975


def test_its_nps_interval_is_not_zero_width_when_everyone_agrees():
    low, high = nps_interval(12, 0, 12, 0.95)

    assert high == 1.0
    assert low < 0.8
