"""Journey stage, care signals and flags (urgent, churn risk) found in a comment.

Each finding keeps the phrase that carries it, cut at the clause, so a person reading the
relationship view sees the customer's own words. Each family of patterns (stages, care
signals, flags) is one compiled alternation, matched once over the lower-cased comment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from centric.insights.text.language import ENGLISH
from centric.insights.text.reader import WORDBOOKS
from centric.insights.text.segment import lower_keeping_offsets
from centric.insights.text.types import SentenceSentiment

JOURNEY_STAGES = ("shop", "purchase", "delivery", "use", "maintain", "replace", "dispose")

_STAGE_WORDS: dict[str, str] = {
    "shop": r"brows\w*|search\w*|compar\w*|catalog\w*|in store|the store|showroom|website|"
    r"looking for|options|selection|choose|choosing|try(?:ing)? on|fitting room|demo|quote",
    "purchase": r"checkout|check out|cart|order(?:ed|ing)?|bought|buy(?:ing)?|purchas\w*|"
    r"paid|pay(?:ment|ing)?|coupon|promo code|discount code|sign(?:ed)? up|contract",
    "delivery": r"deliver\w*|ship(?:ping|ped|ment)?|arriv\w*|package|parcel|courier|tracking|"
    r"dispatch\w*|install(?:ation|ed)?|came in the mail|postage",
    "use": r"wear(?:ing)?|wore|worn|us(?:e|ed|ing)|fits?|works?|comfortable|feature\w*|"
    r"daily|every day|after a (?:week|month)",
    "maintain": r"repair\w*|maint\w*|warranty|fix(?:ed|ing)?|servic(?:e|ing)|wash\w*|"
    r"clean\w*|dry clean|update\w*|support ticket|broke|broken|stopped working",
    "replace": r"replac\w*|upgrad\w*|renew\w*|exchang\w*|return\w*|send(?:ing)? (?:it )?back|"
    r"sent (?:it |them )?back|refund\w*|buy (?:it )?again|another one|reorder\w*",
    "dispose": r"dispos\w*|recycl\w*|throw (?:it )?away|threw (?:it )?away|trash\w*|donat\w*|"
    r"trade[- ]in|close my account|cancel(?:led|ed)? my (?:account|subscription)",
}

_CARE_PATTERNS: dict[str, str] = {
    "risk": r"\brisk\w*|\bat stake\b|could (?:lose|cost|cause|break)|might (?:lose|cost|cause)|"
    r"\bdanger\w*|\bexposed\b|\bvulnerab\w*|if this happens again|\bbreach\w*",
    "fear": r"\bafraid\b|\bworr(?:y|ied|ies)\b|\bscared\b|\bfear\w*|\bnervous\b|\banxious\b|"
    r"\bconcerned\b|\bhesitant\b",
    # not a need the product meets: "which i need", "exactly what i need"
    "desire": r"(?<!which )(?<!what )\b(?:i|we) (?:really )?(?:want|need)\b|\bwould love\b|"
    r"(?<!was )(?<!were )(?<!been )\blooking for\b|"
    r"\b(?:i|we)'d (?:like|love)\b|\bwould like\b|\bcraving\b",
    "wish": r"\bwish\w*|\bif only\b|\bit would be (?:nice|great|better)\b|"
    r"\bwould be (?:nice|great|better) if\b|\bshould (?:have|offer|add|make)\b|\bplease add\b",
    "constraint": r"\bbudget\b|\bcan(?:'t|not) afford\b|\bdeadline\w*|\bonly have\b|"
    r"\bno time\b|\bnot allowed\b|\bpolicy\b|\brequirement\w*|\bcompliance\b|"
    r"\bhave to\b(?! (?:say|admit|confess|agree|laugh|wonder|be honest)\b)|"
    r"\bpetite\b|\btall\b|\bsensitive skin\b|\ballerg\w*",
    "hope": r"\b(?:i|we) hope\b|\bhopefully\b|\bhoping\b|\blooking forward\b|"
    r"\bfingers crossed\b|\bcan'?t wait\b",
    "opportunity": r"\bwould (?:buy|order|pay|purchase) (?:more|again|another)\b|"
    r"\bif (?:you|they) (?:offered|made|had|added)\b|\bmore colou?rs\b|\bother colou?rs\b|"
    r"\bin (?:more|other) (?:sizes|colou?rs)\b|\bopportunit\w*|\bwould upgrade\b|"
    r"\bwould (?:also )?be (?:great|nice) to\b|\bcould also\b",
}

_FLAG_PATTERNS: dict[str, dict[str, str]] = {
    # The words of safety, the law and privacy name a hazard, a threat or a breach only in
    # context: "cigar smoke", "the food court", "a little privacy", "the attorney next to you"
    # and "shrimp scampi" are nothing of the kind.
    "urgent": {
        # phrased so that "burnt orange", "a sports injury" or "the neckline chokes" do not count
        "safety": r"\b(?:got|was|were|been|get|getting) (?:\w+ )?injured\b|\binjur(?:y|ies|ed) "
        r"(?:from|by|because|caused)\b|\bcaused (?:an? )?injur\w*|\bhurt (?:me|my|him|her|us)\b|"
        r"\bburn(?:ed|t)? (?:me|my|him|her|us|our|myself|the skin)\b|\b(?:caught|on) fire\b|"
        r"\b(?:get|gets|getting|got) (?:\w+ )?(?:hurt|killed|electrocuted)\b|"
        r"\bsmoke (?:came|comes|coming|pour\w*|billow\w*)\b|"
        r"\b(?:started|starts|began|begins) (?:to )?smok(?:e|ing)\b|"
        r"\belectric(?:al)? shock\b|\bunsafe\b|\bdangerous\b|\bhazard\w*|"
        r"\bsafety (?:issue|risk|hazard|concern|problem|incident)s?\b|"
        r"\bchok(?:e|ed|es|ing) (?:on|hazard)\b|\bchoking hazard\b|"
        r"\ballergic reaction\b|\bpoison\w*|\bfood poisoning\b|\bsparking\b|"
        # what the skin suffered: "developed a serious rash", "gave my son hives"
        r"\b(?:got|get|gets|getting|developed|develop|gave|give|gives|giving|broke out in|"
        r"break out in|caus\w*) (?:\w+ )?(?:an? )?(?:\w+ )?(?:rash|rashes|hives|welts)\b|"
        r"\bsparks? (?:came|come|flew|fly|flying|coming|from|out)\b|"
        r"\bexplod\w*\b(?! (?:out|with|into)\b)",
        # the customer's own work has stopped: "was down last week" is over, "arms are down" and
        # "a line down the front" are no system, a thing that "stopped working" is a fault
        "outage": r"\b(?:system|systems|server|servers|site|website|portal|platform|network|"
        r"line|production|plant|factory|machine|machines|equipment|everything|operations?)"
        r"(?:(?:'s| is| are| has been| have been)(?: still| completely| now)? (?:down|offline)|"
        r"(?: is| are| has| have)?(?: been)?(?: still| completely| now)? (?:stopped(?! \w+ing\b)|"
        r"halted|at a standstill|(?:ground|came|come) to a (?:halt|standstill)))\b|"
        r"\b(?:can'?t|cannot|unable to) (?:operate|produce)\b",
        # said in so many words; "not urgent" is passed over like a denied churn phrase
        "urgency": r"\burgent(?<!non-urgent)(?<!non urgent)\w*|\bas a matter of urgency\b|"
        r"\b(?:this|it) is an emergency\b|\bit'?s an emergency\b|"
        r"\bneed (?:someone|somebody|help|an? (?:engineer|technician)) "
        r"(?:now|today|immediately|urgently|right away)\b",
        "legal": r"\b(?:my|our) (?:lawyers?|attorneys?|solicitors?)\b|"
        r"\b(?:contact\w*|call\w*|consult\w*|hir\w*|get|getting|speak\w* to|talk\w* to) "
        r"(?:a|an|my|our) (?:lawyer|attorney|solicitor)\b|"
        r"\b(?:will|would|going to|gonna|to|could|might|can) sue\b|\bsue (?:you|them|your)\b|"
        r"\bsuing\b|\blawsuit\b|\blegal action\b|\bcourt (?:action|case|order)\b|"
        r"\b(?:take|taking|took|taken|see|seeing) (?:the )?\w+ (?:to|in) court\b|"
        r"\bsmall claims\b|\bombudsman\b|\b(?:to|with) the regulator\b|"
        r"\btrading standards\b|\breport(?:ing)? (?:you|this) to\b|"
        r"\bdiscriminat(?:ion|ory|ed against|ing against)\b",
        "privacy": r"\bdata breach\b|\bprivacy (?:breach|violation|issue|concern|complaint)s?\b|"
        r"\b(?:invasion|invaded|invading|breach|violation) of (?:my |our )?privacy\b|"
        r"\b(?:shared|sold|leaked|exposed|lost|published|disclosed|passed on|misused?) "
        r"(?:my|our) (?:personal )?(?:data|information|details)\b|"
        r"\b(?:my|our) (?:personal )?(?:data|information|details) (?:was|were|has been|have been|"
        r"got|is being) (?:shared|sold|leaked|exposed|lost|stolen|published|disclosed)\b|"
        r"\bgdpr\b|\bidentity theft\b|"
        # "hacked" with what was broken into: a tailor "hacked off" or "hacked quite a bit" of a hem
        r"\b(?:was|were|been|got|get|gets|being|is|are) hacked\b|"
        r"\bhacked (?:into|my|our|your|the account)\b|"
        r"\b(?:account|system|email|site|website|data) (?:\w+ )?hacked\b|"
        r"\bsomeone else'?s (?:account|order|details)\b",
        "money lost": r"\b(?:charged|billed|invoiced) (?:me |us |my card |our card |my account )?"
        r"(?:twice|two times)\b|\bdouble[- ]billed\b|"
        r"\bdouble[- ]charged\b|\bovercharg\w*|\b(?:want|need) (?:my|our) money back\b|"
        r"\bunauthori[sz]ed (?:charge|payment|transaction)\w*|\bfraud\w*|\bstolen\b|"
        r"\bstole (?:from\b|(?:my|our) (?!hearts?\b))|"
        r"\bscam(?:s|med|mer|mers|ming)?\b|"
        r"\b(?:never|still not|haven'?t) (?:received|got|gotten) (?:my|a|the) refund\b|"
        r"\blost (?:my )?money\b|\btook my money\b|\bcharged but\b",
    },
    "churn_risk": {
        # cancelling an order is a complaint about the order, not leaving
        "cancel": r"\bcancel\w* (?:my|our|the) (?:account|subscription|membership|contract|plan)\b|"
        r"\b(?:will|going to|gonna|about to|want to|wants to|wish to|need to|like to|decided to|"
        r"plan(?:ning)? to|intend to) cancel\b"
        r"(?! (?:(?:my|our|the|this|that|an?) )?(?:orders?|items?|purchases?|deliver(?:y|ies))\b)|"
        r"\bclos(?:e|ing) (?:my|our|the) accounts?\b|\bunsubscrib\w*",
        "leave": r"\b(?:take|taking) (?:my|our) business elsewhere\b|\bgo(?:ing)? elsewhere\b|"
        # "never buy this label again"; "we're", not "were": "as we were leaving" is over
        r"\bnever (?:buy|order|shop|use|come|go)\w* (?:\w+ ){0,3}again\b|\bwon'?t be (?:back|"
        r"returning|ordering|buying|shopping)\b|\b(?:i'?m|we're|i am|we are) (?:so |totally |"
        r"completely )?done with (?:you|this|them|your)\b|\blost a customer\b|"
        r"\b(?:this|that) (?:is|was|will be) the last time\b|\bfor the last time\b|"
        r"\b(?:i'?m|we're|i am|we are) leaving\b"
        r"(?! (?:this|a|my|our) (?:review|comment|note|feedback)\b)|"
        r"\bnever again\b",
        "not renew": r"\b(?:not|won'?t|will not|never) (?:be )?renew\w*",
        "switch": r"\bswitch\w* (?:(?:to|over to) (?:a |an |another )?(?:competitor|provider|supplier|"
        r"vendor|company|brand)|providers?|suppliers?|vendors?)\b|\bmov(?:e|ing) (?:to|over to) "
        r"(?:a |another )?(?:competitor|provider|company)\b|\bcompetitor\w*|"
        r"\b(?:look\w*|evaluat\w*|consider\w*|explor\w*|review\w*|compar\w*|assess\w*|"
        r"weigh(?:ing)?) (?:for |at |into )?(?:other |some |possible |an? )?(?:alternatives?|"
        r"(?:other|another|new|different) (?:suppliers?|providers?|vendors?|compan(?:y|ies)))\b",
    },
}

_PRAISE_WORDS = (
    r"\bthank\w*|\bgrateful\b|\bkudos\b|\bshout ?out\b|\bappreciat\w*|\bhelpful\b|"
    r"\blov(?:e|ed|es|ing)\b|"
    r"\bamazing\b|\bexcellent\b|\bwonderful\b|\bfantastic\b|\bgreat\b|\bbest\b|\bfriendly\b|"
    r"\bprofessional\b|\bpatient\b|\bknowledgeable\b|\babove and beyond\b|\bout of (?:his|her|"
    r"their) way\b|\bsuperb\b|\bawesome\b|\bbrilliant\b|\blovely\b|\bkind\b"
)


def _alternation(patterns: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One compiled pattern for many named ones: a single scan of the text finds them all;
    ``match.lastgroup`` maps back to the name."""
    groups = {f"g{i}": name for i, name in enumerate(patterns)}
    joined = "|".join(f"(?P<g{i}>{pattern})" for i, pattern in enumerate(patterns.values()))
    # Matched against lower-cased text, and only from the start of a word: both make the
    # scan several times faster than IGNORECASE at every position.
    return re.compile(rf"\b(?:{joined})"), groups


