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


def test_each_language_with_scores_enough_learns_from_its_own_comments():
    english = [f"Order {n} was glorbed again." for n in range(25)]
    german = [f"Bestellung {n} wurde wieder verbummelt." for n in range(25)]
    praise = [f"Order {n} came on time, thank you." for n in range(25)]
    lob = [f"Bestellung {n} kam pünktlich, vielen Dank." for n in range(25)]
    french = [f"Commande {n} livrée à l'heure, merci." for n in range(5)]
    table = pl.DataFrame(
        {
            "text": english + german + praise + lob + french,
            "score": [1.0] * 50 + [5.0] * 55,
        }
    )
    learnt = calibrate(table, Scale("stars", 1, 5))
    assert sorted(learnt.model) == ["de", "en"]  # too few in French
    assert learnt.model["de"].language == "de"
    assert (learnt.positive, learnt.negative) == (50, 50)
    assert "each of English and German by its own" in str(learnt)
    assert learnt.model["de"].predict(["Mein Paket wurde verbummelt."]) == ["negative"]


def test_too_few_in_every_language_names_the_counts_of_each():
    table = pl.DataFrame(
        {
            "text": ["Great, thanks."] * 30 + ["Sehr gut, vielen Dank."] * 10 + ["Bad."] * 5,
            "score": [5.0] * 40 + [1.0] * 5,
        }
    )
    with pytest.raises(CalibrationError, match="in one language; this file has English 30 and 5"):
        calibrate(table, Scale("stars", 1, 5))
