import subprocess
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from centric.insights.text import (
    CalibratedSentiment,
    Taxonomy,
    Theme,
    ThemeClassifier,
    ThemeSentimentClassifier,
    encoders,
)
from centric.insights.text.encoders import Encoder, resolve_engine


class WordHashes:
    """A stand-in encoder: each word lights one of 32 dimensions; records what it read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.read.extend(texts)
        vectors = np.zeros((len(texts), 32))
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, zlib.crc32(word.encode()) % 32] += 1.0
        return vectors


TAXONOMY = Taxonomy(
    (Theme("food", "", ("food",)), Theme("service", "", ("waiter",)), Theme("other", "")),
    fallback="other",
)


def test_the_light_engine_needs_no_encoder():
    assert resolve_engine("light") is None


def test_a_caller_can_bring_its_own_encoder():
    encoder = WordHashes()
    assert isinstance(encoder, Encoder)
    assert resolve_engine(encoder) is encoder


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="light, embeddings, auto, fine-tuned"):
        resolve_engine("bert")


def test_fine_tuning_is_not_an_encoder():
    with pytest.raises(ValueError, match="not an encoder"):
        resolve_engine("fine-tuned")


def test_without_the_extra_auto_falls_back_and_embeddings_says_how_to_install(monkeypatch):
    monkeypatch.setattr(encoders, "embeddings_available", lambda: False)
    assert resolve_engine("auto") is None
    with pytest.raises(ImportError, match=r"centric\[embeddings\]"):
        resolve_engine("embeddings")


@pytest.mark.parametrize(
    "fit",
    [
        lambda: CalibratedSentiment(engine="fine-tuned").fit(
            ["good", "bad"], ["positive", "negative"]
        ),
        lambda: ThemeClassifier(TAXONOMY, engine="fine-tuned").fit(["hot food"], [["food"]]),
        lambda: ThemeSentimentClassifier(TAXONOMY, engine="fine-tuned").fit(
            ["hot food"], ["food"], ["positive"]
        ),
    ],
    ids=["calibration", "themes", "theme sentiment"],
)
def test_without_the_extra_fine_tuning_says_how_to_install(monkeypatch, fit):
    monkeypatch.setattr(encoders, "embeddings_available", lambda: False)
    with pytest.raises(ImportError, match=r"centric\[embeddings\]"):
        fit()


def test_the_light_engine_never_imports_pytorch():
    script = (
        "import sys\n"
        "from centric.insights.text import CalibratedSentiment, analyze\n"
        "analyze('great food')\n"
        "CalibratedSentiment().fit(['good', 'bad'] * 4, ['positive', 'negative'] * 4)\n"
        "print(sorted({'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)))\n"
    )
    root = Path(__file__).resolve().parents[4]
    result = subprocess.run(  # noqa: S603 - our own fixed script, in a clean interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_calibration_learns_from_the_encoder_too():
    texts = ["sick deck", "so sick", "basic deck", "so basic"] * 8
    labels = ["positive", "positive", "negative", "negative"] * 8
    encoder = WordHashes()
    model = CalibratedSentiment(seed=0, engine=encoder).fit(texts, labels)
    assert model.predict(["a sick ride", "a basic ride"]) == ["positive", "negative"]
    assert "a sick ride" in encoder.read


def test_the_default_calibration_reads_no_embeddings():
    model = CalibratedSentiment(seed=0).fit(["good", "bad"] * 8, ["positive", "negative"] * 8)
    assert model.encoder_ is None


def test_themes_are_learnt_with_an_encoder():
    texts = ["the burrito was cold", "our waiter forgot us", "first visit on a friday"] * 6
    labels = [["food"], ["service"], ["other"]] * 6
    encoder = WordHashes()
    model = ThemeClassifier(TAXONOMY, at_least_one=True, seed=0, engine=encoder)
    assert model.fit(texts, labels).predict(["a cold burrito"]) == [["food"]]
    assert "a cold burrito" in encoder.read


def test_theme_sentiment_is_learnt_with_an_encoder():
    texts = ["great food, rude waiter", "awful food, lovely waiter"] * 6
    themes = ["food", "service"] * 6
    labels = ["positive", "negative"] * 6
    model = ThemeSentimentClassifier(TAXONOMY, seed=0, engine=WordHashes())
    model.fit(texts, themes, labels)
    assert model.predict(["great food, rude waiter"] * 2, ["service", "food"]) == [
        "negative",
        "positive",
    ]


def test_theme_sentiment_accepts_a_theme_outside_the_taxonomy():
    model = ThemeSentimentClassifier(TAXONOMY, seed=0, engine=WordHashes())
    model.fit(["good food", "bad food"] * 4, ["food", "parking"] * 4, ["positive", "negative"] * 4)
    assert len(model.predict(["good parking"], ["parking"])) == 1
