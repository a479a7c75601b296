"""The language a comment is written in, told by its commonest short words.

The engine reads English and German, each with its own words and rules. A comment plainly in
another language is better left unread, and said to be, than read with English words: French
"pain" is bread, and Dutch "slim" is clever. Each language here is known by function words that are
not English words too (Japanese by its own script), so an English comment is never taken for
another language; a comment
with too few telling words (one that mixes languages, or a long one with a single foreign word)
is read as English. A short comment with no English word in it is told by one of its own.
"""

from __future__ import annotations

import re

from centric.insights.text.german import is_german_word
from centric.insights.text.segment import tokenize

ENGLISH = "en"
GERMAN = "de"
# the languages the engine reads (``german.py`` for German); a comment in another is left unread
READ = (ENGLISH, GERMAN)
# the sentiment label of a comment in another language, which the engine does not read
UNREAD = "unread"
# A language is named only with this many of its own words, twice as many as English ones; a
# comment of up to SHORT words, none of them English, by one ("Alles super!", "Danke").
MIN_WORDS = 2
SHORT = 3

_WORDS = {
    ENGLISH: """the and is was it to of in that for with not but my we you they this are have
        be at on our your very were has had would could should their there what when which""",
    "de": """der das und ist nicht ich wir sie ein eine einen mit zu den dem von auf für sind war
        hat haben uns unser unsere sehr auch aber noch schon immer wurde wurden wenn dass
        bei nach kein keine nur die vom zum zur leider danke bitte wieder kam kamen alles
        geht gibt eines einer einem macht seit über unter zwischen durch gegen ohne weil denn
        oder doch jetzt hier heute gestern mehr ihre ihren ihrem ihrer ihr euch mir mich ihm
        ihn wie wer warum sich sagt wird werden kann können muss müssen soll sollte würde
        würden hatte hatten sind unseren unserem unserer""",
    "fr": """le les et est pas je nous vous il elle une des du avec pour sur très mais qui
        sont était ont cette ce au aux nos notre leur été""",
    "es": """el los las y es yo nosotros una con para por muy pero que del se su sus está
        fue son como más nuestro nuestra""",
    "nl": """het een en niet ik wij zijn met voor op van heel maar ook dat werd wordt onze
        geen nog al bij naar""",
    "it": """il lo gli è non io noi una con per molto ma che di sono è stato della nella
        nostro nostra anche più""",
    "pt": """os não eu nós um uma com para muito mas que do da são foi está nosso nossa
        também mais""",
    "pl": """nie jest się że na bardzo są był była było dla od przez tylko już też jak
        mamy nasz nasza nasze tego który która które jestem jesteśmy czy oraz bez po""",
    "sv": """och är inte jag vi det att med för på av mycket som har var ett kan också eller
        från våra vår vårt inga ingen""",
}
# letters that only these languages write: a word with one counts as one of theirs
_LETTERS = {
    "de": frozenset("äöüß"),
    "es": frozenset("ñ¿¡"),
    "pt": frozenset("ãõ"),
    "pl": frozenset("ąćęłńśźż"),
    "sv": frozenset("å"),
}
# Japanese is told by its own script (hiragana and katakana), which no other language writes
_KANA = re.compile(r"[\u3040-\u30ff]")
JAPANESE = "ja"
# endings only German words have: "Rechnungen", "Pünktlichkeit", "freundlich", "Partnerschaft"
_GERMAN_ENDINGS = ("ungen", "keit", "heit", "lich", "liche", "lichen", "schaft")


def _german(token: str) -> bool:
    """A German word by its ending, or one the German reader knows that English does not."""
    return (len(token) > 6 and token.endswith(_GERMAN_ENDINGS)) or is_german_word(token)


_SETS = {language: frozenset(words.split()) for language, words in _WORDS.items()}
# each language's function words whole, English ones too: what says nothing of a topic
FUNCTION_WORDS = dict(_SETS)
for _language, _words in _SETS.items():  # a word English uses too would tell nothing
    if _language != ENGLISH:
        _SETS[_language] = _words - _SETS[ENGLISH]


def guess_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is plainly written in; ``"en"`` when it is
    English or when too few of its words tell."""
    if len(_KANA.findall(text)) >= MIN_WORDS:
        return JAPANESE
    tokens = [token.lower() for token in tokenize(text) if token[0].isalpha()]
    english = sum(token in _SETS[ENGLISH] for token in tokens)
    telling = {
        language: [
            token
            for token in tokens
            if token in words
            or not _LETTERS.get(language, frozenset()).isdisjoint(token)
            or (language == GERMAN and _german(token))
        ]
        for language, words in _SETS.items()
        if language != ENGLISH
    }
    counts = {language: len(found) for language, found in telling.items()}
    best = max(counts, key=lambda language: counts[language])
    others = sorted(counts.values())[-2]
    # a short comment, with no English word, by one word of its own long enough to tell
    # ("Alles super!", not the "ab" of "Ab fab!")
    short = len(tokens) <= SHORT and not english
    needed = 1 if short and any(len(token) >= 4 for token in telling[best]) else MIN_WORDS
    if counts[best] >= needed and counts[best] >= 2 * english and counts[best] > others:
        return best
    return ENGLISH
