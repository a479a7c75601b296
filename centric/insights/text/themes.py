"""Zero-shot theme matching from a taxonomy, with theme-level sentiment.

A theme is found where its seed words (weight 1), members of a built-in concept that a seed
word heads (0.7, see ``concepts.py``), the words of its description or the distinctive
words of its examples (0.3 each) appear, compared on word stems. The confidence of a theme
is ``1 - exp(-evidence)``: one seed word gives 0.63, two give 0.86; description and
example words alone need three to pass the default threshold of 0.5.

A word is passed over where it means something else: beside the words of ``OTHER_SENSES``
in its clause (a bra's "support"), before those of ``SENSES_BEFORE`` ("won't bug some
people"), or, for "pretty", before an adjective ("pretty close" says how close, not how it
looks).

Theme-level sentiment is the sentiment of the clauses that mention the theme, so in
"great product, but billing charged me twice" billing is negative and the product positive.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from centric.insights.text.concepts import OTHER_SENSES, SENSES_BEFORE, expansions
from centric.insights.text.lexicon import words
from centric.insights.text.rules import pretty_as_degree
from centric.insights.text.segment import tokenize
from centric.insights.text.sentiment import label_for, normalize
from centric.insights.text.taxonomy import Taxonomy
from centric.insights.text.types import Clause, DocumentSentiment

SEED_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.3
EXAMPLE_WEIGHT = 0.3
CONCEPT_WEIGHT = 0.7

STOPWORDS = frozenset(
    words(
        """
        a about above after again against all am an and any are as at be because been before
        being below between both but by can could did do does doing down during each few for
        from further had has have having he her here hers herself him himself his how i if in
        into is it its itself just me more most my myself no nor not now of off on once only or
        other our ours ourselves out over own same she should so some such than that the their
        theirs them themselves then there these they this those through to too under until up
        very was we were what when where which while who whom why will with would you your yours
        yourself also get got really much many one thing things way well even still us lot like
        make made etc whether whose customers customer people say use know able used look think
        see worked weeks come go looks day works going said work wanted using tried times needs
        try came new good first getting time back week want days went need
        """
    )
)


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A light stem for matching: "refunds", "refunded", "refunding" -> "refund".

    A final "e" goes only from longer words, so "wine" and "win" stay apart while
    "charge" and "charged" meet at "charg"; short stems of "-ed"/"-ing" words get their
    "e" back ("sized" -> "size").
    """
    word = word.lower().removesuffix("'s")
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
                return word[:-1]  # "fitted" -> "fit"
            return word + "e" if len(word) == 3 else word.removesuffix("e")
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word.removesuffix("e") if len(word) > 4 else word


def stems(text: str) -> tuple[str, ...]:
    """Stems of the words of ``text``, punctuation dropped."""
    return tuple(stem(t) for t in tokenize(text) if t[0].isalnum())


@dataclass(frozen=True, slots=True)
class ThemeMention:
    """A theme found in a comment, with its confidence and what was said about it."""

    name: str
    confidence: float
    score: float
    label: str
    evidence: tuple[str, ...]
    sentences: tuple[int, ...]


