"""Every wordbook holds together: its words, patterns and seeds are what the reader expects."""

import re

import pytest

from centric.insights.tests.text.reading import themes
from centric.insights.text import DEFAULT_TAXONOMY, analyze
from centric.insights.text.lexicon import words
from centric.insights.text.reader import WORDBOOKS, Reader, fold, is_own_word, reader
from centric.insights.text.signals import JOURNEY_STAGES
from centric.insights.text.taxonomy import Taxonomy, Theme
from centric.insights.text.wordbook import Wordbook

BOOKS = pytest.mark.parametrize("book", list(WORDBOOKS.values()), ids=list(WORDBOOKS))
FLAGS = {
    "urgent": {"safety", "outage", "urgency", "legal", "privacy", "money lost"},
    "churn_risk": {"cancel", "leave", "not renew", "switch"},
}


def valence_words(book: Wordbook) -> list[tuple[str, float]]:
    return [(word, value) for value, block in book.valences.items() for word in words(block)]


@BOOKS
def test_words_are_lower_case_and_each_has_one_valence(book: Wordbook) -> None:
    seen: dict[str, float] = {}
    for word, value in valence_words(book):
        assert word == word.lower(), word
        assert seen.setdefault(word, value) == value, word
        if book.fold_accents:  # without accents, no word may turn into its opposite
            assert seen.setdefault(fold(word), value) * value > 0, word
    for phrase in book.phrases:
        assert phrase == " ".join(phrase.lower().split()), phrase
    for block in (book.negators, book.contrast, book.concessive, book.excess, book.wishing):
        assert block.strip()
        assert all(w == w.lower() for w in words(block))


@BOOKS
def test_every_default_theme_has_seed_words(book: Wordbook) -> None:
    assert set(book.seeds) == set(DEFAULT_TAXONOMY.names) - {DEFAULT_TAXONOMY.fallback}


@BOOKS
def test_the_patterns_compile_and_name_known_stages_signals_and_flags(book: Wordbook) -> None:
    assert set(book.stage_words) <= set(JOURNEY_STAGES)
    assert set(book.care_patterns) == {
        "risk",
        "fear",
        "desire",
        "wish",
        "constraint",
        "hope",
        "opportunity",
    }
    assert {flag: set(reasons) for flag, reasons in book.flag_patterns.items()} == FLAGS
    patterns = [
        *book.stage_words.values(),
        *book.care_patterns.values(),
        *(pattern for reasons in book.flag_patterns.values() for pattern in reasons.values()),
        book.praise,
        book.clause_end,
        book.negated,
        book.supposed,
    ]
    for pattern in patterns:
        re.compile(pattern)
    # matched from each sentence's start: "^" would match at the comment's start alone
    assert not book.supposed.startswith("^")
    assert re.search(book.negated, f"{words(book.negators)[0]} ")


@BOOKS
def test_inflected_forms_lead_to_their_base_word(book: Wordbook) -> None:
    language = reader(book.code)
    for word, value in valence_words(book)[:50]:
        assert language.valence(language.key(word)) == value, word


def test_elision_is_undone_and_accents_are_optional_where_customers_leave_them_out() -> None:
    french = reader("fr")
    text = "l'équipe n'est pas"
    assert [text[a:b] for a, b in french.tokens(text, 0, len(text))] == [
        "l",
        "équipe",
        "n",
        "est",
        "pas",
    ]
    assert analyze("Livraison tres rapide, equipe tres professionnelle.").label == "positive"
    assert analyze("Entrega rapidisima y atencion muy amable.").language == "es"
    assert fold("rápido") == "rapido"


def test_a_short_comment_is_told_by_a_word_of_its_own_and_never_by_an_english_one() -> None:
    for text, language in (
        ("Très satisfait", "fr"),
        ("Muy recomendable", "es"),
        ("Ottimo servizio", "it"),
        ("Muito obrigado", "pt"),
        ("Prima geholpen", "nl"),
    ):
        assert analyze(text).language == language, text
    for code in WORDBOOKS:
        for word in ("excellent", "service", "problem", "support", "terrible", "horrible"):
            assert not is_own_word(code, word), (code, word)


def test_a_reader_is_made_once_per_language_and_keeps_its_weights() -> None:
    assert reader("fr") is reader("fr")
    assert isinstance(reader("es"), Reader)
    assert reader("it").rules.contrast_weight == reader("de").rules.contrast_weight


@BOOKS
def test_false_friends_are_english_seed_words_of_the_default_themes(book: Wordbook) -> None:
    english = {seed.lower() for theme in DEFAULT_TAXONOMY.themes for seed in theme.seed_words}
    assert set(words(book.false_friends)) <= english


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("Votre prise en charge a été rapide et efficace.", "billing", None),
        ("J'ai reçu un mail de confirmation après ma commande.", "delivery", "communication"),
        ("Une petite question sur ma commande, merci.", "fit and size", None),
        ("Un large choix de produits, bravo.", "fit and size", None),
        ("Le pantalon est trop large à la taille.", None, "fit and size"),
        ("Je n'arrive pas à me connecter depuis lundi.", "delivery", None),
        ("Le magasin était sale et mal rangé.", "price", None),
        ("Das Büro im dritten Stock war leider geschlossen.", "availability", None),
        ("Ich habe eine Mail bekommen, aber keine Antwort.", "delivery", "communication"),
        ("Der Server war den ganzen Tag nicht erreichbar.", "staff", None),
        ("Le sale d'attesa erano piene e nessuno ci ha aiutato.", "price", None),
        ("Mandei o print da tela ao suporte e nada.", "design", "support"),
        ("Recibí un mail de confirmación muy claro.", "delivery", "communication"),
        ("De monteur was fit en vriendelijk.", "fit and size", "staff"),
    ],
)
def test_an_english_seed_word_that_means_another_thing_here_finds_no_theme(
    text: str, wrong: str | None, right: str | None
) -> None:
    found = themes(text)
    assert wrong not in found
    if right:
        assert right in found


def test_an_organisations_own_seed_word_counts_even_where_it_is_a_false_friend() -> None:
    taxonomy = Taxonomy(
        (*DEFAULT_TAXONOMY.themes, Theme("infrastructure", seed_words=("server",))),
        fallback=DEFAULT_TAXONOMY.fallback,
    )
    found = analyze("Der Server war den ganzen Tag nicht erreichbar.", taxonomy=taxonomy)
    assert "infrastructure" in {theme.name for theme in found.themes}


@BOOKS
def test_set_phrases_that_only_keep_words_from_counting_explain_nothing(book: Wordbook) -> None:
    neutral = [phrase for phrase, value in book.phrases.items() if not value][:20]
    for phrase in neutral:
        reading = reader(book.code).analyze(f"{phrase}, {phrase}.")
        assert all(c.weight for s in reading.sentences for c in s.contributions), phrase
