"""Themes and theme sentiment learnt from comments an organisation has labelled.

``ThemeClassifier`` learns themes from comments people tagged (one-vs-rest logistic
regression on TF-IDF word and character n-grams plus the zero-shot matcher's confidences;
each theme's threshold chosen by cross-validation on the training data). ``ThemeSentimentClassifier``
learns what customers feel about each theme. Both start from the taxonomy, so a theme
with few labelled examples still has its seed words to go on. With ``engine="fine-tuned"``
both also train the packaged language model on the labels (``finetuning.py``): the theme
classifier then reads with that model alone, the theme sentiment with the mean of the model's
and its light reading's probabilities. Slower to learn, and more accurate with a few hundred
labelled comments or more.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Self

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import StandardScaler

from centric.insights.text.encoders import Encoder, fine_tuned, resolve_engine
from centric.insights.text.finetuning import FineTuning, TunedModel
from centric.insights.text.lexicon import NEGATORS
from centric.insights.text.segment import tokenize
from centric.insights.text.sentiment import SentimentAnalyzer
from centric.insights.text.taxonomy import Taxonomy
from centric.insights.text.themes import ThemeMatcher, stem

FloatMatrix = npt.NDArray[np.float64]


class ThemeClassifier:
    """Multi-label themes learnt from comments; reproducible for a ``seed``.

    With ``at_least_one`` every comment gets its most likely theme even when no theme
    reaches its threshold (for taxonomies whose themes cover everything). ``engine``
    ("light", "embeddings", "auto" or an ``Encoder``, see ``encoders.py``) adds sentence
    embeddings, scaled by ``embedding_weight``, to the words; ``"fine-tuned"`` trains the
    model on the labels (``fine_tuning`` says how) and uses ``threshold`` for every theme.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        threshold: float = 0.5,
        C: float = 10.0,
        at_least_one: bool = False,
        folds: int = 5,
        seed: int = 0,
        engine: str | Encoder = "light",
        embedding_weight: float = 1.0,
        fine_tuning: FineTuning | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.C = C
        self.at_least_one = at_least_one
        self.folds = folds
        self.seed = seed
        self.engine = engine
        self.embedding_weight = embedding_weight
        self.fine_tuning = fine_tuning

    def fit(self, texts: Sequence[str], labels: Sequence[Collection[str]]) -> Self:
        """Learn from comments and the themes people tagged each with."""
        texts = list(texts)
        self.names_ = list(self.taxonomy.names)
        fallback = self.taxonomy.fallback
        self._fallback = self.names_.index(fallback) if fallback in self.names_ else None
        y = np.array(
            [[name in set(tags) for name in self.names_] for tags in labels], dtype=np.int64
        )
        self.tuned_: TunedModel | None = None
        if fine_tuned(self.engine):
            settings = self.fine_tuning or FineTuning(seed=self.seed)
            self.tuned_ = TunedModel(len(self.names_), multilabel=True, settings=settings)
            self.tuned_.fit(texts, y)
            self.thresholds_ = np.full(len(self.names_), self.threshold)
            return self
        self.encoder_ = resolve_engine(self.engine)
        self.matcher_ = ThemeMatcher(self.taxonomy, threshold=self.threshold)
        min_df = 2 if len(texts) > 50 else 1
        # Words as written and as stems: "refunded" and "refunds" share evidence, while
        # the exact forms keep what distinguishes them. Without embeddings, character n-grams
        # within words catch typos and compounds ("cheescake", "waitstaff"): they raised
        # micro-F1 in cross-validation on training sentences, but dilute the embeddings.
        vectorizers = [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True)),
            ("stems", TfidfVectorizer(analyzer=stem_terms, min_df=min_df, sublinear_tf=True)),
        ]
        if self.encoder_ is None:
            chars = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=min_df, sublinear_tf=True
            )
            vectorizers.append(("chars", chars))
        self.words_ = FeatureUnion(vectorizers)
        words = self.words_.fit_transform(texts)
        x = sparse.hstack([words, *self._dense(texts)]).tocsr()
        self.thresholds_ = self._tuned_thresholds(x, y)
        self.models_: list[LogisticRegression | None] = [
            self._model().fit(x, y[:, k]) if 0 < y[:, k].sum() < len(y) else None
            for k in range(len(self.names_))
        ]
        return self

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Confidence in [0, 1] of every theme for each comment."""
        matrix = self._proba(list(texts))
        return [dict(zip(self.names_, map(float, row), strict=True)) for row in matrix]

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The themes of each comment, most confident first."""
        matrix = self._proba(list(texts))
        result: list[list[str]] = []
        for row in matrix:
            chosen = [k for k in np.argsort(-row) if row[k] >= self.thresholds_[k]]
            if self._fallback in chosen and len(chosen) > 1:
                chosen.remove(self._fallback)  # the catch-all only catches what nothing else does
            if not chosen and self.at_least_one and len(row):
                chosen = [int(np.argmax(row / self.thresholds_))]
            result.append([self.names_[k] for k in chosen])
        return result

    def _proba(self, texts: list[str]) -> FloatMatrix:
        if self.tuned_ is not None:
            return self.tuned_.predict_proba(texts)
        x = sparse.hstack([self.words_.transform(texts), *self._dense(texts)]).tocsr()
        columns = [
            m.predict_proba(x)[:, 1] if m is not None else np.zeros(len(texts))
            for m in self.models_
        ]
        return np.column_stack(columns).astype(np.float64)

    def _dense(self, texts: list[str]) -> list[sparse.csr_matrix]:
        """The zero-shot matcher's confidences and, with an encoder, the embeddings."""
        blocks = [sparse.csr_matrix(self._matched(texts))]
        if self.encoder_ is not None:
            blocks.append(sparse.csr_matrix(self.embedding_weight * self.encoder_.encode(texts)))
        return blocks

    def _matched(self, texts: list[str]) -> FloatMatrix:
        rows = [self.matcher_.confidences(t) for t in texts]
        return np.array([[row.get(name, 0.0) for name in self.names_] for row in rows]).reshape(
            len(texts), len(self.names_)
        )

    def _model(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)

    def _tuned_thresholds(self, x: sparse.csr_matrix, y: npt.NDArray[np.int64]) -> FloatMatrix:
        """Per theme, the probability cut that maximises F1 in cross-validation."""
        thresholds = np.full(y.shape[1], 0.5)
        if len(y) < self.folds * 2:
            return thresholds
        out_of_fold = np.zeros(y.shape, dtype=np.float64)
        splitter = KFold(n_splits=self.folds, shuffle=True, random_state=self.seed)
        for train, test in splitter.split(x):
            for k in range(y.shape[1]):
                if 0 < y[train, k].sum() < len(train):
                    model = self._model().fit(x[train], y[train, k])
                    out_of_fold[test, k] = model.predict_proba(x[test])[:, 1]
        candidates = np.linspace(0.1, 0.9, 33)
        for k in range(y.shape[1]):
            scores = [
                f1_score(y[:, k], out_of_fold[:, k] >= c, zero_division=0.0) for c in candidates
            ]
            thresholds[k] = candidates[int(np.argmax(scores))]
        return thresholds


