"""Centric's own sentiment lexicon for customer feedback, written for this project.

Valences run from about -3.5 (strongly negative) to +3.5 (strongly positive). Entries are
grouped by strength so the scale stays consistent and a reviewer can see the intent at a
glance. Word forms not listed are found by ``valence`` through light suffix stripping
("loved" -> "love"), so each word is listed once in its base form unless the inflection
changes its meaning.

The vocabulary covers what customers talk about: products and their quality, fit and
materials, delivery, service and staff, billing, software, food and hospitality.
"""

from __future__ import annotations

from functools import lru_cache


def words(block: str) -> list[str]:
    """The words of a block of text: how word lists are written in these modules."""
    return block.split()


_GROUPS: dict[float, str] = {
    3.4: """
        love adore perfection flawless impeccable phenomenal superb outstanding exquisite
        breathtaking heavenly magnificent sublime spectacular
    """,
    3.0: """
        excellent amazing awesome fantastic wonderful brilliant exceptional incredible stunning
        gorgeous perfect perfectly marvelous marvellous fabulous favorite favourite favorites
        best terrific delightful divine glorious stellar superior
    """,
    2.6: """
        worthwhile must-try mouthwatering scrumptious exquisitely finest
        beautiful beautifully great lovely thrilled delighted ecstatic adorable delicious
        impressive impressed fave luxurious obsessed winner gem treasure keeper seamless
        effortless recommend recommended recommendation ideal
    """,
    2.2: """
        romantic outshine outshines spotless immaculate cheerful welcoming thoughtful
        considerate reliable trustworthy honest transparent fair-priced
        happy pleased glad satisfied enjoy enjoyable comfortable comfy elegant cute flattering
        classy chic stylish fun friendly helpful kind courteous polite professional
        knowledgeable efficient responsive attentive reliable durable versatile compliments
        compliment complimented grateful thankful appreciate appreciated appreciative tasty
        yummy flavorful generous welcoming accommodating caring patient wow charming sexy
        slimming intuitive painless exceeded exceeds fabulously wonderfully excellently
        nicely gracious superbly fantastically lovelier prettiest cuter cutest
    """,
    1.8: """
        intimate lively relaxing charming inviting authentic homemade hearty crunchy
        tender juicy satisfying plentiful filling reasonably-priced
        good nice pretty soft cozy cosy worth bargain convenient useful valuable effective
        smooth fresh resolved solved solves thanks thank easy quickly promptly prompt punctual
        sturdy impressively neat sweet cool classic timeless vibrant silky buttery
        breathable figure-flattering rave raved flatters flatter beauty better well-made
        upgrade improved improvement improvements proud excited exciting enjoyed pleasant
        pleasure pleasantly satisfying refreshing reasonable affordable empathetic
        understanding supportive dependable fast quick straightforward user-friendly
        hassle-free ontime praise success successful succeeded reassuring reassured glowing
        wins win won winning safe secure stable consistent smoothly easily favorably
    """,
    1.3: """
        like liked likes nice-looking decent fair unique clean rich warm flowy lightweight
        recommendable simple helped helps flexible accurate precise handy careful carefully
        practical functional works worked improve improves fixed fix solid swift speedy
        fancy elegant festive feminine dressy polished crisp bright colorful colourful
        sleek modern fresh-looking tailored structured lucky fortunately glad hopeful
        yay hooray woohoo relieved relief welcome
    """,
    0.7: """
        ok okay alright fine well interesting true pleasantly light substantial
        sufficient adequate acceptable wearable fits fitting
    """,
    -0.7: """
        average tight snug boxy baggy sheer thin expensive pricey costly heavy stiff short
        busy loud cold plain wait waiting odd unusual exchange exchanged
        refund refunded unclear lengthy fee fees charged hidden risk
        concern concerned doubt doubtful questionable wrinkle wrinkles wrinkled lint
        boring bland dull
    """,
    -1.3: """
        forgot forgotten overwhelmed overcrowded hungry lukewarm tasteless noisy chaotic understaffed
        pricy unorganised disapointing dissapointing
        cheap problem problems issue issues trouble troubles complaint complaints complain
        complained complaining mistake mistakes error errors wrong wrongly delay delays
        delayed late slow slowly missing lost stain stains stained hole holes tear ripped
        rip snag snagged weird strange bizarre awkward itchy scratchy sack tent frumpy
        shapeless sloppy matronly unflattering stretched faded fading shrank shrunk
        shrink pill pilled pilling pills unraveled unraveling frayed fraying smell smelly odor
        meh mediocre underwhelming underwhelmed unimpressed lacking lacks lack messy mess
        noisy crowded cramped stale soggy greasy burnt overcooked undercooked salty
        tasteless overrated hassle headache struggle struggled stuck annoyed annoying
        irritating irritated bothered bother sadly sad unfortunately unfortunate pity sorry
        worry worried afraid scared fear fears nervous anxious unsure confused confusing
        complicated difficult hard tedious clunky cumbersome outdated lag laggy glitch glitches
        glitchy unstable inconsistent careless excessive unnecessary unclear unanswered
        return returned returning returns cancel cancelled canceled cancellation cancelling
        overcharged overcharge penalty penalties sick allergic hurt pain inconvenient
        inconvenience limited poorly-fitting misfit disjointed clingy
        see-through bulky unattractive unhelpful impolite unprepared
        unorganized disorganized unresolved rushed pushy downside downsides drawback
        drawbacks flaw flaws flawed imperfect imperfections unlucky regretful
        urgent urgently
    """,
    -2.0: """
        disapointed dissapointed dissappointed lie lies unreasonable
        mislabeled mislabelled expired spoiled rotten moldy
        bad poor poorly badly disappointing disappointed disappointment disappointments
        disappoint disappoints unhappy dissatisfied unsatisfied upset frustrated frustrating
        frustration regret regrets regretted waste wasted wasting overpriced flimsy broke
        broken damaged defect defects defective faulty torn ugly unreliable buggy crash crashes
        crashed standstill
        outage downtime unprofessional unresponsive ignored ignoring dismissive misleading
        misled fake false unfair unacceptable uncomfortable unflattering cheaply cheesy
        unwearable inferior subpar sub-par lousy shoddy mad angry dirty worse worsened
        nowhere ridiculous fail fails failed failing failure impossible
        dangerous unsafe hazard hazardous injury injured painful leak leaking leaks leaked
        hideous unusable unpleasant shame shameful embarrassing embarrassed yuck gross
        letdown horrendous screwed incorrect inaccurate rude
        annoyance hostile condescending arrogant lazy incompetent negligent negligence
        horribly terribly awfully unfixable disintegrated disintegrate baffled aghast
    """,
    -2.8: """
        terrible horrible awful worst hate hated hates hating disgusting disgusted atrocious
        abysmal appalling dreadful pathetic useless garbage trash junk rubbish scam scammed
        fraud fraudulent nightmare disaster disastrous ruined ruin outrageous furious livid
        insulting horrid crap crappy sucks sucked stinks stink worthless pointless cheated
        lied lying liar dishonest thief stolen stole inedible poisoning unbearable infuriating
        infuriated despicable deplorable disgrace disgraceful beware avoid
    """,
}

