"""Word-level sentiment rules: what a word is worth given the words around it.

``SentimentAnalyzer`` walks each clause and asks these functions about the current word:
whether it can be skipped, whether "too" marks an excess, whether "like" is a verb, whether
"return" is a promise to come back, whether a negation stresses rather than negates ("never
been happier"), whether praise is only asked for ("it would be great if you fixed it"). Kept
apart from the clause and sentence logic so each rule can be read, and changed, on its own.
"""

from __future__ import annotations

from centric.insights.text.lexicon import (
    AWAITED,
    BOOSTERS,
    EMOTICONS,
    IRREALIS,
    NEGATING_PAIRS,
    NEGATORS,
    UNSURPASSED_DEGREE,
    UNSURPASSED_GAP,
    UNSURPASSED_NEGATORS,
    VALENCE,
    valence,
    words,
)
from centric.insights.text.phrases import PHRASES_BY_FIRST, match_phrase

# A stretch of a clause that carries sentiment: (first token, end token, value).
Hit = tuple[int, int, float]

_LIKE_CUES = frozenset(
    words(
        """
        i we you they she he really would i'd we'd do did does don't didn't doesn't dont
        didnt definitely also still just totally actually genuinely particularly especially
        both all will i'll much so i'm and
        """
    )
)
_FUTURE_CUES = frozenset(
    words("will would i'll we'll definitely surely certainly gladly happily soon")
)
REFERENCE_FRAMES = frozenset(
    words(
        """
        model models picture pictures pic pics photo photos online website site catalog
        catalogue hanger ad ads advertised image images screen
        """
    )
)
COMPARATIVES = frozenset(["better", "nicer", "cuter", "prettier", "lovelier"])
_FUNCTION_WORDS = frozenset(
    words(
        """
        and but or so i it me you we they the a an to for with as in on of is was are were
        be this that my your our which though because if when then now too also
        """
    )
)

# "It would be great if you fixed it", "I'd love it if it had pockets": the second
# conditional, whose verb after "if" says what is not so, asks for a change.
_CONDITIONAL = frozenset(words("would i'd we'd it'd you'd they'd"))
_COUNTERFACTUAL = frozenset(
    words("had were was did didn't could would not came made took gave offered added")
)

# Words that play any part in the rules; every other word without a valence is skipped.
_ROLE_WORDS = (
    PHRASES_BY_FIRST
    | NEGATORS
    | IRREALIS
    | AWAITED
    | frozenset(NEGATING_PAIRS)
    | frozenset(BOOSTERS)
    | frozenset(EMOTICONS)
    | frozenset(words("would could should too enough like pretty return returning returned"))
)
_INERT: dict[str, bool] = {}


def is_inert(word: str) -> bool:
    """Whether ``word`` can be skipped (memoised: this runs for every token)."""
    inert = _INERT.get(word)
    if inert is None:
        if len(_INERT) > 500_000:
            _INERT.clear()  # bound the memory an endless stream of new words can take
        inert = _INERT[word] = word not in _ROLE_WORDS and valence(word) is None
    return inert


def excess(lower: list[str], i: int, end: int, negator_at: int, found: list[Hit]) -> int:
    """Score "too X": an excess of something neutral is a complaint ("too small")."""
    following = next_token(lower, i, end)
    if following is None or following in _FUNCTION_WORDS or not following[0].isalpha():
        return i + 1  # "me too", "love it too": "too" means "also"
    if valence(following) is not None:
        return i + 1  # "too cute", "too tight": the word speaks for itself
    value = -1.3 if negator_at < 0 else negate(-1.3)
    found.append((negator_at if negator_at >= 0 else i, i + 2, value))
    return i + 2


def negate(value: float) -> float:
    # Negated praise is clearly negative; negated criticism is only mildly positive
    # ("not bad" is faint praise).
    return value * -0.74 if value > 0 else value * -0.5


def next_token(lower: list[str], i: int, end: int) -> str | None:
    return lower[i + 1] if i + 1 < end else None


def unsurpassed(lower: list[str], i: int, end: int) -> bool:
    """Whether the negation at ``i`` says nothing surpasses what follows ("never been
    happier", "could not have been more helpful"), which is not negated but stressed."""
    word = lower[i]
    if word not in UNSURPASSED_NEGATORS and not (
        word == "not" and i > 0 and lower[i - 1] in ("could", "can")
    ):
        return False
    for j in range(i + 1, min(i + 5, end)):
        word = lower[j]
        if word in UNSURPASSED_DEGREE:
            return j + 1 < end  # "never so": the word it stresses is still to come
        if _is_comparative(word):
            return True
        if word not in UNSURPASSED_GAP:
            return False
    return False


def _is_comparative(word: str) -> bool:
    # "happier" and "faster" have a valence through their base form; "bother" is listed.
    return (
        word in COMPARATIVES
        or word == "worse"
        or (word.endswith("er") and word not in VALENCE and valence(word) is not None)
    )


def is_request(lower: list[str], i: int, start: int, end: int) -> bool:
    """Whether the word at ``i`` is the hoped-for state of a request ("it would be great if
    you fixed the invoices"), rather than a description ("great if you are petite")."""
    following = next_token(lower, i, end)
    if following == "if":
        after = i + 2
    elif following == "it" and next_token(lower, i + 1, end) == "if":
        after = i + 3
    else:
        return False
    return any(lower[j] in _CONDITIONAL for j in range(max(start, i - 4), i)) and any(
        _is_counterfactual(lower[j]) for j in range(after, min(after + 3, end))
    )


def _is_counterfactual(word: str) -> bool:
    # a past form: "if you fixed", "if it had"; not "if you need"
    return word in _COUNTERFACTUAL or (word.endswith("ed") and not word.endswith("eed"))


def has_valence_ahead(lower: list[str], i: int, end: int) -> bool:
    for j in range(i + 1, min(i + 3, end)):
        word = lower[j]
        if valence(word) is not None or word == "too" or match_phrase(lower, j):
            return True
        if word not in BOOSTERS:
            return False
    return False


def word_valence(lower: list[str], i: int, start: int, end: int) -> float | None:
    word = lower[i]
    if word in EMOTICONS:
        return EMOTICONS[word]
    if word == "like":
        # "like" is praise only as a verb ("I really like it"), not in "looks like a sack".
        return 1.5 if i > start and lower[i - 1] in _LIKE_CUES else None
    if word == "pretty" and i + 1 < end and _is_modified_by_pretty(lower[i + 1]):
        return None  # "pretty good", "pretty high": a hedge, not praise of its own
    if word in ("return", "returning", "returned") and any(
        lower[j] in _FUTURE_CUES for j in range(max(start, i - 2), i)
    ):
        return 1.6  # "we will definitely return"
    return valence(word)


_ADJECTIVE_SUFFIXES = (
    "y",
    "ly",
    "ed",
    "ing",
    "ful",
    "ous",
    "ive",
    "al",
    "ic",
    "able",
    "ible",
    "ish",
)
_PLAIN_ADJECTIVES = frozenset(
    words(
        """
        high low big small large long short tight loose thin thick light dark much well
        close sure quick fast slow hard easy old new heavy warm cool cold soft wide full
        """
    )
)


def _is_modified_by_pretty(following: str) -> bool:
    """Whether "pretty" before ``following`` is an adverb ("pretty tight") not praise."""
    return (
        valence(following) is not None
        or following in _PLAIN_ADJECTIVES
        or following.endswith(_ADJECTIVE_SUFFIXES)
    )