class ThemeSentimentClassifier:
    """What customers feel about a theme in a comment, learnt from labelled examples.

    ``fit(texts, themes, labels)`` takes one (comment, theme, label) triple per labelled
    theme mention; labels are free strings ("positive", "negative", "neutral", "mixed" ...).
    Features: TF-IDF n-grams of the comment (words after a negation marked, so "not good"
    and "good" differ), the same n-grams specific to the theme, the zero-shot engine's
    reading of the theme (its clause sentiment and evidence), which theme is asked about and
    whether it is the only one asked about its comment (then the comment's tone is the
    theme's); with an ``engine`` other than "light", the comment's embedding, shared and
    specific to the theme. Pass every theme of a comment in the same ``predict`` call. With
    ``engine="fine-tuned"`` the model also reads each comment with the theme's name and learns
    the label from the two (``fine_tuning`` says how it trains); a pair's label is then the most
    likely by the mean of the model's and the light reading's probabilities.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        C: float = 4.0,
        seed: int = 0,
        analyzer: SentimentAnalyzer | None = None,
        engine: str | Encoder = "light",
        embedding_weight: float = 1.0,
        fine_tuning: FineTuning | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.C = C
        self.seed = seed
        self.analyzer = analyzer
        self.engine = engine
        self.embedding_weight = embedding_weight
        self.fine_tuning = fine_tuning

    def fit(self, texts: Sequence[str], themes: Sequence[str], labels: Sequence[str]) -> Self:
        """Learn from labelled (comment, theme) pairs."""
        self.tuned_: TunedModel | None = None
        self.encoder_: Encoder | None = None
        self.classes_ = sorted(set(labels))
        if fine_tuned(self.engine):
            settings = self.fine_tuning or FineTuning(seed=self.seed)
            self.tuned_ = TunedModel(len(self.classes_), multilabel=False, settings=settings)
            targets = np.array([self.classes_.index(label) for label in labels])
            self.tuned_.fit(list(texts), targets, pairs=[theme_question(t) for t in themes])
        else:
            self.encoder_ = resolve_engine(self.engine)
        self.matcher_ = ThemeMatcher(self.taxonomy, threshold=0.0)
        self.words_ = TfidfVectorizer(
            ngram_range=(1, 2), min_df=2 if len(texts) > 50 else 1, sublinear_tf=True
        )
        self.scaler_ = StandardScaler()
        x = self._features(list(texts), list(themes), fit=True)
        self.model_ = LogisticRegression(C=self.C, max_iter=3000, random_state=self.seed).fit(
            x, list(labels)
        )
        return self

    def predict(self, texts: Sequence[str], themes: Sequence[str]) -> list[str]:
        """The label of each (comment, theme) pair."""
        texts, themes = list(texts), list(themes)
        # the classes in the order of ``classes_``: both are sorted
        chances = self.model_.predict_proba(self._features(texts, themes))
        if self.tuned_ is not None:  # two readers that err differently: their mean
            tuned = self.tuned_.predict_proba(texts, [theme_question(t) for t in themes])
            chances = (chances + tuned) / 2
        return [self.classes_[k] for k in chances.argmax(axis=1)]

    def _features(
        self, texts: list[str], themes: list[str], *, fit: bool = False
    ) -> sparse.csr_matrix:
        readings = [self._reading(t, theme) for t, theme in zip(texts, themes, strict=True)]
        # Prefixing every n-gram with the theme lets "cold" mean one thing for food and
        # another for ambience; the unprefixed copy shares what is common; the words of
        # the clauses that name the theme say what is felt about it in particular.
        documents = []
        for text, theme, (focus, _) in zip(texts, themes, readings, strict=True):
            marked = negation_marked(text)
            documents.append(
                " ".join(
                    [*marked, *(f"{_slug(theme)}_{w}" for w in marked)]
                    + [f"focus_{w}" for w in focus]
                )
            )
        words = self.words_.fit_transform(documents) if fit else self.words_.transform(documents)
        numbers = [n for _, n in readings]
        scaled = self.scaler_.fit_transform(numbers) if fit else self.scaler_.transform(numbers)
        blocks = [words, sparse.csr_matrix(scaled), sparse.csr_matrix(self._asked(texts, themes))]
        if self.encoder_ is not None:
            blocks.append(self._embedded(texts, themes))
        return sparse.hstack(blocks).tocsr()

    def _asked(self, texts: list[str], themes: list[str]) -> FloatMatrix:
        """One-hot of the theme asked about, and 1 when it is its comment's only theme."""
        asked = Counter(texts)
        names = self.taxonomy.names
        return np.array(
            [
                [float(asked[text] == 1), *(float(theme == name) for name in names)]
                for text, theme in zip(texts, themes, strict=True)
            ]
        ).reshape(len(texts), len(names) + 1)

    def _embedded(self, texts: list[str], themes: list[str]) -> sparse.csr_matrix:
        """Each comment's embedding twice: once shared by every theme, once in its theme's
        own columns, so the model can learn what a phrasing means for that theme."""
        assert self.encoder_ is not None
        unique = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        vectors = self.embedding_weight * self.encoder_.encode(list(unique))
        shared = vectors[np.array([unique[t] for t in texts], dtype=np.int64)]
        width, names = shared.shape[1], self.taxonomy.names
        rows = np.array([r for r, t in enumerate(themes) if t in names], dtype=np.int64)
        slots = np.array([names.index(themes[r]) for r in rows], dtype=np.int64)
        columns = slots.reshape(-1, 1) * width + np.arange(width)
        own = sparse.csr_matrix(
            (shared[rows].ravel(), (np.repeat(rows, width), columns.ravel())),
            shape=(len(texts), width * len(names)),
        )
        return sparse.hstack([sparse.csr_matrix(shared), own]).tocsr()

    def _reading(self, text: str, theme: str) -> tuple[list[str], list[float]]:
        """The words of the clauses about ``theme`` and numbers from the zero-shot reading."""
        reading = (self.analyzer or SentimentAnalyzer()).analyze(text)
        position = self.taxonomy.names.index(theme) if theme in self.taxonomy.names else -1
        focus: list[str] = []
        positive = negative = 0.0
        for sentence in reading.sentences:
            for clause in sentence.clauses:
                if position in self.matcher_.evidence(clause.tokens):
                    focus.extend(w for w in clause.tokens if w[0].isalnum())
                    positive += clause.positive
                    negative += clause.negative
        return focus, [
            reading.score,
            float(np.log1p(reading.positive)),
            float(np.log1p(reading.negative)),
            float(np.log1p(positive)),
            float(np.log1p(negative)),
            float(bool(focus)),
        ]


