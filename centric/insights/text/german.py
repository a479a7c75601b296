"""German, read by its own words and rules (``reader.py``).

German "die" is an article, "gift" a poison and "Problem gelöst" a solved problem. What is
German's own:

- "nicht" goes late in its clause, so a negation with no opinion word after it turns the
  nearest one before it: "das gefällt uns leider nicht", "die Rechnung passt nie";
- "zu" before an adjective of measure makes it an excess ("zu spät", "zu teuer");
- compounds take the opinion of their last part ("Sicherheitsproblem" is a problem), "un-"
  turns a word round ("unzuverlässig"), and seed words are found within compounds
  ("Rechnung" in "Rechnungsfehler", "Service" in "Kundenservice");
- a problem that was solved ("unser Problem sofort gelöst") is no complaint, while a part
  that came loose ("hat sich gelöst") is; "steht … still" is a standstill;
- "aber", "jedoch", "sondern" make what follows the verdict, "obwohl" and "zwar" concede.
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

GERMAN = Wordbook(
    code="de",
    name="German",
    valences={
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
    },
    # inflected adjectives ("gute", "schnellere") by their endings, comparatives too
    endings=tuple(
        (ending, "")
        for ending in (
            *("sten", "ste", "em", "en", "er", "es", "e"),
            *("ersten", "erste", "erem", "eren", "erer", "eres", "ere"),
        )
    ),
    phrases={
        "auf dem laufenden": 1.8,
        "vielen dank": 2.6,
        "für uns eingesetzt": 2.2,
        "ohne erklärung": -1.5,
        "immer noch keine": -1.5,
        "immer noch kein": -1.5,
        "immer noch nicht": -1.2,
        "noch keine": -1.2,
        "früher geliefert": 1.5,
        "funktioniert nicht": -1.8,
        "funktionieren nicht": -1.8,
        "keine antwort": -1.5,
        "keine rückmeldung": -1.5,
        "nicht angekommen": -1.8,
        "nicht geliefert": -1.8,
        "nicht erreichbar": -1.5,
        "in ordnung": 1.2,
        "nie bestellt": -1.5,
        "nicht bestellt": -1.5,
        "ohne probleme": 1.8,
    },
    negators="nicht nichts kein keine keinen keinem keiner keines nie niemals niemand weder ohne",
    boosters={
        0.3: "sehr total wirklich absolut besonders völlig komplett ständig",
        0.4: "extrem äußerst ausgesprochen unglaublich super",
        0.2: "echt richtig ziemlich so",
        -0.3: "etwas bisschen leicht eher",
    },
    excess="zu",
    measures="""klein groß gross lang kurz eng weit spät teuer langsam hoch niedrig wenig viel
        schwer kompliziert laut dünn dick kalt warm heiß früh knapp""",
    contrast="aber jedoch sondern allerdings trotzdem dennoch",
    concessive="obwohl obgleich zwar",
    wishing="wäre wären könnte könnten hätte hätten sollte sollten",
    solved="gelöst behoben beseitigt erledigt repariert",
    seeds={
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
        "kommunikation, benachrichtigung, auf dem laufenden, erklärung, erklärt, e-mail, mail, "
        "mails",
        "relationship": "ansprechpartner, kundenbetreuer, betreuung, außendienst, partnerschaft, "
        "zusammenarbeit, besuch, besuchen, pläne, feedback, melden sie sich",
        "reliability": "ausfall, absturz, abgestürzt, stürzt, systemfehler, störung, "
        "fehlermeldung, langsam, "
        "funktioniert nicht, meldet uns ab, offline",
        "availability": "lieferbar, verfügbar, verfügbarkeit, ausverkauft, vorrätig, "
        "lagerbestand, auf lager, öffnungszeiten",
    },
    stage_words={
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
    },
    care_patterns={
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
    },
    flag_patterns={
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
    },
    praise=(
        r"\bdank\w*|\blob\w*|\bhervorragend\w*|\bausgezeichnet\w*|\bsuper\b|\btoll\w*|\bklasse\b|"
        r"\bfreundlich\w*|\bhilfsbereit\w*|\bkompetent\w*|\bprofessionell\w*|\beingesetzt\b|"
        r"\bgroßartig\w*|\bspitze\b|\bvorbildlich\w*|\bengagiert\w*"
    ),
    clause_end=r"[,;:.!?()]|\baber\b|\bjedoch\b|\bsondern\b|\bobwohl\b",
    negated=r"\b(?:nicht|nie|niemals|kein\w*)\s+(?:\w+\s+)?$",
    # a sentence that supposes: what stops in it has not stopped ("wenn die Teile wieder zu
    # spät kommen, steht unsere Linie still" is a risk, not an outage)
    supposed=r"\s*(?:wenn|falls|sollten?)\b",
    shared="""super top ok okay fair problem team service support design material offline
        feedback ticket hotline portal information chaos robust solide stabil flexibel app
        paket""",
    left_out="""pro je per vor
        zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig hundert
        tausend einmal zweimal halb dutzend mehrere viele viel etwas ganz gar wirklich
        eigentlich also dann nun bis aus ihnen mal man jeder jede jedes alle allen beim
        andere anderen vor hinter neben trotz während wegen statt außer gegenüber
        innerhalb außerhalb ständig oft selten manchmal""",
    negation_looks_back=True,
    # a negation after "leider" does not turn it: "gefällt uns leider nicht" turns "gefällt"
    unnegated="leider",
    compounds=True,
    # compounds take the opinion of their last part where it is one of these nouns:
    # "Sicherheitsproblem", "Lieferverzögerung" (not any word: "Mehrwertsteuer" ends in
    # "teuer", "erwarten" in "warten", "ankündigen" in "kündigen")
    heads="""problem probleme fehler störung störungen ausfall mangel mängel ärger chaos
        katastrophe verzögerung verspätung schaden schäden beschwerde reklamation stillstand
        wartezeit frechheit betrug enttäuschung unverschämtheit""",
    negative_prefix="un",
    # forms that look like an opinion word and are none: "später" is "later", not "more late"
    neutral="später spätestens",
    after={
        "still": ("steht stehen stand standen", -1.8),
        "aus": ("fällt fallen fiel fielen", -1.8),
        "zurück": ("ruft rufen rief riefen", 0.8),
    },
    loosened_by="sich",
    # the default themes' English seed words that mean another thing in German: "Mail" is
    # an email, "fit" healthy, "Stock" a floor, "Server" a computer
    false_friends="mail fit stock server",
)
