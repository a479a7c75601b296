import numpy as np
import polars as pl
import pytest

from centric.insights.metrics import Ces, Csat, Nps, compare, key_drivers


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


@pytest.mark.parametrize("metric", [Nps(), Csat(), Ces()], ids=["nps", "csat", "ces"])
def test_it_tests_each_theme_as_two_groups_are_compared(metric):
    # the segment comparisons' test for the metric: adjusted-Wald for NPS, Newcombe and the
    # two-proportion z-test for CSAT, Welch's t-test for CES (each checked in test_compare)
    frame = feedback()
    themes = ["billing", "support", "delivery"]

    result = key_drivers(frame, metric, themes=themes, correction="none")

    for theme in themes:
        reference = compare(frame.filter(pl.col(theme)), frame.filter(~pl.col(theme)), metric)
        row = result.filter(pl.col("theme") == theme).row(0, named=True)
        assert row["effect"] == pytest.approx(reference.difference)
        assert (row["low"], row["high"]) == pytest.approx((reference.low, reference.high))
        assert row["p_value"] == pytest.approx(reference.p_value)
        assert (row["value_with"], row["value_without"]) == pytest.approx(
            (reference.value_a, reference.value_b)
        )


def test_a_theme_whose_comments_all_score_alike_keeps_its_own_uncertainty():
    # every comment about refunds is a detractor's: the plain variance of that group is zero,
    # which left only the other comments' uncertainty in the interval
    rng = np.random.default_rng(4)
    rest = rng.integers(0, 11, 900)
    frame = pl.DataFrame({"nps": [0] * 104 + list(rest), "refunds": [True] * 104 + [False] * 900})
    coded = frame.select(Nps().expression() * 100).to_series().to_numpy()[104:]
    rest_alone = 1.96 * coded.std(ddof=1) / np.sqrt(len(coded))

    row = key_drivers(frame, Nps(), themes=["refunds"]).row(0, named=True)

    assert row["value_with"] == -100.0
    assert (row["high"] - row["low"]) / 2 > 1.15 * rest_alone


def test_it_ranks_the_strongest_driver_first_and_words_it_as_association():
    result = key_drivers(feedback(), Nps(), themes=["support", "billing", "delivery"])
    top = result.row(0, named=True)

    assert top["theme"] == "billing"
    assert top["effect"] < 0
    assert top["significant"]
    assert top["sentence"].startswith("Comments mentioning billing are associated with an NPS ")
    assert "points lower (95% CI " in top["sentence"]
    assert "cause" not in top["sentence"]


def test_an_effect_never_contradicts_the_scores_beside_it():
    # nearly every comment has one theme; the few with none are all promoters. Measured
    # against those few (a regression's comparison group), every theme looked far worse
    # than the comments that do not mention it.
    rng = np.random.default_rng(3)
    n = 600
    theme = rng.integers(0, 3, n)
    none = rng.random(n) < 0.02
    score = np.where(none, 10, np.where(theme == 0, rng.integers(5, 11, n), rng.integers(0, 9, n)))
    frame = pl.DataFrame(
        {
            "nps": score,
            "billing": (theme == 0) & ~none,
            "delivery": (theme == 1) & ~none,
            "price": (theme == 2) & ~none,
        }
    )

    result = key_drivers(frame, Nps(), themes=["billing", "delivery", "price"])

    for row in result.iter_rows(named=True):
        assert row["effect"] == pytest.approx(row["value_with"] - row["value_without"])
    billing = result.filter(pl.col("theme") == "billing").row(0, named=True)
    assert billing["effect"] > 0
    assert billing["sentence"].startswith("Comments mentioning billing are associated with an NPS ")
    assert "points higher" in billing["sentence"]


def test_a_theme_and_its_sub_theme_each_keep_their_own_comparison():
    frame = feedback().with_columns(
        (pl.col("billing") & (pl.col("nps") < 3)).alias("billing errors")
    )

    result = key_drivers(frame, Nps(), themes=["billing", "billing errors"])
    billing = result.filter(pl.col("theme") == "billing").row(0, named=True)

    # alone and beside its sub-theme, billing reads the same
    alone = key_drivers(frame, Nps(), themes=["billing"]).row(0, named=True)
    assert billing["effect"] == pytest.approx(alone["effect"])
    assert billing["effect"] < 0


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
    # ten detractors mention billing, ten promoters do not: the largest difference there is
    frame = pl.DataFrame({"nps": [0] * 10 + [10] * 10, "billing": [True] * 10 + [False] * 10})
    row = key_drivers(frame, Nps(), themes=["billing"]).row(0, named=True)
    assert row["effect"] == pytest.approx(-200.0)
    assert row["low"] == -200.0
    assert -200.0 < row["high"] < -100.0
