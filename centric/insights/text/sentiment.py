"""Rule-based sentiment for customer comments, per document, sentence and clause.

The score of a word comes from Centric's lexicon (``lexicon.py``, ``phrases.py``); rules
(``rules.py`` for single words, this module for clauses and sentences) then adjust it for
what the words around it do:

- negation flips it within a short scope ("not late at all", "I wouldn't say it was helpful"),
  or further after a verb of opinion ("I didn't find it to be a flattering top"); what a
  customer waits for is missed when negated ("still no refund"); a negation that says nothing
  surpasses it stresses it instead ("never been happier", "could not have been better");
- boosters and downtoners scale it ("very", "a bit");
- "too" turns a neutral word into an excess ("too small");
- unmet hopes invert praise ("I wanted to love it", "looks better on the model"), and so do
  requests and conditions contrary to fact ("it would be great if you fixed the invoices",
  "a pretty good spot if it were not so overpriced", whose negation says what is so), praise
  that is over ("used to be pretty decent", "loved it ...until i read dry clean only");
- "will return" and "will go back" promise a visit or send an item back, by what follows
  and who does it ("we will return soon", "it will go back");
- contrast reweights clauses: what follows "but" counts more, a concession ("although ...")
  counts less, and a sentence opening with "However" outweighs the one before it.

Every adjustment is kept with its phrase so a score can be explained word by word.
"""

from __future__ import annotations

import math
from itertools import islice

from centric.insights.text.lexicon import (
    AWAITED,
    BOOSTERS,
    CONCESSIVE,
    CONTRAST_NEXT,
    IRREALIS,
    NEGATING_PAIRS,
    NEGATORS,
    NOT_OPINIONS,
    OPINION_VERBS,
    words,
)
from centric.insights.text.phrases import BOOSTING_PHRASES, PHRASES_BY_FIRST, match_phrase
from centric.insights.text.rules import (
    COMING_OR_GOING,
    COMPARATIVES,
    REFERENCE_FRAMES,
    Hit,
    coming_back,
    ended_at,
    ends_what_went_before,
    excess,
    has_valence_ahead,
    is_inert,
    is_request,
    negate,
    next_token,
    states_fact,
    unsurpassed,
    used_to,
    word_valence,
)
from centric.insights.text.segment import TOKEN, Span, lower_keeping_offsets, split_sentences
from centric.insights.text.types import Clause, Contribution, DocumentSentiment, SentenceSentiment

_CLAUSE_BREAKS = frozenset(",;:()-–—")
_CLAUSE_OPENERS = CONTRAST_NEXT | CONCESSIVE
_SENTENCE_CONTRAST = frozenset(words("but however unfortunately sadly still although yet"))


def label_for(
    score: float,
    positive: float,
    negative: float,
    *,
    neutral_threshold: float = 0.05,
    mixed_ratio: float = 0.6,
    mixed_min: float = 1.5,
) -> str:
    """The label of a score given the positive and negative evidence behind it.

    ``mixed`` when both sides carry at least ``mixed_min`` and the weaker is at least
    ``mixed_ratio`` of the stronger; otherwise the sign of ``score`` beyond
    ``neutral_threshold``, or ``neutral``.
    """
    if both_sides(positive, negative, ratio=mixed_ratio, minimum=mixed_min):
        return "mixed"
    if score >= neutral_threshold:
        return "positive"
    if score <= -neutral_threshold:
        return "negative"
    return "neutral"


def both_sides(positive: float, negative: float, *, ratio: float, minimum: float) -> bool:
    """Whether each side carries at least ``minimum`` and the weaker at least ``ratio`` of the
    stronger: the evidence of a mixed reading."""
    weaker, stronger = sorted((positive, negative))
    return weaker >= minimum and weaker >= ratio * stronger


def normalize(raw: float, alpha: float) -> float:
    """Squash an unbounded sum of valences into (-1, 1)."""
    return raw / math.sqrt(raw * raw + alpha)