class ThemeMatcher:
    """Finds the themes of a taxonomy in comments without any training data."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        threshold: float = 0.5,
        alpha: float = 15.0,
        use_concepts: bool = True,
    ) -> None:
        """``use_concepts`` extends seed words that head a built-in concept ("food") to
        the concept's members ("sushi")."""
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.alpha = alpha
        self._index: dict[tuple[str, ...], dict[int, float]] = {}
        for position, theme in enumerate(taxonomy.themes):
            for seed in theme.seed_words:
                self._add(stems(seed), position, SEED_WEIGHT)
            for word in _content_words(theme.name + " " + theme.description):
                self._add((word,), position, DESCRIPTION_WEIGHT)
            for word in _distinctive_words(theme.examples):
                self._add((word,), position, EXAMPLE_WEIGHT)
            if use_concepts:
                # Only a seed that is one word names a concept: "set up" is not "setting".
                seeds = {stem(seed) for seed in theme.seed_words if " " not in seed.strip()}
                for word in expansions(seeds, stem):
                    self._add((word,), position, CONCEPT_WEIGHT)
        self._senses = {
            stem(word): frozenset(stem(cue) for cue in cues) for word, cues in OTHER_SENSES.items()
        }
        self._senses_before = {stem(word): cues for word, cues in SENSES_BEFORE.items()}
        self._longest = max((len(k) for k in self._index), default=1)
        self._phrase_starts = frozenset(k[0] for k in self._index if len(k) > 1)
        self._unigrams = {k[0]: hits for k, hits in self._index.items() if len(k) == 1}

    def _add(self, key: tuple[str, ...], position: int, weight: float) -> None:
        if not key:
            return
        slot = self._index.setdefault(key, {})
        slot[position] = max(slot.get(position, 0.0), weight)

    def evidence(
        self, words: Sequence[str], surfaces: dict[tuple[str, ...], str] | None = None
    ) -> dict[int, dict[tuple[str, ...], float]]:
        """For each theme position, the matched terms (as stems) and their weights.

        ``surfaces``, when given, receives each matched term as first written ("refunds").
        """
        found: dict[int, dict[tuple[str, ...], float]] = {}
        # An amount ("$15", "£9.99") is evidence of price like the word "price" itself.
        stemmed = ["$" if w[:1] in ("$", "£", "€") else stem(w) for w in words]
        unigrams, index, starts = self._unigrams, self._index, self._phrase_starts
        for i, word in enumerate(stemmed):
            hits = unigrams.get(word)
            if hits and not self._in_another_sense(words, stemmed, i):
                record_evidence(found, surfaces, (word,), hits, words[i : i + 1])
            if word in starts:
                for size in range(2, min(self._longest, len(stemmed) - i) + 1):
                    key = tuple(stemmed[i : i + size])
                    hits = index.get(key)
                    if hits:
                        record_evidence(found, surfaces, key, hits, words[i : i + size])
        return found

    def _in_another_sense(self, words: Sequence[str], stemmed: list[str], i: int) -> bool:
        """Whether the word at ``i`` means something else here (see the module docstring)."""
        word = stemmed[i]
        cues = self._senses.get(word)
        if cues is not None and not cues.isdisjoint(stemmed):
            return True  # "no support in the top of this suit"
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in self._senses_before.get(word, ()):
            return True  # "won't bug some people"
        return word == "pretty" and bool(following) and pretty_as_degree(following)

    def confidences(self, text: str) -> dict[str, float]:
        """Confidence in [0, 1) of every theme with any evidence in ``text``."""
        evidence = self.evidence([t.lower() for t in tokenize(text)])
        return {self.taxonomy.themes[p].name: _confidence(terms) for p, terms in evidence.items()}

    def mentions(self, sentiment: DocumentSentiment) -> list[ThemeMention]:
        """Themes of an analysed comment above ``threshold``, strongest first.

        A theme whose child theme is found is found too, with the child's confidence.
        """
        per_theme: dict[int, dict[tuple[str, ...], float]] = {}
        # The clauses that name each theme: (the weight of their strongest term, their
        # sentence, their clause).
        named: dict[int, list[tuple[float, int, Clause]]] = {}
        surfaces: dict[tuple[str, ...], str] = {}
        for s_index, sentence in enumerate(sentiment.sentences):
            for clause in sentence.clauses:
                for position, terms in self.evidence(clause.tokens, surfaces).items():
                    per_theme.setdefault(position, {}).update(terms)
                    named.setdefault(position, []).append((max(terms.values()), s_index, clause))
        scored: dict[str, ThemeMention] = {}
        for position, terms in per_theme.items():
            confidence = _confidence(terms)
            if confidence < self.threshold:
                continue
            # What is said about a theme is said where a seed word or concept names it: a
            # word it shares with the theme's description alone ("the same order" for a
            # portal "for ordering") names it only where nothing names it better.
            clauses = named[position]
            about = [c for c in clauses if c[0] >= CONCEPT_WEIGHT] or clauses
            where = sorted({s_index for _, s_index, _ in about})
            positive = sum(clause.positive for _, _, clause in about)
            negative = sum(clause.negative for _, _, clause in about)
            if positive == negative == 0.0:
                # A clause that names the theme without any opinion ("the billing page")
                # takes the opinion of its sentences.
                positive = sum(sentiment.sentences[s].positive for s in where)
                negative = sum(sentiment.sentences[s].negative for s in where)
            score = normalize(positive - negative, self.alpha)
            theme = self.taxonomy.themes[position]
            scored[theme.name] = ThemeMention(
                name=theme.name,
                confidence=confidence,
                score=score,
                label=label_for(score, positive, negative),
                evidence=tuple(surfaces[k] for k in sorted(terms, key=lambda k: -terms[k])),
                sentences=tuple(where),
            )
        for mention in list(scored.values()):
            for ancestor in self.taxonomy.ancestors(mention.name):
                if ancestor not in scored or scored[ancestor].confidence < mention.confidence:
                    scored[ancestor] = ThemeMention(
                        ancestor, mention.confidence, mention.score, mention.label,
                        mention.evidence, mention.sentences,
                    )  # fmt: skip
        fallback = self.taxonomy.fallback
        if fallback in scored and len(scored) > 1:
            del scored[fallback]  # the catch-all only catches what nothing else does
        if not scored and fallback and sentiment.sentences:
            everywhere = tuple(range(len(sentiment.sentences)))
            scored[fallback] = ThemeMention(
                fallback, 0.5, sentiment.score, sentiment.label, (), everywhere
            )
        return sorted(scored.values(), key=lambda m: (-m.confidence, m.name))


def record_evidence(
    found: dict[int, dict[tuple[str, ...], float]],
    surfaces: dict[tuple[str, ...], str] | None,
    key: tuple[str, ...],
    hits: dict[int, float],
    written: Sequence[str],
) -> None:
    for position, weight in hits.items():
        found.setdefault(position, {})[key] = weight
    if surfaces is not None:
        surfaces.setdefault(key, " ".join(written))


def _confidence(terms: dict[tuple[str, ...], float]) -> float:
    return 1.0 - math.exp(-sum(terms.values()))


def _content_words(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text.lower()) if t.isalpha() and t not in STOPWORDS}


def _distinctive_words(examples: Sequence[str]) -> set[str]:
    """Words of the examples worth matching: not stopwords, and in more than one example when
    there are several (a single example's every word would be noise)."""
    counts: dict[str, int] = {}
    for example in examples:
        for word in _content_words(example):
            counts[word] = counts.get(word, 0) + 1
    needed = 2 if len(examples) > 2 else 1
    return {w for w, c in counts.items() if c >= needed and len(w) > 2}
