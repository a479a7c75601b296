"""Multi-word expressions whose sentiment is not the sum of their words.

Each phrase is written with spaces; ``*`` stands for any single token ("send * back"
covers "send it back" and "send them back"). A phrase with valence 0 is a *stopper*: it
removes the sentiment its words would otherwise carry ("as well", "like a"); a boosting
phrase is a stopper that also strengthens what follows ("without a doubt the best").
Longer phrases win over shorter ones that start at the same token.
"""

from __future__ import annotations

from itertools import product

from centric.insights.text.lexicon import words

_PHRASES: dict[str, float] = {
    # Praise and recommendation.
    "above and beyond": 3.2,
    "second to none": 3.0,
    "top notch": 2.8,
    "top-notch": 2.8,
    "worth every penny": 3.2,
    "worth it": 2.0,
    "worth the money": 2.0,
    "worth the price": 2.0,
    "can't go wrong": 2.6,
    "cannot go wrong": 2.6,
    "can't beat": 2.2,
    "couldn't be happier": 3.2,
    "could not be happier": 3.2,
    "couldn't be better": 2.8,
    "can't wait": 1.8,
    "can't say enough": 2.8,
    "can't recommend * enough": 3.0,
    "can't recommend enough": 3.0,
    "cannot recommend * enough": 3.0,
    "can't recommend * * enough": 3.0,
    "highly recommend": 3.0,
    "a must have": 2.2,
    "must-have": 2.2,
    "a must": 1.8,
    "well made": 2.2,
    "well-made": 2.2,
    "made well": 1.8,
    "high quality": 2.2,
    "true to size": 1.4,
    "as described": 1.2,
    "as pictured": 1.0,
    "as advertised": 1.0,
    "better than expected": 2.4,
    "better than i expected": 2.4,
    "exceeded my expectations": 3.0,
    "five stars": 2.6,
    "5 stars": 2.6,
    "thumbs up": 2.0,
    "no complaints": 2.2,
    "no regrets": 2.2,
    "on time": 1.6,
    "ahead of schedule": 1.8,
    "right away": 1.0,
    "went out of their way": 2.8,
    "went out of her way": 2.8,
    "went out of his way": 2.8,
    "not bad": 1.2,
    "not too bad": 1.0,
    "not disappointed": 1.8,
    "never disappoints": 2.6,
    "will be back": 2.0,
    "will definitely be back": 2.4,
    "i'll be back": 2.0,
    # "will return" and "will go back" are read by ``rules.coming_back``: a visit ("we will
    # return soon") or an item sent back ("it will go back", "I will return it").
    "coming back": 1.4,
    "go back again": 1.6,
    "keeps me coming back": 2.4,
    "blown away": 2.8,
    "fits like a glove": 3.0,
    "so much fun": 2.4,
    # Disappointment, returns and defects.
    "wanted to love": -2.4,
    "wanted to like": -2.0,
    "really wanted to love": -2.6,
    "had high hopes": -2.0,
    "high hopes": -1.4,
    "was hoping": -1.2,
    "so sad": -2.0,
    "send * back": -2.2,
    "sent * back": -2.2,
    "sending * back": -2.2,
    "sent back": -2.0,
    "send back": -2.0,
    "sending back": -2.0,
    "back it goes": -2.6,
    "back they go": -2.6,
    "returning it": -2.2,
    "returning them": -2.2,
    "return it": -1.8,
    "return them": -1.8,
    "returned it": -2.2,
    "returned them": -2.2,
    "returned both": -2.2,
    "is going back": -2.2,
    "are going back": -2.2,
    "it's going back": -2.4,
    "they're going back": -2.4,
    "had to return": -2.2,
    "had to go back": -2.2,
    "has to go back": -2.2,
    "fell apart": -2.6,
    "falling apart": -2.6,
    "came apart": -2.2,
    "broke down": -2.0,
    "stopped working": -2.6,
    "quit working": -2.6,
    "wore out": -1.8,
    "worn out": -1.8,
    "waste of money": -3.0,
    "waste of time": -2.8,
    "rip off": -2.6,
    "ripped off": -2.6,
    "let down": -2.0,
    "let me down": -2.2,
    "fell short": -2.0,
    "falls short": -2.0,
    "below expectations": -2.2,
    "worse than expected": -2.4,
    "not worth": -2.2,
    "not as pictured": -2.2,
    "not as described": -2.4,
    "not as advertised": -2.4,
    "nothing like": -1.8,
    "looks nothing like": -2.2,
    "not what i expected": -2.0,
    "not the best": -1.2,
    "not great": -1.6,
    "not good": -1.8,
    "not a fan": -1.8,
    "not for me": -1.6,
    "best left to": -1.0,  # "best left to the waify girls": for others, not for me
    "can do better": -1.4,  # "really retailer? i know you can do better than that"
    "could do better": -1.4,
    "wasn't for me": -1.6,
    "not impressed": -2.2,
    "not happy": -2.2,
    "not sure": -0.6,
    "not flattering": -2.2,
    "not worth it": -2.4,
    "nothing special": -1.4,
    "just ok": -0.9,
    "just okay": -0.9,
    "only ok": -0.9,
    "so so": -0.8,
    "so-so": -0.8,
    "too bad": -1.8,
    "never again": -2.6,
    # Saying they may leave is no praise, whatever else the comment says (the flags have
    # ``churn_risk``; this is what the intent weighs in the comment's sentiment).
    "looking at alternatives": -1.8,
    "look at alternatives": -1.6,
    "looking for alternatives": -1.8,
    "considering alternatives": -1.8,
    "exploring alternatives": -1.8,
    "evaluating alternatives": -1.8,
    "not renew": -2.0,
    "won't renew": -2.2,
    "will not renew": -2.2,
    "not be renewing": -2.2,
    "not renewing": -2.0,
    "cancel our contract": -2.2,
    "cancel our subscription": -2.2,
    "cancel my subscription": -2.2,
    "cancel my account": -2.2,
    "cancel our account": -2.2,
    "switch to another supplier": -2.0,
    "switch to another provider": -2.0,
    "switch to a competitor": -2.2,
    "switching to a competitor": -2.2,
    "move to a competitor": -2.2,
    "take our business elsewhere": -2.6,
    "take my business elsewhere": -2.6,
    "lost a customer": -2.6,
    "won't be back": -2.2,
    "will not be back": -2.2,
    "poorly made": -2.6,
    "cheaply made": -2.6,
    "low quality": -2.2,
    "poor quality": -2.4,
    "see through": -1.4,
    "see-through": -1.4,
    "one star": -2.6,
    "1 star": -2.6,
    "zero stars": -3.0,
    "thumbs down": -2.0,
    "still waiting": -2.2,
    "on hold": -1.4,
    "no response": -2.2,
    "no reply": -2.2,
    "no answer": -2.0,
    "no one": -0.8,
    "charged twice": -2.6,
    "charged me twice": -2.6,
    "double charged": -2.6,
    "hidden fees": -2.2,
    "hidden charges": -2.2,
    "the last straw": -2.6,
    "deal breaker": -2.4,
    "dealbreaker": -2.4,
    "deal killer": -2.4,
    "stay away": -2.6,
    "steer clear": -2.6,
    "to die for": 3.0,
    "go for it": 1.8,
    "must try": 2.4,
    "a must try": 2.4,
    "have to try": 1.8,
    "not what i wanted": -1.8,
    "without so much as": -1.8,
    "don't waste": -2.4,
    "do not waste": -2.4,
    "dont waste": -2.4,
    "fed up": -2.4,
    "thanks for nothing": -2.6,
    "thank you for nothing": -2.6,
    "thanks a lot for nothing": -2.6,
    "gave up": -1.6,
    "give up": -1.4,
    # What business customers complain of: being kept in the dark, chasing, waiting, prices.
    "without any explanation": -2.0,
    "without explanation": -1.8,
    "without warning": -1.8,
    "without any warning": -2.0,
    "without notice": -1.6,
    "without any notice": -1.8,
    "without telling": -1.8,
    "without asking": -1.4,
    "kept in the dark": -2.2,
    "without an answer": -1.8,
    "without any answer": -2.0,
    "without a reply": -1.8,
    "without a response": -1.8,
    "without any response": -2.0,
    "without a word": -1.6,
    "had to chase": -2.0,
    "have to chase": -2.0,
    "had to wait": -1.6,
    "have to wait": -1.4,
    "prices went up": -1.6,
    "price went up": -1.6,
    "prices have gone up": -1.6,
    "price hike": -1.8,
    "price hikes": -1.8,
    "is down": -1.8,
    "been down": -1.8,
    "is offline": -1.8,
    "been offline": -1.8,
    "is stopped": -1.8,
    "are stopped": -1.8,
    "has stopped": -1.8,
    "have stopped": -1.8,
    "ground to a halt": -2.2,
    "came to a halt": -2.0,
    # ... and what they praise: being kept informed, quick answers, papers that agree.
    "kept * informed": 1.8,
    "keep * informed": 1.8,
    "keeps * informed": 1.8,
    "a day early": 1.6,
    "arrived early": 1.4,
    "within the hour": 1.6,
    "within an hour": 1.4,
    "within minutes": 1.4,
    "match the order": 1.2,
    "matches the order": 1.2,
    "match the quote": 1.2,
    "matches the quote": 1.2,
    "match the description": 1.2,
    "matches the description": 1.2,
    "runs small": -0.8,
    "runs large": -0.8,
    "runs big": -0.8,
    "ran small": -0.9,
    "ran large": -0.9,
    "run small": -0.8,
    "run large": -0.8,
    # Stoppers: these words carry no sentiment here.
    "as well": 0.0,
    "like a": 0.0,
    "like the": 0.0,
    "like it was": 0.0,
    "like they": 0.0,
    "feel like": 0.0,
    "feels like": 0.0,
    "felt like": 0.0,
    "looks like": 0.0,
    "look like": 0.0,
    "looked like": 0.0,
    "seems like": 0.0,
    "something like": 0.0,
    "pretty much": 0.0,
    "dry clean": 0.0,  # a care label: nothing is clean yet
    "kind of": 0.0,
    "sort of": 0.0,
    "a bit": 0.0,
    "a little": 0.0,
    "no doubt": 0.6,
    "fine print": -0.6,
    "good luck": -0.4,
    "well as": 0.0,
    "just fine": 1.2,
    "fit well": 1.8,
    "fits well": 1.8,
    "work well": 1.8,
    "works well": 1.8,
    "pretty good": 1.6,
    "pretty well": 1.2,
    "in love": 3.0,
    "fell in love": 3.2,
    "not only": 0.0,
    "no matter": 0.0,
    "no wonder": 0.0,
    "no longer": -0.4,
    "free shipping": 0.8,
    "customer service": 0.0,
    "help desk": 0.0,
    "quality control": 0.0,
}

