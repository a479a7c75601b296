from centric.insights.text.segment import split_sentences, tokenize


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_it_splits_on_terminal_punctuation():
    assert texts("Great fit! Would buy again? Yes.") == ["Great fit!", "Would buy again?", "Yes."]


def test_it_splits_lower_case_reviews_and_missing_spaces():
    assert texts("love it. the color is off.But still nice") == [
        "love it.",
        "the color is off.",
        "But still nice",
    ]


def test_it_splits_on_line_breaks_and_ellipses():
    assert texts("Too tight in the arms..could not move\nReturned it") == [
        "Too tight in the arms..",
        "could not move",
        "Returned it",
    ]


def test_it_keeps_abbreviations_and_numbers_inside_a_sentence():
    assert texts("Dr. Smith was kind. It cost $5.50 e.g. cheap.") == [
        "Dr. Smith was kind.",
        "It cost $5.50 e.g. cheap.",
    ]


def test_it_keeps_offsets_into_the_original_text():
    text = "  First one.   Second one!  "
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text


def test_it_returns_nothing_for_blank_text():
    assert split_sentences("   \n ") == []


def test_it_tokenizes_contractions_emoticons_and_amounts():
    assert tokenize("I wouldn’t pay $30.00 :) see-through") == [
        "I",
        "wouldn't",
        "pay",
        "$30.00",
        ":)",
        "see-through",
    ]


def test_a_link_is_one_token_in_one_sentence():
    text = "See https://portal.example.com/orders?id=3. Or www.example.com, it works :/"
    assert tokenize(text)[1] == "https://portal.example.com/orders?id=3"
    assert "www.example.com" in tokenize(text)
    assert texts(text) == [
        "See https://portal.example.com/orders?id=3.",
        "Or www.example.com, it works :/",
    ]
