"""The fine-tuned engine. Training runs only where the ``embeddings`` extra is installed, on
small data and few steps, so each test trains in seconds; what the engine reaches on real data
is measured by ``make bench-insights``.
"""

import pickle
import socket

import numpy as np
import pytest

from centric.insights.text import (
    CalibratedSentiment,
    Taxonomy,
    Theme,
    ThemeClassifier,
    ThemeSentimentClassifier,
    embeddings_available,
)
from centric.insights.text.finetuning import FineTuning, _batches

needs_extra = pytest.mark.skipif(not embeddings_available(), reason="the embeddings extra")

TAXONOMY = Taxonomy(
    (Theme("food", "", ("food",)), Theme("service", "", ("waiter",)), Theme("other", "")),
    fallback="other",
)
QUICK = FineTuning(epochs=8, batch_size=8, learning_rate=1e-4)


def test_a_pass_takes_every_example_once_in_batches_of_like_length():
    lengths = np.random.default_rng(1).integers(1, 500, size=1003)
    batches = _batches(lengths, 16, np.random.default_rng(0))
    assert sorted(np.concatenate(batches).tolist()) == list(range(1003))
    assert max(len(batch) for batch in batches) == 16
    # within a batch the lengths are close: sorted within pools, not spread over the range
    spread = np.mean([np.ptp(lengths[batch]) for batch in batches])
    assert spread < 0.2 * np.ptp(lengths)
    # and each pass is shuffled anew
    again = _batches(lengths, 16, np.random.default_rng(1))
    assert [b.tolist() for b in again] != [b.tolist() for b in batches]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"fine-tuning tried the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def themes():
    texts = [
        "the burrito was cold",
        "loved the tacos",
        "our waiter forgot us",
        "the hostess was rude",
        "we came for a birthday",
        "first visit on a friday",
    ] * 3
    labels = [["food"], ["food"], ["service"], ["service"], ["other"], ["other"]] * 3
    return ThemeClassifier(TAXONOMY, at_least_one=True, engine="fine-tuned", fine_tuning=QUICK).fit(
        texts, labels
    )


@needs_extra
def test_fine_tuned_themes_read_comments_they_never_saw(themes):
    assert themes.predict(["the soup was delicious", "the waitress was so friendly"]) == [
        ["food"],
        ["service"],
    ]
    chances = themes.predict_proba(["the soup was delicious"])[0]
    assert set(chances) == {"food", "service", "other"}
    assert chances["food"] > 0.5 > chances["service"]


@needs_extra
def test_a_fine_tuned_model_pickles_with_its_weights(themes):
    copy = pickle.loads(pickle.dumps(themes))  # noqa: S301 - our own object, just pickled
    comments = ["the soup was delicious", "our waiter was slow"]
    assert np.allclose(copy.tuned_.predict_proba(comments), themes.tuned_.predict_proba(comments))


@needs_extra
def test_fine_tuned_theme_sentiment_depends_on_the_theme_asked_about():
    mixed = ["great food, rude waiter"] * 2 + ["awful food, lovely waiter"] * 2
    themes = ["food", "service"] * 2
    labels = ["positive", "negative", "negative", "positive"]
    model = ThemeSentimentClassifier(TAXONOMY, engine="fine-tuned", fine_tuning=QUICK)
    model.fit(mixed * 6, themes * 6, labels * 6)
    assert model.predict(mixed, themes) == labels


@needs_extra
def test_fine_tuned_calibration_learns_the_scores_meaning():
    texts = ["I love it", "wonderful, thank you", "I hate it", "terrible, never again"] * 4
    labels = ["positive", "positive", "negative", "negative"] * 4
    model = CalibratedSentiment(engine="fine-tuned", fine_tuning=QUICK).fit(texts, labels)
    assert model.predict(["absolutely fantastic", "dreadful experience"]) == [
        "positive",
        "negative",
    ]
    assert model.scores(["absolutely fantastic"])[0] > 0