# Verbs that describe something failing when negated: "didn't work", "never arrived".
_NEGATED_FAILURES = words(
    """
    work works worked working fit fits fitted help helped arrive arrived last lasted respond
    offer offered greet greeted refund refunded apologize apologized listen listened
    responded answer answered reply replied call called show showed come came deliver
    delivered fix fixed solve solved load loaded open opened start started button zip
    tell tells told inform informs informed notify notified warn warned explain explained
    update updated match matches matched receive received
    """
)
# "It took weeks", "takes forever": how long something took, told as a complaint.
_TAKING = words("take takes took taking")
_LONG_WAITS = words("hours days weeks months ages forever")
_FAILURE_NEGATORS = words(
    """
    not don't doesn't didn't won't wouldn't isn't wasn't couldn't never dont doesnt didnt
    wont wouldnt couldnt nobody haven't hasn't havent hasnt
    """
)
# Negated problem nouns read as clear relief: "no issues", "without any problems".
_PROBLEMS = words("issue issues problem problems complaint complaints trouble hassle worries")
_PROBLEM_NEGATORS = [
    "no", "zero", "without", "never", "without any", "never any", "not any",
    "haven't had a", "haven't had any", "have not had a", "have not had any", "never had a",
    "never had any", "hasn't had a", "hasn't had any", "didn't have any", "didn't have a",
]  # fmt: skip


