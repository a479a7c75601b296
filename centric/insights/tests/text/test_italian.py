"""Italian comments, read by Italian words and rules: sentiment, themes, journey stage, care
signals, flags, praise and the language itself."""

import pytest

from centric.insights.tests.text.reading import label, themes
from centric.insights.text import analyze


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La consegna è arrivata in anticipo e il pacco era imballato benissimo.", "positive"),
        ("Prodotto eccellente, lo consiglio a tutti.", "positive"),
        ("Il personale è sempre gentilissimo e molto professionale.", "positive"),
        ("Ottimo rapporto qualità-prezzo.", "positive"),
        ("Tutto perfetto, grazie mille!", "positive"),
        ("Il pacco è arrivato danneggiato e mancava un pezzo.", "negative"),
        ("L'assistenza clienti è stata scortese e incompetente.", "negative"),
        ("Abbiamo aspettato quattro giorni una risposta dal supporto.", "negative"),
        ("Prodotto scadente, si è rotto dopo una settimana.", "negative"),
        ("Fattura sbagliata per la terza volta.", "negative"),
        ("Una vera truffa, non comprate da questo sito.", "negative"),
        ("Ho una domanda sulla fattura di marzo.", "neutral"),
        ("Vorremmo ricevere il listino prezzi per il prossimo anno.", "neutral"),
        # "non" turns the word after it; Italian doubles its negations ("non … mai")
        ("Non siamo soddisfatti del servizio.", "negative"),
        ("Il prodotto non mi è piaciuto per niente.", "negative"),
        ("Nessuno ci ha avvisato del ritardo.", "negative"),
        ("Non lo consiglio.", "negative"),
        ("Non è niente male.", "positive"),
        ("Non ho mai avuto problemi con le vostre consegne.", "positive"),
        ("Mai avuto un problema in dieci anni.", "positive"),
        ("Nessun problema, è stato tutto risolto in pochi minuti.", "positive"),
        ("Non è stato per niente facile contattare l'assistenza.", "negative"),
        # what has not (yet, ever) come, and what does not work
        ("Il rimborso non è ancora arrivato.", "negative"),
        ("Da settimane non ho ancora ricevuto la fattura.", "negative"),
        ("L'app non funziona dopo l'ultimo aggiornamento.", "negative"),
        ("L'assistenza non risponde mai al telefono.", "negative"),
        # what follows "ma", "però" is the verdict; "nonostante" concedes
        ("La consegna è stata lenta, ma l'assistenza è stata eccellente.", "positive"),
        ("Il prodotto è bello, però è arrivato con due settimane di ritardo.", "negative"),
        ("Il tecnico è stato gentile, ma il problema non è stato risolto.", "negative"),
        ("Consegna puntuale, ma il prodotto non corrisponde alla descrizione.", "negative"),
        ("Non male, ma il prezzo è troppo alto.", "negative"),
        ("Nonostante qualche ritardo, siamo molto soddisfatti.", "positive"),
        ("Nonostante tutto, resto un cliente soddisfatto.", "positive"),
        # "troppo" before a word of measure is an excess; "troppo gentili" is not
        ("I prezzi sono troppo alti.", "negative"),
        ("I tempi di consegna sono troppo lunghi.", "negative"),
        ("Il servizio è buono ma troppo caro.", "negative"),
        ("Sono stati tutti troppo gentili.", "positive"),
        # a wish says what is missing; "consiglierei" is praise, no wish
        ("Sarebbe bello poter scaricare le fatture dal portale.", "negative"),
        ("Il servizio potrebbe essere più veloce.", "negative"),
        ("Lo consiglierei a tutti i nostri colleghi.", "positive"),
        # a problem solved is praise
        ("L'assistenza ha risolto subito il nostro problema.", "positive"),
        ("Il guasto è stato riparato in giornata.", "positive"),
        ("Ci hanno rimborsato in pochi giorni, bravissimi.", "positive"),
        # boosters and downtoners; "poco" denies the word after it
        ("Personale davvero molto disponibile.", "positive"),
        ("Spedizione un po' lenta.", "negative"),
        ("L'interfaccia è poco intuitiva.", "negative"),
        ("Il sito è macchinoso e poco chiaro.", "negative"),
        ("Prodotto poco costoso e molto utile.", "positive"),
        ("Gentilissimi e disponibilissimi, grazie di cuore!", "positive"),
        ("Velocissimi nella consegna, prezzi onesti.", "positive"),
        # accents left out or written as an apostrophe, as customers type them
        ("Consegna rapidissima, pero' il prodotto e' difettoso.", "negative"),
        ("Qualita ottima e prezzo conveniente, la professionalita e' di casa.", "positive"),
        ("Il tecnico e' arrivato troppo tardi.", "negative"),
        # praise and complaint of equal weight
        ("Ottimo prodotto. Pessima assistenza.", "mixed"),
    ],
)
def test_italian_sentiment(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("La consegna è arrivata con una settimana di ritardo.", "delivery"),
        ("Il servizio clienti non ha mai risposto alle nostre email.", "support"),
        ("Il servizio clienti non ha mai risposto alle nostre email.", "communication"),
        ("Il personale dell'assistenza è stato molto gentile.", "support"),
        ("La fattura di marzo contiene un addebito sbagliato.", "billing"),
        ("Il rimborso non è ancora arrivato.", "refunds"),
        ("I prezzi sono aumentati troppo quest'anno.", "price"),
        ("Ottimo rapporto qualità-prezzo.", "price"),
        ("Ho fatto il reso due settimane fa e nessuno è passato a ritirarlo.", "returns"),
        ("Il tecnico è stato gentilissimo e molto competente.", "staff"),
        ("Il materiale è di scarsa qualità e si è rotto subito.", "product quality"),
        ("La taglia è troppo piccola, veste stretto.", "fit and size"),
        ("Il colore è diverso da quello in foto.", "design"),
        ("Il sito è poco intuitivo e la navigazione è lenta.", "usability"),
        ("La registrazione sul portale è stata semplice.", "onboarding"),
        ("Nessuno ci ha informato del cambio di orario.", "communication"),
        ("Il nostro referente commerciale viene a trovarci ogni mese.", "relationship"),
        ("Il gestionale si blocca ogni mattina.", "reliability"),
        ("Il prodotto è esaurito da settimane.", "availability"),
    ],
)
def test_italian_themes_come_from_italian_seed_words(text: str, theme: str) -> None:
    assert theme in themes(text)