@dataclass(frozen=True)
class _Patterns:
    """One language's patterns, compiled."""

    stages: re.Pattern[str]
    stage_groups: dict[str, str]
    care: re.Pattern[str]
    care_groups: dict[str, str]
    flags: re.Pattern[str]
    flag_groups: dict[str, str]
    clause_end: re.Pattern[str]
    negated: re.Pattern[str]  # what a churn phrase or a word of urgency is denied by
    praise: re.Pattern[str]
    supposed: re.Pattern[str] | None  # a sentence whose outage is only supposed


def _compiled(
    stages: dict[str, str],
    care: dict[str, str],
    flag_patterns: dict[str, dict[str, str]],
    *,
    clause_end: str,
    negated: str,
    praise: str,
    supposed: str | None = None,
) -> _Patterns:
    flagged = {
        f"{flag}:{reason}": pattern
        for flag, reasons in flag_patterns.items()
        for reason, pattern in reasons.items()
    }
    return _Patterns(
        *_alternation({k: rf"\b(?:{v})\b" for k, v in stages.items()}),
        *_alternation(care),
        *_alternation(flagged),
        re.compile(clause_end, re.IGNORECASE),
        re.compile(negated),
        re.compile(praise, re.IGNORECASE),
        re.compile(supposed) if supposed else None,
    )


