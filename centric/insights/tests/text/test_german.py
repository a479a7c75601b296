"""German comments, read by German words and rules: sentiment, themes, flags and signals."""

import pytest

from centric.insights.tests.text.reading import label, themes
from centric.insights.text import DEFAULT_TAXONOMY, Member, Taxonomy, TextAnalyzer, Theme, analyze
from centric.insights.text.reader import reader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Lieferung kam pünktlich und gut verpackt.", "positive"),
        ("Die Qualität ist durchweg hervorragend.", "positive"),
        ("Der Kundenservice war unfreundlich und inkompetent.", "negative"),
        ("Die Teile kamen beschädigt an.", "negative"),
        ("Wir haben vier Tage auf eine Antwort vom Support gewartet.", "negative"),
        # negation after the word, as German puts it, and before it
        ("Das Produkt gefällt uns nicht.", "negative"),
        ("Die Rechnung passt nie zum Angebot.", "negative"),
        ("Wir sind mit dem Service nicht zufrieden.", "negative"),
        ("Niemand hat uns informiert.", "negative"),
        ("Kein Problem, alles wurde schnell erledigt.", "positive"),
        # a problem solved is praise; a part that came loose is not
        ("Der Support hat unser Problem sofort gelöst.", "positive"),
        ("Eine Abdeckung hat sich im Betrieb gelöst.", "negative"),
        # excess, compounds, "un-" and what follows "aber"
        ("Die Preise sind zu hoch.", "negative"),
        ("Rechnungsfehler und Lieferverzögerungen, das ist eine Katastrophe.", "negative"),
        ("Der Techniker war unzuverlässig.", "negative"),
        ("Nicht schlecht, aber der Preis ist zu hoch.", "negative"),
        ("Die Lieferung war langsam, aber der Support war hervorragend.", "positive"),
        ("Seit Tagen steht unsere Produktion still.", "negative"),
        # a separable verb with its particle last, unless an opinion says how it turned out
        ("Die Heizung fällt ständig aus.", "negative"),
        ("Die Beratung fiel sehr gut aus.", "positive"),
        ("Er rief uns nicht zurück.", "negative"),
        ("Sie rief noch am selben Tag zurück.", "positive"),
        ("Sie halten uns bei jedem Schritt auf dem Laufenden.", "positive"),
        ("Wir haben eine Frage zur Rechnung.", "neutral"),
        # "nicht" last in its clause, however far from the word it turns
        ("Nach dem Update funktioniert der Login nicht mehr.", "negative"),
        ("Das Produkt gefällt uns leider überhaupt nicht.", "negative"),
        ("Der Kundenservice hat sich nie zurückgemeldet.", "negative"),
        ("Die Maschine läuft seit Monaten ohne Probleme.", "positive"),
        # a wish or a supposition: its praise is what is missing
        ("Es wäre schön, wenn das Portal eine Exportfunktion hätte.", "negative"),
        ("Die Preise sind okay, aber der Service könnte besser sein.", "negative"),
        ("Ich würde Sie jederzeit weiterempfehlen.", "positive"),
        ("Der Versand dauert viel zu lange.", "negative"),
        ("Die Rechnung enthielt Positionen, die wir nie bestellt haben.", "negative"),
    ],
)
def test_german_sentiment(text: str, expected: str) -> None:
    assert label(text) == expected


def test_the_words_that_drove_a_german_score_are_named_with_their_offsets() -> None:
    text = "Der Versand war sehr schnell, aber die Rechnung war falsch."
    reading = reader("de").analyze(text)
    found = {c.phrase: c for c in reading.contributions}
    assert set(found) == {"schnell", "falsch"}
    assert found["schnell"].weight > 0 > found["falsch"].weight
    assert abs(found["falsch"].weight) > 1.8  # the verdict after "aber" weighs more
    assert text[found["schnell"].start : found["schnell"].end] == "schnell"
    assert reader("de").valence("schnellere") == reader("de").valence(
        "schnell"
    )  # an inflected form


