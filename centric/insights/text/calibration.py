"""Self-calibrated sentiment: learn from scored comments how these customers write.

Where comments arrive with a score (a star rating, NPS), the score says what the customer
meant; ``CalibratedSentiment`` learns from those pairs so that comments without scores
(tickets, reviews, internal notes) are read the same way. It combines three views of a
comment in one logistic regression:

- the zero-shot engine's summary (document score, evidence on each side, first, last,
  best and worst sentence), so it starts from what the lexicon knows;
- TF-IDF word uni- and bigrams, for the organisation's own vocabulary and phrasing, with
  the words after a negation marked up to the next punctuation, so that "not very
  comfortable" does not count as "comfortable" (+0.4 points of macro-F1 in 5-fold
  cross-validation on training reviews);
- TF-IDF character n-grams within words, which survive typos and inflections;
  both weighted naive-Bayes style (NB-SVM, Wang & Manning 2012): each n-gram by how
  lopsided its use between the two labels is, so telling n-grams speak louder;
- with ``engine="embeddings"`` (the optional extra, see ``encoders.py``), the comment's
  sentence embedding, which knows words and phrasings the training data never showed.

With ``engine="fine-tuned"`` the packaged language model is also trained on the scored
comments (``finetuning.py``), its classes balanced the same way, and a comment's probability is
the mean of the model's and the light reading's: they err on different comments. On CPU the
training takes long for tens of thousands of comments (``FineTuning`` sets how long).

A calibration reads one language (``language``, English unless told): its zero-shot summary
comes from that language's reader, and the negations it marks are that language's. Learn one
per language from the scored comments in it.

Classes are weighted to balance, because unhappy customers are usually the minority and
the point is to hear them. ``C`` (weak regularisation, 16) was chosen by 5-fold
cross-validation of macro-F1 on training reviews; moving the 0.5 cut by cross-validation
gained nothing there, so the cut stays at 0.5.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Self

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from centric.insights.text.encoders import Encoder, fine_tuned, resolve_engine
from centric.insights.text.finetuning import FineTuning, TunedModel
from centric.insights.text.language import ENGLISH
from centric.insights.text.learning import negation_grams
from centric.insights.text.lexicon import words
from centric.insights.text.reader import WORDBOOKS, Reader, reader
from centric.insights.text.sentiment import SentimentAnalyzer
from centric.insights.text.types import DocumentSentiment

FloatArray = npt.NDArray[np.float64]


def labels_from_scores(
    scores: Sequence[float | None], *, positive_at: float, negative_at: float
) -> list[str | None]:
    """Labels for calibration from scores: "positive" at or above ``positive_at``,
    "negative" at or below ``negative_at``, otherwise ``None`` (passives, middling and
    missing scores teach nothing). For NPS: ``positive_at=9, negative_at=6``."""
    labels: list[str | None] = []
    for score in scores:
        if score is None:
            labels.append(None)
        elif score >= positive_at:
            labels.append("positive")
        elif score <= negative_at:
            labels.append("negative")
        else:
            labels.append(None)
    return labels


def lexicon_features(sentiment: DocumentSentiment) -> list[float]:
    """A fixed-length numeric summary of the zero-shot reading of a comment."""
    scores = [s.score for s in sentiment.sentences] or [0.0]
    return [
        sentiment.score,
        float(np.log1p(sentiment.positive)),
        float(np.log1p(sentiment.negative)),
        scores[0],
        scores[-1],
        min(scores),
        max(scores),
        sum(s < -0.05 for s in scores) / len(scores),
    ]


def nb_weights(x: sparse.csr_matrix, y: npt.NDArray[np.int64], power: float) -> FloatArray:
    """Per column, ``|log-count ratio| ** power`` of its presence in positive vs negative
    rows (add-one smoothed); ``power=0`` weighs every column 1."""
    present = (x > 0).astype(np.float64)
    positive = 1.0 + np.asarray(present[y == 1].sum(axis=0)).ravel()
    negative = 1.0 + np.asarray(present[y == 0].sum(axis=0)).ravel()
    ratio = np.log((positive / positive.sum()) / (negative / negative.sum()))
    weights: FloatArray = np.abs(ratio) ** power
    return weights


class CalibratedSentiment:
    """Binary sentiment (positive/negative) learnt from labelled comments.

    ``fit`` takes labels "positive"/"negative" (use ``labels_from_scores`` for ratings);
    comments whose label is ``None`` are skipped. Results are reproducible for a ``seed``.
    It reads comments in ``language`` (one of ``language.READ``).
    """

    language = ENGLISH  # what one pickled before it had a language reads

    def __init__(
        self,
        *,
        analyzer: SentimentAnalyzer | None = None,
        C: float = 16.0,
        char_ngram_range: tuple[int, int] = (2, 5),
        max_char_features: int = 200_000,
        lexicon_weight: float = 0.3,
        nb_power: float = 0.5,
        min_df: int = 2,
        seed: int = 0,
        engine: str | Encoder = "light",
        embedding_weight: float = 1.0,
        fine_tuning: FineTuning | None = None,
        language: str = ENGLISH,
    ) -> None:
        if language != ENGLISH and language not in WORDBOOKS:
            raise ValueError(f"no reader for the language {language!r}")
        self.language = language
        self.analyzer = analyzer
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.max_char_features = max_char_features
        self.lexicon_weight = lexicon_weight
        self.nb_power = nb_power
        self.min_df = min_df
        self.seed = seed
        self.engine = engine
        self.embedding_weight = embedding_weight
        self.fine_tuning = fine_tuning

    def fit(self, texts: Sequence[str], labels: Sequence[str | None]) -> Self:
        """Learn from ``texts`` and their labels; needs both labels among them."""
        pairs = [(t, lab) for t, lab in zip(texts, labels, strict=True) if lab is not None]
        y = np.array([lab == "positive" for _, lab in pairs], dtype=np.int64)
        if len(set(y.tolist())) < 2:
            raise ValueError("calibration needs both positive and negative examples")
        kept = [t for t, _ in pairs]
        self.tuned_: TunedModel | None = None
        self.encoder_: Encoder | None = None
        if fine_tuned(self.engine):
            settings = self.fine_tuning or FineTuning(seed=self.seed)
            self.tuned_ = TunedModel(2, multilabel=False, balanced=True, settings=settings)
            self.tuned_.fit(kept, y)
        else:
            self.encoder_ = resolve_engine(self.engine)
        min_df = self.min_df if len(kept) >= 50 else 1  # toy data: keep every word
        self.words_ = TfidfVectorizer(analyzer=self._grams(), min_df=min_df, sublinear_tf=True)
        self.chars_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngram_range,
            min_df=min_df,
            sublinear_tf=True,
            max_features=self.max_char_features,
        )
        self.scaler_ = StandardScaler()
        x = self._features(kept, y=y)
        self.model_ = LogisticRegression(
            C=self.C, class_weight="balanced", max_iter=2000, random_state=self.seed
        ).fit(x, y)
        return self

    def predict_proba(self, texts: Sequence[str]) -> FloatArray:
        """Probability that each comment is positive."""
        texts = list(texts)
        proba: FloatArray = self.model_.predict_proba(self._features(texts))[:, 1]
        if self.tuned_ is not None:  # two readers that err differently: their mean
            proba = (proba + self.tuned_.predict_proba(texts)[:, 1]) / 2
        return proba

    def predict(self, texts: Sequence[str]) -> list[str]:
        """The label, "positive" or "negative", of each comment."""
        return ["positive" if p >= 0.5 else "negative" for p in self.predict_proba(texts)]

    def scores(self, texts: Sequence[str]) -> FloatArray:
        """Scores in [-1, 1]: ``2 * p - 1`` for the probability ``p`` of positive."""
        result: FloatArray = 2.0 * self.predict_proba(texts) - 1.0
        return result

    def _features(
        self, texts: list[str], *, y: npt.NDArray[np.int64] | None = None
    ) -> sparse.csr_matrix:
        """The feature matrix of ``texts``; given the labels ``y``, fit the parts first."""
        numbers = [lexicon_features(r) for r in self._read(texts)]
        if y is not None:
            self.words_.fit(texts)
            self.chars_.fit(texts)
            self.scaler_.fit(numbers)
        grams = sparse.hstack([self.words_.transform(texts), self.chars_.transform(texts)])
        if y is not None:
            self.nb_weights_ = nb_weights(grams.tocsr(), y, self.nb_power)
        blocks = [
            grams @ sparse.diags(self.nb_weights_),
            self.lexicon_weight * sparse.csr_matrix(self.scaler_.transform(numbers)),
        ]
        if self.encoder_ is not None:
            blocks.append(sparse.csr_matrix(self.embedding_weight * self.encoder_.encode(texts)))
        return sparse.hstack(blocks).tocsr()

    def _grams(self) -> Callable[[str], list[str]]:
        """Words and bigrams with those after a negation marked, by the language's negators."""
        if self.language == ENGLISH:
            return negation_grams
        return partial(negation_grams, negators=frozenset(words(WORDBOOKS[self.language].negators)))

    def _read(self, texts: Sequence[str]) -> list[DocumentSentiment]:
        analyzer: SentimentAnalyzer | Reader = self.analyzer or (
            SentimentAnalyzer() if self.language == ENGLISH else reader(self.language)
        )
        return [analyzer.analyze(t) for t in texts]