# Emoticons and emoji are matched as whole tokens, never stemmed.
EMOTICONS: dict[str, float] = {
    ":)": 1.6,
    ":-)": 1.6,
    "=)": 1.6,
    ":]": 1.4,
    ":D": 2.2,
    ":-D": 2.2,
    ";)": 1.2,
    ";-)": 1.2,
    ":P": 0.8,
    "<3": 2.4,
    ":(": -1.8,
    ":-(": -1.8,
    "=(": -1.8,
    ":/": -0.9,
    ":-/": -0.9,
    ":|": -0.4,
    "😍": 2.6,
    "❤": 2.6,
    "🥰": 2.6,
    "😊": 2.0,
    "😀": 2.0,
    "😁": 2.0,
    "😃": 2.0,
    "🙂": 1.4,
    "👍": 1.8,
    "💯": 1.6,
    "🙌": 2.0,
    "👏": 1.8,
    "🔥": 1.2,
    "⭐": 1.2,
    "👎": -1.8,
    "😡": -2.6,
    "😠": -2.2,
    "🤬": -2.8,
    "😞": -1.8,
    "😢": -1.8,
    "😭": -1.4,
    "🙁": -1.5,
    "☹": -1.8,
    "😒": -1.5,
    "🤮": -2.6,
    "😤": -1.8,
    "💩": -2.2,
}


# Tokens are matched lower-cased, so ":D" is looked up as ":d".
EMOTICONS = {key.lower(): value for key, value in EMOTICONS.items()}


def _build() -> dict[str, float]:
    lexicon: dict[str, float] = {}
    for weight, words in _GROUPS.items():
        for word in words.split():
            # Listed twice by mistake: keep the first (stronger) reading.
            lexicon.setdefault(word, weight)
    return lexicon


VALENCE: dict[str, float] = _build()

NEGATORS = frozenset(
    words(
        """
        not no never none nothing nobody neither nor nowhere without cannot can't don't
        doesn't didn't isn't wasn't aren't weren't won't wouldn't couldn't shouldn't haven't
        hasn't hadn't ain't mustn't needn't dont doesnt didnt isnt wasnt arent werent wont
        wouldnt couldnt shouldnt havent hasnt hadnt cant hardly barely scarcely seldom
        rarely zero
        """
    )
)

# "It's anything but reliable", "far from perfect", "less than ideal": the first word
# followed by the second negates the words right after, like "not" ("anything but a sack"
# is a sack).
NEGATING_PAIRS: dict[str, str] = {"anything": "but", "far": "from", "less": "than"}