# Phrases that strengthen what follows them, as boosters do ("without a doubt the best");
# among the phrases they are stoppers, so their own words ("doubt") carry nothing.
_BOOSTING: dict[str, float] = {
    "without a doubt": 0.35,
    "without doubt": 0.35,
    "hands down": 0.35,
    "by far": 0.35,
}
BOOSTING_PHRASES: dict[tuple[str, ...], float] = {
    tuple(text.split()): boost for text, boost in _BOOSTING.items()
}


def _build() -> dict[tuple[str, ...], float]:
    phrases = {tuple(text.split()): value for text, value in _PHRASES.items()}
    phrases.update(dict.fromkeys(BOOSTING_PHRASES, 0.0))
    for negator, verb in product([*_FAILURE_NEGATORS, "no one"], _NEGATED_FAILURES):
        phrases.setdefault((*negator.split(), verb), -1.9)
    for verb, wait in product(_TAKING, _LONG_WAITS):
        phrases.setdefault((verb, wait), -1.6)
    for verb, wait in product(_TAKING, ["hours", "weeks", "months"]):  # "took two weeks"
        phrases.setdefault((verb, "*", wait), -1.6)
    for negator in _FAILURE_NEGATORS:
        phrases.setdefault((negator, "recommend"), -2.6)
        phrases.setdefault((negator, "recommend", "it"), -2.6)
    for negator, noun in product(_PROBLEM_NEGATORS, _PROBLEMS):
        phrases.setdefault((*negator.split(), noun), 1.8)
    return phrases


PHRASES: dict[tuple[str, ...], float] = _build()

# Index by first token: the lengths of the exact phrases starting with it (longest first)
# and the wildcard phrases, which are few and checked token by token.
_LENGTHS: dict[str, list[int]] = {}
_WILDCARDS: dict[str, list[tuple[tuple[str, ...], float]]] = {}
for _tokens, _value in sorted(PHRASES.items(), key=lambda item: -len(item[0])):
    if "*" in _tokens:
        _WILDCARDS.setdefault(_tokens[0], []).append((_tokens, _value))
    elif len(_tokens) not in _LENGTHS.setdefault(_tokens[0], []):
        _LENGTHS[_tokens[0]].append(len(_tokens))
PHRASES_BY_FIRST = frozenset(_LENGTHS) | frozenset(_WILDCARDS)


def match_phrase(tokens: list[str], start: int) -> tuple[int, float] | None:
    """The longest phrase starting at ``tokens[start]`` as (length, valence), if any."""
    first = tokens[start]
    remaining = len(tokens) - start
    best: tuple[int, float] | None = None
    for size in _LENGTHS.get(first, ()):
        if size <= remaining:
            value = PHRASES.get(tuple(tokens[start : start + size]))
            if value is not None:
                best = (size, value)
                break
    for phrase, value in _WILDCARDS.get(first, ()):
        size = len(phrase)
        if best is not None and size <= best[0]:
            break
        if size <= remaining and all(
            p == "*" or p == tokens[start + i] for i, p in enumerate(phrase)
        ):
            return size, value
    return best
