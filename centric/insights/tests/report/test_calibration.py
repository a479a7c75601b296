import polars as pl
import pytest

from centric.insights.report import Scale
from centric.insights.report.calibration import CalibrationError, calibrate, score_labels


@pytest.mark.parametrize(
    ("scale", "negative", "positive"),
    [
        (Scale("nps", 0, 10), [0, 1, 2, 3, 4, 5, 6], [9, 10]),
        (Scale("stars", 1, 5), [1, 2], [4, 5]),
        (Scale("ces", 1, 7), [1, 2], [6, 7]),
    ],
)
def test_the_ends_of_each_scale_teach_and_the_middle_does_not(scale, negative, positive):
    scores = pl.DataFrame({"score": [float(s) for s in range(scale.low, scale.high + 1)]})
    labels = dict(
        zip(
            scores["score"], scores.select(score_labels(scale).alias("label"))["label"], strict=True
        )
    )
    assert [s for s, label in labels.items() if label == "negative"] == negative
    assert [s for s, label in labels.items() if label == "positive"] == positive


def test_blank_comments_teach_nothing():
    table = pl.DataFrame({"text": ["fine"] * 30 + ["  "] * 30, "score": [5.0] * 30 + [1.0] * 30})
    with pytest.raises(CalibrationError, match="this file has 30 and 0"):
        calibrate(table, Scale("stars", 1, 5))
