import datetime as dt

import numpy as np
import polars as pl
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from centric.insights.metrics import (
    CentricityIndex,
    Csat,
    MeanScore,
    Nps,
    centricity_index,
    ces,
    ces_easy,
    csat,
    estimate,
    nps,
)


def scores(*values: int | None) -> pl.Series:
    return pl.Series("score", list(values), dtype=pl.Int64)


def test_it_computes_nps_as_promoters_minus_detractors_in_points():
    # 4 promoters (9, 10), 3 passives (7, 8), 3 detractors (0-6) out of 10.
    result = nps(scores(10, 9, 10, 9, 8, 7, 7, 6, 0, 3), min_n=1)

    assert result.value == pytest.approx(10.0)
    assert result.n == 10
    assert result.low is not None
    assert result.high is not None
    assert result.low < 10.0 < result.high


def test_its_nps_interval_is_the_adjusted_wald_interval():
    result = nps(scores(*([10] * 50 + [8] * 30 + [2] * 20)))
    # Hand computation: add 3/4 promoter, 3/4 detractor and 3 responses.
    p, d, n = 50.75 / 103, 20.75 / 103, 103
    half = stats.norm.ppf(0.975) * np.sqrt((p + d - (p - d) ** 2) / n)

    assert result.value == pytest.approx(30.0)
    assert result.low == pytest.approx(100 * (p - d - half))
    assert result.high == pytest.approx(100 * (p - d + half))


def test_it_reports_too_few_responses():
    result = nps(scores(10, 10, 9, 2), min_n=30)

    assert result.reliable is False
    assert result.reason == "Only 4 responses; at least 30 are needed for a reliable NPS."
    assert "only 4 responses" in result.describe()
    assert nps(scores(10), min_n=30).reason == (
        "Only 1 response; at least 30 are needed for a reliable NPS."
    )


def test_it_trusts_a_figure_once_it_reaches_the_minimum_n():
    result = nps(scores(*([9] * 30)), min_n=30)

    assert result.reliable is True
    assert result.reason is None
    assert result.describe().startswith("NPS 100 (95% CI ")


def test_it_says_so_when_there_are_no_responses():
    result = nps(scores(None, None))

    assert result.n == 0
    assert result.value is None
    assert result.low is None
    assert result.reliable is False
    assert result.describe() == "NPS: no responses yet."


def test_it_skips_unanswered_questions():
    assert nps(scores(10, None, 0, None), min_n=1).n == 2


def test_it_refuses_scores_off_the_scale():
    with pytest.raises(ValueError, match="between 0 and 10; column 'score' holds 11"):
        nps(scores(10, 11))


def test_it_refuses_a_text_column():
    with pytest.raises(ValueError, match="must be numeric"):
        nps(pl.Series("score", ["10"]))


def test_it_refuses_a_missing_column():
    with pytest.raises(ValueError, match="needs a column 'csat'"):
        estimate(pl.DataFrame({"other": [1]}), Csat())


def test_its_csat_is_the_top_two_box_share_with_a_wilson_interval():
    ratings = pl.Series("csat", [5] * 40 + [4] * 20 + [3] * 25 + [1] * 15)
    result = csat(ratings)
    low, high = proportion_confint(60, 100, alpha=0.05, method="wilson")

    assert result.value == pytest.approx(60.0)
    assert result.low == pytest.approx(100 * low)
    assert result.high == pytest.approx(100 * high)
    assert result.method == "Wilson score interval"


def test_its_csat_interval_stays_open_when_everyone_is_satisfied():
    result = csat(pl.Series("csat", [5] * 40))

    assert result.value == 100.0
    assert result.high == pytest.approx(100.0)
    assert result.low is not None
    assert result.low < 95.0


def test_its_ces_is_a_mean_with_a_t_interval():
    efforts = np.array([7, 6, 6, 5, 4, 7, 3, 6, 5, 7, 2, 6] * 3, dtype=float)
    result = ces(pl.Series("ces", efforts))
    low, high = stats.t.interval(
        0.95, len(efforts) - 1, loc=efforts.mean(), scale=stats.sem(efforts)
    )

    assert result.value == pytest.approx(efforts.mean())
    assert result.low == pytest.approx(low)
    assert result.high == pytest.approx(high)
    assert result.describe().startswith(f"CES {efforts.mean():.1f} (95% CI ")


