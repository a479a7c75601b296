"""Theme discovery: propose new themes from an organisation's own feedback.

TF-IDF over the comments, factorised with NMF into topics; each topic becomes a proposal
with a suggested name (its two strongest terms), its key terms and the comments that
represent it best. Topics the taxonomy already covers (a word of their name, or most of
their key terms, are seed words of a theme) are not proposed again. A person accepts or
rejects proposals.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from centric.insights.text.lexicon import BOOSTERS, NEGATORS, valence, words
from centric.insights.text.taxonomy import Taxonomy, Theme
from centric.insights.text.themes import STOPWORDS, stem, stems


@dataclass(frozen=True, slots=True)
class ProposedTheme:
    """A candidate theme: name, key terms, representative comments and how many it covers."""

    name: str
    key_terms: tuple[str, ...]
    examples: tuple[str, ...]
    size: int
    overlaps: str | None = None

    def to_theme(self, description: str = "") -> Theme:
        """The proposal accepted as a theme, its key terms as seed words."""
        return Theme(self.name, description, self.key_terms, self.examples)


class ThemeDiscovery:
    """Proposes themes from comments; reproducible for a ``seed``.

    After ``fit``, ``proposals_`` lists new themes (largest first) and ``covered_`` the
    topics that an existing theme of ``taxonomy`` already covers.
    """

    def __init__(
        self,
        *,
        n_themes: int = 10,
        n_terms: int = 8,
        n_examples: int = 3,
        taxonomy: Taxonomy | None = None,
        min_df: int = 2,
        max_df: float = 0.5,
        seed: int = 0,
    ) -> None:
        self.n_themes = n_themes
        self.n_terms = n_terms
        self.n_examples = n_examples
        self.taxonomy = taxonomy
        self.min_df = min_df
        self.max_df = max_df
        self.seed = seed

    def fit(self, texts: Sequence[str]) -> Self:
        """Find topics in ``texts``; needs a few comments that share words."""
        texts = [t for t in texts if t and t.strip()]
        min_df = self.min_df if len(texts) >= 20 else 1
        vectorizer = TfidfVectorizer(
            analyzer=_topic_terms,
            min_df=min_df,
            max_df=self.max_df if len(texts) >= 20 else 1.0,
            sublinear_tf=True,
        )
        x = vectorizer.fit_transform(texts)
        n_topics = max(1, min(self.n_themes, x.shape[0] - 1, x.shape[1]))
        model = NMF(n_components=n_topics, init="nndsvda", random_state=self.seed, max_iter=400)
        # NMF ends by taking the square root of its reconstruction error, which rounding can
        # make a hair below zero when the topics fit the comments exactly; that error is unused
        with np.errstate(invalid="ignore"):
            weights = model.fit_transform(x)
        terms = vectorizer.get_feature_names_out()
        owner = weights.argmax(axis=1)
        strength = weights.max(axis=1)
        proposals: list[ProposedTheme] = []
        for topic in range(n_topics):
            members = np.flatnonzero((owner == topic) & (strength > 0))
            if len(members) == 0:
                continue
            top = [str(terms[i]) for i in np.argsort(-model.components_[topic])[: self.n_terms]]
            best = members[np.argsort(-weights[members, topic])][: self.n_examples]
            proposals.append(
                ProposedTheme(
                    name=_name(top),
                    key_terms=tuple(top),
                    examples=tuple(texts[i] for i in best),
                    size=len(members),
                    overlaps=self._overlapping_theme(top),
                )
            )
        proposals.sort(key=lambda p: (-p.size, p.name))
        self.proposals_ = [p for p in proposals if p.overlaps is None]
        self.covered_ = [p for p in proposals if p.overlaps is not None]
        return self

    def _overlapping_theme(self, key_terms: list[str]) -> str | None:
        """The existing theme that already covers a topic: one of its seed words is one of
        the two words that name the topic ("small / medium" is about fit and size, "driver /
        delivery" about delivery), or its seed words are half or more of the key terms."""
        if self.taxonomy is None or not key_terms:
            return None
        strongest = {stem(w) for w in key_terms[0].split()}
        named = {stem(w) for w in _name(key_terms).split(" / ")}
        topic = {stem(w) for term in key_terms for w in term.split()}
        best, best_share = None, 0.0
        for theme in self.taxonomy.themes:
            seeds = {s for seed in theme.seed_words for s in stems(seed)}
            if strongest <= seeds or named & seeds:
                return theme.name
            share = len(topic & seeds) / len(topic)
            if share > best_share:
                best, best_share = theme.name, share
        return best if best_share >= 0.5 else None


_WORD = re.compile(r"[a-z][a-z'-]+")
# counting words say how many, not what about: "two days" is a delivery topic, not a "two" one
_NUMBERS = frozenset(
    words(
        "two three four five six seven eight nine ten eleven twelve twenty hundred thousand "
        "once twice half dozen several"
    )
)
_OPINION_WORDS = frozenset(BOOSTERS) | NEGATORS | STOPWORDS | _NUMBERS


def _topic_terms(text: str) -> list[str]:
    """Words and bigrams that say what a comment is about: opinion words ("love", "great")
    are left out, or every topic would be about loving things."""
    words = [
        w
        for w in _WORD.findall(text.lower())
        if w not in _OPINION_WORDS and "'" not in w and valence(w) is None and len(w) > 2
    ]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words) if a != b]


def _name(key_terms: list[str]) -> str:
    """Two strongest distinct words, "fabric / quality"; a bigram counts as its words."""
    words: list[str] = []
    for term in key_terms:
        for word in term.split():
            if word not in words and all(stem(word) != stem(w) for w in words):
                words.append(word)
        if len(words) >= 2:
            break
    return " / ".join(words[:2])
