"""The immutable results of sentiment analysis, shared by the modules that read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Contribution:
    """A word or phrase that moved a score, with its signed weight and offsets in the text."""

    phrase: str
    weight: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence between punctuation or contrast words.

    ``positive`` and ``negative`` are the weights of the evidence on each side (>= 0),
    ``raw`` their difference; ``tokens`` are lower-case, which is what theme matching reads.
    """

    start: int
    end: int
    tokens: tuple[str, ...]
    positive: float
    negative: float

    @property
    def raw(self) -> float:
        return self.positive - self.negative


@dataclass(frozen=True, slots=True)
class SentenceSentiment:
    """Score in [-1, 1] and label of one sentence, with what drove it."""

    text: str
    start: int
    end: int
    score: float
    label: str
    raw: float
    positive: float
    negative: float
    contributions: tuple[Contribution, ...]
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class DocumentSentiment:
    """Score in [-1, 1] and label of a whole comment.

    ``positive`` and ``negative`` are the total weights of the evidence on each side
    (both >= 0); a ``mixed`` label means both are substantial, or that some sentences praise
    and others blame (see ``SentimentAnalyzer._sentences_disagree``).
    """

    score: float
    label: str
    positive: float
    negative: float
    sentences: tuple[SentenceSentiment, ...]

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """Every contribution in the comment, strongest first."""
        every = [c for s in self.sentences for c in s.contributions]
        return tuple(sorted(every, key=lambda c: -abs(c.weight)))

    def explain(self, top: int = 5) -> list[tuple[str, float]]:
        """The ``top`` phrases that moved the score most, as (phrase, signed weight)."""
        return [(c.phrase, round(c.weight, 3)) for c in self.contributions[:top]]