def test_its_ces_interval_stays_on_the_scale():
    result = ces(pl.Series("ces", [7, 7, 7, 6]), min_n=1)

    assert result.high == 7.0


def test_a_single_effort_answer_has_a_value_but_no_interval():
    result = ces(pl.Series("ces", [5]), min_n=1)

    assert result.value == 5.0
    assert result.low is None
    assert result.describe() == "CES 5.0 (n = 1)."


def test_its_ces_easy_share_counts_five_to_seven():
    result = ces_easy(pl.Series("ces", [5, 6, 7, 4, 1]), min_n=1)

    assert result.value == pytest.approx(60.0)


def test_its_centricity_index_rescales_and_averages_the_three_subscores():
    frame = pl.DataFrame(
        {
            "discovery": [5, 1, 3, None],
            "service": [5, 1, 4, 5],
            "engagement": [5, 1, 2, 5],
        }
    )
    result = centricity_index(frame, min_n=1)

    # Respondents score 100, 0 and 50; the one who skipped discovery is left out.
    assert result.n == 3
    assert result.value == pytest.approx(50.0)
    per_respondent = np.array([100.0, 0.0, 50.0])
    low, _ = stats.t.interval(0.95, 2, loc=50.0, scale=stats.sem(per_respondent))
    assert result.low == pytest.approx(max(0.0, low))


def test_its_centricity_index_accepts_a_ten_point_scale():
    frame = pl.DataFrame({"d": [10, 0], "s": [10, 0], "e": [10, 0]})
    index = CentricityIndex(discovery="d", service="s", engagement="e", low=0, high=10)

    assert estimate(frame, index, min_n=1).value == pytest.approx(50.0)


def test_its_average_score_is_a_mean_with_a_t_interval():
    ratings = np.array([4, 5, 3, 4, 2, 5, 4, 3] * 4, dtype=float)
    result = estimate(pl.DataFrame({"score": ratings}), MeanScore(low=1, high=5))
    low, high = stats.t.interval(
        0.95, len(ratings) - 1, loc=ratings.mean(), scale=stats.sem(ratings)
    )

    assert result.value == pytest.approx(ratings.mean())
    assert result.low == pytest.approx(low)
    assert result.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("low", "high", "answers"),
    [(1, 5, [5, 5, 4]), (1, 7, [1, 1, 2]), (0, 10, [10, 10, 9])],
)
def test_its_average_score_interval_stays_on_the_scale_the_answers_were_given_on(
    low: int, high: int, answers: list[int]
):
    # At n = 3 the t interval reaches past the end of the scale the answers lie near.
    ratings = np.array(answers, dtype=float)
    t_low, t_high = stats.t.interval(0.95, 2, loc=ratings.mean(), scale=stats.sem(ratings))
    assert t_low < low or t_high > high

    result = estimate(pl.DataFrame({"score": answers}), MeanScore(low=low, high=high), min_n=1)

    assert MeanScore(low=low, high=high).bounds == (low, high)
    assert result.low == pytest.approx(max(low, t_low))
    assert result.high == pytest.approx(min(high, t_high))


def test_it_refuses_an_average_score_whose_scale_runs_nowhere():
    with pytest.raises(ValueError, match="must be above low"):
        MeanScore(low=5, high=5)


def test_it_refuses_a_confidence_outside_zero_and_one():
    with pytest.raises(ValueError, match="confidence"):
        nps(scores(10), confidence=95)


def test_it_reads_dates_it_does_not_need():
    frame = pl.DataFrame({"nps": [10, 0], "when": [dt.date(2024, 1, 1), None]})

    assert estimate(frame, Nps(), min_n=1).value == 0.0


def test_it_refuses_a_csat_scale_too_short_for_a_top_two_box():
    with pytest.raises(ValueError, match="at least 3 points"):
        Csat(low=1, high=2)
