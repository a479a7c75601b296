"""Reading Dutch comments: the words and switches of ``reader.py`` for Dutch (``nl``).

Dutch is read much as German is, and for the same reasons:

- a negation ("niet", "geen", "nooit", "niemand", "niets", "zonder") turns the opinion word
  after it ("niet tevreden", "geen aanrader"), or, as Dutch puts "niet" late in a main clause,
  the nearest one before it in its clause: "het product bevalt ons niet", "de factuur klopt
  nooit", "sinds de update werkt de app niet meer" (``negation_looks_back``). "Helaas",
  "jammer" and "spijtig" are not turned by a "niet" after them ("bevalt ons helaas niet"
  turns "bevalt"). A few fixed phrases carry their negation themselves ("werkt niet",
  "klopt niet", "niet ontvangen", "nog steeds geen", "niet te spreken over"), and some
  negations are no negation at all: "nog nooit zo snel geholpen" and "nog nooit zo'n slechte
  service" stress what follows, "niet alleen snel maar ook vriendelijk" adds, so these are
  phrases of no opinion that take the negation out of the clause;
- "maar", "echter", "desondanks", "niettemin", "evenwel" and "doch" make what follows the
  verdict; "hoewel", "alhoewel", "ofschoon", "ondanks" and "weliswaar" (… "maar") concede.
  "Toch", "alleen" and "wel" often turn a sentence too, but as often do not ("toch?",
  "niet alleen", "wel goed"), so they are left out;
- Dutch has one conditional, "zou"/"zouden" ("het zou fijn zijn als …", "de communicatie
  zou beter kunnen"), and "had … gekund": a clause with them wishes, so its praise counts
  against. As "zou" is also the "would" of "ik zou jullie zeker aanraden", the common ways
  of recommending with "zou" are phrases, which a wish leaves alone. "Kan beter", "kon
  beter" and "mag beter" are phrases of complaint, "kan niet beter" of praise;
- boosters and downtoners come before the word they scale ("heel snel", "hartstikke goed",
  "een beetje traag"), and "te" before an adjective of measure makes it an excess ("te laat",
  "veel te duur", "te hoge prijzen"); "laat" itself is no opinion ("laat het me weten");
- there is no elision: the apostrophe of "zo'n", "auto's" and "'t" stays in (or before) the
  word, and accents are not folded; customers who drop the diaeresis ("geinformeerd",
  "efficient", "intuitief") are read by both spellings;
- adjectives take "-e" and compare with "-er" and "-st(e)", and their spelling changes with
  the syllable: a doubled consonant ("snel", "snelle", "sneller"), a halved vowel ("traag",
  "trage"; "duur", "dure"; "behulpzaam", "behulpzame"; "professioneel", "professionele"),
  "f"/"v" and "s"/"z" ("intuïtief", "intuïtieve"; "boos", "boze"). ``endings`` undoes these;
  a few forms that only look inflected are no opinion ("slechts" is "only", "duren" is "to
  last"). Diminutives take "-je" ("foutje", "probleempje");
- compounds take the opinion of their last part when it is a noun of trouble
  ("leveringsprobleem", "betalingsfout", "stroomstoring", "transportschade"), and "on-"
  turns a word round ("onhandig", "onprettig"); the seed words of themes are found within
  compounds ("factuurbedrag", "klantenservice", "levertijd");
- a problem that was solved ("opgelost", "verholpen", "hersteld", "gerepareerd", "gefikst")
  is no complaint. "Geregeld" and "afgehandeld" are praise but no solving, as "slecht
  geregeld" and "slecht afgehandeld" are common complaints;
- a line, a plant or a system "ligt stil", "staat stil", "ligt plat" or "ligt eruit"
  (``after``); the e-mail's own formulas, "met vriendelijke groet", "alvast bedankt",
  "vriendelijk verzoek", are no praise.
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

DUTCH = Wordbook(
    code="nl",
    name="Dutch",
    # "beste" is left out: it opens a letter ("Beste klantenservice,"); "slim" is English,
    # "stuk" is a piece, "mis" a miss, "best" a downtoner ("best goed"), "goedkoop" may be
    # praise or blame ("goedkoop gemaakt")
    valences={
        3.4: """uitstekend uitmuntend voortreffelijk fantastisch geweldig perfect briljant
            geniaal fenomenaal subliem schitterend formidabel fabuleus magnifiek sensationeel
            onovertroffen weergaloos vlekkeloos feilloos excellent dolblij""",
        3.0: """super top toppie klasse prachtig heerlijk voorbeeldig puik aanrader opgetogen
            topper supersnel supervriendelijk superblij supertevreden""",
        2.6: """mooi gaaf tof blij verheugd enthousiast aanraden aanbevelen aanbevolen
            aangeraden aanbeveling compliment complimenten pluim indrukwekkend foutloos
            ideaal""",
        2.2: """fijn leuk prettig aangenaam vriendelijk behulpzaam hulpvaardig klantvriendelijk
            gebruiksvriendelijk betrouwbaar deskundig kundig vakkundig professioneel competent
            tevreden dankbaar beleefd hoffelijk zorgvuldig attent intuïtief intuitief
            overzichtelijk geslaagd servicegericht klantgericht oplossingsgericht meedenkend
            lief sympathiek gastvrij keurig soepel probleemloos zorgeloos lekker hartelijk
            comfortabel hoogwaardig accuraat waardering gewaardeerd waardeer waarderen
            genoten dankjewel dankuwel prima optimaal zorgzaam""",
        1.8: """goed goeie beter snel vlot vlug tijdig stipt punctueel netjes handig praktisch
            efficiënt efficient effectief stabiel robuust solide degelijk stevig schoon
            voordelig betaalbaar eerlijk fair transparant geduldig flexibel duurzaam aardig
            gelukkig positief geholpen opgelost verholpen gelukt bedankt dank bedanken
            meegevallen""",
        1.2: """eenvoudig makkelijk gemakkelijk simpel duidelijk helder begrijpelijk correct
            compleet klopt klopte kloppen klopten bevalt beviel werkt werkte werkten
            functioneert functioneerde functioneren lukt lukte verbeterd geïnformeerd
            geinformeerd uitgelegd teruggebeld beantwoord gereageerd geregeld hersteld
            gerepareerd gefikst rechtgezet bereikbaar veilig bruikbaar functioneel geschikt""",
        0.8: """oké oke ok okay redelijk voldoende acceptabel afgehandeld""",
        -0.8: """helaas gestegen verhoogd lauw""",
        -1.2: """probleem problemen wachten gewacht wacht wachtte wachtten wachttijd
            wachttijden jammer spijtig moeilijk verloren kwijt achterstand prijzig
            middelmatig annuleren geannuleerd klagen eeuwig raar rare""",
        -1.5: """fout fouten klacht klachten vertraging vertragingen vertraagd traag
            langzaam duur duurder ingewikkeld verwarrend onduidelijk lastig storend gedoe
            rompslomp zwak matig ontbreekt ontbreken ontbrak ontbrekend vergeten opzeggen
            opgezegd storing storingen hapert haperen haperde misser onvolledig pijnlijk
            zorgelijk balen baal onlogisch vaag vage trage dure""",
        -1.8: """verkeerd onvoldoende omslachtig onoverzichtelijk slordig onzorgvuldig
            vervelend onbereikbaar crasht crashte gecrasht vastgelopen uitval uitgevallen
            stilstand mankement lekkage lekt losgeraakt kwijtgeraakt schade irritatie vies
            vuil onjuist onredelijk onbegrijpelijk ontoereikend gammel onzin laks stom
            negatief ongeschikt onleesbaar""",
        -2.2: """slecht slechter kapot defect beschadigd gebroken kapotgegaan stukgegaan
            gebrekkig onvriendelijk onbeleefd onbeschoft brutaal arrogant onprofessioneel
            onbetrouwbaar ergerlijk irritant frustrerend gefrustreerd geïrriteerd
            geirriteerd tegengevallen nutteloos onbruikbaar mislukt onveilig gevaarlijk
            smerig nep klungelig amateuristisch chagrijnig ergernis frustratie oneerlijk
            onbehulpzaam klantonvriendelijk triest onverschillig""",
        -2.6: """teleurgesteld teleurstellend teleurstelling ontevreden boos ondermaats
            incompetent onkundig chaos chaotisch ellende belabberd beroerd misleidend
            wanprestatie klote onmogelijk boze""",
        -3.0: """belachelijk onacceptabel onaanvaardbaar woedend waardeloos vreselijk bedrog
            fraude oplichting oplichters opgelicht puinhoop ramp fiasco schande dramatisch
            bedroevend""",
        -3.4: """verschrikkelijk afschuwelijk rampzalig schandalig schandaal abominabel""",
    },
    # longest first: superlatives, comparatives and the "-e" of adjectives, a doubled
    # consonant halved, a halved vowel doubled again, "v"/"z" back to "f"/"s", plurals and
    # diminutives
    # (the reader strips an ending only where at least three letters are left: "trage", "dure"
    # and "boze" are too short for a pair that doubles the vowel back, so the short forms
    # that are opinions are valence words of their own)
    endings=(
        ("rdere", "r"),
        ("lere", ""),
        ("oger", "oog"),
        ("oter", "oot"),
        ("oper", "oop"),
        ("amer", "aam"),
        ("aler", "aal"),
        ("eler", "eel"),
        ("rder", "r"),
        ("emen", "eem"),
        ("ler", ""),
        ("ter", ""),
        ("mer", ""),
        ("ker", ""),
        ("fer", ""),
        ("ger", "ag"),
        ("nne", "n"),
        ("kke", "k"),
        ("age", "aag"),
        ("ame", "aam"),
        ("ale", "aal"),
        ("are", "aar"),
        ("ate", "aat"),
        ("ele", "eel"),
        ("ete", "eet"),
        ("oge", "oog"),
        ("ope", "oop"),
        ("ote", "oot"),
        ("oze", "oos"),
        ("ure", "uur"),
        ("ste", ""),
        ("pje", ""),
        ("tje", ""),
        ("ere", ""),
        ("le", ""),
        ("te", ""),
        ("me", ""),
        ("ke", ""),
        ("fe", ""),
        ("ge", "ag"),
        ("ve", "f"),
        ("ze", "s"),
        ("je", ""),
        ("st", ""),
        ("er", ""),
        ("en", ""),
        ("e", ""),
        ("s", ""),
    ),
    phrases={
        # charged twice, still nothing, letting us know
        "twee keer gefactureerd": -1.8,
        "dubbel gefactureerd": -1.8,
        "twee keer afgeschreven": -1.8,
        "laat ons weten": 0.8,
        # thanks, praise and recommendation
        "dank je wel": 2.6,
        "dank u wel": 2.6,
        "dank jullie wel": 2.6,
        "hartelijk dank": 2.6,
        "hartelijk bedankt": 2.6,
        "veel dank": 2.6,
        "aan te raden": 2.6,
        "zou jullie aanraden": 2.6,
        "zou jullie aanbevelen": 2.6,
        "zou u aanraden": 2.6,
        "zou u aanbevelen": 2.6,
        "zou het aanraden": 2.6,
        "zou het aanbevelen": 2.6,
        "zou dit aanraden": 2.6,
        "zou jullie zeker aanraden": 2.6,
        "zou het zeker aanraden": 2.6,
        "zou het iedereen aanraden": 2.6,
        "zou jullie iedereen aanraden": 2.6,
        "zouden jullie aanraden": 2.6,
        "zouden jullie aanbevelen": 2.6,
        "voor herhaling vatbaar": 2.2,
        "de moeite waard": 2.2,
        "waar voor je geld": 2.2,
        "onder de indruk": 2.2,
        # "niets op aan te merken": the reader reads phrases of up to four words
        "niets op aan te": 2.6,
        "niks op aan te": 2.6,
        "met plezier": 1.8,
        "naar tevredenheid": 1.8,
        "naar wens": 1.8,
        "in orde": 1.2,
        "op tijd": 1.8,
        "op de hoogte gehouden": 1.8,
        "op de hoogte gebracht": 1.2,
        "op de hoogte": 0.8,
        "kan niet beter": 2.6,
        "kon niet beter": 2.6,
        "valt mee": 1.8,
        "viel mee": 1.8,
        "vallen mee": 1.8,
        "valt ons mee": 1.8,
        "viel ons mee": 1.8,
        "valt me mee": 1.8,
        "viel me mee": 1.8,
        # an adverb of praise with its participle is one opinion, which a negation turns
        # whole: "niet goed geholpen" is no help
        "goed geholpen": 2.2,
        "snel geholpen": 2.2,
        "vriendelijk geholpen": 2.2,
        "goed geregeld": 1.8,
        "goed uitgelegd": 1.8,
        "goed geïnformeerd": 1.8,
        "goed geinformeerd": 1.8,
        "goed verpakt": 1.8,
        "goed aangekomen": 1.2,
        "goed ontvangen": 1.2,
        "goed opgelost": 1.8,
        "doet het weer": 1.2,
        "werkt weer": 1.2,
        # no problem
        "geen probleem": 1.2,
        "geen problemen": 1.8,
        "geen enkel probleem": 1.8,
        "geen klachten": 1.8,
        "zonder problemen": 1.8,
        "nog geen problemen": 1.8,
        # what went wrong
        "werkt niet goed": -1.8,
        "werken niet goed": -1.8,
        "werkte niet goed": -1.8,
        "werkt niet naar behoren": -1.8,
        "werkt niet meer goed": -1.8,
        "werkt niet": -1.8,
        "werken niet": -1.8,
        "werkte niet": -1.8,
        "werkten niet": -1.8,
        "doet het niet": -1.8,
        "deed het niet": -1.8,
        "lukt niet": -1.5,
        "lukte niet": -1.5,
        "klopt niet": -1.5,
        "klopte niet": -1.5,
        "kloppen niet": -1.5,
        "klopten niet": -1.5,
        "past niet": -1.5,
        "paste niet": -1.5,
        "niet ontvangen": -1.8,
        "niets ontvangen": -1.8,
        "niks ontvangen": -1.8,
        "nooit ontvangen": -1.8,
        "niet geleverd": -1.8,
        "nooit geleverd": -1.8,
        "niet aangekomen": -1.8,
        "nooit aangekomen": -1.8,
        "niet bereikbaar": -1.5,
        "niet besteld": -1.5,
        "nooit besteld": -1.5,
        "geen antwoord": -1.5,
        "geen reactie": -1.5,
        "geen gehoor": -1.5,
        "geen terugkoppeling": -1.5,
        "nog steeds geen": -1.5,
        "nog geen": -1.2,
        "zonder uitleg": -1.5,
        "zonder bericht": -1.5,
        "zonder reden": -1.5,
        "zonder pardon": -1.5,
        "zonder enige": -1.2,
        "zonder enige problemen": 1.8,
        "zonder enig probleem": 1.8,
        "zonder kosten": 1.2,
        "geen bericht": -1.2,
        "geen bevestiging": -1.5,
        "geen orderbevestiging": -1.5,
        "geen track en trace": -1.2,
        "duurde lang": -1.5,
        "duurt lang": -1.5,
        "duurde erg lang": -1.8,
        "duurt erg lang": -1.8,
        "duurde heel lang": -1.8,
        "duurt heel lang": -1.8,
        "duurde zo lang": -1.8,
        "geen uitleg": -1.5,
        "geen excuses": -1.5,
        "geen excuus": -1.5,
        "geen hulp": -1.5,
        "geen oplossing": -1.5,
        "geen contact": -1.2,
        "geen factuur": -1.2,
        "geen handleiding": -1.2,
        "niemand neemt op": -1.8,
        "neemt niemand op": -1.8,
        "niemand reageert": -1.5,
        "reageert niemand": -1.5,
        "niemand belt terug": -1.5,
        "belt niemand terug": -1.5,
        "hoor niets": -1.2,
        "hoor niks": -1.2,
        "niets gehoord": -1.2,
        "niks gehoord": -1.2,
        "niets meer gehoord": -1.5,
        "niks meer gehoord": -1.5,
        "in de wacht": -1.2,
        "niet te spreken": -2.2,
        "te wensen over": -2.2,
        "in de steek": -2.6,
        "aan het lijntje": -2.2,
        "van het kastje": -2.2,
        "kan beter": -1.2,
        "kon beter": -1.2,
        "mag beter": -1.2,
        "kan veel beter": -1.5,
        "valt tegen": -2.2,
        "valt ons tegen": -2.2,
        "viel ons tegen": -2.2,
        "valt me tegen": -2.2,
        "viel me tegen": -2.2,
        "valt mij tegen": -2.2,
        "viel mij tegen": -2.2,
        "viel tegen": -2.2,
        "vallen tegen": -2.2,
        "vielen tegen": -2.2,
        "ging mis": -1.5,
        "gaat mis": -1.5,
        "liep mis": -1.5,
        "is stuk": -2.2,
        "was stuk": -2.2,
        "zijn stuk": -2.2,
        "gaat stuk": -2.2,
        "ging stuk": -2.2,
        "loopt vast": -1.8,
        "liep vast": -1.8,
        "valt uit": -1.8,
        "viel uit": -1.8,
        # no opinion: a negation that stresses or adds, a letter's formulas, greetings
        "nog nooit zo": 0.0,
        "nog nooit zo'n": 0.0,
        "niet alleen": 0.0,
        "met vriendelijke groet": 0.0,
        "met vriendelijke groeten": 0.0,
        "vriendelijke groet": 0.0,
        "vriendelijke groeten": 0.0,
        "hartelijke groet": 0.0,
        "hartelijke groeten": 0.0,
        "vriendelijk verzoek": 0.0,
        "alvast bedankt": 0.0,
        "alvast dank": 0.0,
        "bij voorbaat dank": 0.0,
        "goede morgen": 0.0,
        "goede middag": 0.0,
        "eerlijk gezegd": 0.0,
        "eerlijk te zijn": 0.0,
        "zo snel mogelijk": 0.0,
        "zo snel als mogelijk": 0.0,
        "geen idee": 0.0,
    },
    negators="niet niets niks geen nooit niemand nergens zonder noch",
    boosters={
        0.3: """zeer heel erg echt werkelijk absoluut bijzonder volledig helemaal totaal
            flink veel""",
        0.4: """extreem uiterst buitengewoon ontzettend enorm ongelooflijk ongelofelijk
            waanzinnig onwijs hartstikke super""",
        0.2: """best behoorlijk nogal vrij zo zeker redelijk""",
        -0.3: """beetje iets enigszins ietwat ietsje tikje""",
    },
    excess="te",
    measures="""klein groot lang kort krap ruim laat vroeg duur traag langzaam hoog laag
        weinig veel zwaar ingewikkeld moeilijk lastig luid hard dun dik koud warm heet smal
        breed strak wijd ver""",
    contrast="maar echter desondanks niettemin evenwel doch",
    concessive="hoewel alhoewel ofschoon ondanks weliswaar",
    wishing="zou zouden gekund",
    solved="opgelost verholpen hersteld gerepareerd gefikst rechtgezet",
    seeds={
        "billing": "factuur, facturen, facturatie, factureren, gefactureerd, de rekening, "
        "in rekening gebracht, betaling, betalingen, betaald, incasso, geïncasseerd, "
        "geincasseerd, automatische incasso, afschrijving, afgeschreven, aanmaning, "
        "creditcard, kassabon, btw, dubbel betaald",
        "refunds": "terugbetaling, terugbetaald, terugbetalen, terugstorten, teruggestort, "
        "restitutie, geld terug, creditnota, creditering, gecrediteerd",
        "price": "prijs, prijzen, prijzig, duur, dure, duurder, goedkoop, goedkope, goedkoper, "
        "kosten, tarief, tarieven, korting, kortingen, voordelig, betaalbaar, "
        "prijs-kwaliteitverhouding, waar voor je geld, geprijsd, prijsverhoging",
        "delivery": "levering, leveringen, leveren, geleverd, levertijd, leverdatum, "
        "bezorging, bezorgen, bezorger, verzending, verzenden, verzonden, verstuurd, pakket, "
        "pakketje, zending, koerier, vervoerder, transporteur, chauffeur, verpakking, verpakt, "
        "aangekomen, afgeleverd, track en trace, postnl, beschadigd, te laat geleverd, "
        "te laat bezorgd",
        "returns": "retour, retourneren, geretourneerd, retourzending, retourlabel, "
        "terugsturen, teruggestuurd, terugzenden, ruilen, omruilen, geruild, omgeruild, "
        "retourbeleid",
        "support": "klantenservice, klantendienst, service, support, helpdesk, servicedesk, "
        "hotline, ticket, klantcontact, antwoord, reactie, hulp, in de wacht, callcenter",
        "staff": "medewerker, medewerkers, medewerkster, personeel, team, collega, monteur, "
        "monteurs, technicus, verkoper, vriendelijk, onvriendelijk, beleefd, onbeleefd, "
        "behulpzaam, onbeschoft, deskundig, kundig, klantvriendelijk",
        "product quality": "kwaliteit, kwalitatief, materiaal, afwerking, kapot, defect, "
        "gebrekkig, kapotgegaan, stukgegaan, gaat stuk, ging stuk, slijtage, versleten, "
        "degelijk, stevig, gammel, lekt, lekkage, roest, gescheurd",
        "fit and size": "maat, maten, maatvoering, pasvorm, past niet, past goed, te klein, "
        "te groot, te krap, te ruim, te strak, te wijd, valt klein, valt groot",
        "design": "ontwerp, vormgeving, design, kleur, kleuren, uiterlijk, uitstraling, "
        "stijl, model",
        "usability": "gebruiksvriendelijk, gebruiksvriendelijkheid, gebruiksgemak, "
        "bediening, overzichtelijk, onoverzichtelijk, intuïtief, intuitief, omslachtig, "
        "ingewikkeld, makkelijk te gebruiken, eenvoudig te gebruiken, website, webshop, "
        "app, interface, navigatie, inloggen, portaal, instellingen",
        "onboarding": "installatie, installeren, geïnstalleerd, geinstalleerd, inrichting, "
        "implementatie, training, opleiding, instructie, registratie, registreren, "
        "aanmelden, aanmelding, account aanmaken, opstarten, ingebruikname, welkomstmail",
        "communication": "communicatie, gecommuniceerd, communiceren, informatie, "
        "geïnformeerd, geinformeerd, informeren, op de hoogte, op de hoogte gehouden, "
        "bericht, berichten, e-mail, email, mail, mails, gemaild, nieuwsbrief, melding, "
        "meldingen, notificatie, uitleg, uitgelegd, onduidelijk, terugkoppeling, "
        "teruggekoppeld, teruggebeld",
        "relationship": "accountmanager, accountbeheerder, contactpersoon, aanspreekpunt, "
        "vast aanspreekpunt, relatiebeheer, samenwerking, partnerschap, bezoek, bezocht, "
        "langskomen, langsgekomen, feedback, onze plannen, onze behoeften, denkt mee, "
        "meedenken, proactief, evaluatie, kwartaaloverleg",
        "reliability": "storing, storingen, uitval, uitgevallen, valt uit, viel uit, crash, "
        "crasht, gecrasht, vastgelopen, loopt vast, bug, bugs, foutmelding, systeemfout, "
        "traag, offline, onbereikbaar, ligt eruit, ligt plat, werkt niet, doet het niet, "
        "betrouwbaar, onbetrouwbaar, hapert, downtime",
        "availability": "voorraad, op voorraad, leverbaar, niet leverbaar, uitverkocht, "
        "beschikbaar, beschikbaarheid, niet beschikbaar, openingstijden, openingsuren, "
        "backorder",
    },
    stage_words={
        "shop": r"offerte\w*|aanvra\w*|vergelijk\w*|catalogus|assortiment|keuze|website|"
        r"webshop|winkels?|showroom|advies|adviseur\w*|demo|prijsopgave",
        "purchase": r"bestel\w*|gekocht|kopen|koop|aankoop\w*|betaal\w*|betaling\w*|"
        r"afgerekend|afrekenen|contract\w*|abonnement\w*|winkelwagen\w*",
        "delivery": r"lever(?!ancier|baar)\w*|geleverd|afgeleverd|bezorg\w*|verzend\w*|"
        r"verzonden|verstuurd|pakket\w*|pakje\w*|koerier\w*|postnl|aangekomen|"
        r"track en trace|installatie\w*|ge[ïi]nstalleerd|montage",
        "use": r"gebruik\w*|in gebruik|dagelijks|werkt|functioneert|functie\w*|inzet\w*|"
        r"ingezet|draait",
        "maintain": r"onderhoud\w*|reparatie\w*|repareer\w*|gerepareerd|garantie\w*|"
        r"storing\w*|defect\w*|kapot\w*|monteur\w*|servicebeurt\w*|update\w*|support|"
        r"helpdesk|klantenservice",
        "replace": r"vervang\w*|omruil\w*|ruilen|geruild|retour\w*|teruggestuurd|terugsturen|"
        r"terugbetal\w*|terugbetaald|restitutie\w*|nabestel\w*",
        "dispose": r"afvoeren|afgevoerd|recycl\w*|weggegooid|weggooien|opzeg\w*|opgezegd",
    },
    care_patterns={
        "risk": r"\brisico\w*|\bin gevaar\b|\bgevaar\b|\bstilstand\w*|"
        r"\b(?:ligt|liggen|staat|staan) (?:\w+ ){0,2}stil\b|"
        r"\b(?:kunnen|kan|zouden|zou) (?:\w+ ){0,3}(?:verliezen|kwijtraken)\b|"
        r"\bals dit (?:nog eens|weer|opnieuw) gebeurt\b",
        "fear": r"\bbang (?:dat|voor)\b|\bvrez\w*|\bvrees\b|\bongerust\w*|"
        r"\bbezorgd (?:over|dat)\b|\b(?:maak|maken) (?:ik |we |wij )?(?:me |mij |ons )?"
        r"(?:\w+ )?zorgen\b|\bzorgen (?:over|om)\b|\bbedenkingen\b",
        "desire": r"\b(?:ik|we|wij) (?:zou|zouden|wil|willen) (?:\w+ )?graag\b|"
        r"\b(?:ik|we|wij) (?:hebben|heb) (?:\w+ ){0,3}nodig\b|\b(?:we|wij) willen\b|"
        r"\bik wil\b(?! (?:even|jullie|u) )",
        "wish": r"(?<!naar )\bwens\w*|\bhet zou (?:\w+ )?(?:fijn|handig|mooi|prettig|leuk|"
        r"goed|beter|wenselijk|ideaal|top) zijn\b|\bik wou dat\b|\bhad (?:ik|we|u|jullie) maar\b|"
        r"\bzou(?:den)? (?:\w+ )?(?:moeten|kunnen) (?:\w+ )?(?:toevoegen|aanbieden)\b|"
        r"\b(?:ik|we|wij) (?:zou|zouden) (?:\w+ )?willen dat\b",
        "constraint": r"\bbudget\w*|\bdeadline\w*|\buiterste (?:datum|leverdatum)\b|"
        r"\bvoorschrift\w*|\bregelgeving\b|\b(?:niet|nooit) (?:kunnen |kan )?veroorloven\b|"
        r"\bkunnen (?:\w+ ){0,2}niet (?:veroorloven|betalen)\b|\bbevroren\b|"
        r"\bmoeten (?:\w+ )?wachten\b|\bgeen tijd\b|\bniet toegestaan\b",
        "hope": r"(?<!een )\bhoop\b|\bhoopt\b|\bhoopte\w*|\bhopen\b|\bhopelijk\b|"
        r"\bkijk(?:en)? (?:\w+ ){0,2}uit naar\b|\bkijk(?:en)? (?:\w+ )?ernaar uit\b",
        "opportunity": r"\bkansen\b|\bgelegenheid\w*|\buitbreid\w*|"
        r"\bzouden (?:\w+ ){0,2}meer (?:willen )?(?:bestellen|afnemen|kopen)\b|"
        r"\bzouden (?:\w+ )?(?:ook|eventueel) (?:\w+ ){0,2}(?:willen )?(?:bestellen|afnemen|"
        r"inzetten|gebruiken)\b",
    },
    flag_patterns={
        "urgent": {
            "safety": r"\bveiligheids(?:probleem|problemen|risico|gevaar|issue|incident)\w*|"
            r"\bgevaarlijk\w*|\blevensgevaarlijk\w*|\bonveilig\w*|\bgewond\w*|\bverwond\w*|"
            r"\bletsel\b|(?<!per )\bongeluk\w*|\bongeval\w*|\bbrand(?:wond\w*|gevaar)?\b|"
            r"\bin brand\b|\bvlam (?:\w+ )?(?:gevat|vatte|vatten)\b|\bstroomschok\w*|"
            r"\bschok gekregen\b|\bge[ëe]lektrocuteerd\b|\bontplof\w*|\bexplosie\w*|"
            r"\bgiftig\w*|\bvergiftig\w*|\bkortsluiting\w*|\brook (?:kwam|komt)\b",
            "outage": r"\b(?:lijn|lijnen|productie|productielijn|fabriek|machine|machines|"
            r"installatie|systeem|systemen|server|servers|portaal|website|site|app|netwerk|"
            r"alles) (?:\w+ ){0,3}(?:(?:ligt|liggen|staat|staan) (?:\w+ ){0,3}(?:stil|plat|eruit)|"
            r"(?:ligt|liggen) er (?:\w+ ){0,4}uit)\b|"
            r"\b(?:ligt|liggen|staat|staan) (?:\w+ ){0,2}(?:lijn|lijnen|productie|productielijn|"
            r"fabriek|machine|machines|installatie|systeem|systemen|server|portaal|website|"
            r"app|netwerk|alles) (?:\w+ ){0,3}(?:stil|plat|eruit)\b|"
            r"\b(?:systeem|server|portaal|website|site|app|netwerk) (?:is |zijn )?(?:\w+ )?"
            r"(?:offline|down|onbereikbaar|uitgevallen)\b|"
            r"\b(?:kunnen|kan) (?:\w+ ){0,2}niet (?:meer )?produceren\b",
            "urgency": r"\bdringend\w*|\bspoed\w*|\bnoodgeval\w*|\burgent\w*|\bacuut\b",
            "legal": r"\b(?:mijn|onze|ons|een) (?:advocaat|advocaten|advocatenkantoor|jurist|"
            r"juristen)\b|\brechtszaak\w*|\bnaar de rechter\b|\bjuridische (?:stappen|actie|"
            r"procedure)\w*|\bsommatie\w*|\bingebrekestelling\w*|\bconsumentenbond\b|"
            r"\bgeschillencommissie\b|\bdiscrimin\w*",
            "privacy": r"\bdatalek\w*|\bprivacy(?:schending|probleem|lek|inbreuk|klacht)\w*|"
            r"\bschending van (?:mijn |onze |de )?privacy\b|\bavg\b|\bgdpr\b|\bgehackt\b|"
            r"\bgehacked\b|\b(?:mijn|onze) (?:persoons)?gegevens (?:\w+ ){0,3}(?:gedeeld|"
            r"verkocht|doorverkocht|gelekt|gestolen|gepubliceerd|doorgegeven)\b|"
            r"\bgegevens van (?:een andere klant|iemand anders)\b",
            "money lost": r"\b(?:dubbel|twee keer|tweemaal|2x|2 keer) (?:\w+ ){0,2}"
            r"(?:afgeschreven|betaald|gefactureerd|ge[ïi]ncasseerd|berekend|aangerekend|"
            r"in rekening gebracht)\b|\boplicht\w*|\bopgelicht\b|\bfraude\w*|\bbedrog\b|"
            r"\bbedrogen\b|\b(?:geld|bedrag) (?:\w+ ){0,3}nooit (?:\w+ )?(?:terug\w*|ontvangen)\b|"
            r"\bonterecht (?:\w+ )?(?:afgeschreven|ge[ïi]ncasseerd|gefactureerd)\b",
        },
        "churn_risk": {
            "cancel": r"\bopzeg\w*|\bopgezegd\b|"
            r"\bzeg(?:gen)? (?:(?!niet\b|nooit\b|geen\b)\w+ ){1,3}op\b|"
            r"\b(?:abonnement|contract|lidmaatschap|account) (?:\w+ )?(?:be[ëe]indigen|"
            r"stopzetten|opheffen)\b",
            "leave": r"\bnooit meer\b(?! (?:problemen|klachten|gedoe|zorgen|last)\b)|"
            r"\bvoor het laatst\b|\bde laatste keer\b|\bklant af\b|"
            r"\bniet meer (?:bij (?:jullie|u) )?(?:bestellen|kopen)\b|"
            r"\b(?:bestel|bestellen|koop|kopen)(?: \w+){0,2} niet meer\b(?! dan\b)|"
            r"\b(?:ga|gaan) (?:\w+ )?ergens anders\b",
            "not renew": r"\b(?:niet|nooit) (?:meer )?verlengen\b|"
            r"\bverleng(?:en)? (?:\w+ ){0,3}niet\b|\bniet verlengd\b",
            "switch": r"\boverstap\w*|\bover te stappen\b|\bstap(?:pen)? (?:\w+ ){0,3}over\b|"
            r"\bconcurrent(?:en|ie)?\b|\balternatieven\b|\bandere (?:leverancier|leveranciers|"
            r"aanbieder|aanbieders|partij|partijen)\b",
        },
    },
    praise=r"\bbedankt\b|\bdank\w*|\bcompliment\w*|\bpluim\w*|\bgeweldig\w*|\buitstekend\w*|"
    r"\bsuper(?!markt)\w*|\btop\b|\btoppie\b|\bfantastisch\w*|\bvriendelijk\w*|\bbehulpzaam\b|"
    r"\bbehulpzame\b|\bhulpvaardig\w*|\bdeskundig\w*|\bkundig\w*|\bvakkundig\w*|"
    r"\bprofessione\w*|\bklantvriendelijk\w*|\baanrader\b|\baan te raden\b|\bgeholpen\b|"
    r"\bvoortreffelijk\w*|\bvoorbeeldig\w*|\bpuik\b|\blof\b|\bkeurig\b",
    clause_end=r"[,;:.!?()]|\bmaar\b|\bechter\b|\bdesondanks\b|\bniettemin\b|\bevenwel\b|"
    r"\bdoch\b|\bhoewel\b|\balhoewel\b|\bofschoon\b|\bondanks\b|\bweliswaar\b",
    negated=r"\b(?:niet|nooit|geen|niemand|nimmer)\s+(?:\w+\s+)?$",
    # a sentence that supposes: what stops in it has not stopped ("als de onderdelen weer te
    # laat komen, ligt onze lijn stil" is a risk, not an outage)
    supposed=r"\s*(?:als|indien|wanneer|mocht|mochten|ingeval)\b",
    shared="""super top ok okay topper toppers klein fair perfect excellent correct competent incompetent arrogant
        chaos defect irritant compliment ramp fiasco storing boos rare vies dank service support
        team app design model website webshop helpdesk hotline ticket callcenter interface
        training feedback offline bug bugs crash downtime backorder email e-mail creditcard btw
        account accountmanager chauffeur melding past track trace vast in op en je uit
        waar mee complete booster booze tops supers ramps rares rarest primate schooner
        corrects correcter danker fiascos irritants liefer""",
    left_out="""per zonder
        een twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig
        veertig vijftig honderd duizend eerste tweede derde vierde keer keren dag dagen week
        weken maand maanden jaar jaren uur uren minuut minuten kwartier vandaag gisteren
        morgen vanochtend vanmiddag vanavond altijd vaak soms nooit weer opnieuw alweer steeds
        nog al even echt heel erg zeer wel gewoon eigenlijk helemaal bijna ongeveer inmiddels
        momenteel nu toen dan daarna ook alleen enkel graag alvast iets iemand niemand alles
        niets niks veel weinig meer minder zeker misschien natuurlijk trouwens overigens
        sowieso verder tot toe mevrouw meneer beste groet groeten""",
    negation_looks_back=True,
    # only "niet", "nooit" and "nimmer" go late; these negate what follows them
    forward_only="niets niks geen niemand nergens zonder noch",
    unnegated="helaas jammer spijtig",
    compounds=True,
    heads="""probleem problemen fout fouten storing storingen klacht klachten vertraging
        vertragingen schade defect mankement uitval stilstand lekkage achterstand wachttijd
        wachttijden ergernis irritatie frustratie teleurstelling chaos ramp puinhoop ellende
        oplichting fiasco gedoe schande""",
    negative_prefix="on",
    neutral="slechts duren goedje ondanks danke",
    after={
        "stil": ("staat staan stond stonden ligt liggen lag lagen", -1.8),
        "plat": ("ligt liggen lag lagen", -1.8),
        "eruit": ("ligt liggen lag lagen", -1.8),
        "uit": ("valt vallen viel vielen", -1.8),
        "tegen": ("valt vallen viel vielen", -2.2),
        "mee": ("valt vallen viel vielen", 1.8),
        "terug": ("belt bellen belde belden", 0.8),
    },
    # the default themes' English seed words that mean another thing in Dutch: "mail" is an
    # email, "fit" healthy, "long" a lung, "server" a computer
    false_friends="mail fit long server",
)