class SentimentAnalyzer:
    """Zero-shot sentiment from the built-in lexicon and rules; needs no training data.

    Parameters are the knobs of the rules; the defaults were chosen on review text and are
    the ones the benchmarks report.
    """

    def __init__(
        self,
        *,
        negation_window: int = 4,
        contrast_weight: float = 1.5,
        concession_weight: float = 0.5,
        negativity_weight: float = 1.0,
        last_sentence_weight: float = 1.0,
        neutral_threshold: float = 0.05,
        mixed_ratio: float = 0.6,
        mixed_min: float = 1.5,
        sentence_mixed_ratio: float = 0.4,
        sentence_mixed_min: float = 1.0,
        alpha: float = 15.0,
    ) -> None:
        self.negation_window = negation_window
        self.contrast_weight = contrast_weight
        self.concession_weight = concession_weight
        self.negativity_weight = negativity_weight
        self.last_sentence_weight = last_sentence_weight
        self.neutral_threshold = neutral_threshold
        self.mixed_ratio = mixed_ratio
        self.mixed_min = mixed_min
        self.sentence_mixed_ratio = sentence_mixed_ratio
        self.sentence_mixed_min = sentence_mixed_min
        self.alpha = alpha

    def analyze(self, text: str) -> DocumentSentiment:
        """Sentiment of ``text`` with its sentences, clauses and the phrases that drove it."""
        text = text.replace("’", "'")  # same length, so offsets still point into the original
        lowered = lower_keeping_offsets(text)
        spans = split_sentences(text)
        weights = self._sentence_weights(spans)
        # "absolutely loved it ...until i read dry clean only": the next sentence ends it
        ended = [
            index + 1 < len(spans) and _opens_with_an_end(lowered, spans[index + 1])
            for index in range(len(spans))
        ]
        sentences = [
            self._sentence(text, lowered, span, weight, ends)
            for span, weight, ends in zip(spans, weights, ended, strict=True)
        ]
        raw = sum(s.raw for s in sentences)
        positive = sum(s.positive for s in sentences)
        negative = sum(s.negative for s in sentences)
        score = normalize(raw, self.alpha)
        label = self.label(score, positive, negative)
        if self._sentences_disagree(sentences):
            label = "mixed"
        return DocumentSentiment(
            score=score,
            label=label,
            positive=positive,
            negative=negative,
            sentences=tuple(sentences),
        )

    def score(self, text: str) -> float:
        """The document score of ``text`` in [-1, 1]."""
        return self.analyze(text).score

    def label(self, score: float, positive: float, negative: float) -> str:
        """The label of a score and the evidence behind it, by this reader's thresholds."""
        return label_for(
            score,
            positive,
            negative,
            neutral_threshold=self.neutral_threshold,
            mixed_ratio=self.mixed_ratio,
            mixed_min=self.mixed_min,
        )

    def _sentences_disagree(self, sentences: list[SentenceSentiment]) -> bool:
        """Whether the comment praises in some sentences and blames in others, each side
        with at least ``sentence_mixed_min`` of evidence and the weaker at least
        ``sentence_mixed_ratio`` of the stronger: "The portal is a nightmare. Quality is
        excellent." is mixed, however the two weigh up; "Love the fit. A bit thin though."
        is praise with a quibble."""
        praise = sum(s.positive for s in sentences if s.label == "positive")
        blame = sum(s.negative for s in sentences if s.label == "negative")
        return both_sides(
            praise, blame, ratio=self.sentence_mixed_ratio, minimum=self.sentence_mixed_min
        )

    def _sentence_weights(self, spans: list[Span]) -> list[float]:
        weights = [1.0] * len(spans)
        for index, span in enumerate(spans):
            first = span.text[:16].lstrip("\"'(*-. ").split(" ", 1)[0].strip(",.!").lower()
            if index > 0 and first in _SENTENCE_CONTRAST:
                weights[index] *= self.contrast_weight
                # The sentence before keeps more than a clause before "but" would: it may
                # speak of something else entirely.
                weights[index - 1] *= (1 + self.concession_weight) / 2
        if len(weights) > 1:
            weights[-1] *= self.last_sentence_weight
        return weights

    def _sentence(
        self, text: str, lowered: str, span: Span, weight: float, ended: bool = False
    ) -> SentenceSentiment:
        """The sentence's reading; ``ended`` when the next sentence says its praise is over."""
        offsets = [m.span() for m in TOKEN.finditer(lowered, span.start, span.end)]
        lower = [lowered[a:b] for a, b in offsets]
        emphasis = 1.0 + 0.08 * min(lower.count("!"), 3)
        clauses: list[Clause] = []
        contributions: list[Contribution] = []
        positive = negative = 0.0
        for start, end, clause_weight in self._clauses(lower):
            factor = weight * clause_weight * emphasis
            clause_positive = clause_negative = 0.0
            hits = self._score_clause(text, offsets, lower, start, end, ended and end == len(lower))
            for first, last, value in hits:
                value *= factor * (self.negativity_weight if value < 0 else 1.0)
                if value > 0:
                    clause_positive += value
                else:
                    clause_negative -= value
                contributions.append(
                    Contribution(
                        " ".join(lower[first:last]), value, offsets[first][0], offsets[last - 1][1]
                    )
                )
            positive += clause_positive
            negative += clause_negative
            clauses.append(
                Clause(
                    offsets[start][0],
                    offsets[end - 1][1],
                    tuple(lower[start:end]),
                    clause_positive,
                    clause_negative,
                )
            )
        raw = positive - negative
        score = normalize(raw, self.alpha)
        return SentenceSentiment(
            text=span.text,
            start=span.start,
            end=span.end,
            score=score,
            label=self.label(score, positive, negative),
            raw=raw,
            positive=positive,
            negative=negative,
            contributions=tuple(contributions),
            clauses=tuple(clauses),
        )

    def _clauses(self, lower: list[str]) -> list[tuple[int, int, float]]:
        """Token ranges of the clauses of a sentence with their contrast weights."""
        units: list[tuple[int, int]] = []
        start = 0
        for index, token in enumerate(lower):
            is_break = token in _CLAUSE_BREAKS
            if is_break or (token in _CLAUSE_OPENERS and _opens_clause(lower, index)):
                if index > start:
                    units.append((start, index))
                start = index + 1 if is_break else index
        if start < len(lower):
            units.append((start, len(lower)))
        weights = [1.0] * len(units)
        contrasts = [i for i, (s, _) in enumerate(units) if i > 0 and lower[s] in CONTRAST_NEXT]
        if contrasts:
            # Only the last turn of the sentence is its verdict: "nice, but thin, but cheap".
            for i in range(len(units)):
                weights[i] *= self.concession_weight if i < contrasts[-1] else self.contrast_weight
        for i, (s, _) in enumerate(units):
            if lower[s] in CONCESSIVE or (s == 0 and lower[s] == "though"):
                weights[i] *= self.concession_weight
                if i == 0:
                    for later in range(1, len(units)):
                        weights[later] *= self.contrast_weight
        return [(s, e, w) for (s, e), w in zip(units, weights, strict=True)]

    def _score_clause(
        self,
        text: str,
        offsets: list[tuple[int, int]],
        lower: list[str],
        start: int,
        end: int,
        ended: bool = False,
    ) -> list[Hit]:
        """The sentiment-bearing stretches of one clause as (first token, end token, value);
        ``ended`` when what follows the clause says its praise is over."""
        found: list[Hit] = []
        negator_at = -1
        reach = self.negation_window
        boost = 0.0
        booster_at = -1
        irrealis_at = -1
        i = start
        while i < end:
            word = lower[i]
            if is_inert(word):
                i += 1
                continue
            if word in NEGATORS and states_fact(lower, i, start):
                i += 1  # "if it were not so overpriced": it is
                continue
            in_negation = negator_at >= 0 and i - negator_at <= reach
            phrase = match_phrase(lower, i) if word in PHRASES_BY_FIRST else None
            if phrase is None and word in COMING_OR_GOING:
                phrase = coming_back(lower, i, start, end)
            if (
                word in NEGATORS
                and (phrase is None or phrase[1] < 0)
                and unsurpassed(lower, i, end)
            ):
                i += 1  # "never been happier": what follows is stressed, not negated
                continue
            if phrase is not None and i + phrase[0] <= end:
                size, value = phrase
                if value == 0.0 and (stress := BOOSTING_PHRASES.get(tuple(lower[i : i + size]))):
                    if booster_at < 0:
                        booster_at = i
                    boost += stress
                    i += size
                    continue
                if value != 0.0:
                    first = booster_at if booster_at >= 0 else i
                    if in_negation and word not in NEGATORS:
                        value = negate(value)
                        first = negator_at
                    elif value > 0 and irrealis_at >= 0 and i - irrealis_at <= 3:
                        value *= -0.6  # "used to be pretty good", as for a word
                        first = irrealis_at
                    elif value > 0 and is_request(lower, i, i + size, start, end):
                        value *= -0.6  # "a pretty good spot if it were not so overpriced"
                    found.append((first, i + size, value * (1 + boost)))
                boost = 0.0
                booster_at = -1
                i += size
                continue
            if word in NEGATORS:
                negator_at = i
                reach = self.negation_window
                if next_token(lower, i, end) in OPINION_VERBS and (
                    next_token(lower, i + 1, end) not in NOT_OPINIONS
                ):
                    reach += 3
                i += 1
                continue
            if word in NEGATING_PAIRS and next_token(lower, i, end) == NEGATING_PAIRS[word]:
                # "anything but reliable"; "no less than ten compliments" cancels out
                negator_at = -1 if in_negation else i + 1
                reach = 2  # only the words right after: "anything but a sack" is a sack
                i += 2
                continue
            if word in IRREALIS or (
                word in ("would", "could", "should") and next_token(lower, i, end) == "have"
            ):
                irrealis_at = i
            elif used_to(lower, i, start, end):
                irrealis_at = i + 1  # "used to be pretty decent": it is no longer
            if word in BOOSTERS and has_valence_ahead(lower, i, end):
                if booster_at < 0:
                    booster_at = i
                boost += BOOSTERS[word]
                i += 1
                continue
            if word == "too":
                i = excess(lower, i, end, negator_at if in_negation else -1, found)
                continue
            if word == "enough" and in_negation:
                found.append((negator_at, i + 1, -1.2))
                i += 1
                continue
            if word in AWAITED and in_negation:
                found.append((negator_at, i + 1, -1.9))
                i += 1
                continue
            found_valence = word_valence(lower, i, start, end)
            if found_valence is None:
                i += 1
                continue
            value = found_valence
            first = booster_at if booster_at >= 0 else i
            last = i + 1
            if in_negation:
                value = negate(value)
                first = negator_at
                if lower[i + 1 : i + 3] == ["at", "all"]:
                    value *= 1.4
                    last = i + 3
            elif value > 0 and irrealis_at >= 0 and i - irrealis_at <= 3:
                value *= -0.6
                first = irrealis_at
            elif value > 0 and is_request(lower, i, i + 1, start, end):
                value *= -0.6
                last = end  # what the request asks for is not yet so: "if you fixed it"
            elif (
                value > 0
                and word in COMPARATIVES
                and REFERENCE_FRAMES.intersection(lower[start:end])
            ):
                value = -1.5
            if len(word) > 2 and text[offsets[i][0] : offsets[i][1]].isupper():
                value *= 1.3  # "it was AWFUL": capitals for one word are emphasis
            found.append((first, last, value * (1 + boost)))
            boost = 0.0
            booster_at = -1
            i = last
        until = end if ended else ended_at(lower, start, end)
        if until >= 0:  # "loved it ...until i read dry clean only": the praise is over
            found = [(a, b, v * -0.6 if v > 0 and b <= until else v) for a, b, v in found]
        return found


def _opens_with_an_end(lowered: str, span: Span) -> bool:
    """Whether the sentence opens with "until" and an event that ended what went before."""
    if not span.text.lstrip(" .…")[:6].lower().startswith("until"):
        return False
    tokens = (m.group(0) for m in TOKEN.finditer(lowered, span.start, span.end))
    return ends_what_went_before(list(islice((t for t in tokens if t[0].isalnum()), 3)), 0)


def _opens_clause(lower: list[str], index: int) -> bool:
    """Whether the token at ``index`` starts a new clause: a contrast or a concession."""
    token = lower[index]
    if index >= len(lower) - 2 or lower[index + 1] in _CLAUSE_BREAKS:
        return False  # "runs small though.", "lovely though, ...": a trailing word
    if index > 0 and NEGATING_PAIRS.get(lower[index - 1]) == token:
        return False  # "anything but reliable" negates, it does not turn the sentence
    if token in CONTRAST_NEXT:
        return index > 0
    return token in CONCESSIVE