_LANGUAGES = {
    ENGLISH: _compiled(
        _STAGE_WORDS,
        _CARE_PATTERNS,
        _FLAG_PATTERNS,
        clause_end=r"[,;:.!?()]|\bbut\b|\bhowever\b|\balthough\b",
        negated=r"\b(?:not|never|no|don'?t|didn'?t|wouldn'?t|won'?t)\s+(?:\w+\s+)?$",
        praise=_PRAISE_WORDS,
    ),
    **{
        code: _compiled(
            book.stage_words,
            book.care_patterns,
            book.flag_patterns,
            clause_end=book.clause_end,
            negated=book.negated,
            praise=book.praise,
            supposed=book.supposed or None,
        )
        for code, book in WORDBOOKS.items()
    },
}


@dataclass(frozen=True, slots=True)
class Signal:
    """A care signal or flag with the phrase that carries it (offsets into the comment)."""

    kind: str
    reason: str
    phrase: str
    start: int
    end: int


def journey_stage(text: str, lowered: str | None = None, language: str = "en") -> str | None:
    """The journey stage the comment talks about most; the later stage wins a tie, since a
    comment about a return mentions the purchase too. ``None`` when no stage is named."""
    patterns = _LANGUAGES[language]
    counts: dict[str, int] = {}
    for match in patterns.stages.finditer(lowered or lower_keeping_offsets(text)):
        stage = patterns.stage_groups[match.lastgroup or ""]
        counts[stage] = counts.get(stage, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda stage: (counts[stage], JOURNEY_STAGES.index(stage)))


