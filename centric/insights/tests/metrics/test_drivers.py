import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

from centric.insights.metrics import Ces, Csat, Nps, key_drivers


def feedback(seed: int = 2, n: int = 1500) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    billing = rng.random(n) < 0.2
    support = rng.random(n) < 0.3
    # Delivery is mostly mentioned together with support, so the two are correlated.
    delivery = np.where(support, rng.random(n) < 0.6, rng.random(n) < 0.1)
    score = np.clip(rng.integers(3, 11, n) - 4 * billing + 2 * support, 0, 10)
    return pl.DataFrame(
        {
            "nps": score,
            "csat": np.clip(score // 2, 1, 5),
            "ces": np.clip(score // 2 + 2, 1, 7),
            "billing": billing,
            "support": support,
            "delivery": delivery,
        }
    )


def test_it_matches_statsmodels_ols_with_hc3_errors():
    frame = feedback()
    themes = ["billing", "support", "delivery"]
    coded = frame.select(Nps().expression() * 100).to_series().to_numpy()
    x = sm.add_constant(frame.select(themes).to_numpy().astype(float))
    reference = sm.OLS(coded, x).fit(cov_type="HC3", use_t=True)
    intervals = reference.conf_int(0.05)

    result = key_drivers(frame, Nps(), themes=themes, correction="none")

    for index, theme in enumerate(themes, start=1):
        row = result.filter(pl.col("theme") == theme).row(0, named=True)
        assert row["effect"] == pytest.approx(reference.params[index])
        assert row["low"] == pytest.approx(intervals[index][0])
        assert row["high"] == pytest.approx(intervals[index][1])
        assert row["p_value"] == pytest.approx(reference.pvalues[index])


def test_it_ranks_the_strongest_driver_first_and_words_it_as_association():
    result = key_drivers(feedback(), Nps(), themes=["support", "billing", "delivery"])
    top = result.row(0, named=True)

    assert top["theme"] == "billing"
    assert top["effect"] < 0
    assert top["significant"]
    assert top["sentence"].startswith("Comments mentioning billing are associated with an NPS ")
    assert "points lower (95% CI " in top["sentence"]
    assert "cause" not in top["sentence"]


def test_it_holds_co_mentioned_themes_apart():
    result = key_drivers(feedback(), Nps(), themes=["billing", "support", "delivery"])
    delivery = result.filter(pl.col("theme") == "delivery").row(0, named=True)

    # Alone, delivery looks good because it rides along with support; adjusted, it is not.
    assert delivery["value_with"] > delivery["value_without"] + 5
    assert delivery["low"] < 0 < delivery["high"]
    assert delivery["sentence"].startswith("Comments mentioning delivery show no clear association")


def test_its_effect_for_a_single_theme_is_the_plain_difference():
    frame = feedback()

    row = key_drivers(frame, Csat(), themes=["billing"]).row(0, named=True)

    assert row["effect"] == pytest.approx(row["value_with"] - row["value_without"])


def test_it_works_for_a_mean_metric_in_its_own_points():
    row = key_drivers(feedback(), Ces(), themes=["billing"]).row(0, named=True)

    assert -7 < row["effect"] < 0
    assert "a CES 0." in row["sentence"] or "a CES 1." in row["sentence"]


def test_it_does_not_estimate_a_rare_theme():
    frame = feedback().with_columns(pl.Series("refund", [True] * 3 + [False] * 1497))

    row = (
        key_drivers(frame, Nps(), themes=["billing", "refund"])
        .filter(pl.col("theme") == "refund")
        .row(0, named=True)
    )

    assert row["effect"] is None
    assert row["reliable"] is False
    assert row["sentence"].startswith("Too few comments mention refund")


def test_it_says_when_a_theme_cannot_be_told_apart_from_another():
    frame = feedback().with_columns(pl.col("support").alias("helpdesk"))

    result = key_drivers(frame, Nps(), themes=["support", "helpdesk", "billing"])
    unseparated = result.filter(pl.col("effect").is_null())

    assert unseparated.height == 1
    assert "cannot be told apart" in unseparated["sentence"][0]


def test_it_treats_a_missing_theme_flag_as_not_mentioned():
    frame = feedback().with_columns(
        pl.when(pl.col("billing")).then(True).otherwise(None).alias("billing")
    )

    row = key_drivers(frame, Nps(), themes=["billing"]).row(0, named=True)

    assert row["mentions"] == feedback()["billing"].sum()


def test_it_refuses_a_theme_column_that_is_not_boolean():
    frame = feedback().with_columns(pl.col("billing").cast(pl.Int64))

    with pytest.raises(ValueError, match="must be Boolean"):
        key_drivers(frame, Nps(), themes=["billing"])


def test_an_interval_never_reaches_past_the_largest_possible_difference():
    # ten detractors and promoters mixed among the mentions, promoters everywhere else: the
    # interval's t-based half-width is wider than the room left on the scale
    mentioned = [True] * 10 + [False] * 30
    scores = [0, 10, 0, 0, 10, 0, 0, 0, 10, 0] + [10] * 30
    frame = pl.DataFrame({"nps": scores, "billing": mentioned})
    row = key_drivers(frame, Nps(), themes=["billing"]).row(0, named=True)
    assert row["effect"] == pytest.approx(-140.0)
    assert row["low"] == -200.0
    assert -140.0 < row["high"] < 0.0


def test_themes_that_nearly_always_come_together_are_read_together_not_split():
    rng = np.random.default_rng(5)
    n = 3000
    together = rng.random(n) < 0.4  # a complaint that names all three at once
    alone = rng.random(n) < 0.01  # a handful name one of them alone
    frame = pl.DataFrame(
        {
            "nps": rng.integers(0, 11, n),
            "delivery": together | (alone & (rng.random(n) < 0.33)),
            "staff": together | (alone & (rng.random(n) < 0.33)),
            "reliability": together | (alone & (rng.random(n) < 0.33)),
            "billing": rng.random(n) < 0.2,
        }
    )

    result = key_drivers(frame, Nps(), themes=["delivery", "staff", "reliability", "billing"])

    entangled = result.filter(pl.col("sentence").str.contains("nearly always mention"))
    assert entangled.height == 2
    assert entangled["effect"].is_null().all()
    assert not entangled["reliable"].any()
    assert "read them together" in entangled["sentence"][0]
    estimated = result.filter(pl.col("reliable"))
    assert set(estimated["theme"]) >= {"billing"}
    assert estimated.height == 2
    assert (estimated["effect"].abs() < 30).all()  # no score moves with random comments
