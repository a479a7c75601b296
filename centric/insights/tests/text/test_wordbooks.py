"""Every wordbook holds together: its words, patterns and seeds are what the reader expects."""

import re

import pytest

from centric.insights.text import DEFAULT_TAXONOMY, analyze
from centric.insights.text.lexicon import words
from centric.insights.text.reader import WORDBOOKS, Reader, fold, is_own_word, reader
from centric.insights.text.signals import JOURNEY_STAGES
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
