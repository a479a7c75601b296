"""Theme discovery: propose new themes from an organisation's own feedback.

TF-IDF over the comments, factorised with NMF into topics; each topic becomes a proposal
with a suggested name, its key terms and the comments that represent it best. The name is
made of key terms as the topic's comments write them, for a person to read: a phrase written
in most of them ("bilan carbone", "parking lot", "datos de carbono"), else the two words found
in the most ("parking / places"), nouns before verbs and adverbs (see ``_Naming``). A key term
is a word or two words written side by side within a clause, never a verb or an adverb that
the comments show to be one ("ging", "demandent"; see ``_no_topic_words``). Topics the taxonomy
already covers are not proposed again: those named by a theme's seed word, whose key terms are
mostly seed words, or whose comments mostly match one theme already. Nor is a seed word
offered as a key term of a new theme. A person accepts or rejects proposals.

Comments are read in one language, English or one with a wordbook (``language``): its words,
the words it says nothing of a topic with, its opinion words, its seed words and, for German,
its seed words within compounds ("Lieferzeit" is the delivery theme's).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Self

import numpy as np
from numpy.typing import NDArray
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from centric.insights.text.language import ENGLISH, FUNCTION_WORDS
from centric.insights.text.lexicon import BOOSTERS, NEGATORS, valence, words
from centric.insights.text.reader import WORDBOOKS, WordbookThemeMatcher, book_seeds, reader
from centric.insights.text.segment import tokenize
from centric.insights.text.taxonomy import Taxonomy, Theme
from centric.insights.text.themes import STOPWORDS, ThemeMatcher, stem
from centric.insights.text.wordbook import Wordbook

# factorisations tried, the best kept (see ThemeDiscovery._topics)
STARTS = 3


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

    def distinct_examples(self, limit: int) -> tuple[str, ...]:
        """Up to ``limit`` of the examples, the strongest first, each after it holding one of
        the topic's two strongest words and no near-copy of one before it: most words of the
        shorter of two in the other. Feedback repeats itself, often with a sentence more ("…
        Paul was a great help."), and three copies of one comment show no more than one does;
        fewer examples are given rather than copies, or than comments of the topic's edge."""
        strongest = {word for term in _strongest_words(self.key_terms) for word in _words(term)}
        chosen: list[frozenset[str]] = []
        examples = []
        for example in self.examples:
            words = _words(example)
            if chosen and (
                not strongest & words or any(_near_copies(words, other) for other in chosen)
            ):
                continue
            chosen.append(words)
            examples.append(example)
            if len(examples) == limit:
                break
        return tuple(examples)


_EXAMPLE_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    return frozenset(_EXAMPLE_WORD.findall(text.casefold()))


def _near_copies(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether most of the words of the shorter of two comments are in the other."""
    return len(first & second) * 2 > min(len(first), len(second))


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
        language: str = ENGLISH,
    ) -> None:
        self.n_themes = n_themes
        self.n_terms = n_terms
        self.n_examples = n_examples
        self.taxonomy = taxonomy
        self.min_df = min_df
        self.max_df = max_df
        self.seed = seed
        self.words = _READING[language]

    def fit(self, texts: Sequence[str]) -> Self:
        """Find topics in ``texts``; needs a few comments that share words."""
        texts = [t for t in texts if t and t.strip()]
        min_df = self.min_df if len(texts) >= 20 else 1
        left_out = self.words.left_out | _no_topic_words(texts, self.words)
        vectorizer = TfidfVectorizer(
            analyzer=partial(_topic_terms, reading=replace(self.words, left_out=left_out)),
            min_df=min_df,
            max_df=self.max_df if len(texts) >= 20 else 1.0,
            sublinear_tf=True,
        )
        self.proposals_: list[ProposedTheme] = []
        self.covered_: list[ProposedTheme] = []
        try:
            x = vectorizer.fit_transform(texts)
        except ValueError:  # no word in few enough comments to mark a topic (or no words at all)
            return self
        n_topics = max(1, min(self.n_themes, x.shape[0] - 1, x.shape[1]))
        model, weights = self._topics(x, n_topics)
        terms = vectorizer.get_feature_names_out()
        owner = weights.argmax(axis=1)
        strength = weights.max(axis=1)
        coverage = _Coverage(self.taxonomy, self.words) if self.taxonomy is not None else None
        topics = []
        for topic in range(n_topics):
            members = np.flatnonzero((owner == topic) & (strength > 0))
            if len(members) == 0:
                continue
            ranked = (str(terms[i]) for i in np.argsort(-model.components_[topic], kind="stable"))
            top = list(itertools.islice(ranked, self.n_terms))
            overlaps = None
            if coverage is not None:
                overlaps = coverage.theme_covering(top, [texts[i] for i in members])
                if overlaps is None:
                    # a new theme seeded with another theme's words would find that theme's
                    # comments too; the next strongest terms stand in for them
                    fresh = (t for t in itertools.chain(top, ranked) if not coverage.seed_of(t))
                    top = list(itertools.islice(fresh, self.n_terms))
            # the comments most of the topic, each once: feedback repeats itself word for word
            ranked_texts = (texts[i] for i in members[np.argsort(-weights[members, topic])])
            examples = tuple(itertools.islice(dict.fromkeys(ranked_texts), self.n_examples))
            topics.append((members.tolist(), top, examples, overlaps))
        # the larger topics are named first: a smaller one takes another name
        naming = _Naming(texts, self.words)
        proposals = [
            ProposedTheme(
                name=naming.name(top, members),
                key_terms=tuple(top),
                examples=examples,
                size=len(members),
                overlaps=overlaps,
            )
            for members, top, examples, overlaps in sorted(topics, key=lambda t: -len(t[0]))
        ]
        proposals.sort(key=lambda p: (-p.size, p.name))
        self.proposals_ = [p for p in proposals if p.overlaps is None]
        self.covered_ = [p for p in proposals if p.overlaps is not None]
        return self

    def _topics(self, x: Any, n_topics: int) -> tuple[NMF, NDArray[np.float64]]:
        """The best of a few factorisations, from starts that differ by their seed: one start
        can settle where two topics share one factor (seen on one CPU and not another, for the
        same comments and seed), which the others do not."""
        best: tuple[float, NMF, NDArray[np.float64]] | None = None
        for start in range(STARTS):
            model = NMF(
                n_components=n_topics, init="nndsvda", random_state=self.seed + start, max_iter=400
            )
            # NMF ends by taking the square root of its reconstruction error, which rounding
            # can make a hair below zero when the topics fit the comments exactly
            with np.errstate(invalid="ignore"):
                weights = model.fit_transform(x)
            error = float(np.nan_to_num(model.reconstruction_err_))
            if best is None or error < best[0]:
                best = (error, model, weights)
        assert best is not None
        return best[1], best[2]


def covering_theme(
    taxonomy: Taxonomy,
    key_terms: Sequence[str],
    comments: Sequence[str],
    language: str = ENGLISH,
) -> str | None:
    """The theme of ``taxonomy`` that already covers a topic of these key terms and comments,
    read in ``language``, as discovery judges it; ``None`` when no theme does. A proposal made
    before the taxonomy changed can be checked again with it."""
    return _Coverage(taxonomy, _READING[language]).theme_covering(list(key_terms), comments)


class _Coverage:
    """What the themes of a taxonomy already cover, compared on word stems."""

    def __init__(self, taxonomy: Taxonomy, reading: _Reading) -> None:
        self.taxonomy = taxonomy
        self.reading = reading
        self.matcher = reading.matcher(taxonomy)
        # a seed phrase counts only as a whole: "site is down" does not make "site" a seed word
        self._seeds: dict[tuple[str, ...], str] = {}
        for theme in taxonomy.themes:
            for seed in (theme.name, *reading.seeds(theme), *theme.seed_words):
                self._seeds.setdefault(reading.stems(seed), theme.name)
        self._seeds.pop((), None)

    def seed_of(self, term: str) -> str | None:
        """The theme with a seed word (or name) in ``term``, "invoices clear" -> billing; in
        German also within a word, "lieferzeit" -> delivery."""
        words = tuple(self.reading.stem(w) for w in term.split())
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                theme = self._seeds.get(words[start : start + size])
                if theme is not None:
                    return theme
        if self.reading.compounds:
            for word in term.split():
                if found := self.matcher.evidence([word]):
                    return self.taxonomy.themes[min(found)].name
        return None

    def theme_covering(self, key_terms: list[str], comments: Sequence[str]) -> str | None:
        """The existing theme that already covers a topic: a seed word of it is one of the
        topic's two strongest words ("small / medium" is about fit and size, "driver /
        delivery" about delivery), seed words are half or more of the key terms, or the theme
        is found in most of the topic's comments ("invoices are clear and match the order"
        and "charged twice for the same order" make "order / match", which is billing)."""
        for word in _strongest_words(key_terms, self.reading.stem):
            if theme := self.seed_of(word):
                return theme
        seeded = Counter(t for t in map(self.seed_of, key_terms) if t is not None)
        if key_terms and seeded.total() * 2 >= len(key_terms):
            return self._most_common(seeded)
        found: Counter[str] = Counter()
        for comment in comments:
            matched = [
                name
                for name, confidence in self.matcher.confidences(comment).items()
                if confidence >= self.matcher.threshold and name != self.taxonomy.fallback
            ]
            found.update({*matched, *(a for n in matched for a in self.taxonomy.ancestors(n))})
        theme = self._most_common(found)
        return theme if theme is not None and found[theme] * 2 > len(comments) else None

    def _most_common(self, counts: Counter[str]) -> str | None:
        """The most frequent theme; of equally frequent ones, the first of the taxonomy."""
        order = self.taxonomy.names
        return min(counts, key=lambda name: (-counts[name], order.index(name)), default=None)


# single letters too, for the article "a"; a key term has three letters at least
_WORD = re.compile(r"[a-z][a-z'-]*")
# counting words say how many, not what about: "two days" is a delivery topic, not a "two" one
_NUMBERS = frozenset(
    words(
        "two three four five six seven eight nine ten eleven twelve twenty hundred thousand "
        "once twice half dozen several"
    )
)
_OPINION_WORDS = frozenset(BOOSTERS) | NEGATORS | STOPWORDS | _NUMBERS
# a word of another language: letters of any alphabet, digits and hyphens ("co2-bilanz"),
# cut at an apostrophe ("l'équipe" gives "équipe")
_OTHER_WORD = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")


# Words a noun comes after (articles, possessives, demonstratives), and adverbs' endings: a
# topic is best named by its nouns. Those that are pronouns or prepositions as often are left
# out: French "de" ("impossible de trouver"), Dutch "die" and "ons".
_ARTICLES = {
    ENGLISH: "a an the my our your their his her its this these those every each no",
    "de": """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem
        mein meine meinen meinem unser unsere unseren unserem unserer ihre ihren ihrem im am
        zum zur vom beim""",
    "fr": """le la les l un une des du au aux mon ma mes ton ta tes son sa ses notre nos votre
        vos leur leurs ce cet cette ces""",
    "es": """el la los las un una unos unas al del mi mis tu tus su sus nuestro nuestra
        nuestros nuestras este esta estos estas ese esa esos esas""",
    "it": """il lo la l i gli le un uno una del dello della dei degli delle al allo alla ai
        agli alle nel nello nella nei negli nelle mio mia miei mie nostro nostra nostri nostre
        questo questa questi queste""",
    "pt": """o a os as um uma uns umas do da dos das no na nas ao aos à às meu minha meus
        minhas nosso nossa nossos nossas este esta estes estas esse essa""",
    "nl": "de het een mijn onze uw deze dit",
}
_ADVERB_ENDINGS = {
    ENGLISH: ("ly",),
    "fr": ("ment",),
    "es": ("mente",),
    "it": ("mente",),
    "pt": ("mente",),
}
# and the endings of a verb after its subject ("parcel arrived", "camions attendent") or of a
# gerund ("seguimos esperando"), which ends no phrase that names a topic
_VERB_ENDINGS = {
    ENGLISH: ("ed",),
    "fr": ("ent",),
    "es": ("an", "en", "amos", "emos", "imos", "ando", "iendo"),
    "it": ("ano", "ono", "iamo", "ando", "endo"),
    "pt": ("am", "em", "amos", "emos", "imos", "ando", "endo", "indo"),
}
# Words a noun comes after besides articles ("demande de remboursement", "par pièce"): a word
# with a verb's or an adverb's ending written after one is a noun, and stays a topic's word.
_PREPOSITIONS = {
    "fr": "de d par pour sans avec sur",
    "es": "de por para con sin",
    "it": "di da per con senza su",
    "pt": "de por para com sem",
}
# Words that join two nouns into one, as English writes them side by side: "datos de
# carbono" is "carbon data", "portail en ligne" an "online portal"
_LINKS = {
    "fr": "de d du des en",
    "es": "de del en",
    "it": "di del della dei delle in",
    "pt": "de do da dos das em",
}
# and the pronouns a verb comes after, its subject's and those of its object that come first:
# "nous craignons", "ils demandent", "se déconnecte", "nos preocupa"
_BEFORE_VERBS = {
    "fr": "je j il elle on nous vous ils elles se s me m te",
    "es": "yo él ella nosotros nosotras ellos ellas se nos me te os le les",
    "it": "io lui lei noi voi loro",
    "pt": "eu ele ela nós eles elas",
    "nl": "ik jij hij zij ze we wij jullie",
}
# German writes its nouns with a capital letter, and discovery keeps only them: "ging" and
# "direkt" are never written so. Writers who capitalise fewer words than this do not.
_CAPITAL_NOUNS = frozenset({"de"})
_CAPITALISED_SHARE = 0.1


def _stemmer(book: Wordbook) -> Callable[[str], str]:
    """A light stem for the language of ``book``: its longest inflection ending or plural
    "s" cut off, so "Lieferungen" and "Lieferung" meet, "factures" and "facture" too."""
    endings = sorted({ending for ending, _ in book.endings if ending} | {"s"}, key=len)[::-1]

    def stem(word: str) -> str:
        word = word.lower()
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
        return word

    return stem


@dataclass(frozen=True)
class _Reading:
    """How discovery reads the words of one language."""

    word: re.Pattern[str]
    left_out: frozenset[str]
    opinion: Callable[[str], bool]
    stem: Callable[[str], str]
    matcher: Callable[[Taxonomy], ThemeMatcher]
    # a theme's seed words in this language besides the organisation's own
    seeds: Callable[[Theme], Sequence[str]]
    compounds: bool = False
    # what tells the nouns to name a topic by (see _Naming)
    articles: frozenset[str] = frozenset()
    adverb_endings: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    # the words that join the two words of a compound: "datos de carbono" (see _Naming)
    links: frozenset[str] = frozenset()
    # whether, and by what, it tells the verbs and adverbs that say nothing of a topic (see
    # _no_topic_words); English does not: "delayed" and "damaged" are what a topic is about
    leaves_out_verbs: bool = False
    prepositions: frozenset[str] = frozenset()
    before_verbs: frozenset[str] = frozenset()
    capital_nouns: bool = False

    def stems(self, text: str) -> tuple[str, ...]:
        return tuple(self.stem(t) for t in tokenize(text) if t[0].isalnum())


_READING = {
    ENGLISH: _Reading(
        word=_WORD,
        left_out=_OPINION_WORDS,
        opinion=lambda word: valence(word) is not None,
        stem=stem,
        matcher=ThemeMatcher,
        seeds=lambda theme: (),
        articles=frozenset(words(_ARTICLES[ENGLISH])),
        adverb_endings=_ADVERB_ENDINGS[ENGLISH],
        verb_endings=_VERB_ENDINGS[ENGLISH],
    ),
    **{
        code: _Reading(
            word=_OTHER_WORD,
            # its function words, negators, numbers and other words of no topic
            left_out=FUNCTION_WORDS.get(code, frozenset())
            | frozenset(words(f"{book.negators} {book.left_out}"))
            | _OPINION_WORDS,
            opinion=reader(code).knows,
            stem=_stemmer(book),
            matcher=partial(WordbookThemeMatcher, book=book),
            seeds=lambda theme, book=book: book_seeds(book, theme.name),  # type: ignore[misc]
            compounds=book.compounds,
            articles=frozenset(words(_ARTICLES.get(code, ""))),
            adverb_endings=_ADVERB_ENDINGS.get(code, ()),
            verb_endings=_VERB_ENDINGS.get(code, ()),
            links=frozenset(words(_LINKS.get(code, ""))),
            leaves_out_verbs=True,
            prepositions=frozenset(words(_PREPOSITIONS.get(code, ""))),
            before_verbs=frozenset(words(_BEFORE_VERBS.get(code, ""))),
            capital_nouns=code in _CAPITAL_NOUNS,
        )
        for code, book in WORDBOOKS.items()
    },
}


_SPACE = " \t'’"


def _runs(text: str, word: re.Pattern[str]) -> list[list[str]]:
    """The words of ``text``, lower case, in runs that nothing but spaces (or an elision's
    apostrophe, "l'entrée") part: a comma, a full stop, a dash or a number ends a run, and no
    phrase is read across one ("pièce, allé")."""
    text = text.lower()
    runs: list[list[str]] = []
    end: int | None = None
    for match in word.finditer(text):
        if end is None or text[end : match.start()].strip(_SPACE):
            runs.append([])
        runs[-1].append(match.group())
        end = match.end()
    return runs


def _topic_terms(text: str, reading: _Reading = _READING[ENGLISH]) -> list[str]:
    """Words and bigrams that say what a comment is about: opinion words ("love", "great")
    are left out, or every topic would be about loving things. A bigram is two such words
    written side by side in one clause: "bilan carbone", not "commandes (très simples. Un)
    grand"."""
    terms: list[str] = []
    pairs: list[str] = []
    for run in _runs(text, reading.word):
        kept = [w if _topical(w, reading) else None for w in run]
        terms += [w for w in kept if w is not None]
        pairs += [f"{a} {b}" for a, b in itertools.pairwise(kept) if a and b and a != b]
    return terms + pairs


def _topical(word: str, reading: _Reading) -> bool:
    """Whether ``word`` may say what a comment is about: no function, opinion or short word."""
    return (
        word not in reading.left_out
        and "'" not in word
        and not reading.opinion(word)
        and len(word) > 2
    )


def _no_topic_words(texts: Sequence[str], reading: _Reading) -> frozenset[str]:
    """The words of ``texts`` that the way they are written shows to be verbs or adverbs, which
    say what was done rather than what about ("ging", "direkt", "demandent", "craignons"): in
    German those seldom written with a capital letter; in the other languages but English those
    with a verb's or an adverb's ending or after a pronoun ("nous craignons", "pouvez-vous"),
    unless an article or a preposition comes before them somewhere, as before a noun ("le
    paiement", "demande de remboursement")."""
    found: set[str] = set()
    if reading.capital_nouns:
        found |= _lower_case_words(texts, reading.word)
    if reading.leaves_out_verbs:
        nouns: set[str] = set()
        endings = reading.verb_endings + reading.adverb_endings
        for text in texts:
            for run in _runs(text, reading.word):
                for before, word in itertools.pairwise(["", *run]):
                    if before in reading.articles or before in reading.prepositions:
                        nouns.add(word)
                    elif (
                        before in reading.before_verbs
                        or word.rpartition("-")[2] in reading.before_verbs
                        or any(
                            word.endswith(ending) and len(word) > len(ending) + 3
                            for ending in endings
                        )
                    ):
                        found.add(word)
        found -= nouns
    return frozenset(found)


# what ends a sentence, after which any German word has a capital letter
_SENTENCE_END = re.compile(r"[.!?:;\n]")


def _lower_case_words(texts: Sequence[str], word: re.Pattern[str]) -> set[str]:
    """The words written in lower case in four of five of their places within a sentence or
    more, where German writes every noun with a capital; none when the writers do not
    ("lieferung kam nicht", every word in lower case)."""
    capitals: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for text in texts:
        end = None
        for match in word.finditer(text):
            # a sentence's first word has a capital whatever it is
            if end is not None and not _SENTENCE_END.search(text, end, match.start()):
                written = match.group()
                uses[written.lower()] += 1
                capitals[written.lower()] += written[0].isupper()
            end = match.end()
    if capitals.total() < _CAPITALISED_SHARE * uses.total():
        return set()
    return {w for w, n in uses.items() if capitals[w] * 5 < n}


def _strongest_words(key_terms: Sequence[str], stem: Callable[[str], str] = stem) -> list[str]:
    """The two strongest distinct words of the key terms, "fabric", "quality"; a bigram counts
    as its words."""
    words: list[str] = []
    for term in key_terms:
        for word in term.split():
            if word not in words and all(stem(word) != stem(w) for w in words):
                words.append(word)
        if len(words) >= 2:
            break
    return words[:2]


class _Naming:
    """Names a topic by its key terms as its comments write them, for a person to read.

    A bigram of the key terms written as such in half of the topic's comments or more, and
    mostly in them, is the name ("bilan carbone", "parking lot"), if it holds a noun and no
    adverb and does not run on into an object ("le parking devant l'entrée"); so is a noun and
    another word of the key terms that a linking word joins, as languages other than English
    make a compound ("datos de carbono", "portail en ligne"). Else two words of the key terms
    name it, "parking / places": those in the most of its comments first
    (of equally many, those written most often, then nouns, then the strongest), adverbs
    last ("directement", "really"). A noun is told by an article before it somewhere in the
    comments ("le bilan", "our invoice"), which verbs and adverbs never have ("il est allé
    directement").
    """

    def __init__(self, texts: Sequence[str], reading: _Reading) -> None:
        self.reading = reading
        self.given: set[frozenset[str]] = set()  # the names given, by their words' stems
        # each comment's runs of words, an empty word between two (see _runs): no pair of
        # words across a comma names a topic
        self.words = [
            [word for run in _runs(text, reading.word) for word in ("", *run)][1:] for text in texts
        ]
        self.stems = [[reading.stem(word) for word in words] for words in self.words]
        self.stem_sets = [frozenset(stems) for stems in self.stems]
        self.pairs = [frozenset(itertools.pairwise(stems)) for stems in self.stems]
        self.pair_counts = Counter(pair for pairs in self.pairs for pair in pairs)
        # the pairs a linking word joins, with that word: ("dato", "carbono") -> "de"
        self.linked = [
            {
                (stems[at], stems[at + 2]): words[at + 1]
                for at in range(len(words) - 2)
                if words[at + 1] in reading.links and words[at] and words[at + 2]
            }
            for words, stems in zip(self.words, self.stems, strict=True)
        ]
        self.linked_counts = Counter(pair for linked in self.linked for pair in linked)
        self.nouns = frozenset(
            stems[at]
            for words, stems in zip(self.words, self.stems, strict=True)
            for at in range(1, len(words))
            if words[at - 1] in reading.articles
        )

    def name(self, key_terms: Sequence[str], members: Sequence[int]) -> str:
        """The topic's name, one not given to a topic before."""
        name = self._phrase(key_terms, members) or " / ".join(self._words(key_terms, members))
        self.given.add(self._stems(name))
        return name

    def _stems(self, name: str) -> frozenset[str]:
        return frozenset(
            self.reading.stem(word)
            for word in name.replace(" / ", " ").split()
            if word not in self.reading.links
        )

    def _phrase(self, key_terms: Sequence[str], members: Sequence[int]) -> str | None:
        """The key-term phrase written in most of the topic's comments and mostly in them, if
        one is: a neighbouring topic's phrase is not this one's name."""
        best: tuple[int, int] | None = None
        name = None
        for rank, phrase, linked in self._phrases(key_terms):
            if (
                any(map(self._adverb, phrase))
                or self._ends(phrase[1], self.reading.verb_endings)
                or self._stems(" ".join(phrase)) in self.given
            ):
                continue
            pair = (self.reading.stem(phrase[0]), self.reading.stem(phrase[1]))
            if not self.nouns.intersection(pair[:1] if linked else pair):
                continue
            if linked:
                writing = [member for member in members if pair in self.linked[member]]
                written = self.linked_counts[pair]
            else:
                writing = [member for member in members if pair in self.pairs[member]]
                written = self.pair_counts[pair]
            if len(writing) * 2 < len(members) or len(writing) * 2 < written:
                continue
            # a preposition or a verb runs on into its object: "le parking devant l'entrée"
            run_on = 0 if linked else sum(self._runs_on(member, pair) for member in writing)
            if run_on * 2 <= len(writing) and (best is None or (len(writing), -rank) > best):
                best = (len(writing), -rank)
                link = self.linked[writing[0]][pair] if linked else None
                name = " ".join(phrase) if link is None else f"{phrase[0]} {link} {phrase[1]}"
        return name

    def _phrases(self, key_terms: Sequence[str]) -> Iterator[tuple[int, list[str], bool]]:
        """The phrases that could name a topic, each with its rank among the key terms and
        whether a linking word joins its two words: the bigrams of the key terms, and where
        the language has linking words, any two words of them ("datos", "carbono")."""
        ranks: dict[str, int] = {}
        for rank, term in enumerate(key_terms):
            words = term.split()
            if len(words) == 2:
                yield rank, words, False
            for word in words:
                ranks.setdefault(word, rank)
        if self.reading.links:
            for first, second in itertools.permutations(ranks, 2):
                yield max(ranks[first], ranks[second]), [first, second], True

    def _runs_on(self, member: int, pair: tuple[str, str]) -> bool:
        words, stems = self.words[member], self.stems[member]
        return any(
            (stems[at], stems[at + 1]) == pair and words[at + 2] in self.reading.articles
            for at in range(len(stems) - 2)
        )

    def _words(self, key_terms: Sequence[str], members: Sequence[int]) -> list[str]:
        """Two distinct words of the key terms, the first the one that best says the topic; one
        word where every pair is another topic's name."""
        stem = self.reading.stem
        ranks: dict[str, int] = {}
        for term in key_terms:
            for word in term.split():
                ranks.setdefault(word, len(ranks))

        def order(word: str) -> tuple[bool, int, int, bool, int]:
            base = stem(word)
            comments = sum(base in self.stem_sets[member] for member in members)
            times = sum(self.stems[member].count(base) for member in members)
            return (self._adverb(word), -comments, -times, base not in self.nouns, ranks[word])

        ordered = sorted(ranks, key=order)
        pairs = (
            [first, second]
            for at, first in enumerate(ordered)
            for second in ordered[at + 1 :]
            if stem(first) != stem(second)
        )
        return next(
            (pair for pair in pairs if self._stems(" ".join(pair)) not in self.given), ordered[:1]
        )

    def _adverb(self, word: str) -> bool:
        """Whether ``word`` has an adverb's ending and is no noun: "directement", "really",
        not "le paiement"."""
        return self._ends(word, self.reading.adverb_endings)

    def _ends(self, word: str, endings: tuple[str, ...]) -> bool:
        """Whether ``word`` has one of ``endings`` (an adverb's, a verb's) and is no noun: "les
        camions attendent", not "le client"."""
        return (
            any(word.endswith(ending) and len(word) > len(ending) + 3 for ending in endings)
            and self.reading.stem(word) not in self.nouns
        )