def test_each_italian_theme_takes_the_opinion_of_its_own_clause() -> None:
    reading = analyze("Consegna velocissima, però la fattura era sbagliata.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Stiamo confrontando diversi preventivi per il nuovo impianto.", "shop"),
        ("Ho ordinato online e pagato con carta.", "purchase"),
        ("Il pacco è arrivato in tempo.", "delivery"),
        ("Lo usiamo ogni giorno in ufficio.", "use"),
        ("La caldaia è ancora in garanzia e aspettiamo la riparazione.", "maintain"),
        ("Ho dovuto restituire la merce e attendo il rimborso.", "replace"),
        ("Vorrei disdire il contratto.", "dispose"),
    ],
)
def test_italian_journey_stage(text: str, stage: str) -> None:
    assert analyze(text).journey_stage == stage


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        (
            "Temiamo che i nuovi prezzi superino il nostro budget.",
            [
                ("fear", "Temiamo che i nuovi prezzi superino il nostro budget"),
                ("constraint", "Temiamo che i nuovi prezzi superino il nostro budget"),
            ],
        ),
        (
            "Speriamo di poter usare i vostri prodotti anche nel secondo stabilimento.",
            [("hope", "Speriamo di poter usare i vostri prodotti anche nel secondo stabilimento")],
        ),
        (
            "Sarebbe utile poter scaricare le fatture dal portale.",
            [("wish", "Sarebbe utile poter scaricare le fatture dal portale")],
        ),
        (
            "Abbiamo bisogno di un tecnico entro venerdì.",
            [
                ("desire", "Abbiamo bisogno di un tecnico entro venerdì"),
                ("constraint", "Abbiamo bisogno di un tecnico entro venerdì"),
            ],
        ),
        (
            "Se la linea si ferma, rischiamo di perdere un cliente importante.",
            [
                ("risk", "Se la linea si ferma"),
                ("risk", "rischiamo di perdere un cliente importante"),
            ],
        ),
        # thanks are no desire
        ("Vorrei ringraziare Giulia per la pazienza.", []),
    ],
)
def test_italian_care_signals(text: str, signals: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.phrase) for s in analyze(text).care_signals] == signals


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Vi faremo causa tramite il nostro avvocato.", [("urgent", "legal")]),
        ("Ci avete addebitato l'abbonamento due volte.", [("urgent", "money lost")]),
        ("La linea di produzione è ferma da ieri.", [("urgent", "outage")]),
        ("È urgente: il sistema è bloccato.", [("urgent", "urgency"), ("urgent", "outage")]),
        ("La stufa ha preso fuoco dopo due giorni.", [("urgent", "safety")]),
        (
            "Avete venduto i miei dati personali senza il nostro consenso: è una vergogna.",
            [("urgent", "privacy")],
        ),
        ("Disdiremo il contratto a fine mese.", [("churn_risk", "cancel")]),
        ("Se non migliorate, non rinnoveremo il contratto.", [("churn_risk", "not renew")]),
        (
            "Se non migliorate il servizio, stiamo valutando di passare alla concorrenza.",
            [("churn_risk", "switch")],
        ),
        ("Non compreremo mai più da voi.", [("churn_risk", "leave")]),
        # denied, not said: no flag
        ("Non disdiremmo mai il contratto: siamo clienti soddisfatti.", []),
        ("Non è urgente, ma vorremmo una risposta.", []),
        ("Da quando usiamo il nuovo gestionale, mai più problemi.", []),
    ],
)
def test_italian_flags(text: str, flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.reason) for f in analyze(text).flags] == flags


