import pytest

from centric.insights.text import CalibratedSentiment, SentimentAnalyzer, labels_from_scores

# In this community "sick" is praise and "basic" an insult, unlike in the general lexicon.
TEXTS = [
    "this deck is sick",
    "sick tricks all day, sick board",
    "so sick, thanks",
    "the grip is sick",
    "pretty basic deck",
    "basic and boring, basic",
    "the grip is basic",
    "so basic",
] * 4
LABELS = ["positive"] * 4 + ["negative"] * 4


def test_it_learns_how_these_customers_write():
    model = CalibratedSentiment(seed=0).fit(TEXTS, LABELS * 4)
    assert SentimentAnalyzer().analyze("a sick deck").label == "negative"
    assert model.predict(["a sick deck", "a basic deck"]) == ["positive", "negative"]


def test_it_is_reproducible_with_a_seed():
    first = CalibratedSentiment(seed=3).fit(TEXTS, LABELS * 4).predict_proba(["sick grip"])
    second = CalibratedSentiment(seed=3).fit(TEXTS, LABELS * 4).predict_proba(["sick grip"])
    assert first.tolist() == second.tolist()


def test_its_scores_stay_within_minus_one_and_one():
    scores = CalibratedSentiment().fit(TEXTS, LABELS * 4).scores(["sick", "basic", ""])
    assert all(-1 <= s <= 1 for s in scores)
    assert scores[0] > 0 > scores[1]


def test_it_turns_ratings_into_labels_and_skips_the_middle():
    assert labels_from_scores([5, 4, 3, 2, None, 1], positive_at=4, negative_at=2) == [
        "positive",
        "positive",
        None,
        "negative",
        None,
        "negative",
    ]


def test_it_skips_unlabelled_comments_and_needs_both_labels():
    model = CalibratedSentiment().fit([*TEXTS, "no score"], [*LABELS * 4, None])
    assert model.predict(["sick"]) == ["positive"]
    with pytest.raises(ValueError, match="both"):
        CalibratedSentiment().fit(["good", "fine"], ["positive", "positive"])