def stem_terms(text: str) -> list[str]:
    """Stems of the words of ``text`` and their bigrams, for a vectoriser."""
    stems = [stem(w) for w in tokenize(text.lower()) if w[0].isalnum()]
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def negation_marked(text: str, negators: frozenset[str] = NEGATORS) -> list[str]:
    """The words of ``text``, lower-cased, with ``_not`` on those after a negation up to the
    next punctuation: "not good, great" -> ["not", "good_not", "great"]. ``negators`` are
    English unless told ("n't" always counts)."""
    marked: list[str] = []
    negated = False
    for token in tokenize(text.lower()):
        if not token[0].isalnum():
            negated = False
            continue
        marked.append(f"{token}_not" if negated else token)
        if token in negators or token.endswith("n't"):
            negated = True
    return marked


def negation_grams(text: str, negators: frozenset[str] = NEGATORS) -> list[str]:
    """The ``negation_marked`` words of ``text`` and their bigrams, for a vectoriser: "was not
    very good" gives "good_not" and "very_not good_not" as well as "was not"."""
    marked = negation_marked(text, negators)
    return marked + [f"{a} {b}" for a, b in itertools.pairwise(marked)]


def theme_question(theme: str) -> str:
    """What the fine-tuned model reads beside the comment: the theme's name in words."""
    return " ".join(tokenize(theme.lower().replace("/", " ")))


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower())