def test_compounds_take_the_opinion_of_a_last_part_that_is_a_noun_of_trouble() -> None:
    assert reader("de").valence("lieferverzögerungen") == reader("de").valence("verzögerung") < 0
    assert reader("de").valence("sicherheitsproblem") == reader("de").valence("problem") < 0
    # not any word that ends like one: tax, expecting, announcing, later
    for word in ("mehrwertsteuer", "erwarten", "ankündigung", "später"):
        assert reader("de").valence(word) == 0.0, word
    assert label("Bitte weisen Sie die Mehrwertsteuer aus, wir melden uns später.") == "neutral"


def test_german_themes_come_from_german_seed_words_and_compounds() -> None:
    assert themes("Die Lieferung war zwei Wochen zu spät.") == {"delivery"}
    assert themes("Der Kundenservice hat nicht geantwortet.") == {"support"}
    assert themes("Die Rechnungen stimmen.") == {"billing"}
    assert "billing" not in themes("Die Teile sind billig.")  # "bill" is English
    assert "price" in themes("Die Teile sind billig.")
    assert "usability" not in themes("Die Bestellung wurde unkompliziert bearbeitet.")
    assert "relationship" in themes("Ihr Außendienst kümmert sich hervorragend um uns.")
    reading = analyze("Die Lieferung war gut, aber die Rechnung war falsch.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }


def test_an_organisations_own_seed_word_finds_german_compounds() -> None:
    ours = Taxonomy(
        (
            Theme("sustainability", "Carbon data.", ("nachhaltigkeit", "co2")),
            *DEFAULT_TAXONOMY.themes,
        )
    )
    found = themes("Der Nachhaltigkeitsbericht braucht Ihre CO2 Werte.", ours)
    assert "sustainability" in found


def test_german_flags_and_care_signals() -> None:
    churn = analyze("Wenn sich das nicht bessert, verlängern wir nicht.")
    assert [(f.kind, f.reason) for f in churn.flags] == [("churn_risk", "not renew")]
    assert churn.flags[0].phrase == "verlängern wir nicht"
    assert analyze("Wir werden kündigen und zur Konkurrenz wechseln.").churn_risk
    assert not analyze("Wir würden nie kündigen.").churn_risk
    safety = analyze("Eine Abdeckung hat sich gelöst, das ist ein Sicherheitsproblem.")
    assert [f.reason for f in safety.flags] == ["safety"]
    assert analyze("Seit Tagen steht unsere Produktion still.").urgent
    supposed = analyze("Wenn die Teile wieder zu spät kommen, steht unsere Linie still.")
    assert not supposed.urgent  # supposed: a risk, not an outage
    # in any sentence, not the first alone
    assert not analyze(f"Die Teile kamen wieder zu spät. {supposed.text}").urgent
    assert [s.kind for s in supposed.care_signals] == ["risk"]
    assert analyze("Wir wurden doppelt belastet.").urgent
    kinds = {
        s.kind
        for text in (
            "Wir befürchten, dass die neuen Preise nicht in unser Budget passen.",
            "Ich wünschte, das Portal zeigte das Lieferdatum.",
            "Wir hoffen, Ihre Pumpen im zweiten Werk einzusetzen.",
        )
        for s in analyze(text).care_signals
    }
    assert kinds == {"fear", "constraint", "wish", "hope"}
    assert analyze("Die Lieferung kam pünktlich.").journey_stage == "delivery"


def test_a_person_praised_in_german_is_named() -> None:
    jonas = Member("7", "Jonas Hoffmann", "person")
    reading = TextAnalyzer(directory=[jonas]).analyze(
        "Jonas Hoffmann hat sich besonders für uns eingesetzt."
    )
    assert reading.praise
    assert [p.member for p in reading.praised] == [jonas]