def test_an_outage_an_italian_sentence_only_supposes_is_a_risk() -> None:
    reading = analyze("Se il pezzo non arriva entro lunedì, la produzione si ferma.")
    assert not reading.urgent
    assert "risk" in [s.kind for s in reading.care_signals]
    assert analyze("La produzione si è fermata per un guasto alla macchina.").urgent


def test_italian_praise() -> None:
    assert analyze("Grazie a Giulia per la pazienza e la professionalità.").praise
    assert analyze("Marco è stato gentilissimo e ci ha aiutato a risolvere tutto.").praise
    assert not analyze("Ho una domanda sulla fattura.").praise
    assert not analyze("Il corriere è stato maleducato e ha lasciato il pacco fuori.").praise


@pytest.mark.parametrize(
    "text",
    [
        "Ottimo servizio, grazie!",
        "Tutto perfetto",
        "Servizio pessimo",
        "Qualita ottima, prezzi onesti.",
        "Abbiamo ordinato due macchine a settembre e sono arrivate con un mese di ritardo; il "
        "vostro servizio clienti non ha mai risposto alle nostre email.",
        "Il tecnico è stato gentile, ma il problema non è stato risolto e la fattura era "
        "sbagliata. Non rinnoveremo il contratto.",
    ],
)
def test_italian_is_told_from_short_and_long_comments(text: str) -> None:
    assert analyze(text).language == "it"


def test_english_with_a_word_italian_writes_too_stays_english() -> None:
    assert analyze("Super service, the staff were great!").language == "en"
    assert analyze("The delivery was late but the support team was top.").language == "en"
