"""Dutch comments, read by the Dutch wordbook and the reader's rules: sentiment, themes, journey
stage, care signals, flags, praise and the language they are told by."""

import pytest

from centric.insights.tests.text.reading import label, themes
from centric.insights.text import DEFAULT_TAXONOMY, Member, Taxonomy, TextAnalyzer, Theme, analyze
from centric.insights.text.reader import reader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De levering kwam keurig op tijd en was goed verpakt.", "positive"),
        ("De kwaliteit van de onderdelen is uitstekend.", "positive"),
        ("De medewerker van de klantenservice was onvriendelijk en onkundig.", "negative"),
        ("Het pakket kwam beschadigd bij ons aan.", "negative"),
        ("We hebben vier dagen op een antwoord van de helpdesk gewacht.", "negative"),
        # negation before the word, and after it, last in its clause, as Dutch puts "niet"
        ("Wij zijn niet tevreden over de service.", "negative"),
        ("Het nieuwe model bevalt ons helaas niet.", "negative"),
        ("De factuur klopt nooit met de offerte.", "negative"),
        ("Sinds de update werkt de app niet meer.", "negative"),
        ("Niemand heeft ons op de hoogte gehouden.", "negative"),
        ("Ik ben er echt niet blij mee.", "negative"),
        ("Ik heb nog steeds geen antwoord op mijn vraag gekregen.", "negative"),
        ("Het pakket is nooit aangekomen.", "negative"),
        ("Geen probleem, alles werd snel en netjes geregeld.", "positive"),
        ("Ik mag niet klagen over de service.", "positive"),
        # "nog nooit zo" stresses what follows, it does not turn it
        ("Ik heb nog nooit zo'n slechte service gehad.", "negative"),
        ("Ik ben nog nooit zo snel geholpen!", "positive"),
        # a problem solved is no complaint, one still open is
        ("De storing werd binnen een uur verholpen.", "positive"),
        ("De monteur heeft het defect aan de pomp snel gerepareerd.", "positive"),
        ("Helaas is het probleem nog steeds niet opgelost.", "negative"),
        # excess
        ("De prijzen zijn te hoog voor wat je krijgt.", "negative"),
        ("De levertijd is veel te lang.", "negative"),
        ("Het is gewoon te duur geworden.", "negative"),
        # what follows "maar" is the verdict; "hoewel" and "weliswaar" concede
        ("De levering was traag, maar de klantenservice was uitstekend.", "positive"),
        ("De levering was snel, maar de factuur klopte niet.", "negative"),
        ("Niet slecht, maar de prijs is te hoog.", "negative"),
        ("Hoewel de levering traag was, zijn we zeer tevreden over het resultaat.", "positive"),
        ("Het is weliswaar duur, maar de kwaliteit is voortreffelijk.", "positive"),
        ("Ze waren niet alleen snel, maar ook heel vriendelijk.", "positive"),
        # a wish or a condition: its praise is what is missing
        ("Het zou fijn zijn als de app ook de facturen kon tonen.", "negative"),
        ("De prijzen zijn oké, maar de communicatie zou beter kunnen.", "negative"),
        ("De communicatie met de planning kan beter.", "negative"),
        ("Ik zou jullie zeker aanraden aan andere bedrijven.", "positive"),
        # compounds, "on-" and idioms
        ("Weer een leveringsprobleem en een betalingsfout, dit is echt een puinhoop.", "negative"),
        ("De nieuwe app is erg onhandig.", "negative"),
        ("De kwaliteit van het product valt ons tegen.", "negative"),
        ("De kwaliteit van het product valt tegen.", "negative"),
        ("Een echte aanrader, er is niets op aan te merken!", "positive"),
        ("Ik word steeds van het kastje naar de muur gestuurd.", "negative"),
        ("Sinds vanochtend ligt onze productie stil.", "negative"),
        # a separable verb with its particle last: "valt … uit", "valt … tegen", "belt … terug"
        ("Het systeem valt steeds uit.", "negative"),
        ("De service viel ons dit jaar erg tegen.", "negative"),
        ("Het viel allemaal erg mee.", "positive"),
        ("Ze belden ons nooit terug.", "negative"),
        ("Ze belden ons binnen een uur terug.", "positive"),
        ("Het resultaat viel goed uit.", "positive"),  # turned out well: "goed" says how
        ("Het is gelukt, dank je wel voor de hulp!", "positive"),
        # no opinion: a question, a letter's formulas
        ("Wij hebben een vraag over de factuur van maart.", "neutral"),
        ("Kunt u mij laten weten wanneer de monteur komt? Alvast bedankt.", "neutral"),
        (
            "Graag ontvang ik een kopie van de factuur. Met vriendelijke groet, Jan de Vries",
            "neutral",
        ),
    ],
)
def test_dutch_sentiment(text: str, expected: str) -> None:
    assert label(text) == expected


