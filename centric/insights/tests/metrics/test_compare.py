import numpy as np
import polars as pl
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from centric.insights.metrics import Ces, Csat, Nps, compare, compare_segments
from centric.insights.metrics.scores import summarise


def survey(seed: int = 6, n: int = 2400) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    segment = rng.choice(["enterprise", "mid-market", "smb", "public"], n, p=[0.1, 0.3, 0.3, 0.3])
    # Enterprise customers are happier; the other segments are alike.
    nps = np.where(segment == "enterprise", rng.integers(4, 11, n), rng.integers(0, 11, n))
    return pl.DataFrame(
        {
            "segment": segment,
            "nps": nps,
            "csat": rng.integers(1, 6, n),
            "ces": rng.integers(1, 8, n),
        }
    )


def test_it_finds_the_segment_that_really_differs():
    result = compare_segments(survey(), Nps(), segment_column="segment")
    significant = result.filter(pl.col("significant"))

    assert significant["segment"].to_list() == ["enterprise"]
    assert significant["difference"][0] > 0
    assert significant["sentence"][0].startswith("enterprise: NPS ")
    assert "higher than the rest" in significant["sentence"][0]
    assert "Holm correction across 4 segments" in significant["sentence"][0]


def test_it_corrects_the_p_values_for_the_number_of_segments():
    result = compare_segments(survey(), Csat(), segment_column="segment", correction="fdr_bh")

    expected = multipletests(result["p_value"].to_numpy(), method="fdr_bh")[1]
    assert result["p_adjusted"].to_numpy() == pytest.approx(expected)


def test_it_compares_each_segment_with_all_other_responses():
    frame = survey()
    result = compare_segments(frame, Ces(), segment_column="segment").filter(
        pl.col("segment") == "smb"
    )
    inside = frame.filter(pl.col("segment") == "smb")["ces"].to_numpy().astype(float)
    outside = frame.filter(pl.col("segment") != "smb")["ces"].to_numpy().astype(float)
    reference = stats.ttest_ind(inside, outside, equal_var=False)

    assert result["rest_n"][0] == len(outside)
    assert result["rest_value"][0] == pytest.approx(outside.mean())
    assert result["p_value"][0] == pytest.approx(reference.pvalue)


def test_it_does_not_test_a_segment_with_too_few_responses():
    frame = pl.concat(
        [
            survey(),
            pl.DataFrame(
                {"segment": ["tiny"] * 3, "nps": [0, 0, 0], "csat": [1] * 3, "ces": [1] * 3}
            ),
        ]
    )

    result = compare_segments(frame, Nps(), segment_column="segment", min_n=30)
    tiny = result.filter(pl.col("segment") == "tiny")

    assert tiny["p_value"][0] is None
    assert tiny["reliable"][0] is False
    assert tiny["significant"][0] is False
    assert "too few responses" in tiny["sentence"][0]
    assert "across 4 segments" in result.filter(pl.col("significant"))["sentence"][0]


def test_it_leaves_rows_without_a_segment_out():
    frame = survey().with_columns(
        pl.when(pl.col("segment") == "public")
        .then(None)
        .otherwise(pl.col("segment"))
        .alias("segment")
    )

    result = compare_segments(frame, Nps(), segment_column="segment")

    assert sorted(result["segment"].to_list()) == ["enterprise", "mid-market", "smb"]
    assert result["n"].sum() == frame["segment"].drop_nulls().len()


def test_it_compares_two_groups_and_names_the_test():
    frame = survey()
    a, b = frame.filter(pl.col("segment") == "enterprise"), frame.filter(pl.col("segment") == "smb")

    result = compare(a, b, Nps())

    assert result.difference == pytest.approx(result.value_a - result.value_b)
    assert result.low < result.difference < result.high
    assert result.significant
    assert result.test.startswith("two-sample z-test on the trinomial difference")


def test_comparing_the_other_way_round_flips_the_sign_only():
    frame = survey()
    a, b = frame.filter(pl.col("segment") == "public"), frame.filter(pl.col("segment") == "smb")

    forward, backward = compare(a, b, Csat()), compare(b, a, Csat())

    assert forward.difference == pytest.approx(-backward.difference)
    assert forward.p_value == pytest.approx(backward.p_value)


def test_it_refuses_to_compare_an_empty_group():
    with pytest.raises(ValueError, match="both groups need responses"):
        compare(survey(), pl.DataFrame({"nps": []}, schema={"nps": pl.Int64}), Nps())


def test_the_rest_of_a_segment_is_summarised_exactly():
    frame = survey()
    inside = summarise(frame.filter(pl.col("segment") == "smb"), Ces())
    outside = summarise(frame.filter(pl.col("segment") != "smb"), Ces())

    rest = summarise(frame, Ces()).minus(inside)

    assert rest.n == outside.n
    assert rest.mean == pytest.approx(outside.mean)
    assert rest.variance == pytest.approx(outside.variance)


def test_a_difference_of_one_point_is_said_in_the_singular():
    # two segments whose NPS differ by exactly one point: 50% and 49% promoters, no detractors
    frame = pl.DataFrame(
        {
            "segment": ["a"] * 100 + ["b"] * 100,
            "nps": [10] * 50 + [8] * 50 + [10] * 49 + [8] * 51,
        }
    )

    sentences = compare_segments(frame, Nps(), segment_column="segment")["sentence"].to_list()

    assert any("(1 point," in s or "(−1 point," in s for s in sentences), sentences
    assert not any(" 1 points" in s for s in sentences)