def care_signals(
    text: str,
    sentences: Sequence[SentenceSentiment],
    lowered: str | None = None,
    language: str = "en",
) -> list[Signal]:
    """Risks, fears, desires, wishes, constraints, hopes and opportunities, in text order."""
    patterns = _LANGUAGES[language]
    found: list[Signal] = []
    starts = [s.start for s in sentences]
    for match in patterns.care.finditer(lowered or lower_keeping_offsets(text)):
        kind = patterns.care_groups[match.lastgroup or ""]
        sentence = _sentence_at(sentences, starts, match.start())
        if sentence is not None:
            found.append(_signal(kind, kind, sentence, *match.span(), patterns.clause_end))
    return found


def flags(
    text: str,
    sentences: Sequence[SentenceSentiment],
    lowered: str | None = None,
    language: str = "en",
) -> list[Signal]:
    """``urgent`` and ``churn_risk`` flags with their reason, at most one per reason.

    A churn phrase or a word of urgency right after a negation ("I would never cancel",
    "not urgent") is not a flag, nor an outage a German sentence only supposes ("wenn …").
    """
    patterns = _LANGUAGES[language]
    found: dict[str, Signal] = {}
    lowered = lowered or lower_keeping_offsets(text)
    starts = [s.start for s in sentences]
    for match in patterns.flags.finditer(lowered):
        key = patterns.flag_groups[match.lastgroup or ""]
        if key in found:
            continue
        flag, reason = key.split(":")
        sentence = _sentence_at(sentences, starts, match.start())
        if sentence is None:
            continue
        denied = flag == "churn_risk" or reason == "urgency"
        if denied and patterns.negated.search(lowered, sentence.start, match.start()):
            continue
        supposed = patterns.supposed
        if reason == "outage" and supposed and supposed.match(lowered, sentence.start):
            continue
        found[key] = _signal(flag, reason, sentence, *match.span(), patterns.clause_end)
    return sorted(found.values(), key=lambda s: (s.start, s.kind))


