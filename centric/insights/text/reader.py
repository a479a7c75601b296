"""Reading a language by its own words and rules: sentiment with its reasons, and themes.

Every language the engine reads besides English is described by a ``Wordbook`` (German in
``german.py``, French in ``french.py``, …), written for this project, not by the English
lexicon: German "die" is an article, French "pain" is bread and Spanish "éxito" a success.
The rules are those of the English engine where the languages work the same way, and each
language's own where it does not:

- a negation turns the first opinion word within four words after it ("nicht zufrieden",
  "n'est pas bon", "no funciona"), or, in a language that puts it last in its clause
  (German "das gefällt uns nicht"), the nearest one before it;
- boosters and downtoners scale the word they come before ("sehr schnell", "un peu lent"),
  and an excess word before an adjective of measure makes it an excess ("zu spät", "trop
  cher", "demasiado caro");
- a contrast ("aber", "mais", "pero") makes what follows the verdict, a concession
  ("obwohl", "aunque") counts less;
- a clause that wishes or supposes ("es wäre schön, wenn …", "ce serait bien si …") says what
  is missing, so its praise counts against, as the English engine reads "it would be great if";
- a problem that was solved ("unser Problem sofort gelöst", "problema resuelto") is no
  complaint;
- inflected forms are found by their endings ("rápidas" by "rápido"), French and Italian
  elision is undone ("n'est" is "n" and "est"), and where customers often leave accents out
  a word is known without them ("tres rapido");
- in a language that writes compounds (German), a compound takes the opinion of its last part
  ("Sicherheitsproblem"), a negative prefix turns a word round ("unzuverlässig"), and seed
  words are found within compounds ("Rechnung" in "Rechnungsfehler").

Themes are found by ``WordbookThemeMatcher``: the default themes' seed words in the language
(``Wordbook.seeds``) and every seed word the organisation gave.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from centric.insights.text import dutch, french, german, italian, portuguese, spanish
from centric.insights.text.lexicon import valence as english_valence
from centric.insights.text.lexicon import words
from centric.insights.text.segment import TOKEN, Span, lower_keeping_offsets, split_sentences
from centric.insights.text.sentiment import SentimentAnalyzer, normalize
from centric.insights.text.taxonomy import DEFAULT_TAXONOMY, Taxonomy
from centric.insights.text.themes import SEED_WEIGHT, ThemeMatcher, record_evidence
from centric.insights.text.types import Clause, Contribution, DocumentSentiment, SentenceSentiment
from centric.insights.text.wordbook import Wordbook

# The languages read by their wordbooks, by ISO 639-1 code
WORDBOOKS: dict[str, Wordbook] = {
    book.code: book
    for book in (
        german.GERMAN,
        french.FRENCH,
        spanish.SPANISH,
        italian.ITALIAN,
        portuguese.PORTUGUESE,
        dutch.DUTCH,
    )
}

NEGATION_SCALAR = -0.75  # a positive word negated: "nicht gut" is bad, if less than "schlecht"
DENIAL_SCALAR = -0.5  # a negative word negated: "pas mal" is mildly good
NEGATION_REACH = 4  # how many words after it a negation turns
EXCESS_VALUE = -1.2  # "too" before a word of measure that is no opinion itself: "trop long"
EXCESS_SCALAR = 1.3  # "too" before a negative one: "zu teuer"
WISHED = -0.5  # praise in a clause that wishes: what is missing
LOOSENED = -1.2  # a solved word after the word that makes it come loose: "hat sich gelöst"
VALENCES_KEPT = 65536  # words whose valence a reader remembers
_CLAUSE_BREAKS = frozenset(",;:()-–—")
_APOSTROPHES = "'’"


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without its accents: "rápido" -> "rapido", "très" -> "tres"."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def lookup_key(book: Wordbook, word: str) -> str:
    """How a lower-case word of ``book``'s language is looked up: without its accents where
    the book says so."""
    return fold(word) if book.fold_accents else word


class Reader:
    """Sentiment of comments in one language, with the same results as the English engine's
    ``SentimentAnalyzer`` (sentences, clauses, the phrases that drove each score)."""

    def __init__(self, book: Wordbook, rules: SentimentAnalyzer | None = None) -> None:
        """``rules``: the English reader whose weights of contrast and concession, scale and
        labels this one keeps, so every language is read on the same terms."""
        self.book = book
        self.rules = rules or SentimentAnalyzer()
        self.lexicon = {
            self.key(word): value for value, block in book.valences.items() for word in words(block)
        }
        self.lexicon.update(dict.fromkeys(self._set(book.neutral), 0.0))
        self.phrases = {
            tuple(self.key(w) for w in phrase.split()): value
            for phrase, value in book.phrases.items()
        }
        self.phrase_starts = frozenset(phrase[0] for phrase in self.phrases)
        self.negators = self._set(book.negators)
        self.boosters = {
            self.key(word): scale for scale, block in book.boosters.items() for word in words(block)
        }
        self.excess = self._set(book.excess)
        self.measures = self._set(book.measures)
        self.contrast = self._set(book.contrast)
        self.concessive = self._set(book.concessive)
        # as written: without its accent, Spanish "sería" (would be) is "seria" (serious)
        self.wishing = frozenset(words(book.wishing))
        self.solved = self._set(book.solved)
        self.unnegated = self._set(book.unnegated)
        self.forward_only = self._set(book.forward_only)
        self.opens = self._set(book.negation_opens)
        self.closes = self._set(book.negation_closes)
        # in the book's order, which decides between two that end a word
        self.heads = tuple(dict.fromkeys(self.key(word) for word in words(book.heads)))
        self.elided = frozenset(words(book.elided))
        self.after = {
            self.key(word): (self._set(before), value)
            for word, (before, value) in book.after.items()
        }
        self._valences: dict[str, float] = {}

    def key(self, word: str) -> str:
        """How a lower-case word is looked up (``lookup_key``)."""
        return lookup_key(self.book, word)

    def _set(self, block: str) -> frozenset[str]:
        return frozenset(self.key(word) for word in words(block))

    def valence(self, word: str) -> float:
        """The valence of a looked-up word (see ``_valence``), remembered."""
        value = self._valences.get(word)
        if value is None:
            if len(self._valences) > VALENCES_KEPT:
                self._valences.clear()
            value = self._valences[word] = self._valence(word)
        return value

    def _valence(self, word: str) -> float:
        """The valence of a looked-up word: itself, an inflected form, one with the negative
        prefix turned round, or a compound by its last part; 0 for none."""
        if word in self.lexicon:
            return self.lexicon[word]
        for base in self._bases(word, shortest=3):
            if base in self.lexicon:
                return self.lexicon[base]
        prefix = self.book.negative_prefix
        turned = prefix and word.startswith(prefix) and len(word) > len(prefix) + 3
        if turned and (value := self.valence(word[len(prefix) :])):
            return -0.8 * value
        for head in self.heads:
            for form in (head, head + "en", head + "n", head + "s"):  # and its plural
                if word.endswith(form) and len(word) > len(form) + 2:
                    return self.lexicon[head]
        return 0.0

    def knows(self, word: str) -> bool:
        """Whether the lower-case ``word`` is an opinion word of this language."""
        return self.valence(self.key(word)) != 0.0

    def analyze(self, text: str) -> DocumentSentiment:
        """Sentiment of ``text`` with its sentences, clauses and the words that drove it."""
        lowered = lower_keeping_offsets(text)
        sentences = tuple(self._sentence(lowered, span) for span in split_sentences(text))
        positive = sum(s.positive for s in sentences)
        negative = sum(s.negative for s in sentences)
        score = normalize(positive - negative, self.rules.alpha)
        return DocumentSentiment(
            score, self.rules.label(score, positive, negative), positive, negative, sentences
        )

    def tokens(self, lowered: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The offsets of the words between ``start`` and ``end``, elision undone: French
        "n'est" is "n" and "est", "l'équipe" is "l" and "équipe"."""
        for match in TOKEN.finditer(lowered, start, end):
            a, b = match.span()
            if self.elided:
                for mark in _APOSTROPHES:
                    cut = lowered.find(mark, a, b)
                    if cut > a and lowered[a:cut] in self.elided:
                        yield a, cut
                        a = cut + 1
                        break
            yield a, b

    def _sentence(self, lowered: str, span: Span) -> SentenceSentiment:
        offsets = list(self.tokens(lowered, span.start, span.end))
        tokens = [lowered[a:b] for a, b in offsets]
        keys = [self.key(token) for token in tokens]
        clauses: list[Clause] = []
        contributions: list[Contribution] = []
        for start, end, weight in self._clauses(keys):
            positive = negative = 0.0
            for first, last, value in self._opinions(keys, start, end, tokens):
                value *= weight
                positive += max(value, 0.0)
                negative += max(-value, 0.0)
                if not value:  # a set phrase that only keeps its words from counting
                    continue
                phrase = " ".join(tokens[first:last])
                where = offsets[first][0], offsets[last - 1][1]
                contributions.append(Contribution(phrase, value, *where))
            where = offsets[start][0], offsets[end - 1][1]
            clauses.append(Clause(*where, tuple(tokens[start:end]), positive, negative))
        positive = sum(c.positive for c in clauses)
        negative = sum(c.negative for c in clauses)
        score = normalize(positive - negative, self.rules.alpha)
        return SentenceSentiment(
            text=span.text,
            start=span.start,
            end=span.end,
            score=score,
            label=self.rules.label(score, positive, negative),
            raw=positive - negative,
            positive=positive,
            negative=negative,
            contributions=tuple(contributions),
            clauses=tuple(clauses),
        )

    def _clauses(self, keys: list[str]) -> list[tuple[int, int, float]]:
        """Token ranges of the sentence's clauses, each with its weight: the last clause
        after a contrast is the verdict, a conceded one counts less."""
        units: list[tuple[int, int]] = []
        start = 0
        for index, token in enumerate(keys):
            if token in _CLAUSE_BREAKS or token in self.contrast or token in self.concessive:
                if index > start:
                    units.append((start, index))
                start = index + 1 if token in _CLAUSE_BREAKS else index
        if start < len(keys):
            units.append((start, len(keys)))
        weights = [1.0] * len(units)
        turns = [i for i, (s, _) in enumerate(units) if i > 0 and keys[s] in self.contrast]
        if turns:
            for i in range(len(units)):
                weights[i] *= (
                    self.rules.concession_weight if i < turns[-1] else self.rules.contrast_weight
                )
        for i, (s, _) in enumerate(units):
            if keys[s] in self.concessive:
                weights[i] *= self.rules.concession_weight
        return [(s, e, w) for (s, e), w in zip(units, weights, strict=True)]

    def _opinions(
        self, keys: list[str], start: int, end: int, tokens: list[str]
    ) -> list[tuple[int, int, float]]:
        """The opinions of one clause as (first token, end token, value), after boosters,
        excess and negation; ``keys`` are the ``tokens`` as looked up."""
        hits: list[tuple[int, int, float]] = []
        negators: list[tuple[int, int]] = []  # (first, last) word of each
        boost, boosted_at = 0.0, -1
        opened = -1  # where a two-part negation opened: "ne" of "ne … pas"
        clause = keys[start:end]
        solved = not self.solved.isdisjoint(clause)
        wishing = not self.wishing.isdisjoint(tokens[start:end])
        i = start
        while i < end:
            word = keys[i]
            phrase = self._phrase(keys, i, end) if word in self.phrase_starts else None
            if phrase is not None:
                size, value = phrase
                hits.append((i, i + size, value))
                i += size
                continue
            if word in self.opens:
                opened = i
            elif word in self.negators or (opened >= 0 and word in self.closes):
                negators.append((opened if opened >= 0 else i, i))
                opened = -1
            elif word in self.excess and i + 1 < end and self._measure(keys[i + 1]):
                value = self.valence(keys[i + 1])
                hits.append((i, i + 2, value * EXCESS_SCALAR if value < 0 else EXCESS_VALUE))
                i += 2
                continue
            elif word in self.boosters and i + 1 < end and self.valence(keys[i + 1]):
                boost, boosted_at = self.boosters[word], i
            elif word in self.after and self._separated(keys, start, i, hits):
                hits.append((i, i + 1, self.after[word][1]))
            elif value := self.valence(word):
                if word in self.solved and self._loosened(keys[start:i]):
                    value = LOOSENED  # "eine Abdeckung hat sich gelöst": it came loose
                elif value < 0 and solved and word not in self.solved:
                    i += 1  # the problem that was solved
                    continue
                if boosted_at == i - 1:
                    value *= 1 + boost
                if wishing and value > 0:
                    value *= WISHED
                hits.append((i, i + 1, value))
            i += 1
        return self._negated(hits, negators, keys)

    def _separated(
        self, keys: list[str], start: int, i: int, hits: list[tuple[int, int, float]]
    ) -> bool:
        """Whether the word at ``i`` ends a separable verb of its clause ("fällt … aus",
        "valt … tegen") with no opinion between them: "fiel sehr gut aus" says how it turned
        out, and the opinion is that."""
        verbs = self.after[keys[i]][0]
        verb = max((j for j in range(start, i) if keys[j] in verbs), default=-1)
        return verb >= 0 and not any(first > verb for first, _, _ in hits)

    def _loosened(self, before: list[str]) -> bool:
        return bool(self.book.loosened_by) and self.book.loosened_by in before

    def _measure(self, word: str) -> bool:
        """Whether ``word`` is an adjective of measure, in any of its forms ("lange")."""
        return word in self.measures or any(base in self.measures for base in self._bases(word))

    def _bases(self, word: str, shortest: int = 0) -> Iterator[str]:
        """The base forms ``word`` may be inflected from, by the book's endings, in their
        order; each keeps at least ``shortest`` letters of the word."""
        for ending, replacement in self.book.endings:
            if word.endswith(ending) and len(word) - len(ending) >= shortest:
                yield word[: len(word) - len(ending)] + replacement

    def _phrase(self, keys: list[str], i: int, end: int) -> tuple[int, float] | None:
        for size in (4, 3, 2):
            value = self.phrases.get(tuple(keys[i : i + size])) if i + size <= end else None
            if value is not None:
                return size, value
        return None

    def _negated(
        self,
        hits: list[tuple[int, int, float]],
        negators: Sequence[tuple[int, int]],
        keys: Sequence[str],
    ) -> list[tuple[int, int, float]]:
        """Each negation turns the first opinion after it within reach, or else, where the
        language puts it last, the nearest one before it in its clause ("passt nie"). A
        phrase that says its negation itself ("niente da dire") is left alone."""
        turned = set()
        for first_at, last_at in self._negations(negators, hits):
            after = [
                n
                for n, (first, _, _) in enumerate(hits)
                if first > first_at
                and first - last_at <= NEGATION_REACH
                and keys[first] not in self.negators
            ]
            before = (
                [
                    n
                    for n, (first, last, _) in reversed(list(enumerate(hits)))
                    if last <= first_at and keys[first] not in self.unnegated
                ]
                if self.book.negation_looks_back and keys[last_at] not in self.forward_only
                else []
            )
            chosen = next((n for n in after + before if n not in turned), None)
            if chosen is not None:
                turned.add(chosen)
        result = []
        for n, (first, last, value) in enumerate(hits):
            if n in turned:
                value *= NEGATION_SCALAR if value > 0 else DENIAL_SCALAR
            result.append((first, last, value))
        return result

    @staticmethod
    def _negations(
        negators: Sequence[tuple[int, int]], hits: list[tuple[int, int, float]]
    ) -> list[tuple[int, int]]:
        """The negations of a clause as (first, last) word: negators with no opinion between
        them are one negation, "non … mai", "no … nunca", which turns the first opinion after
        its first word within reach of its last ("ne … jamais" is one already)."""
        starts = [first for first, _, _ in hits]
        negations: list[tuple[int, int]] = []
        for first, last in negators:
            if negations:
                first_at, last_at = negations[-1]
                between = any(last_at < start < first for start in starts)
                if first - last_at <= NEGATION_REACH and not between:
                    negations[-1] = (first_at, last)
                    continue
            negations.append((first, last))
        return negations


