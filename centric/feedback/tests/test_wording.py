"""Every word the product supplies to respondents exists in every survey language, with the same
placeholders as the English (no database)."""

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from string import Formatter
from zoneinfo import ZoneInfo

import pytest

from centric.feedback import catalog, wording
from centric.feedback.answers import MESSAGES, localised
from centric.feedback.scales import SCALE_ENDS
from centric.people.models import LANGUAGES as PEOPLE_LANGUAGES

WORDS: dict[str, Mapping[str, Mapping[str, object]]] = {
    "UI": wording.UI,
    "MAIL_WORDS": wording.MAIL_WORDS,
    "MESSAGES": MESSAGES,
    "SCALE_ENDS": SCALE_ENDS,
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def texts(value: object) -> list[str]:
    """The strings in a dict's value: a text, or a scale's two ends."""
    return list(value) if isinstance(value, tuple) else [str(value)]


def test_surveys_can_be_written_in_every_language_people_have() -> None:
    assert wording.SURVEY_LANGUAGES == ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ja")
    assert set(wording.SURVEY_LANGUAGES) == {code for code, _ in PEOPLE_LANGUAGES}
    assert catalog.LANGUAGES == wording.SURVEY_LANGUAGES


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
@pytest.mark.parametrize("name", WORDS)
def test_every_language_has_the_english_words_and_placeholders(name: str, language: str) -> None:
    words = WORDS[name]
    assert language in words, f"{name} has no {language}"
    assert set(words[language]) == set(words["en"])
    for key, english in words["en"].items():
        translated = words[language][key]
        assert type(translated) is type(english), (name, language, key)
        for text, english_text in zip(texts(translated), texts(english), strict=True):
            assert text.strip(), (name, language, key)
            if (name, key) == ("MAIL_WORDS", "greeting"):  # by first or by family name
                assert len(placeholders(text) & {"name", "family_name"}) == 1, language
            else:
                assert placeholders(text) == placeholders(english_text), (name, language, key)


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
def test_every_language_writes_a_day(language: str) -> None:
    assert wording.DAY_FORMATS[language].strip()
    english = placeholders(wording.DAY_FORMATS["en"]) | {"number"}
    assert placeholders(wording.DAY_FORMATS[language]) <= english
    if "month" in placeholders(wording.DAY_FORMATS[language]):
        months = wording.MONTHS[language]
        assert len(months) == 12
        assert all(month.strip() for month in months)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "31 March 2027"),
        ("de", "31.3.2027"),
        ("fr", "31 mars 2027"),
        ("es", "31 de marzo de 2027"),
        ("it", "31 marzo 2027"),
        ("nl", "31 maart 2027"),
        ("pt", "31 de março de 2027"),
        ("pl", "31 marca 2027"),
        ("sv", "31 mars 2027"),
        ("ja", "2027年3月31日"),
    ],
)
def test_day_in_words(language: str, expected: str) -> None:
    assert wording.day_in_words(date(2027, 3, 31), language) == expected


def test_day_in_words_covers_every_language() -> None:
    for language in wording.SURVEY_LANGUAGES:
        assert language in wording.DAY_FORMATS


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 April 2027"), ("fr", "1er avril 2027"), ("it", "1º aprile 2027")],
)
def test_the_first_of_a_month_is_an_ordinal_where_the_language_says_so(
    language: str, expected: str
) -> None:
    assert wording.day_in_words(date(2027, 4, 1), language) == expected


def test_an_unknown_language_reads_english() -> None:
    assert wording.day_in_words(date(2027, 3, 31), "xx") == "31 March 2027"
    assert wording.ui("xx") is wording.UI["en"]
    assert wording.mail_words("xx") is wording.MAIL_WORDS["en"]


def catalog_texts() -> Iterator[tuple[str, dict[str, str]]]:
    """Every respondent-facing text of the catalog, with where it stands."""
    yield "THANK_YOU", catalog.THANK_YOU
    for slug, template in catalog.TEMPLATES.items():
        yield f"{slug} intro", template.intro
        for question in template.questions:
            yield f"{slug} {question.key}", question.text
            for item in question.options:
                yield f"{slug} {question.key} {item['value']}", item["label"]


@pytest.mark.parametrize(("where", "text"), list(catalog_texts()))
def test_every_template_text_has_every_language(where: str, text: dict[str, str]) -> None:
    assert tuple(text) == wording.SURVEY_LANGUAGES, where
    for language in wording.SURVEY_LANGUAGES:
        assert text[language].strip(), (where, language)
        assert localised(text, language) == text[language]


def test_the_templates_still_hold_their_questions() -> None:
    assert set(catalog.TEMPLATES) == {
        "relationship-nps",
        "touchpoint-csat",
        "ces",
        "customer-centricity",
        "internal-customer",
    }
    internal = catalog.TEMPLATES["internal-customer"]
    behaviours = [question.key for question in internal.questions if question.kind == "rating"]
    assert behaviours == [key for key, _ in catalog.BEHAVIOURS]
    assert len(behaviours) == 6


def test_a_text_needs_every_language() -> None:
    with pytest.raises(TypeError):
        catalog.t("Yes", "Ja")  # type: ignore[call-arg]


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
def test_the_suggested_answer_names_the_button_it_waits_for(language: str) -> None:
    words = wording.UI[language]
    for button in (words["next"], words["submit"]):
        sentence = words["suggested"].format(value=7, button=button)
        assert button in sentence
        assert "7" in sentence


def test_an_invitation_greets_by_the_name_its_language_s_letters_use() -> None:
    assert wording.greeting("en", "Aiko", "Tanaka") == "Hello Aiko,"
    assert wording.greeting("ja", "Aiko", "Tanaka") == "Tanaka様"
    assert wording.greeting("ja", "Aiko", "") == "お客様"
    assert wording.greeting("de", "", "Tanaka") == "Guten Tag,"
    assert wording.greeting("xx", "Aiko", "") == "Hello Aiko,"


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
def test_every_language_says_how_many_minutes(language: str) -> None:
    one, more = wording.MINUTES[language]
    assert one.strip()
    assert placeholders(one) == set()
    assert placeholders(more) == {"n"}
    assert wording.minutes(1, language) == one
    assert "3" in wording.minutes(3, language)


def test_closing_at_midnight_on_the_invitees_clock_is_the_end_of_the_day_before() -> None:
    midnight = datetime(2026, 12, 16, tzinfo=ZoneInfo("Europe/Berlin"))
    assert wording.until(midnight, "en", "Europe/Berlin") == "until the end of 15 December 2026"
    assert wording.until(midnight, "de", "Europe/Berlin") == "bis zum 15.12.2026"


def test_closing_at_another_hour_on_the_invitees_clock_names_the_hour_and_zone() -> None:
    evening = datetime(2026, 12, 15, 19, tzinfo=ZoneInfo("America/New_York"))
    assert (
        wording.until(evening, "en", "America/New_York")
        == "until 19:00 on 15 December 2026 (America/New_York time)"
    )
    assert (
        wording.until(evening, "ja", "America/New_York")
        == "2026年12月15日 19:00（タイムゾーン：America/New_York）まで"
    )


def test_a_subject_without_a_title_names_the_organisation_alone() -> None:
    assert (
        wording.mail_subject(
            "de", organisation="Northwind Components", title="", about="Ihre Meinung zählt"
        )
        == "Northwind Components – Ihre Meinung zählt"
    )
    assert (
        wording.mail_subject(
            "fr", organisation="Northwind", title="Bilan", about="avis", reminder=True
        )
        == "Rappel\u00a0: Northwind\u00a0: Bilan – avis"
    )
