"""Reading German comments: sentiment with its sentences, clauses and reasons, and themes.

German is read by its own small lexicon and rules, written for this project, not by the
English ones: German "die" is an article, "gift" a poison and "Problem gelöst" a solved
problem. The rules are those of the English engine where German works the same way, and
German's own where it does not:

- a negation ("nicht", "kein", "nie", "niemand", "ohne") turns the opinion word after it,
  or, as German puts "nicht" late in the clause, the nearest one before it in its clause:
  "nicht zufrieden", "das gefällt uns leider nicht", "die Rechnung passt nie";
- a clause that wishes or supposes ("es wäre schön, wenn …", "könnte besser sein") says
  what is missing, so its praise counts against, as the English engine reads "it would be
  great if";
- boosters and downtoners scale the word they come before ("sehr schnell", "etwas langsam"),
  and "zu" before an adjective of measure makes it an excess ("zu spät", "zu teuer");
- compounds take the opinion of their last part ("Sicherheitsproblem" is a problem), "un-"
  turns a word round ("unzuverlässig"), and a problem that was solved ("unser Problem sofort
  gelöst") is no complaint, while a part that came loose ("hat sich gelöst") is;
- "aber", "jedoch", "sondern" make what follows the verdict, "obwohl" and "zwar" concede.

Themes are found by ``GermanThemeMatcher``: the default themes' German seed words
(``GERMAN_SEEDS``) and every seed word an organisation gave, those of five letters or more
also at the start of a word and at the end of a compound ("Rechnung" in "Rechnungsfehler",
"Service" in "Kundenservice").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from centric.insights.text.lexicon import valence as english_valence
from centric.insights.text.lexicon import words
from centric.insights.text.segment import TOKEN, Span, lower_keeping_offsets, split_sentences
from centric.insights.text.sentiment import SentimentAnalyzer, normalize
from centric.insights.text.taxonomy import DEFAULT_TAXONOMY, Taxonomy
from centric.insights.text.themes import SEED_WEIGHT, ThemeMatcher, record_evidence
from centric.insights.text.types import Clause, Contribution, DocumentSentiment, SentenceSentiment

# Valences on the English lexicon's scale, about -3.4 to +3.4, each word in its base form;
# inflected adjectives ("gute", "schnellere") are found by their endings.
_GROUPS: dict[float, str] = {
    3.4: """hervorragend ausgezeichnet perfekt fantastisch phantastisch großartig grossartig
        genial exzellent erstklassig herausragend sensationell überragend traumhaft
        begeistert spitze""",
    3.0: """super toll wunderbar wunderschön klasse prima best beste besten bestens top
        empfehlenswert vorbildlich""",
    2.6: """schön empfehlen empfehle empfehlung empfohlen weiterempfehlen weiterempfohlen
        glücklich freuen erfreut lobenswert reibungslos kulant einwandfrei tadellos""",
    2.2: """freundlich hilfsbereit hilfreich zuverlässig kompetent professionell zufrieden
        dankbar höflich engagiert sorgfältig intuitiv benutzerfreundlich angenehm nett
        übersichtlich gelungen""",
    1.8: """gut besser pünktlich schnell fair günstig preiswert problemlos geholfen gelöst
        behoben danke unkompliziert verlässlich bequem praktisch sauber stabil robust
        solide geduldig flexibel zügig rasch""",
    1.2: """gerne gern einfach klar korrekt stimmt stimmen verbessert bessert gefällt gefallen
        informiert erklärt funktioniert funktionieren brauchbar ordentlich vollständig
        zurückgemeldet zurückgerufen geantwortet beantwortet""",
    0.8: """bescheid passt passen ok okay""",
    -0.8: """gestiegen erhöht leider""",
    -1.2: """problem probleme spät fehler gewartet warten warte wartet wartete warteten
        wartezeit reklamation verspätet unklar ewig verlieren verloren""",
    -1.5: """teuer langsam kompliziert verwirrend belastet verzögert verzögerung beschwerde
        mühsam lästig störung störungen mangel kündigen kündigung stürzt nachhaken""",
    -1.8: """falsch ausgefallen ausfall umständlich unübersichtlich verspätung ärger nervig
        überfordert mängel abgestürzt schaden schäden stillstand""",
    -2.2: """schlecht schlechter schlechteste defekt kaputt beschädigt fehlerhaft
        unfreundlich unhöflich unzuverlässig überteuert ärgerlich unbrauchbar""",
    -2.6: """enttäuscht enttäuschend enttäuschung unzufrieden mangelhaft ungenügend
        verärgert inkompetent schlimm chaos chaotisch unmöglich""",
    -3.0: """schrecklich wütend inakzeptabel unzumutbar betrug""",
    -3.4: """katastrophal katastrophe unverschämt unverschämtheit furchtbar entsetzlich
        grauenhaft miserabel skandal skandalös frechheit""",
}
LEXICON: dict[str, float] = {
    word: value for value, block in _GROUPS.items() for word in words(block)
}
# forms that look like an opinion word and are none: "später" is "later", not "more late"
LEXICON.update(dict.fromkeys(words("später spätestens"), 0.0))
# Phrases read as one, by their lower-case words
PHRASES: dict[tuple[str, ...], float] = {
    ("auf", "dem", "laufenden"): 1.8,
    ("vielen", "dank"): 2.6,
    ("für", "uns", "eingesetzt"): 2.2,
    ("ohne", "erklärung"): -1.5,
    ("immer", "noch", "keine"): -1.5,
    ("immer", "noch", "kein"): -1.5,
    ("immer", "noch", "nicht"): -1.2,
    ("noch", "keine"): -1.2,
    ("früher", "geliefert"): 1.5,
    ("funktioniert", "nicht"): -1.8,
    ("funktionieren", "nicht"): -1.8,
    ("keine", "antwort"): -1.5,
    ("keine", "rückmeldung"): -1.5,
    ("nicht", "angekommen"): -1.8,
    ("nicht", "geliefert"): -1.8,
    ("nicht", "erreichbar"): -1.5,
    ("in", "ordnung"): 1.2,
    ("nie", "bestellt"): -1.5,
    ("nicht", "bestellt"): -1.5,
    ("ohne", "probleme"): 1.8,
}
_PHRASE_STARTS = frozenset(phrase[0] for phrase in PHRASES)
NEGATORS = frozenset(
    words("nicht nichts kein keine keinen keinem keiner keines nie niemals niemand weder ohne")
)
BOOSTERS: dict[str, float] = {
    **dict.fromkeys(words("sehr total wirklich absolut besonders völlig komplett ständig"), 0.3),
    **dict.fromkeys(words("extrem äußerst ausgesprochen unglaublich super"), 0.4),
    **dict.fromkeys(words("echt richtig ziemlich so"), 0.2),
    **dict.fromkeys(words("etwas bisschen leicht eher"), -0.3),
}
# "zu" before one of these is an excess: "zu spät", "zu teuer", "zu klein"
EXCESS = frozenset(
    words(
        """klein groß gross lang kurz eng weit spät teuer langsam hoch niedrig wenig viel schwer
        kompliziert laut dünn dick kalt warm heiß früh knapp"""
    )
)
EXCESS_VALUE = -1.2
# What follows these is the verdict; what follows those is conceded
CONTRAST = frozenset(words("aber jedoch sondern allerdings trotzdem dennoch"))
CONCESSIVE = frozenset(words("obwohl obgleich zwar"))
_CLAUSE_BREAKS = frozenset(",;:()-–—")
# a problem solved is no complaint: "der Support hat unser Problem sofort gelöst"
SOLVED = frozenset(words("gelöst behoben beseitigt erledigt repariert"))
# "steht … still": a line, a plant or a system has stopped
STANDING = frozenset(words("steht stehen stand standen"))
STANDSTILL = -1.8
# compounds take the opinion of their last part, where it is one of these nouns:
# "Sicherheitsproblem", "Lieferverzögerung" (not any word: "Mehrwertsteuer" ends in "teuer",
# "erwarten" in "warten", "ankündigen" in "kündigen")
_HEADS = tuple(
    words(
        """problem probleme fehler störung störungen ausfall mangel mängel ärger chaos
        katastrophe verzögerung verspätung schaden schäden beschwerde reklamation stillstand
        wartezeit frechheit betrug enttäuschung unverschämtheit"""
    )
)
_ENDINGS = ("sten", "ste", "em", "en", "er", "es", "e")
NEGATION_SCALAR = -0.75  # a positive word negated: "nicht gut" is bad, if less than "schlecht"
DENIAL_SCALAR = -0.5  # a negative word negated: "nicht schlecht" is mildly good
# words after the negation it turns; before it, anywhere in its clause, as German puts
# "nicht" last: "die Rechnung passt nie", "der Login funktioniert seitdem nicht mehr"
NEGATION_REACH = 4

# a clause that supposes or wishes: its praise is what is missing ("es wäre schön, wenn …",
# "der Service könnte besser sein"), as the English engine reads "it would be great if"
WISHING = frozenset(words("wäre wären könnte könnten hätte hätten sollte sollten"))
WISHED = -0.5
# words a negation after them does not turn: "gefällt uns leider nicht" turns "gefällt"
UNNEGATED = frozenset(words("leider"))


@lru_cache(maxsize=65536)
def valence(word: str) -> float:
    """The valence of a lower-case German word: itself, an inflected form, a compound by its
    last part, or an "un-" word turned round; 0 for none."""
    if word in LEXICON:
        return LEXICON[word]
    for ending in ("", *_ENDINGS):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: len(word) - len(ending)]
            if base in LEXICON:
                return LEXICON[base]
            if base.endswith("er") and base[:-2] in LEXICON:  # a comparative: "schnellere"
                return LEXICON[base[:-2]]
    if word.startswith("un") and len(word) > 5 and (value := valence(word[2:])):
        return -0.8 * value
    for head in _HEADS:
        for form in (head, head + "en", head + "n", head + "s"):  # and its plural
            if word.endswith(form) and len(word) > len(form) + 2:
                return LEXICON[head]
    return 0.0


class GermanSentiment:
    """Zero-shot sentiment of German comments, with the same results as the English engine's
    ``SentimentAnalyzer`` (sentences, clauses, the phrases that drove each score)."""

    def __init__(self, rules: SentimentAnalyzer | None = None) -> None:
        """``rules``: the English reader whose weights of contrast and concession, scale and
        labels the German one keeps, so both languages are read on the same terms."""
        self.rules = rules or SentimentAnalyzer()

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

    def _sentence(self, lowered: str, span: Span) -> SentenceSentiment:
        offsets = [m.span() for m in TOKEN.finditer(lowered, span.start, span.end)]
        tokens = [lowered[a:b] for a, b in offsets]
        clauses: list[Clause] = []
        contributions: list[Contribution] = []
        for start, end, weight in self._clauses(tokens):
            positive = negative = 0.0
            for first, last, value in _score_clause(tokens, start, end):
                value *= weight
                positive += max(value, 0.0)
                negative += max(-value, 0.0)
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

    def _clauses(self, tokens: list[str]) -> list[tuple[int, int, float]]:
        """Token ranges of the sentence's clauses, each with its weight: the last clause
        after a contrast is the verdict, a conceded one counts less."""
        units: list[tuple[int, int]] = []
        start = 0
        for index, token in enumerate(tokens):
            if token in _CLAUSE_BREAKS or token in CONTRAST or token in CONCESSIVE:
                if index > start:
                    units.append((start, index))
                start = index + 1 if token in _CLAUSE_BREAKS else index
        if start < len(tokens):
            units.append((start, len(tokens)))
        weights = [1.0] * len(units)
        turns = [i for i, (s, _) in enumerate(units) if i > 0 and tokens[s] in CONTRAST]
        if turns:
            for i in range(len(units)):
                weights[i] *= (
                    self.rules.concession_weight if i < turns[-1] else self.rules.contrast_weight
                )
        for i, (s, _) in enumerate(units):
            if tokens[s] in CONCESSIVE:
                weights[i] *= self.rules.concession_weight
        return [(s, e, w) for (s, e), w in zip(units, weights, strict=True)]


def _score_clause(tokens: list[str], start: int, end: int) -> list[tuple[int, int, float]]:
    """The opinions of one clause as (first token, end token, value), after boosters,
    excess and negation."""
    hits: list[tuple[int, int, float]] = []
    negators: list[int] = []
    boost, boosted_at = 0.0, -1
    solved = not SOLVED.isdisjoint(tokens[start:end])
    wishing = not WISHING.isdisjoint(tokens[start:end])
    i = start
    while i < end:
        word = tokens[i]
        phrase = _phrase(tokens, i, end) if word in _PHRASE_STARTS else None
        if phrase is not None:
            size, value = phrase
            hits.append((i, i + size, value))
            i += size
            continue
        if word in NEGATORS:
            negators.append(i)
        elif word == "zu" and i + 1 < end and _measure(tokens[i + 1]):
            value = valence(tokens[i + 1])
            hits.append((i, i + 2, value * 1.3 if value < 0 else EXCESS_VALUE))
            i += 2
            continue
        elif word in BOOSTERS and i + 1 < end and valence(tokens[i + 1]):
            boost, boosted_at = BOOSTERS[word], i
        elif word == "still" and not STANDING.isdisjoint(tokens[start:i]):
            hits.append((i, i + 1, STANDSTILL))
        elif value := valence(word):
            if word in SOLVED and "sich" in tokens[start:i]:
                value = -1.2  # "eine Abdeckung hat sich gelöst": it came loose
            elif value < 0 and solved and word not in SOLVED:
                i += 1  # the problem that was solved
                continue
            if boosted_at == i - 1:
                value *= 1 + boost
            if wishing and value > 0:
                value *= WISHED
            hits.append((i, i + 1, value))
        i += 1
    return _negated(hits, negators, tokens)


def _measure(word: str) -> bool:
    """Whether ``word`` is an adjective of measure, in any of its forms ("lange", "späten")."""
    return word in EXCESS or any(
        word.endswith(ending) and word[: len(word) - len(ending)] in EXCESS for ending in _ENDINGS
    )


def _phrase(tokens: list[str], i: int, end: int) -> tuple[int, float] | None:
    for size in (3, 2):
        value = PHRASES.get(tuple(tokens[i : i + size])) if i + size <= end else None
        if value is not None:
            return size, value
    return None


def _negated(
    hits: list[tuple[int, int, float]], negators: Sequence[int], tokens: Sequence[str]
) -> list[tuple[int, int, float]]:
    """Each negation turns the first opinion after it within reach, or else the nearest one
    before it in its clause ("passt nie", "gefällt uns nicht"); a phrase that says its negation
    itself is left alone."""
    turned = set()
    for at in negators:
        after = [n for n, (first, _, _) in enumerate(hits) if 0 < first - at <= NEGATION_REACH]
        before = [
            n
            for n, (first, last, _) in reversed(list(enumerate(hits)))
            if last <= at and tokens[first] not in UNNEGATED
        ]
        chosen = next((n for n in after + before if n not in turned), None)
        if chosen is not None:
            turned.add(chosen)
    result = []
    for n, (first, last, value) in enumerate(hits):
        if n in turned:
            value *= NEGATION_SCALAR if value > 0 else DENIAL_SCALAR
        result.append((first, last, value))
    return result


# The default themes' German seed words, by the theme's name; an organisation's own seed words
# are read beside them (a German word given as a seed finds its compounds too).
GERMAN_SEEDS: dict[str, tuple[str, ...]] = {
    name: tuple(seed.strip() for seed in seeds.split(","))
    for name, seeds in {
        "billing": "rechnung, abrechnung, zahlung, bezahlung, lastschrift, gebühr, belastet, "
        "abgebucht, berechnet, mahnung, kreditkarte, quittung",
        "refunds": "erstattung, rückerstattung, erstattet, gutschrift, geld zurück",
        "price": "preis, preise, teuer, günstig, billig, kosten, preiswert, rabatt, überteuert",
        "delivery": "lieferung, liefern, geliefert, lieferzeit, liefertermin, lieferdatum, "
        "versand, verschickt, verpackung, verpackt, paket, zustellung, spedition, sendung, "
        "angekommen, beschädigt, fahrer, verspätet, verspätung, lieferverzögerung",
        "returns": "rücksendung, zurückschicken, zurückgeschickt, umtausch, umtauschen, "
        "retoure, rückgabe",
        "support": "support, service, kundenservice, kundendienst, hotline, ticket, helpdesk, "
        "anfrage, antwort, hilfe",
        "staff": "mitarbeiter, mitarbeiterin, personal, team, freundlich, unfreundlich, "
        "höflich, unhöflich, kompetent, techniker",
        "product quality": "qualität, verarbeitung, material, defekt, kaputt, mangelhaft, "
        "fehlerhaft, ausgefallen, haltbar, verschleiß, pumpe, pumpen",
        "fit and size": "größe, passform",
        "design": "design, farbe, aussehen, optik",
        "usability": "bedienung, benutzerfreundlich, bedienbar, umständlich, kompliziert, "
        "übersichtlich, unübersichtlich, intuitiv, webseite, oberfläche",
        "onboarding": "einrichtung, einarbeitung, schulung, inbetriebnahme, registrierung, "
        "installation",
        "communication": "informiert, information, informationen, bescheid, rückmeldung, "
        "kommunikation, benachrichtigung, auf dem laufenden, erklärung, erklärt",
        "relationship": "ansprechpartner, kundenbetreuer, betreuung, außendienst, partnerschaft, "
        "zusammenarbeit, besuch, besuchen, pläne, feedback, melden sie sich",
        "reliability": "ausfall, absturz, abgestürzt, stürzt, systemfehler, störung, "
        "fehlermeldung, langsam, "
        "funktioniert nicht, meldet uns ab, offline",
        "availability": "lieferbar, verfügbar, verfügbarkeit, ausverkauft, vorrätig, "
        "lagerbestand, öffnungszeiten",
    }.items()
}
# A seed word of five letters or more is found within compounds too, unless it is one of the
# default themes' English words, which are matched whole: "staff" is in "Staffelpreise".
COMPOUND_MIN = 5
_ENGLISH_SEEDS = frozenset(
    seed.lower() for theme in DEFAULT_TAXONOMY.themes for seed in theme.seed_words
)


class GermanThemeMatcher(ThemeMatcher):
    """Finds an organisation's themes in German comments: each theme's German seed words
    (the default themes') and the seed words the organisation gave, as whole words and, for
    a seed of five letters or more (not an English word of the default themes), at the start
    of a word ("Rechnung" in "Rechnungen") or at the end of a compound ("Kundenservice")."""

    def __init__(self, taxonomy: Taxonomy, *, threshold: float = 0.5, alpha: float = 15.0):
        super().__init__(Taxonomy(()), threshold=threshold, alpha=alpha, use_concepts=False)
        self.taxonomy = taxonomy
        self._german_index: dict[tuple[str, ...], dict[int, float]] = {}
        self._prefixes: dict[str, dict[int, float]] = {}
        self._suffixes: dict[str, dict[int, float]] = {}
        for position, theme in enumerate(taxonomy.themes):
            german = GERMAN_SEEDS.get(theme.name, ())
            for seed in (*german, *theme.seed_words):
                key = tuple(seed.lower().split())
                if not key:
                    continue
                self._german_index.setdefault(key, {})[position] = SEED_WEIGHT
                if len(key) == 1 and len(key[0]) >= COMPOUND_MIN and key[0] not in _ENGLISH_SEEDS:
                    self._prefixes.setdefault(key[0], {})[position] = SEED_WEIGHT
                    self._suffixes.setdefault(key[0], {})[position] = SEED_WEIGHT
        self._longest = max((len(k) for k in self._german_index), default=1)

    def evidence(
        self, words: Sequence[str], surfaces: dict[tuple[str, ...], str] | None = None
    ) -> dict[int, dict[tuple[str, ...], float]]:
        found: dict[int, dict[tuple[str, ...], float]] = {}
        for i, word in enumerate(words):
            for size in range(1, min(self._longest, len(words) - i) + 1):
                key = tuple(words[i : i + size])
                hits = self._german_index.get(key)
                if hits:
                    record_evidence(found, surfaces, key, hits, words[i : i + size])
            if (word,) in self._german_index:
                continue
            for seed, hits in self._compound_hits(word):
                record_evidence(found, surfaces, (seed,), hits, [word])
        return found

    def _compound_hits(self, word: str) -> list[tuple[str, dict[int, float]]]:
        """The German seeds that ``word`` begins or ends with."""
        found = [(seed, hits) for seed, hits in self._prefixes.items() if word.startswith(seed)]
        found += [
            (seed, hits)
            for seed, hits in self._suffixes.items()
            # the end of a compound, not the word turned round: "unkompliziert" is no
            # "kompliziert"
            if word.endswith(seed) and not word.startswith(seed) and word != f"un{seed}"
        ]
        return found


# Journey stage, care signals and flags in German, matched like the English ones in
# ``signals.py`` (lower-cased text, from the start of a word).
STAGE_WORDS: dict[str, str] = {
    "shop": r"angebot\w*|anfrage\w*|vergleich\w*|katalog\w*|auswahl|webseite|website|beratung",
    "purchase": r"bestell\w*|kauf\w*|gekauft|bezahl\w*|zahlung\w*|vertrag\w*|warenkorb",
    "delivery": r"liefer(?!bar)\w*|geliefert|versand\w*|verschickt|paket\w*|zustell\w*|"
    r"angekommen|kamen? (?:\w+ )?an|spedition|installation\w*",
    "use": r"nutz\w*|benutz\w*|verwend\w*|im betrieb|im einsatz|einzusetzen|funktion\w*|"
    r"täglich",
    "maintain": r"wartung\w*|reparat\w*|repariert|garantie\w*|störung\w*|defekt\w*|kaputt|"
    r"ausgefallen|support",
    "replace": r"ersatz\w*|austausch\w*|ersetz\w*|umtausch\w*|rücksend\w*|zurückgeschickt|"
    r"erstattung\w*|nachbestell\w*",
    "dispose": r"entsorg\w*|recycl\w*|kündig\w*",
}
CARE_PATTERNS: dict[str, str] = {
    "risk": r"\brisiko\w*|\brisiken\b|\bgefährde\w*|\bgefahr\b|\bstillstand\w*|"
    r"\bsteh(?:t|en) (?:\w+ ){0,2}still\b|\bkönnten? (?:\w+ ){0,3}verlieren\b",
    "fear": r"\bbefürcht\w*|\bsorgen? (?:uns|mich|dass)\b|\bsorge\b|\bangst\b|\bbesorgt\b|"
    r"\bbedenken\b",
    "desire": r"\b(?:wir|ich) (?:brauchen|brauche|möchten|möchte|wollen|will)\b|"
    r"\b(?:hätten|würden) (?:\w+ )?gern\w*",
    "wish": r"\bwünsch\w*|\bwäre (?:\w+ )?(?:schön|toll|gut|hilfreich|besser)\b|"
    r"\bwenn (?:sie|ihr) (?:doch|nur)\b",
    "constraint": r"\bbudget\w*|\bfrist\w*|\bdeadline\w*|\bvorschrift\w*|\bvorgabe\w*|"
    r"\bnicht leisten\b|\beingefroren\b|\bmüssen (?:\w+ )?warten\b",
    "hope": r"\bhoffe\w*|\bhoffentlich\b|\bfreuen uns auf\b",
    "opportunity": r"\bchance\w*|\bgelegenheit\w*|\bwürden (?:\w+ )?mehr (?:bestellen|kaufen)\b|"
    r"\bkönnten (?:\w+ )?(?:auch|zusätzlich)\b",
}
FLAG_PATTERNS: dict[str, dict[str, str]] = {
    "urgent": {
        "safety": r"\bsicherheits(?:problem|risiko|mangel|mängel|gefahr|bedenken|vorfall)\w*|"
        r"\bgefährlich\w*|\bverletz(?:t|ung|ungen)\b|\bunfall\w*|\bbrand\b|\bfeuer gefangen\b|"
        r"\bstromschlag\w*|\bexplodiert\w*|\bgiftig\w*|\blebensgefährlich\w*",
        "outage": r"\b(?:linie|linien|produktion|anlage|anlagen|band|werk|maschine|maschinen|"
        r"system|systeme|server|portal|betrieb) (?:\w+ ){0,2}(?:steht|stehen) (?:\w+ ){0,2}"
        r"still\b|\b(?:steht|stehen) (?:\w+ ){0,2}(?:linie|linien|produktion|anlage|anlagen|"
        r"band|werk|maschine|maschinen|betrieb) (?:\w+ ){0,2}still\b|\b(?:system|server|portal|webseite)(?: ist| sind)? (?:\w+ )?(?:ausgefallen|"
        r"offline|down|nicht erreichbar)\b",
        "urgency": r"\bdringend\w*|\bnotfall\w*",
        "legal": r"\bverklag\w*|\b(?:unser\w*|mein\w*|ein\w*) (?:rechts)?anwält?\w*|"
        r"\brechtliche schritte\b|\bvor gericht\b|\bverbraucherzentrale\b|\bdiskriminier\w*",
        "privacy": r"\bdatenschutz(?:verletzung|verstoß|problem|vorfall)\w*|"
        r"\bverstoß gegen (?:den )?datenschutz\b|\bdatenleck\w*|\bdsgvo\b|\bgehackt\b|"
        r"\b(?:meine|unsere) daten (?:wurden|sind) (?:\w+ )?(?:weitergegeben|verkauft|"
        r"veröffentlicht|gestohlen)\b",
        "money lost": r"\b(?:doppelt|zweimal) (?:\w+ )?(?:belastet|abgebucht|berechnet|"
        r"bezahlt)\b|\bbetrug\w*|\bbetrogen\b|\bgeld (?:\w+ )?nie (?:\w+ )?zurück\w*",
    },
    "churn_risk": {
        "cancel": r"\bkündig\w*|\bvertrag (?:\w+ )?(?:beenden|auflösen)\b",
        "leave": r"\bnie wieder\b|\bzum letzten mal\b|\bnicht mehr (?:bei (?:ihnen|euch) )?"
        r"(?:bestellen|kaufen)\b",
        "not renew": r"\b(?:nicht|nie) (?:mehr )?verlängern\b|\bverlängern (?:wir|ich) "
        r"(?:\w+ )?nicht\b|\bnicht verlängert\b",
        "switch": r"\banbieter (?:zu )?wechseln\b|\bwechseln (?:\w+ ){0,2}(?:zu|zur|zum) "
        r"(?:\w+ )?(?:anderen|konkurrenz|wettbewerb)\w*|\bkonkurrenz\b|\bwettbewerber\w*|"
        r"\balternativen\b|\banderen (?:anbieter|lieferanten)\b",
    },
}
PRAISE = (
    r"\bdank\w*|\blob\w*|\bhervorragend\w*|\bausgezeichnet\w*|\bsuper\b|\btoll\w*|\bklasse\b|"
    r"\bfreundlich\w*|\bhilfsbereit\w*|\bkompetent\w*|\bprofessionell\w*|\beingesetzt\b|"
    r"\bgroßartig\w*|\bspitze\b|\bvorbildlich\w*|\bengagiert\w*"
)
CLAUSE_END = r"[,;:.!?()]|\baber\b|\bjedoch\b|\bsondern\b|\bobwohl\b"
NEGATED = r"\b(?:nicht|nie|niemals|kein\w*)\s+(?:\w+\s+)?$"
# a sentence that supposes: what stops in it has not stopped ("wenn die Teile wieder zu spät
# kommen, steht unsere Linie still" is a risk, not an outage)
SUPPOSED = r"^\s*(?:wenn|falls|sollten?)\b"


# The words of the German reader that are no English words, minus a few that English uses
# too: with German's function words they tell a short German comment ("Schnelle Lieferung,
# gute Qualität, fairer Preis.") from an English one (``language.py``).
_SHARED = frozenset(
    words(
        """super top ok okay fair problem team service support design material offline feedback
        ticket hotline portal information chaos robust solide stabil flexibel app paket"""
    )
)
_SEED_WORDS = frozenset(
    word for seeds in GERMAN_SEEDS.values() for seed in seeds for word in seed.split()
)


@lru_cache(maxsize=65536)
def is_german_word(word: str) -> bool:
    """Whether the lower-case ``word`` is one the German reader knows and English does not."""
    if word in _SHARED or word in _ENGLISH_SEEDS or english_valence(word) is not None:
        return False
    return word in _SEED_WORDS or valence(word) != 0.0