# A seed word of five letters or more is found within longer words too (a plural, a
# compound), unless it is one of the default themes' English words, which are matched whole:
# "staff" is in "Staffelpreise".
COMPOUND_MIN = 5
# how much longer than a seed a word that begins with it may be, in a language without
# compounds: "factures" is "facture", "productos" is "producto"
INFLECTION = 2
_DEFAULT_SEEDS = {
    theme.name: frozenset(seed.lower() for seed in theme.seed_words)
    for theme in DEFAULT_TAXONOMY.themes
}
_ENGLISH_SEEDS = frozenset().union(*_DEFAULT_SEEDS.values())


class WordbookThemeMatcher(ThemeMatcher):
    """Finds an organisation's themes in comments in one language: each theme's seed words in
    that language (the default themes') and the seed words the organisation gave, as whole
    words and, for a seed of five letters or more (not an English word of the default themes),
    at the start of a word ("Rechnung" in "Rechnungen", "facture" in "factures") or, where the
    language writes compounds, at the end of one ("Kundenservice")."""

    def __init__(
        self, taxonomy: Taxonomy, book: Wordbook, *, threshold: float = 0.5, alpha: float = 15.0
    ) -> None:
        super().__init__(Taxonomy(()), threshold=threshold, alpha=alpha, use_concepts=False)
        self.taxonomy = taxonomy
        self.book = book
        self._seed_index: dict[tuple[str, ...], dict[int, float]] = {}
        self._prefixes: dict[str, dict[int, float]] = {}
        self._suffixes: dict[str, dict[int, float]] = {}
        false_friends = frozenset(words(book.false_friends))
        for position, theme in enumerate(taxonomy.themes):
            # the theme's own seed words (for the default themes, English ones, which other
            # languages borrow: "Update", "email"), less the default themes' English words
            # that mean another thing in this language: Spanish "sale" is "leaves", French
            # "mail" is an email; a seed word the organisation gave is its own choice
            unmeant = false_friends & _DEFAULT_SEEDS.get(theme.name, frozenset())
            given = [seed for seed in theme.seed_words if seed.lower() not in unmeant]
            for seed in (*book_seeds(book, theme.name), *given):
                key = tuple(lookup_key(book, word) for word in seed.lower().split())
                if not key:
                    continue
                self._seed_index.setdefault(key, {})[position] = SEED_WEIGHT
                if len(key) == 1 and len(key[0]) >= COMPOUND_MIN and key[0] not in _ENGLISH_SEEDS:
                    self._prefixes.setdefault(key[0], {})[position] = SEED_WEIGHT
                    if book.compounds:
                        self._suffixes.setdefault(key[0], {})[position] = SEED_WEIGHT
        self._longest = max((len(k) for k in self._seed_index), default=1)

    def evidence(
        self, words: Sequence[str], surfaces: dict[tuple[str, ...], str] | None = None
    ) -> dict[int, dict[tuple[str, ...], float]]:
        found: dict[int, dict[tuple[str, ...], float]] = {}
        keys = [lookup_key(self.book, word) for word in words]
        for i, word in enumerate(keys):
            for size in range(1, min(self._longest, len(keys) - i) + 1):
                key = tuple(keys[i : i + size])
                hits = self._seed_index.get(key)
                if hits:
                    record_evidence(found, surfaces, key, hits, words[i : i + size])
            if (word,) in self._seed_index:
                continue
            for seed, hits in self._within(word):
                record_evidence(found, surfaces, (seed,), hits, [words[i]])
        return found

    def _within(self, word: str) -> list[tuple[str, dict[int, float]]]:
        """The seeds that ``word`` begins with (or, in a language of compounds, ends with)."""
        longest = len(word) if self.book.compounds else None
        found = [
            (seed, hits)
            for seed, hits in self._prefixes.items()
            if word.startswith(seed) and len(word) <= (longest or len(seed) + INFLECTION)
        ]
        found += [
            (seed, hits)
            for seed, hits in self._suffixes.items()
            # the end of a compound, not the word turned round: "unkompliziert" is no
            # "kompliziert"
            if word.endswith(seed)
            and not word.startswith(seed)
            and word != f"{self.book.negative_prefix}{seed}"
        ]
        return found