# "I didn't find it to be a flattering top": a negated verb of opinion reaches the judgement
# it introduces, further on than a plain negation does; not when it means looking for
# something ("I couldn't find anything I liked", "you won't find out").
OPINION_VERBS = frozenset(words("find found consider"))
NOT_OPINIONS = frozenset(words("anything something one a an another out"))

# What a customer waits for. Its absence is a complaint ("still no refund", "not a single
# update"), not the relief that negating a complaint gives.
AWAITED = frozenset(
    words(
        """
        refund refunds reimbursement reply replies response responses callback update updates
        confirmation replacement apology
        """
    )
)

# "Never been happier", "could not have been more helpful", "never had a better day": a
# negation that only says nothing surpassed what follows. It opens with one of these
# (or "not" after "could" or "can"), passes over the words of ``UNSURPASSED_GAP`` (and
# participles: "never been treated so rudely") and reaches a comparative or one of
# ``UNSURPASSED_DEGREE``. Either way it stresses: "never had such a bad meal" is a bad meal.
UNSURPASSED_NEGATORS = frozenset(words("never couldn't couldnt can't cant cannot"))
UNSURPASSED_GAP = frozenset(
    words(
        """
        have has had been be felt feel looked look received seen owned met worn found find ask
        asked for a an any
        """
    )
)
# Not "this": "never had this problem" is no problem; nor "such" after "any": "never had
# any such problems" is none.
UNSURPASSED_DEGREE = frozenset(words("so more such"))

# Multipliers added to 1.0 when the word sits right before a sentiment word.
BOOSTERS: dict[str, float] = {
    **dict.fromkeys(
        words(
            """
            very really so extremely super incredibly absolutely totally completely highly
            truly utterly insanely unbelievably exceptionally remarkably seriously deeply
            thoroughly tremendously hugely terribly awfully especially particularly
            amazingly ridiculously crazy beyond
            """
        ),
        0.35,
    ),
    **dict.fromkeys(
        words(
            """
            such quite most definitely genuinely way much fully total complete absolute
            utter real
            """
        ),
        0.2,
    ),
    **dict.fromkeys(
        words(
            """
            slightly somewhat kinda fairly relatively mildly marginally partly moderately
            reasonably mostly almost rather little bit tad sorta
            """
        ),
        -0.35,
    ),
}

# A clause that follows one of these outweighs the clause before it ("good, but ...").
CONTRAST_NEXT = frozenset(words("but however yet though nevertheless nonetheless except sadly"))
# A clause that starts with one of these is outweighed by the rest ("although it is cute, ...").
CONCESSIVE = frozenset(["although", "despite", "while", "whereas", "albeit"])

# "Wanted to love it", "would have been perfect": the positive word describes a hope that
# was not met, so it points the other way.
IRREALIS = frozenset(
    words(
        """
        wanted want wants wish wished hoped hoping hope expected expecting expect would_have
        could_have should_have supposed
        """
    )
)

# Words after "too" that only ever mean an excess in feedback ("too small", "too late").
EXCESS_NEUTRAL_EXCEPTIONS = frozenset(["much", "many", "bad"])


@lru_cache(maxsize=65536)
def valence(word: str) -> float | None:
    """Valence of a lower-case word, trying its base form when the inflection is not listed.

    Returns ``None`` for words that carry no sentiment.
    """
    if word in VALENCE:
        return VALENCE[word]
    if word in _NOT_INFLECTIONS:
        return None
    squeezed = _squeeze(word)
    if squeezed != word:
        return valence(squeezed)
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + replacement
            if stem in VALENCE:
                return VALENCE[stem]
    return None


# Words that look like inflections of lexicon entries but mean something else:
# "prompted" is not "prompt", "honestly" is a way of talking, "tights" are clothing, jeans
# that "wind up" too big have won nothing.
_NOT_INFLECTIONS = frozenset(
    words(
        """
        prompted honestly tights shorts lights fairly cooler hardly lately
        shortly highly sweetheart sweetness kindly surely wind
        """
    )
)

_SUFFIXES = (
    ("iest", "y"), ("ier", "y"), ("ied", "y"), ("ies", "y"), ("ily", "y"), ("ing", "e"),
    ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ly", ""), ("est", ""),
    ("er", ""), ("d", ""), ("ness", ""), ("ment", ""), ("ful", ""),
)  # fmt: skip


def _squeeze(word: str) -> str:
    """Collapse letters repeated three times or more: "soooo" -> "so", "loooove" -> "love"."""
    out: list[str] = []
    for ch in word:
        if len(out) >= 2 and out[-1] == ch and out[-2] == ch:
            continue
        out.append(ch)
    squeezed = "".join(out)
    if squeezed != word:
        # Try the single-letter form first: "soo" is "so", "goood" is "good".
        single = "".join(c for i, c in enumerate(squeezed) if i == 0 or c != squeezed[i - 1])
        return single if single in VALENCE or single in BOOSTERS else squeezed
    return word
