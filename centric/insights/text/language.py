"""The language a comment is written in, told by its commonest short words.

The engine reads English and the languages it has a wordbook for (German, French, Spanish,
Italian, Portuguese, Dutch), each with its own words and rules. A comment plainly in another
language is better left unread, and said to be, than read with English words: Polish "pan" is
a gentleman, and Swedish "glass" ice cream. Each language here is known by function words that are
not English words too (Japanese by its own script), so an English comment is never taken for
another language; a comment
with too few telling words (one that mixes languages, or a long one with a single foreign word)
is read as English. A short comment with no English word in it is told by one of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from centric.insights.text.reader import WORDBOOKS, is_own_word
from centric.insights.text.segment import tokenize

ENGLISH = "en"
GERMAN = "de"
# the languages the engine reads (English by ``sentiment.py``, the others by their wordbooks in
# ``reader.py``); a comment in another is left unread
READ = (ENGLISH, *WORDBOOKS)
# their names, and all of them in words ("English, German, … and Dutch"), for pages and reports
READ_NAMES = {ENGLISH: "English", **{code: book.name for code, book in WORDBOOKS.items()}}
*_FIRST_READ, _LAST_READ = READ_NAMES.values()
READ_IN_WORDS = f"{', '.join(_FIRST_READ)} and {_LAST_READ}"
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
        würden hatte hatten sind unseren unserem unserer mein meine meinen meinem meiner
        vielen dank vielmals herzlich herzlichen""",
    "fr": """le les et est pas je nous vous il elle une des du avec pour sur très mais qui
        sont était ont cette ce au aux nos notre leur été la de en ne ils elles un ces mon
        mes votre vos leurs avons avez ai être fait aussi encore toujours jamais rien
        personne tout tous toute toutes sans chez depuis après trop bien peu dans par
        comme quand où qu à""",
    "es": """el los las y es yo nosotros una con para por muy pero que del se su sus está
        fue son como más nuestro nuestra la de en lo le les al nos ha han hemos hay este
        esta estos estas también porque cuando donde desde hasta sin sobre entre todo
        todos nada nadie ningún ninguna usted ustedes vuestro mis tus tiene tienen tenemos
        ya aún muy están estaba""",
    "nl": """het een en niet ik wij zijn met voor op van heel maar ook dat werd wordt onze
        geen nog al bij naar te er uw jullie mijn wel dit deze de je ze zij hij waren heb
        hebben heeft hadden worden dus omdat als toen niets niemand nooit altijd erg zeer
        hier daar wat wie waar uit om tegen na sinds ons""",
    "it": """il lo gli è non io noi una con per molto ma che di sono è stato della nella
        nostro nostra anche più questo questa questi queste abbiamo avete hanno nel sul alla
        dal perché però così già ancora tutto niente nessuno mai vostro vostra la le del
        dei delle da un uno ci si ti ha ho stata quando dove sempre tutti troppo poco
        quello loro ogni dopo senza su tra fra""",
    "pt": """os não eu nós um uma com para muito mas que do da são foi está nosso nossa
        também mais ao à pelo pela num numa você vocês vosso vossa já há isso isto estão de
        dos das em na nas nos por sem é estava tem têm temos ainda pouco menos porque
        quando onde como tudo nada nenhum nenhuma ninguém sempre nunca meu minha seu sua
        eles elas ele ela este esta esse essa""",
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


def _own(language: str, token: str) -> bool:
    """A word of ``language`` that English does not write: one its reader knows, or for
    German one with a German ending."""
    if language == GERMAN and len(token) > 6 and token.endswith(_GERMAN_ENDINGS):
        return True
    return language in WORDBOOKS and is_own_word(language, token)


_APOSTROPHE = re.compile("['’]")
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
    english = words = 0
    counts = dict.fromkeys(_OTHERS, 0)
    own = dict.fromkeys(_OTHERS, 0)  # of those, words of its own, no function words
    long: set[str] = set()  # the languages told by a word of four letters or more
    for token in tokenize(text):
        if not token[0].isalpha():
            continue
        # a word written with the next by an apostrophe is two: French "c'est", "un'ottima"
        for part in _APOSTROPHE.split(token.lower()):
            if not part:
                continue
            words += 1
            english += part in _SETS[ENGLISH]
            for language, its_own in _tells(part):
                counts[language] += 1
                own[language] += its_own
                if len(part) >= 4:
                    long.add(language)
    # of equally many telling words, those of its own and no function word tell the language:
    # "Nadie nos ha ayudado" has Spanish "ayudado" and "nos", which French writes too
    ranked = sorted(_OTHERS, key=lambda language: (counts[language], own[language]))
    best, second = ranked[-1], ranked[-2]
    others = counts[second] if own[second] == own[best] else counts[second] - 1
    # a short comment, with no English word, by one word of its own long enough to tell
    # ("Alles super!", not the "ab" of "Ab fab!")
    short = words <= SHORT and not english
    needed = 1 if short and best in long else MIN_WORDS
    if counts[best] >= needed and counts[best] >= 2 * english and counts[best] > others:
        return best
    return ENGLISH


_OTHERS = tuple(language for language in _SETS if language != ENGLISH)


@lru_cache(maxsize=65536)
def _tells(word: str) -> tuple[tuple[str, bool], ...]:
    """The languages other than English that the lower-case ``word`` tells, each with whether
    it is a word of its own rather than a function word."""
    return tuple(
        (language, word not in FUNCTION_WORDS[language])
        for language in _OTHERS
        if word in _SETS[language]
        or not _LETTERS.get(language, frozenset()).isdisjoint(word)
        or _own(language, word)
    )
