from centric.insights.text import analyze
from centric.insights.text.language import guess_language


def test_it_tells_the_languages_comments_arrive_in():
    assert guess_language("Der Support hat unser Problem sofort gelöst.") == "de"
    assert guess_language("Die Qualität ist durchweg hervorragend.") == "de"
    assert guess_language("Le service est très lent et nous sommes déçus.") == "fr"
    assert guess_language("El envío fue muy rápido, gracias.") == "es"
    assert guess_language("De levering was niet op tijd.") == "nl"
    assert guess_language("Dostawa była bardzo szybka, dziękujemy.") == "pl"
    assert guess_language("Faktura nie zgadza się z ofertą.") == "pl"
    assert guess_language("Vi är inte nöjda med supporten.") == "sv"
    assert guess_language("Leveransen var mycket snabb och personalen är trevlig.") == "sv"
    assert guess_language("配送がとても早かったです。") == "ja"
    assert guess_language("サポートの対応が遅い") == "ja"


def test_short_german_comments_are_told_by_their_articles_and_umlauts():
    for text in (
        "Die Teile kamen beschädigt an.",
        "Die Rechnung war falsch.",
        "Danke, alles gut!",
        "Zwei Pumpen sind innerhalb eines Monats ausgefallen.",
    ):
        assert guess_language(text) == "de", text


def test_a_short_comment_with_no_english_word_is_told_by_one_word_of_its_own():
    for text in ("Alles super!", "Danke", "Perfekt", "Kein Kommentar", "Nicht gut"):
        assert guess_language(text) == "de", text
    assert analyze("Alles super!").label == "positive"
    # and a thank-you, or a short French one, by the words of the language it is said in
    assert guess_language("Sehr gut, vielen Dank.") == "de"
    assert guess_language("Mein Paket wurde verbummelt.") == "de"
    assert guess_language("Commande livrée à l'heure, merci.") == "fr"
    # but not by a word of two or three letters, which English writes too
    for text in ("Ab fab!", "Treat yo self", "Expectations met!", "Do i dare??", "Le sac"):
        assert guess_language(text) == "en", text


def test_english_and_comments_too_short_to_tell_are_english():
    for text in (
        "Great product, but billing charged me twice.",
        "The dress is to die for",
        "I would die for this dress, an amazing fit",
        "Im gonna die, the alles bag is gut",
        "I love the café and the naïve décor",
        "I think I was there on time, na",
        "Great ale and a smörgåsbord",
        "Emoji only ✨",
        "Ok",
        "",
    ):
        assert guess_language(text) == "en", text


def test_a_comment_in_a_language_the_engine_does_not_read_is_not_read_with_english_words():
    # "problem" would read as a negative English word
    reading = analyze("Delarna är bra och supporten löste vårt problem direkt.")

    assert (reading.label, reading.language, reading.score) == ("unread", "sv", 0.0)
    assert (reading.themes, reading.care_signals, reading.flags) == ((), (), ())
    assert reading.to_dict()["language"] == "sv"
    assert analyze("Support solved our problem at once.").language == "en"


def test_french_spanish_italian_portuguese_and_dutch_comments_are_read_in_their_words():
    # "pain", "problème", "éxito" and "slim" would misread as English words
    for text, language, label in (
        ("Les pièces sont bonnes. Le support a résolu notre problème, merci.", "fr", "positive"),
        ("Le pain était rassis et le service très lent.", "fr", "negative"),
        ("La entrega fue un éxito, todo llegó perfecto.", "es", "positive"),
        ("La consegna è arrivata in ritardo e nessuno ci ha risposto.", "it", "negative"),
        ("O atendimento foi excelente e muito rápido.", "pt", "positive"),
        ("Heel slim opgelost, de monteur was erg vriendelijk.", "nl", "positive"),
    ):
        reading = analyze(text)
        assert (reading.language, reading.label) == (language, label), text


def test_a_german_comment_is_read_with_german_words():
    # "die" and "Problem" would read as negative English words
    reading = analyze("Die Teile sind gut. Der Support hat unser Problem sofort gelöst.")

    assert (reading.label, reading.language) == ("positive", "de")
    assert [theme.name for theme in reading.themes] == ["support"]
    assert reading.to_dict()["language"] == "de"