def test_boosters_and_downtoners_scale_the_word_after_them() -> None:
    good = analyze("De service van het team was goed.").score
    assert analyze("De service van het team was zeer goed.").score > good > 0
    assert analyze("De service van het team was hartstikke goed.").score > good
    slow = analyze("De app van de bank is traag.").score
    assert slow < analyze("De app van de bank is een beetje traag.").score < 0


def test_the_words_that_drove_a_dutch_score_are_named_with_their_offsets() -> None:
    text = "De verzending was erg snel, maar de factuur was fout."
    reading = reader("nl").analyze(text)
    found = {c.phrase: c for c in reading.contributions}
    assert set(found) == {"snel", "fout"}
    assert found["snel"].weight > 0 > found["fout"].weight
    assert abs(found["fout"].weight) > 1.5  # the verdict after "maar" weighs more
    assert text[found["fout"].start : found["fout"].end] == "fout"


def test_inflected_forms_compounds_and_on_words_find_their_opinion() -> None:
    dutch = reader("nl")
    for form, base in (
        ("snelle", "snel"),
        ("snellere", "snel"),
        ("trage", "traag"),
        ("dure", "duur"),
        ("behulpzame", "behulpzaam"),
        ("professionele", "professioneel"),
        ("intuïtieve", "intuïtief"),
        ("kapotte", "kapot"),
        ("boze", "boos"),
        ("foutje", "fout"),
        ("slechtste", "slecht"),
    ):
        assert dutch.valence(form) == dutch.valence(base) != 0, form
    assert dutch.valence("leveringsproblemen") == dutch.valence("problemen") < 0
    assert dutch.valence("betalingsfout") == dutch.valence("fout") < 0
    assert dutch.valence("onhandig") < 0 < dutch.valence("handig")
    # forms that only look like an opinion word: "only", "to last", "later", "let"
    for word in ("slechts", "duren", "later", "laat", "goedkoop"):
        assert dutch.valence(word) == 0.0, word
    assert label("Het duurde slechts twee dagen, dat kan even duren.") == "neutral"


def test_dutch_themes_come_from_dutch_seed_words_and_compounds() -> None:
    assert themes("De levering was twee weken te laat.") == {"delivery"}
    assert themes("De klantenservice heeft nooit gereageerd.") == {"support"}
    assert themes("De facturen van vorige maand kloppen niet.") == {"billing"}
    assert "billing" in themes("Het factuurbedrag klopt niet met de offerte.")
    assert "staff" in themes("De monteur was vriendelijk en deskundig.")
    found = themes("De webshop is erg gebruiksvriendelijk.")
    assert "usability" in found
    assert "staff" not in found  # "gebruiksvriendelijk" is no friendly person
    assert {"returns", "refunds"} <= themes(
        "Ik heb de schoenen teruggestuurd en wacht nog op mijn terugbetaling."
    )
    assert "reliability" in themes("Alweer een stroomstoring bij ons op de locatie.")
    assert "price" in themes("De prijzen zijn flink gestegen.")
    reading = analyze("De levering was snel, maar de factuur klopte niet.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }


def test_an_organisations_own_seed_word_finds_dutch_compounds() -> None:
    ours = Taxonomy(
        (
            Theme("sustainability", "Carbon data.", ("duurzaamheid", "co2")),
            *DEFAULT_TAXONOMY.themes,
        )
    )
    found = themes("Voor het duurzaamheidsverslag hebben wij uw CO2 gegevens nodig.", ours)
    assert "sustainability" in found


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Het pakket werd keurig op tijd geleverd.", "delivery"),
        ("Ik heb de bestelling geplaatst en meteen betaald.", "purchase"),
        ("De monteur kwam voor het jaarlijkse onderhoud van de installatie.", "maintain"),
        ("Ik wil de jas graag omruilen voor een andere maat.", "replace"),
        ("Ik heb mijn abonnement vorige week opgezegd.", "dispose"),
    ],
)
def test_dutch_journey_stage(text: str, stage: str) -> None:
    assert analyze(text).journey_stage == stage


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        (
            "We maken ons zorgen over de nieuwe prijzen.",
            [("fear", "We maken ons zorgen over de nieuwe prijzen")],
        ),
        (
            "Het zou fijn zijn als het portaal de leverdatum toonde.",
            [("wish", "Het zou fijn zijn als het portaal de leverdatum toonde")],
        ),
        (
            "Wij hopen jullie pompen ook in onze tweede vestiging in te zetten.",
            [("hope", "Wij hopen jullie pompen ook in onze tweede vestiging in te zetten")],
        ),
        (
            "Ons budget voor dit jaar ligt al vast.",
            [("constraint", "Ons budget voor dit jaar ligt al vast")],
        ),
        (
            "Wij willen graag een koppeling met ons eigen systeem.",
            [("desire", "Wij willen graag een koppeling met ons eigen systeem")],
        ),
    ],
)
def test_dutch_care_signals(text: str, signals: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.phrase) for s in analyze(text).care_signals] == signals


