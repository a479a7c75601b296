"""Italian, read by its own words and rules (``reader.py``).

Italian "male" is "badly", "caro" is "dear" as well as "expensive", "consiglio" is "I
recommend" and "reso" a return. What is Italian's own:

- "non" goes before the verb, so a negation turns the opinion word after it and never looks
  back: "non siamo soddisfatti", "non mi è piaciuto". Italian doubles its negations ("non …
  mai", "non … nessuno", "non … niente"); each negation turns a word of its own, so
  "non ho mai avuto problemi" reads as no problems, and the commonest complaints with "non …
  ancora" and "non … mai" are phrases ("non ho ancora ricevuto", "non è mai arrivato");
- "poco" before an adjective denies it ("poco chiaro" is unclear, "poco costoso" cheap), so
  it scales the word after it by -0.75, as a negation would; "un po'" ("un po' lento") is a
  downtoner like "etwas";
- "troppo" (and its forms) before an adjective of measure makes it an excess ("troppo caro",
  "tempi troppo lunghi"), while "troppo gentili" is praise;
- "ma", "però", "tuttavia", "invece", "comunque", "anzi" make what follows the verdict;
  "sebbene", "benché", "nonostante", "malgrado", "pur" concede ("anche se" is left out: its
  words are "also" and "if");
- a conditional ("sarebbe bello se …", "potrebbe essere più veloce", "dovrebbe") wishes for
  what is missing; "vorrei" is left out, as Italians thank with it ("vorrei ringraziare");
- a problem "risolto", "sistemato" or "riparato" is no complaint;
- elision is undone ("l'assistenza", "un'ottima", "dell'ordine", "c'è", "nessun'altra"),
  apocopes are words of their own ("buon servizio", "bel lavoro", "il miglior fornitore");
- adjectives and participles inflect for gender and number ("ottima", "ottimi", "ottime"
  are "ottimo"; "veloci" is "veloce"; "caotiche" is "caotico"), superlatives end in
  "-issimo" ("gentilissima") and adverbs in "-mente" ("rapidamente");
- customers leave accents out or write them as apostrophes ("perche'", "e'", "pero'"), so
  words are known without them; "né" is no negator here, as without its accent it is "ne"
  ("ne sono soddisfatto").
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

ITALIAN = Wordbook(
    code="it",
    name="Italian",
    valences={
        3.4: """eccellente eccezionale perfetto fantastico straordinario impeccabile magnifico
        strepitoso superlativo ineccepibile sensazionale entusiasta entusiasti""",
        3.0: """ottimo meraviglioso splendido stupendo favoloso formidabile super top adoro""",
        2.6: """bello bel bell bravo consiglio consigli consiglia consigliato consigliare
        consiglierei consigliamo consigliabile raccomandato raccomandabile felice complimenti
        lodevole encomiabile""",
        2.2: """soddisfatto contento gentile gentilezza cortese professionale professionalità
        competente competenza simpatico educato premuroso affidabile efficiente efficace
        intuitivo piacevole gradevole grato riconoscente lieto onesto serietà esauriente
        accurato curato prezioso ringrazio ringraziamo ringraziare ringraziamento
        ringraziamenti""",
        1.8: """buono buon bene meglio migliore miglior veloce rapido celere tempestivo puntuale
        conveniente vantaggioso utile comodo valido pulito robusto solido resistente durevole
        stabile funzionale disponibile grazie aiutato risolto soddisfacente piace piacciono
        piaciuto tornerò torneremo ritornerò ritorneremo ricomprerei ricompreremmo""",
        1.2: """facile semplice chiaro corretto completo funziona funzionano funzionava
        funzionato funzionante sistemato riparato aggiustato rimborsato migliorato volentieri
        informato avvisato spiegato risposto richiamato ricontattato comprensibile trasparente
        intatto integro disponibilità""",
        0.8: """ok okay discreto sufficiente accettabile decente risposta riscontro
        fortunatamente""",
        -0.8: """purtroppo peccato aumentato aumento""",
        -1.2: """problema problemi errore errori attesa attese aspettato aspettare aspettando
        aspettiamo attendere attendo attendiamo perso manca mancano mancava mancante mancato
        rincaro rincari sollecito solleciti sollecitare sollecitato sollecitiamo""",
        -1.5: """ritardo ritardi lento lentezza costoso complicato difficile faticoso scomodo
        confuso reclamo reclami lamentela lamentele disdire disdico disdirò disdiremo
        disdetta disagio disagi
        inconveniente inconvenienti guaio guai fastidioso eccessivo incompleto illeggibile
        irraggiungibile irreperibile smarrito bloccato blocca rumoroso inesatto""",
        -1.8: """sbagliato errato guasto guasti difetto difetti malfunzionamento danni scarso
        graffiato ammaccato sporco macchinoso confusionario disservizio disservizi
        problematico superficiale approssimativo peggiorato seccato male esagerato
        incomprensibile inesistente abbandonato rompe rompono""",
        -2.2: """cattivo brutto rotto difettoso danneggiato rovinato scadente inutile
        inutilizzabile inaffidabile inefficiente scortese sgarbato antipatico arrogante
        insufficiente negligente inadeguato peggio peggiore peggior mediocre stufo frustrante
        pericoloso""",
        -2.6: """deluso deludente delusione insoddisfatto scontento amareggiato incompetente
        incompetenza incapace maleducato menefreghista menefreghisti caotico caos assurdo
        ridicolo penoso pietoso imbarazzante sconsiglio sconsigliato sconsiglierei
        disonesto""",
        -3.0: """pessimo terribile tremendo arrabbiato furioso infuriato inaccettabile
        inammissibile intollerabile indecente fregatura odio osceno""",
        -3.4: """orribile disastroso disastro catastrofico vergognoso vergogna scandaloso
        scandalo schifo schifoso truffa truffato inqualificabile""",
    },
    # gender and number of adjectives and participles ("ottima", "ottimi", "ottime"; "veloci";
    # "caotiche"), superlatives ("gentilissima", "velocissimi"), adverbs ("rapidamente",
    # "gentilmente", "velocemente") and plurals of nouns in "-a" ("truffe", "attese")
    endings=(
        *((ending, "o") for ending in ("issimo", "issima", "issimi", "issime")),
        *((ending, "e") for ending in ("issimo", "issima", "issimi", "issime")),
        ("amente", "o"),
        ("mente", "e"),
        ("mente", ""),
        ("chi", "co"),
        ("che", "co"),
        ("ghi", "go"),
        ("ghe", "go"),
        ("a", "o"),
        ("i", "o"),
        ("e", "o"),
        ("i", "e"),
        ("e", "a"),
    ),
    phrases={
        # thanks
        "grazie mille": 2.6,
        "mille grazie": 2.6,
        "grazie infinite": 2.6,
        "molte grazie": 2.6,
        "grazie di tutto": 2.6,
        "grazie di cuore": 2.6,
        "grazie ancora": 2.2,
        # it works, it does not
        "non funziona": -1.8,
        "non funzionano": -1.8,
        "non funzionava": -1.8,
        "non funzionavano": -1.8,
        "non va bene": -1.8,
        "non vanno bene": -1.8,
        "non va": -1.2,
        "non vanno": -1.2,
        "va bene": 1.2,
        "tutto bene": 1.8,
        "tutto ok": 1.8,
        "tutto a posto": 1.8,
        "tutto in ordine": 1.8,
        "a posto": 1.2,
        "alla grande": 2.2,
        "fuori servizio": -1.8,
        "in tilt": -1.8,
        "non si capisce": -1.5,
        # not (yet, ever) received or arrived: the negation is part of the phrase, as "non …
        # ancora" and "non … mai" are one negation
        "non ricevuto": -1.8,
        "non ricevuta": -1.8,
        "non ricevuti": -1.8,
        "non ancora ricevuto": -1.8,
        "non ho ricevuto": -1.8,
        "non abbiamo ricevuto": -1.8,
        "non ho ancora ricevuto": -1.8,
        "non abbiamo ancora ricevuto": -1.8,
        "non ho mai ricevuto": -1.8,
        "non abbiamo mai ricevuto": -1.8,
        "non arrivato": -1.8,
        "non arrivata": -1.8,
        "non ancora arrivato": -1.8,
        "non è arrivato": -1.8,
        "non è arrivata": -1.8,
        "non sono arrivati": -1.8,
        "non sono arrivate": -1.8,
        "non mi è arrivato": -1.8,
        "non mi è arrivata": -1.8,
        "non ci è arrivato": -1.8,
        "non ci è arrivata": -1.8,
        "non è ancora arrivato": -1.8,
        "non è ancora arrivata": -1.8,
        "non sono ancora arrivati": -1.8,
        "non sono ancora arrivate": -1.8,
        "non è mai arrivato": -1.8,
        "non è mai arrivata": -1.8,
        "non sono mai arrivati": -1.8,
        "non sono mai arrivate": -1.8,
        "non consegnato": -1.8,
        "non consegnata": -1.8,
        "non disponibile": -1.2,
        "non disponibili": -1.2,
        "non conforme": -1.8,
        "non corrisponde": -1.5,
        "non corrispondono": -1.5,
        "non corrispondeva": -1.5,
        # answers that do not come
        "non risponde": -1.5,
        "non rispondono": -1.5,
        "non risponde mai": -1.8,
        "non rispondono mai": -1.8,
        "nessuno risponde": -1.5,
        "nessuna notizia": -1.5,
        "ancora nessuna notizia": -1.5,
        "nessun aggiornamento": -1.5,
        "ancora niente": -1.2,
        "ancora nulla": -1.2,
        "senza risposta": -1.5,
        "senza spiegazioni": -1.5,
        "senza preavviso": -1.2,
        "come mai": -0.8,
        # kept informed
        "tenuti aggiornati": 1.8,
        "tenuto aggiornato": 1.8,
        "tengono aggiornati": 1.8,
        "a disposizione": 1.2,
        "non posso lamentarmi": 1.2,
        "non mi posso lamentare": 1.2,
        "non possiamo lamentarci": 1.2,
        "non ci possiamo lamentare": 1.2,
        # time
        "in ritardo": -1.5,
        "con ritardo": -1.5,
        "in anticipo": 1.5,
        "nei tempi previsti": 1.5,
        "nei tempi stabiliti": 1.5,
        "nei tempi concordati": 1.5,
        "in tempi record": 2.2,
        "in poco tempo": 1.5,
        "in pochissimo tempo": 1.8,
        "in pochi minuti": 1.5,
        "in pochi giorni": 1.2,
        "tempi biblici": -2.2,
        "tempi lunghi": -1.5,
        # without
        "senza problemi": 1.8,
        "senza alcun problema": 1.8,
        "senza intoppi": 2.2,
        "senza dubbio": 0.8,
        # praise and its lack
        "niente da dire": 1.8,
        "nulla da dire": 1.8,
        "nulla da eccepire": 2.2,
        "niente da eccepire": 2.2,
        "niente di che": -0.8,
        "niente di speciale": -0.8,
        "così così": -0.8,
        "lascia a desiderare": -1.8,
        "lasciano a desiderare": -1.8,
        "lasciato a desiderare": -1.8,
        "all altezza": 1.8,
        "a regola d arte": 2.2,
        "di qualità": 1.2,
        "ben fatto": 2.2,
        "ben fatta": 2.2,
        "ben fatti": 2.2,
        "ben fatte": 2.2,
        "ben imballato": 1.8,
        "ben imballata": 1.8,
        "ben imballati": 1.8,
        "ben organizzato": 2.2,
        "ben organizzata": 2.2,
        "ben organizzati": 2.2,
        "fiore all occhiello": 2.6,
        "una marcia in più": 2.2,
        "punto di riferimento": 2.2,
        "cinque stelle": 3.0,
        "5 stelle": 3.0,
        "facile da usare": 2.2,
        "semplice da usare": 2.2,
        "difficile da usare": -1.8,
        "vale la pena": 1.8,
        "non vale la pena": -1.8,
        "per fortuna": 0.8,
        # money
        "prezzo giusto": 1.8,
        "prezzi giusti": 1.8,
        "soldi ben spesi": 2.2,
        "soldi buttati": -2.6,
        "soldi sprecati": -2.6,
        "perdita di tempo": -2.2,
        # to be avoided, taken for a ride
        "da evitare": -2.6,
        "meglio evitare": -2.2,
        "da dimenticare": -2.2,
        "presa in giro": -2.6,
        "presi in giro": -2.6,
        "prendere in giro": -2.6,
    },
    # "non" first: it is the negation of the verb; "né" is left out (folded, it is "ne")
    negators="non nessuno nessuna nessun niente nulla senza mai neanche nemmeno neppure mica zero",
    boosters={
        0.3: """molto molta molti molte veramente davvero proprio assolutamente
        particolarmente totalmente completamente decisamente ben""",
        0.4: """estremamente incredibilmente super straordinariamente eccezionalmente altamente
        moltissimo tantissimo""",
        0.2: "abbastanza piuttosto così tanto tanta tanti tante sempre parecchio alquanto",
        -0.3: "po leggermente relativamente",  # "un po' lento": the elided "po'" is "po"
        -1.75: "poco poca pochi poche",  # "poco chiaro": the word denied, as by a negation
    },
    excess="troppo troppa troppi troppe",
    measures="""piccolo grande lungo corto stretto largo lento caro costoso alto basso elevato
    tardi presto pesante leggero complicato difficile rumoroso breve caldo freddo poco""",
    contrast="ma però tuttavia eppure invece bensì comunque anzi",
    concessive="sebbene benché nonostante malgrado pur seppur seppure quantunque",
    wishing="""sarebbe sarebbero potrebbe potrebbero dovrebbe dovrebbero avrei avremmo avrebbe
    servirebbe servirebbero bisognerebbe andrebbe andrebbero piacerebbe""",
    # not the forms in "-ate", which are also the imperative: "sistemate il sito!"
    solved="""risolto risolta risolti risolte sistemato sistemata sistemati riparato riparata
    riparati aggiustato aggiustata aggiustati rimediato""",
    seeds={
        "billing": "fattura, fatture, fatturazione, fatturato, fatturata, fatturati, "
        "addebito, addebiti, addebitato, addebitata, addebitati, pagamento, pagamenti, "
        "pagato due volte, bonifico, carta di credito, ricevuta fiscale, ricevuta di "
        "pagamento, scontrino, importo, iva, bolletta, bollette, canone, domiciliazione, "
        "estratto conto, insoluto, sollecito di pagamento",
        "refunds": "rimborso, rimborsi, rimborsato, rimborsata, rimborsati, rimborsare, "
        "riaccredito, riaccreditato, nota di credito, storno, soldi indietro, restituzione "
        "dei soldi",
        "price": "prezzo, prezzi, costo, costi, costa, costano, costoso, costosa, costosi, "
        "economico, economica, economici, conveniente, convenienti, sconto, sconti, "
        "scontato, offerta, offerte, listino, tariffa, tariffe, rincaro, rincari, aumento "
        "dei prezzi, qualità prezzo, qualità-prezzo, soldi, preventivo, preventivi",
        "delivery": "consegna, consegne, consegnato, consegnata, consegnati, consegnare, "
        "spedizione, spedizioni, spedito, spedita, spediti, corriere, corrieri, pacco, "
        "pacchi, imballaggio, imballaggi, imballo, imballato, imballata, confezione, "
        "arrivato, arrivata, arrivati, arrivate, tracciamento, trasportatore, trasporto, "
        "autista, tempi di consegna, data di consegna, danneggiato, danneggiata, bolla di "
        "consegna",
        "returns": "reso, resi, restituzione, restituito, restituita, restituire, rispedito, "
        "rispedita, rispedire, sostituzione, sostituito, sostituita, cambio merce, cambio "
        "taglia, cambio prodotto, mandato indietro, rimandato indietro, etichetta di reso, "
        "diritto di recesso",
        "support": "assistenza, assistenza clienti, servizio clienti, servizio assistenza, "
        "supporto, supporto tecnico, numero verde, centralino, operatore, operatrice, "
        "operatori, segnalazione, segnalazioni, richiesta, richieste, risposta, risposte, "
        "post vendita, post-vendita, postvendita",
        "staff": "personale, dipendente, dipendenti, addetto, addetta, addetti, commesso, "
        "commessi, impiegato, impiegata, impiegati, collaboratore, collaboratori, "
        "collaboratrice, responsabile, ragazzi, ragazze, il tecnico, un tecnico, i tecnici, "
        "del tecnico, dal tecnico, al tecnico, installatore, installatori, manutentore, "
        "gentile, gentili, gentilissimo, gentilissima, gentilissimi, cortese, cortesi, "
        "scortese, maleducato, maleducata, maleducati, competente, competenti, incompetente, "
        "incompetenti, cameriere, camerieri, cameriera, cassiere, cassiera",
        "product quality": "qualità, materiale, materiali, difetto, difetti, difettoso, "
        "difettosa, difettosi, difettose, rotto, rotta, rotti, rotte, guasto, guasti, "
        "malfunzionamento, malfunzionamenti, fatto bene, fatto male, ben fatto, resistente, "
        "robusto, fragile, finiture, rifiniture, tessuto, cuciture, rovinato, rovinata, "
        "usura, scadente, scadenti",
        "fit and size": "taglia, taglie, misura, vestibilità, calzata, veste piccolo, veste "
        "grande, veste stretto, veste largo, vestono piccolo, vestono grande, troppo stretto, "
        "troppo stretta, troppo largo, troppo larga, lunghezza",
        "design": "colore, colori, stile, estetica, estetico, aspetto estetico, grafica, "
        "fantasia, elegante, eleganti",
        "usability": "facile da usare, semplice da usare, difficile da usare, intuitivo, "
        "intuitiva, complicato, complicata, macchinoso, macchinosa, interfaccia, "
        "navigazione, sito, sito web, applicazione, usabilità, utilizzo, menu, portale, "
        "area riservata, gestionale",
        "onboarding": "registrazione, iscrizione, attivazione, configurazione, installazione, "
        "installato, formazione, corso di formazione, primo accesso, messa in funzione, "
        "avviamento, kit di benvenuto, email di benvenuto",
        "communication": "comunicazione, comunicazioni, informato, informata, informati, "
        "informazioni, informazione, aggiornamento, aggiornamenti, avvisato, avvisata, "
        "avvisati, avviso, notifica, notifiche, e-mail, mail, messaggio, messaggi, "
        "spiegazione, spiegazioni, spiegato, tenuti aggiornati, tenuto informato",
        "relationship": "collaborazione, referente, commerciale, agente, agente di zona, "
        "visita, visite, sopralluogo, le nostre esigenze, nostre esigenze, i nostri piani, "
        "partner, fiducia, proattivo, proattivi, ci conoscono, ci segue, ci seguono, "
        "consulente",
        "reliability": "interruzione, interruzioni, disservizio, disservizi, errore di "
        "sistema, messaggio di errore, si blocca, bloccato, bloccata, in tilt, lento, lenta, "
        "lentezza, non funziona, non funzionano, fuori servizio, instabile, affidabile, "
        "affidabilità, inaffidabile, malfunzionamento, malfunzionamenti, si è bloccato, "
        "errore, errori",
        "availability": "disponibilità in magazzino, non disponibile, non disponibili, "
        "non più disponibile, di nuovo disponibile, esaurito, esaurita, esauriti, esaurite, "
        "magazzino, scorte, giacenza, giacenze, fuori produzione, orari di apertura, orario "
        "di apertura, introvabile, riassortimento, pronta consegna",
    },
    stage_words={
        "shop": r"preventiv\w*|offert[ae]|catalog\w*|confront\w*|sito|sito web|negozio|"
        r"showroom|vetrina|scelta|scegliere|cercavo|cercando|consulenza|listino",
        "purchase": r"ordin(?:e|i|are|ato|ata|ati|ate|azione|iamo|ando|o)|acquist\w*|"
        r"comprat[oaie]|compra(?:re|ndo)?|pagat[oaie]|pagament\w*|pagare|carrello|contratto|"
        r"abbonament\w*|checkout",
        "delivery": r"consegn\w*|spedi\w*|corrier\w*|pacc(?:o|hi|hetto|hetti)|"
        r"arriv(?:at[oaie]|o|a|ano|erà|eranno)|imball\w*|installa\w*|trasport\w*|"
        r"tracciament\w*|tracking",
        "use": r"us(?:o|a|ano|iamo|are|ato|ata|ati|ate|andolo)|utilizz\w*|"
        r"funzion(?:a|ano|ava|ato|ante|amento)|ogni giorno|tutti i giorni|quotidian\w*|in uso",
        "maintain": r"manutenzion\w*|riparazion\w*|ripar(?:are|ato|ata|ati|ate)|garanzia|"
        r"guast\w*|rott[oaie]|difettos\w*|assistenza tecnica|intervento tecnico|tagliando|"
        r"aggiornament\w*",
        "replace": r"sostitu\w*|cambio (?:merce|taglia|prodotto)|res[oi]|restitu\w*|rimbors\w*|"
        r"rispedi\w*|riordin\w*|ricompra\w*|riacquist\w*|rinnov\w*",
        "dispose": r"smalti\w*|riciclo|ricicla\w*|disdett\w*|disdir\w*|disdic\w*|recesso|"
        r"chiudere il conto|chiuso il conto|buttat[oaie] via|buttare via",
    },
    care_patterns={
        "risk": r"\brischi\w*|\bpericol\w*|\bin gioco\b|"
        r"\bfermo (?:della )?(?:produzione|linea|macchina|macchine|impianto|impianti)\b|"
        r"\b(?:linea|linee|produzione|impianto|impianti|macchina|macchine|stabilimento) "
        r"(?:\w+ ){0,2}si ferm\w*|\bpotremmo (?:\w+ ){0,2}perdere\b|"
        r"\bse (?:succede|dovesse succedere|ricapita|capita) (?:ancora|di nuovo)\b",
        "fear": r"\btem(?:o|iamo|evo|evamo)\b|\bpaura\b|\bpreoccup\w*|\bansia\b|\bperpless\w*|"
        r"\bdubbios[oaie]\b",
        "desire": r"\b(?:vorrei|vorremmo)\b(?! (?:ringraziar\w*|fare i complimenti|"
        r"complimentarmi|segnalare|lodare)\b)|\b(?:ho|abbiamo|avrei|avremmo) bisogno\b|"
        r"\b(?:mi|ci) serv(?:e|ono|irebbe|irebbero)\b|\bdesider(?:o|iamo|erei|eremmo)\b",
        "wish": r"\bsarebbe (?:\w+ )?(?:bello|bella|utile|comodo|comoda|meglio|ottimo|ottima|"
        r"fantastico|carino|gradito|gradita|opportuno|ideale)\b|\b(?:mi|ci) piacerebbe\b|"
        r"\bse solo\b|\bdovreste\b|\bpotreste (?:\w+ )?(?:aggiungere|migliorare|inserire|"
        r"mettere|offrire|prevedere)\b|\bauspic\w*",
        "constraint": r"\bbudget\w*|\bscadenz\w*|\bentro (?:il|la|fine|domani|lunedì|"
        r"martedì|mercoledì|giovedì|venerdì)\b|\bnon (?:ce lo |me lo )?(?:possiamo|posso) "
        r"permettere\b|\bnormativ\w*|\bregolament\w*|\bvincol\w*|"
        r"\bdobbiamo (?:\w+ )?aspettare\b|\bnon abbiamo tempo\b",
        "hope": r"\bsper(?:o|iamo|ando|avo|avamo)\b|\b(?:mi|ci) auguro\b|\bci auguriamo\b|"
        r"\bnon ved(?:o|iamo) l['’]ora\b|\bfiducios[oaie]\b",
        "opportunity": r"\bopportunit\w*|\bpotenzial\w*|\b(?:ordiner|comprer|acquister)"
        r"(?:emmo|ei) (?:\w+ )?(?:di pi[uù]|anche|altri|altre|ancora|volentieri)\b|"
        r"\bse (?:offriste|aveste|faceste|aggiungeste|proponeste)\b|"
        r"\bpotremmo (?:\w+ )?(?:anche|ampliare|estendere|aumentare)\b|"
        r"\b(?:pi[uù]|altri) colori\b|\baltre taglie\b",
    },
    flag_patterns={
        "urgent": {
            "safety": r"\bproblem[ai] di sicurezza\b|\brischio per la sicurezza\b|"
            r"\bpericolos[oaie]\b|\bferit[oaie]\b|\binfortun\w*|\bincendi[oa]\b|"
            r"\b(?:ha|hanno|aveva|avevano) preso fuoco\b|\bprende fuoco\b|\bscintille\b|"
            r"\bscossa elettrica\b|\bpreso (?:la )?scossa\b|\bfolgorat\w*|"
            r"\besplo(?:so|sa|si|se|sione|de|dere)\b|\btossic\w*|\bustion\w*|"
            r"\b(?:mi sono|si è|ci siamo|si sono) fatt[oaie] male\b|\bintossicazion\w*|"
            r"\breazione allergica\b|\b(?:usciva|esce|è uscito) (?:del )?fumo\b|"
            r"\bfumo (?:dal|dalla|dallo|dai|dalle|usciva|esce)\b",
            "outage": r"\b(?:linea|linee|produzione|impianto|impianti|macchina|macchine|"
            r"macchinari|stabilimento|sistema|sistemi|server|portale|piattaforma|sito|"
            r"gestionale) (?:\w+ ){0,2}(?:è|e'|sono) (?:\w+ )?(?:ferm[oaie]|bloccat[oaie]|"
            r"down|offline|giù|in tilt|fuori servizio|irraggiungibil[ei]|"
            r"non raggiungibil[ei])\b|"
            r"\b(?:linea|linee|produzione|impianto|impianti|macchina|macchine|macchinari|"
            r"stabilimento|sistema|server|portale|piattaforma|gestionale) (?:\w+ ){0,2}si "
            r"(?:è |sono )?(?:ferma|fermano|fermat[oaie]|blocca|bloccano|bloccat[oaie])\b|"
            r"\bsiamo (?:fermi|bloccati)\b|"
            r"\bfermo (?:della )?(?:produzione|linea|impianto|impianti|macchina|macchine)\b|"
            r"\bnon (?:possiamo|riusciamo a) (?:più )?(?:produrre|lavorare|operare)\b",
            "urgency": r"\burgent[ei]\b|\burgentemente\b|\burgenza\b|\bemergenz[ae]\b",
            "legal": r"\bavvocat[oiae]\b|\b(?:vie|azioni?|passi|provvedimenti) legal[ei]\b|"
            r"\bufficio legale\b|\bdenunc(?:ia|iare|erò|eremo|iato|iata)\b|\bquerel\w*|"
            r"\btribunale\b|\bgiudice di pace\b|\bfa(?:re|rvi|rgli|rò|remo) causa\b|"
            r"\bassociazion[ei] (?:dei |di |a tutela dei )?consumatori\b|\bcodacons\b|"
            r"\baltroconsumo\b|\bantitrust\b|\bdiscrimina\w*",
            "privacy": r"\bviolazione (?:della |dei |di )?(?:privacy|dati)\b|\bdata breach\b|"
            r"\bfuga di dati\b|\bgdpr\b|\bgarante (?:della |per la )?privacy\b|"
            r"\b(?:miei|nostri) dati (?:personali )?(?:\w+ ){0,2}(?:divulgat|condivis|vendut|"
            r"rubat|pubblicat|diffus|cedut)\w*|\b(?:divulgat|condivis|vendut|rubat|pubblicat|"
            r"diffus|cedut)\w* (?:i )?(?:miei|nostri) dati\b|\bhackerat[oaie]\b|"
            r"\bfurto (?:di |d['’])identit[àa]\b|\baccount (?:\w+ )?violat[oaie]\b",
            "money lost": r"\b(?:addebitat|pagat|fatturat|prelevat)[oaie] (?:[\w'’]+ ){0,2}"
            r"due volte\b|\bdoppi[oa] (?:addebit[oi]|pagament[oi]|fatturazion[ei])\b|"
            r"\baddebit[oi] (?:doppi[oa]?|non autorizzat[oi])\b|\btruff\w*|\bfrode\b|"
            r"\bfraudolent\w*|\bmi hanno rubato\b|\bsoldi (?:\w+ ){0,2}mai (?:\w+ )?"
            r"(?:restituit|rimborsat|tornat)\w*|\bmai (?:\w+ )?rimborsat\w*|\bsoldi persi\b|"
            r"\bho perso (?:i miei |dei )?soldi\b",
        },
        "churn_risk": {
            "cancel": r"\bdisdir\w*|\bdisdic\w*|\bdisdett[ao]\b|\brecedere\b|"
            r"\brecesso dal contratto\b|\bchiuder\w* (?:il |l['’]|lo )?(?:conto|contratto|"
            r"account|abbonamento)\b|\b(?:annullare|annullerò|annulleremo|cancellare|"
            r"cancellerò|cancelleremo|rescindere|disattivare|disattiverò|disattiveremo) "
            r"(?:il |l['’]|lo |la )?(?:contratto|abbonamento|account|iscrizione)\b",
            "leave": r"\bmai pi[uù]\b(?! (?:problem\w*|guast\w*|ritard\w*|attese|code|errori|"
            r"pensieri)\b)|\bper l['’]ultima volta\b|\b(?:è|e['’]) (?:stata )?l['’]ultima "
            r"volta\b|\bnon (?:\w+ )?(?:compr|ordin|acquist|torn)(?:erò|eremo|o|iamo) "
            r"(?:\w+ ){0,2}pi[uù]\b|\b(?:avete|hanno) perso un cliente\b|"
            r"\bnon (?:mi|ci) (?:vedrete|vedranno) pi[uù]\b",
            "not renew": r"\bnon (?:\w+ )?rinnover(?:ò|emo|ei|emmo)\b|"
            r"\bnon (?:\w+ )?rinnov(?:are|iamo|o)\b|\bnon (?:verrà|sarà) rinnovat[oa]\b|"
            r"\bsenza rinnovar\w*|\bmancato rinnovo\b",
            "switch": r"\bcambi(?:are|eremo|erò|amo|o|ato) (?:\w+ )?(?:fornitore|fornitori|"
            r"operatore|gestore|provider)\b|\bpass(?:are|eremo|erò|iamo|ati) (?:a|ad|alla|al) "
            r"(?:un |un['’]|un altro )?(?:altr[oa] )?(?:fornitore|operatore|gestore|concorrenza|"
            r"concorrente|azienda|provider)\b|\bconcorrenza\b|\bconcorrent[ei]\b|"
            r"\baltri fornitori\b|\baltro fornitore\b|\b(?:cercando|cercheremo|cercare|valutando|"
            r"valuteremo|valutare) (?:\w+ )?alternativ[ae]\b",
        },
    },
    praise=r"\bgrazie\b|\bringrazi\w*|\bcomplimenti\b|\bbrav[oaie]\b|\bbravissim[oaie]\b|"
    r"\bgentil\w*|\bcortes[ei]\b|\bdisponibil\w*|\bprofessional\w*|\bcompetent[ei]\b|"
    r"\bottim[oaie]\b|\beccellent[ei]\b|\beccezional[ei]\b|\bfantastic\w*|\bsuper\b|"
    r"\bsimpatic\w*|\bpremuros\w*|\bimpeccabil[ei]\b|\bstraordinari\w*|\bpazient[ei]\b|"
    r"\bprezios[oaie]\b|\bpreziosissim[oaie]\b",
    clause_end=r"[,;:.!?()]|\bma\b|\bper[òo]\b|\btuttavia\b|\beppure\b|\binvece\b|\bbens[ìi]\b|"
    r"\bcomunque\b|\banzi\b|\bsebbene\b|\bbench[ée]\b|\bnonostante\b|\bmalgrado\b|\bpur\b|"
    r"\bseppure?\b|\bquantunque\b",
    negated=r"\b(?:non|mai|nessun[oa]?|niente|nulla|neanche|nemmeno|neppure|mica)\s+"
    r"(?:\w+\s+)?$",
    # a sentence that supposes: what stops in it has not stopped ("se i pezzi arrivano ancora
    # in ritardo, la linea si ferma" is a risk, not an outage)
    supposed=r"\s*(?:se|qualora|casomai|semmai|nel caso|in caso|dovesse|dovessero)\b",
    shared="""super top ok okay complete incomplete post male ben bell bravo gentile lento mediocre fragile menu
    partner fantasia stile area iva mail""",
    left_out="""contro davanti dietro
        uno una due tre quattro cinque sei sette otto nove dieci undici dodici quindici
    venti trenta quaranta cinquanta cento mille primo prima secondo seconda terzo terza volta
    volte giorno giorni settimana settimane mese mesi anno anni ora ore minuto minuti oggi
    ieri domani sempre mai ancora già spesso subito molto molta molti molte poco poca pochi
    poche tanto troppo tutto tutti tutta tutte ogni qualche alcuni alcune altro altra altri
    altre stesso stessa cosa cose modo fatto davvero veramente proprio solo soltanto circa
    quasi dopo poi mentre quando dove come perché quindi allora però invece inoltre comunque
    ecc etc""",
    fold_accents=True,
    elided="""l un dell all dall nell sull coll d c n m t s v gl quest quell nessun ciascun
    tutt anch com cos dov qual quand bell mezz dev""",
    # forms that look like an opinion word and are none: "beni" are goods, "chiaramente" and
    # "semplicemente" say nothing good ("semplicemente non funziona"), "si rompe facilmente",
    # a "raccomandata" is a registered letter, and the forms in "-ate" are also the
    # imperative of a request ("migliorate il sito", "rimborsate i soldi")
    neutral="""beni chiaramente semplicemente facilmente completamente raccomandata
    raccomandate migliorate sistemate riparate aggiustate avvisate informate rimborsate""",
    # the default themes' English seed words that mean another thing in Italian: "mail" is
    # an email, "sale" rooms or salt, "server" a computer
    false_friends="mail sale server",
)
