"""One entry point for reading comments: ``analyze`` and its batch forms.

``TextAnalyzer`` wires the pieces (sentiment, themes, journey stage, care signals, flags,
praise) and is what long-running callers keep; ``analyze`` is the convenience function for
a single comment with the default engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

from centric.insights.text.analysis import Analysis, Praise
from centric.insights.text.directory import Directory, Member
from centric.insights.text.language import ENGLISH, READ, UNREAD, guess_language
from centric.insights.text.reader import WORDBOOKS, Reader, WordbookThemeMatcher
from centric.insights.text.segment import lower_keeping_offsets
from centric.insights.text.sentiment import SentimentAnalyzer
from centric.insights.text.signals import (
    care_signals,
    flags,
    journey_stage,
    praise_sentences,
)
from centric.insights.text.taxonomy import DEFAULT_TAXONOMY, Taxonomy
from centric.insights.text.themes import ThemeMatcher
from centric.insights.text.types import DocumentSentiment

if TYPE_CHECKING:  # scikit-learn and Polars load only for the callers that use them
    import polars as pl

    from centric.insights.text.calibration import CalibratedSentiment


class TextAnalyzer:
    """Reads comments: sentiment, themes, journey stage, care signals, flags and praise.

    With a fitted ``calibration`` the document score and label come from it (the
    organisation's own reading); sentences, explanations and theme sentiment stay with
    the lexicon engine so they remain explainable. ``calibration`` may be one learnt reading,
    which reads the comments of its language, or one per language ({"en": …, "de": …}).
    """

    def __init__(
        self,
        *,
        taxonomy: Taxonomy = DEFAULT_TAXONOMY,
        directory: Iterable[Member] | Directory = (),
        sentiment: SentimentAnalyzer | None = None,
        calibration: CalibratedSentiment | Mapping[str, CalibratedSentiment] | None = None,
        theme_threshold: float = 0.5,
        use_concepts: bool = True,
    ) -> None:
        """``use_concepts`` lets seed words that name a built-in concept ("food") match
        its members ("sushi"); see ``concepts.py``."""
        self.taxonomy = taxonomy
        self.directory = directory if isinstance(directory, Directory) else Directory(directory)
        self.sentiment = sentiment or SentimentAnalyzer()
        if calibration is None or isinstance(calibration, Mapping):
            self.calibrations = dict(calibration or {})
        else:
            self.calibrations = {calibration.language: calibration}
        self.themes = ThemeMatcher(taxonomy, threshold=theme_threshold, use_concepts=use_concepts)
        self.theme_threshold = theme_threshold
        # the other languages' readers, each made when a comment first needs it
        self._readers: dict[str, tuple[Reader, WordbookThemeMatcher]] = {}

    def _reader(self, language: str) -> tuple[Reader, ThemeMatcher]:
        """The reader and theme matcher of a language read by its wordbook."""
        found = self._readers.get(language)
        if found is None:
            book = WORDBOOKS[language]
            found = self._readers[language] = (
                Reader(book, self.sentiment),
                WordbookThemeMatcher(self.taxonomy, book, threshold=self.theme_threshold),
            )
        return found

    def analyze(self, text: str) -> Analysis:
        """Everything the engine reads in ``text`` (an empty text gives a neutral reading)."""
        return self._analyze(text, None)

    def analyze_many(self, texts: Sequence[str], *, n_jobs: int = 1) -> list[Analysis]:
        """``analyze`` for each text, in order; ``n_jobs > 1`` spreads the work over processes."""
        languages = [guess_language(text) for text in texts]
        calibrated: list[float | None] = [None] * len(texts)
        for language, learnt in self.calibrations.items():  # each in one batch
            rows = [i for i, found in enumerate(languages) if found == language]
            if not rows:
                continue
            for i, score in zip(rows, learnt.scores([texts[i] for i in rows]), strict=True):
                calibrated[i] = float(score)
        if n_jobs > 1 and len(texts) > 1000:
            chunk = max(1, len(texts) // (n_jobs * 4))
            with ProcessPoolExecutor(max_workers=n_jobs) as pool:
                return list(pool.map(self._analyze, texts, calibrated, languages, chunksize=chunk))
        return list(map(self._analyze, texts, calibrated, languages))

    def analyze_frame(self, frame: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
        """``frame`` with the main readings added as columns, for bulk work and reports.

        Null texts are read as empty comments.
        """
        import polars as pl

        texts = [t or "" for t in frame[text_column].to_list()]
        results = self.analyze_many(texts)
        return frame.with_columns(
            pl.Series("sentiment_label", [r.label for r in results], dtype=pl.String),
            pl.Series("sentiment_score", [r.score for r in results], dtype=pl.Float64),
            pl.Series(
                "themes", [[t.name for t in r.themes] for r in results], dtype=pl.List(pl.String)
            ),
            pl.Series("journey_stage", [r.journey_stage for r in results], dtype=pl.String),
            pl.Series("urgent", [r.urgent for r in results], dtype=pl.Boolean),
            pl.Series("churn_risk", [r.churn_risk for r in results], dtype=pl.Boolean),
            pl.Series("praise", [r.praise for r in results], dtype=pl.Boolean),
        )

    def _analyze(
        self, text: str, calibrated: float | None, language: str | None = None
    ) -> Analysis:
        language = language or guess_language(text)
        if language not in READ:  # said to be unread, rather than read with English words
            unread = DocumentSentiment(0.0, UNREAD, 0.0, 0.0, ())
            return Analysis(text, unread, (), None, (), (), False, (), language=language)
        themes: ThemeMatcher
        if language == ENGLISH:
            rules, themes = self.sentiment, self.themes
            reading = self.sentiment.analyze(text)
        else:  # by the language's own words
            reader, themes = self._reader(language)
            rules, reading = reader.rules, reader.analyze(text)
        learnt = self.calibrations.get(language)
        if calibrated is None and learnt is not None:
            calibrated = float(learnt.scores([text])[0])
        if calibrated is not None and text.strip():  # nothing written reads neutral
            reading = _recalibrated(reading, calibrated, rules)
        sentences = reading.sentences
        lowered = lower_keeping_offsets(text)
        praising = praise_sentences(sentences, language)
        praised: list[Praise] = []
        if self.directory and praising:
            for sentence in praising:
                for mention in self.directory.find(sentence.text):
                    if all(p.member != mention.member for p in praised):
                        praised.append(
                            Praise(mention.member, sentence.text, sentence.start, sentence.end)
                        )
        return Analysis(
            text=text,
            sentiment=reading,
            themes=tuple(themes.mentions(reading)),
            journey_stage=journey_stage(text, lowered, language),
            care_signals=tuple(care_signals(text, sentences, lowered, language)),
            flags=tuple(flags(text, sentences, lowered, language)),
            praise=bool(praising),
            praised=tuple(praised),
            language=language,
        )


def _recalibrated(
    reading: DocumentSentiment, score: float, analyzer: SentimentAnalyzer
) -> DocumentSentiment:
    """The reading with the learnt score. A comment in which the lexicon finds no opinion on
    either side ("How do I change my address?") stays neutral unless the learnt model is sure
    (a probability of at least 0.75 either way), as it is of words this organisation's customers
    use for praise or blame; otherwise its lean towards one side would label every question.
    On clothing reviews (a validation part of the benchmark's training split), this reads more
    3-star reviews as neutral and moves no 1-2 or 4-5-star one."""
    unopinionated = reading.positive == 0 and reading.negative == 0
    if unopinionated and abs(score) < SURE:
        return DocumentSentiment(score, "neutral", 0.0, 0.0, reading.sentences)
    label = analyzer.label(score, reading.positive, reading.negative)
    return DocumentSentiment(score, label, reading.positive, reading.negative, reading.sentences)


# how far from 0 a learnt score (2p - 1) must be to label a comment without opinion words
SURE = 0.5


@lru_cache(maxsize=8)
def _engine(taxonomy: Taxonomy, directory: tuple[Member, ...]) -> TextAnalyzer:
    return TextAnalyzer(taxonomy=taxonomy, directory=directory)


def analyze(
    text: str, *, taxonomy: Taxonomy = DEFAULT_TAXONOMY, directory: Iterable[Member] = ()
) -> Analysis:
    """Read one comment with the default engine (no training data needed)."""
    return _engine(taxonomy, tuple(directory)).analyze(text)


def analyze_many(
    texts: Sequence[str],
    *,
    taxonomy: Taxonomy = DEFAULT_TAXONOMY,
    directory: Iterable[Member] = (),
    n_jobs: int = 1,
) -> list[Analysis]:
    """``analyze`` for many comments, reusing one engine."""
    return _engine(taxonomy, tuple(directory)).analyze_many(texts, n_jobs=n_jobs)