def book_seeds(book: Wordbook, theme: str) -> tuple[str, ...]:
    """The seed words ``book`` gives the default theme named ``theme`` (none for another)."""
    return tuple(seed.strip() for seed in book.seeds.get(theme, "").split(",") if seed.strip())


@cache
def reader(code: str) -> Reader:
    """The reader of the language ``code``, with the default English rules' weights."""
    return Reader(WORDBOOKS[code])


OWN_WORD = 4  # letters a word needs to tell a language


@lru_cache(maxsize=65536)
def is_own_word(code: str, word: str) -> bool:
    """Whether the lower-case ``word`` is one the reader of ``code`` knows (an opinion word or
    a seed word of its own) and English does not: such words tell a short comment's language.
    Words of three letters or fewer tell nothing: Italian "in" and "i" are English too."""
    if (
        len(word) < OWN_WORD
        or word in _shared(code)
        or word in _ENGLISH_SEEDS
        or english_valence(word) is not None
    ):
        return False
    return word in _seed_words(code) or reader(code).knows(word)


@cache
def _shared(code: str) -> frozenset[str]:
    return frozenset(words(WORDBOOKS[code].shared))


@cache
def _seed_words(code: str) -> frozenset[str]:
    book = WORDBOOKS[code]
    return frozenset(
        word
        for theme in book.seeds
        for seed in book_seeds(book, theme)
        for word in seed.lower().split()
    )
