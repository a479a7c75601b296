"""A language's words, for the engine that reads it by its own words and rules.

English is read by ``sentiment.py``, ``themes.py`` and ``signals.py``. Every other language
the engine reads (German, French, Spanish, …) is described by one ``Wordbook``: plain data,
written for this project by people who speak the language, which ``reader.py`` turns into
sentiment with its reasons, themes, journey stage, care signals and flags, as the English
engine gives them. Words are given lower-case, as the language writes them (with its
accents); a string of words is split on white space.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wordbook:
    """One language's words and the few switches its grammar needs."""

    code: str  # ISO 639-1: "de", "fr"
    name: str  # in English: "German"
    # Sentiment: valences on the English lexicon's scale, about -3.4 to +3.4, each a string
    # of words in their base form (the masculine singular of an adjective); inflected forms
    # are found by ``endings``.
    valences: dict[float, str]
    # (ending, replacement) pairs tried in order to find a word's base form: German
    # ("en", "") turns "guten" into "gut"; Spanish ("a", "o") "rápida" into "rápido"
    endings: tuple[tuple[str, str], ...]
    # several words read as one, by their lower-case words: {"vielen dank": 2.6}
    phrases: dict[str, float]
    negators: str  # each turns the first opinion word after it: "nicht", "ne", "pas", "no"
    boosters: dict[float, str]  # how much they scale the opinion word after them: {0.3: "sehr"}
    excess: str  # words making an adjective of measure an excess: "zu" ("zu spät"), "trop"
    measures: str  # adjectives of measure: "klein groß spät teuer"
    contrast: str  # what follows them is the verdict: "aber", "mais", "pero"
    concessive: str  # what follows them is conceded: "obwohl", "bien que" is two words: "bien"
    wishing: str  # a clause with one wishes or supposes, its praise is missing: "wäre", "serait"
    solved: str  # a problem with one of these was solved: "gelöst", "résolu", "resuelto"
    # Themes: the default taxonomy's themes by name, each with its seed words (comma
    # separated, a seed may be several words)
    seeds: dict[str, str]
    # Journey stage, care signals and flags: regular expressions over the lower-cased text,
    # as ``signals.py`` has them for English (stage words are matched as whole words)
    stage_words: dict[str, str]
    care_patterns: dict[str, str]
    flag_patterns: dict[str, dict[str, str]]
    praise: str  # a regular expression of words of praise or thanks
    clause_end: str  # a regular expression of what ends a clause: r"[,;:.!?()]|\bmais\b"
    negated: str  # a regular expression: the text before a flag ends in a negation
    supposed: str = ""  # a regular expression: a sentence that only supposes ("wenn …")
    # Language detection and discovery
    shared: str = ""  # words of the reader that English writes too: "service", "excellent"
    left_out: str = ""  # words of no topic besides function words: numbers, "very", "often"
    # Grammar switches
    # a negation with no opinion word after it turns the nearest one before it in its clause,
    # as German puts "nicht" last ("das gefällt uns nicht")
    negation_looks_back: bool = False
    # of its negators, those that only ever turn what follows them: Dutch "geen", "zonder"
    forward_only: str = ""
    # a negation in two parts around its verb: French "ne … pas", "n'… jamais", "ne … plus".
    # An opening word with a closing one after it in its clause is one negation, from the
    # opening word ("la facture ne correspond jamais"); alone, neither opens nor closes one
    # ("ne … que" is "only", "plus" is "more")
    negation_opens: str = ""
    negation_closes: str = ""
    unnegated: str = ""  # words that a negation after them does not turn: "leider"
    # words written with the next one by an apostrophe: French "l'", "n'", "qu'"
    elided: str = ""
    # look words up without their accents too, as customers often type them ("tres rapido")
    fold_accents: bool = False
    # compounds: seed words of five letters or more are found within words, and a word
    # ending in one of these opinion nouns takes its opinion ("Sicherheitsproblem")
    compounds: bool = False
    heads: str = ""
    negative_prefix: str = ""  # a word with it is its base word turned round: "un" ("unklar")
    # English seed words of the default themes that mean another thing in this language, so
    # are not matched in it: Spanish "sale" ("leaves")
    false_friends: str = ""
    neutral: str = ""  # forms that look like an opinion word and are none: "später"
    # German's and Dutch's two rules of place: a word that is an opinion only after one of
    # some words in its clause with no opinion between them, the particle of a separable
    # verb ({"still": ("steht stehen", -1.8)}: "steht … still"; "fällt ständig aus", not
    # "fiel gut aus"), and the word that makes a solved word a part coming loose ("sich":
    # "hat sich gelöst")
    after: dict[str, tuple[str, float]] = field(default_factory=dict)
    loosened_by: str = ""