def _sentence_at(
    sentences: Sequence[SentenceSentiment], starts: list[int], offset: int
) -> SentenceSentiment | None:
    """The sentence containing ``offset``; ``starts`` are the sentences' start offsets."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return None


def praise_sentences(
    sentences: Sequence[SentenceSentiment], language: str = "en"
) -> list[SentenceSentiment]:
    """Sentences that praise: clearly positive and using words of praise or thanks."""
    praise = _LANGUAGES[language].praise
    return [s for s in sentences if s.score > 0.3 and praise.search(s.text)]


def _signal(
    kind: str,
    reason: str,
    sentence: SentenceSentiment,
    start: int,
    end: int,
    boundaries: re.Pattern[str],
) -> Signal:
    """The signal with its phrase: the clause of the sentence around the match."""
    text = sentence.text
    start, end = start - sentence.start, end - sentence.start
    clause_start = 0
    for boundary in boundaries.finditer(text, 0, start):
        clause_start = boundary.end()
    following = boundaries.search(text, end)
    clause_end = following.start() if following else len(text)
    phrase = text[clause_start:clause_end]
    lead = len(phrase) - len(phrase.lstrip())
    phrase = phrase.strip()
    offset = sentence.start + clause_start + lead
    return Signal(kind, reason, phrase, offset, offset + len(phrase))
