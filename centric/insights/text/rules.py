"""Word-level sentiment rules: what a word is worth given the words around it.

``SentimentAnalyzer`` walks each clause and asks these functions about the current word:
whether it can be skipped, whether "too" marks an excess, whether "like" is a verb, whether
"will return" promises a visit or sends an item back, whether a negation stresses rather than
negates ("never been happier") or only states what is so ("if it were not so overpriced"),
whether praise is only asked for ("it would be great if you fixed it"), is over ("loved it
until I washed it", "used to be good") or is no praise at all ("pretty close", "to get it
fixed", "a generous fit"). Kept apart from the clause and sentence logic so each rule can be
read, and changed, on its own.
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
    words("will would i'll we'll i'd we'd it'll they'll definitely surely certainly gladly happily")
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
    words(
        """
        had were was did didn't could would not came made took gave offered added weren't
        wasn't hadn't werent wasnt hadnt
        """
    )
)
# "If it were not so overpriced", "if it weren't so itchy": in a condition contrary to fact
# the negation says what is so, and does not negate.
_FACT_NEGATIONS = frozenset(words("weren't wasn't hadn't werent wasnt hadnt"))
_FACT_VERBS = frozenset(words("were was had"))

# Words that play any part in the rules; every other word without a valence is skipped.
_ROLE_WORDS = (
    PHRASES_BY_FIRST
    | NEGATORS
    | IRREALIS
    | AWAITED
    | frozenset(NEGATING_PAIRS)
    | frozenset(BOOSTERS)
    | frozenset(EMOTICONS)
    | frozenset(
        words("would could should too enough like pretty return returning returned go going used")
    )
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
        if word in UNSURPASSED_DEGREE and not (word == "such" and lower[j - 1] == "any"):
            return j + 1 < end  # "never so": the word it stresses is still to come
        if _is_comparative(word):
            return True
        if word not in UNSURPASSED_GAP and not _is_participle(word):
            return False
    return False


def _is_participle(word: str) -> bool:
    # "never been treated so rudely"; not "never disappointed so far", which is an opinion
    return word.endswith("ed") and valence(word) is None


def _is_comparative(word: str) -> bool:
    # "happier" and "faster" have a valence through their base form; "bother" is listed.
    return (
        word in COMPARATIVES
        or word == "worse"
        or (word.endswith("er") and word not in VALENCE and valence(word) is not None)
    )


def is_request(lower: list[str], first: int, last: int, start: int, end: int) -> bool:
    """Whether the words ``first:last`` are the hoped-for state of a request or a condition
    contrary to fact ("it would be great if you fixed the invoices", "it would be a pretty
    good spot if it were not so overpriced"), rather than a description ("great if you are
    petite")."""
    after = next((j + 1 for j in range(last, min(last + 3, end)) if lower[j] == "if"), None)
    if after is None:
        return False
    return any(lower[j] in _CONDITIONAL for j in range(max(start, first - 4), first)) and any(
        _is_counterfactual(lower[j]) for j in range(after, min(after + 3, end))
    )


def states_fact(lower: list[str], i: int, start: int) -> bool:
    """Whether the negation at ``i`` only says what is so, in a condition contrary to fact
    ("it would be good if it were not so overpriced": it is overpriced)."""
    word = lower[i]
    if word in _FACT_NEGATIONS:
        condition = range(max(start, i - 3), i)
    elif word == "not" and i > start and lower[i - 1] in _FACT_VERBS:
        condition = range(max(start, i - 4), i - 1)
    else:
        return False
    return any(lower[j] == "if" for j in condition) and any(w in _CONDITIONAL for w in lower)


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
    if word == "pretty" and i + 1 < end and pretty_as_degree(lower[i + 1]):
        return None  # "pretty good", "pretty high": a hedge, not praise of its own
    if word in _FIXES and any(lower[j] in _NEEDS for j in range(max(start, i - 3), i)):
        return None  # "to get it fixed", "needs fixing": still to be done
    if word.startswith("generous") and (
        lower[i + 1 : i + 2] in (["one"], ["ones"]) or _SIZES.intersection(lower[start:end])
    ):
        return None  # "a generous fit", "i've got a generous one": a size, not kindness
    return valence(word)


_FIXES = frozenset(words("fix fixed fixing"))
_NEEDS = frozenset(words("to need needs needed must should gotta"))
_SIZES = frozenset(
    words(
        """
        fit fits fitting fitted cut cuts sized size sizes sizing run runs tts bust bosom chest
        hips hip waist waistline curves curvy figure figures butt bottom thighs arms armholes
        sleeves length neckline shoulders
        """
    )
)

# "Will return", "will go back": a customer coming back, or an item sent back.
COMING_OR_GOING = frozenset(words("return returning go going"))
# the words between the subject and the verb: "we will definitely be returning"
_AUXILIARIES = _FUTURE_CUES | frozenset(
    words(
        """
        be probably also likely unfortunately sadly reluctantly then just ever never not won't
        wont wouldn't wouldnt
        """
    )
)
_REFUSALS = frozenset(words("never not won't wont wouldn't wouldnt"))
_ITEMS = frozenset(words("it they this these those both one it'll they'll"))
_DEMONSTRATIVES = frozenset(words("this these that those"))
_PEOPLE = frozenset(words("i i'll i'd me we we'll we'd you he she"))
_VISITORS = frozenset(words("we we'll we'd"))
_SENT_BACK = frozenset(words("it them this these those that both one mine all everything the my"))
_COMING_BACK = frozenset(
    words("soon again to there here often frequently regularly sometime someday anytime next")
)
_COMING_BACK_SKIP = frozenset(words("very really so definitely"))


def coming_back(lower: list[str], i: int, start: int, end: int) -> tuple[int, float] | None:
    """What "will return" or "will go back" at ``i`` says, as (tokens, value): an item sent
    back (negative) or a promise to come back (positive).

    An item decides first, named after the verb ("return it") or as its subject ("it will
    go back", "this top will go back"). Then a visit: a time or place after the verb ("return
    soon", "go back to"), visitors ("we will return"), a refusal ("I will never return"), or
    anyone who "will go back" (one returns an item, but an item goes back). "I will be
    returning." alone could be either, a diner's promise or a shopper's parcel: "return"
    keeps the lexicon's reading (a return, as in most feedback) and "go back" none. ``None``
    leaves the word to the lexicon, as when no future is spoken of ("I returned it").
    """
    size = 1
    if lower[i] in ("go", "going"):
        if next_token(lower, i, end) != "back":
            return None
        size = 2
    j = i - 1
    while j >= max(start, i - 4) and lower[j] in _AUXILIARIES:
        j -= 1
    between = lower[j + 1 : i]
    if not _FUTURE_CUES.intersection(between) and not _REFUSALS.intersection(between):
        return None
    subject = lower[j] if j >= start else ""
    pronouns = [*between[:1], subject]  # "i'll", "it'll" are subject and future at once
    k = i + size
    while k < end and lower[k] in _COMING_BACK_SKIP:
        k += 1
    following = lower[k] if k < end else ""
    named = subject not in _FUNCTION_WORDS and j > start and lower[j - 1] in _DEMONSTRATIVES
    if following in _SENT_BACK or _ITEMS.intersection(pronouns) or named:
        return size, -1.8
    if (
        following in _COMING_BACK
        or _VISITORS.intersection(pronouns)
        or _REFUSALS.intersection(between)
        or (size == 2 and _PEOPLE.intersection(pronouns))
    ):
        return size, 1.8
    return (size, 0.0) if size == 2 else None


_ENDING_EVENTS = frozenset(
    words(
        """
        read saw wore tried put got took found felt came fell went did had was were washed
        """
    )
)


def ended_at(lower: list[str], start: int, end: int) -> int:
    """The index of an "until" that says the clause's praise is over ("absolutely loved it
    ...until i read dry clean only", "it was perfect, until I washed it"), in the clause or
    right after its comma; -1 when there is none. Only an event that happened ends it:
    "can't wait until I get it" is eager still."""
    stop = end + 2 if end + 1 < len(lower) and lower[end] in _BREAKS else end
    if "until" not in lower[start:stop]:
        return -1
    return next((j for j in range(start, stop) if ends_what_went_before(lower, j)), -1)


def ends_what_went_before(lower: list[str], j: int) -> bool:
    """Whether ``lower[j:]`` opens with "until", a subject and an event that happened
    ("until i read", "until it fell apart")."""
    if j + 2 >= len(lower) or lower[j] != "until" or not lower[j + 1].isalpha():
        return False
    event = lower[j + 2]
    return event in _ENDING_EVENTS or (event.endswith("ed") and not event.endswith("eed"))


_BREAKS = frozenset(",;:-–—")
_ACCUSTOMED = frozenset(
    words("get gets got getting be been am i'm is are was were become became becoming")
)


def used_to(lower: list[str], i: int, start: int, end: int) -> bool:
    """Whether "used to" at ``i`` tells of what was so and is no longer ("this restaurant
    used to be pretty decent"), not of habit ("once you get used to it")."""
    return (
        lower[i] == "used"
        and next_token(lower, i, end) == "to"
        and not (i > start and lower[i - 1] in _ACCUSTOMED)
    )


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


def pretty_as_degree(following: str) -> bool:
    """Whether "pretty" before ``following`` is an adverb ("pretty tight", "pretty close")
    rather than praise of looks ("a pretty dress")."""
    return (
        valence(following) is not None
        or following in _PLAIN_ADJECTIVES
        or following.endswith(_ADJECTIVE_SUFFIXES)
    )