def test_dutch_flags() -> None:
    churn = analyze("Als dit niet beter wordt, verlengen we het contract niet.")
    assert [(f.kind, f.reason) for f in churn.flags] == [("churn_risk", "not renew")]
    assert churn.flags[0].phrase == "verlengen we het contract niet"
    leaving = analyze("Wij gaan opzeggen en overstappen naar een concurrent.")
    assert {f.reason for f in leaving.flags} == {"cancel", "switch"}
    assert leaving.churn_risk
    # a churn phrase that is denied is no flag
    assert not analyze("Wij zouden jullie nooit opzeggen.").churn_risk
    assert not analyze("Ik zeg mijn abonnement zeker niet op.").churn_risk
    assert not analyze("Nooit meer problemen gehad sinds de nieuwe firmware.").churn_risk
    assert analyze("Hier bestel ik nooit meer, ik ben klant af.").churn_risk
    safety = analyze("Er is een kap losgeraakt, dat is een veiligheidsrisico.")
    assert [(f.kind, f.reason) for f in safety.flags] == [("urgent", "safety")]
    assert [f.reason for f in analyze("Sinds vanochtend ligt onze productie stil.").flags] == [
        "outage"
    ]
    supposed = analyze("Als de onderdelen weer te laat komen, ligt onze lijn stil.")
    assert not supposed.urgent  # supposed: a risk, not an outage
    assert [s.kind for s in supposed.care_signals] == ["risk"]
    assert [f.reason for f in analyze("Het bedrag is twee keer afgeschreven.").flags] == [
        "money lost"
    ]
    assert not analyze("Het is niet dringend, maar graag een reactie deze week.").urgent
    assert [f.reason for f in analyze("Wij schakelen nu onze advocaat in.").flags] == ["legal"]


def test_praise_in_dutch_is_found_and_a_person_praised_is_named() -> None:
    assert analyze(
        "Complimenten aan de monteur, hij was supervriendelijk en heel behulpzaam!"
    ).praise
    assert not analyze("Kunt u mij vandaag nog terugbellen over de factuur? Alvast bedankt.").praise
    mixed = analyze(
        "De levering was een ramp. Gelukkig was de klantenservice ontzettend behulpzaam."
    )
    assert mixed.praise
    sanne = Member("7", "Sanne de Vries", "person")
    reading = TextAnalyzer(directory=[sanne]).analyze(
        "Sanne de Vries heeft ons fantastisch geholpen, heel erg bedankt!"
    )
    assert reading.praise
    assert [p.member for p in reading.praised] == [sanne]


@pytest.mark.parametrize(
    "text",
    [
        "Heel tevreden!",
        "Prima geholpen, bedankt!",
        "Snel geleverd en goed verpakt.",
        "Wij zijn al jaren klant en de samenwerking verloopt prima, maar de laatste facturen "
        "klopten niet en niemand van de klantenservice heeft op onze e-mails gereageerd. "
        "Als dit zo doorgaat, gaan we ons contract niet verlengen.",
    ],
)
def test_dutch_comments_short_and_long_are_told_as_dutch(text: str) -> None:
    assert analyze(text).language == "nl"


def test_english_and_german_comments_are_not_taken_for_dutch() -> None:
    assert analyze("The delivery was late and the invoice was wrong.").language == "en"
    assert analyze("Die Lieferung kam pünktlich und gut verpackt.").language == "de"
