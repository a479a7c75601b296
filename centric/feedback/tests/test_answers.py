"""Which questions a respondent sees, and what counts as a valid answer (no database)."""

from dataclasses import dataclass, field
from typing import Any

from centric.feedback.answers import (
    answers_to_keep,
    condition_can_hold,
    display,
    first_incomplete_page,
    first_page,
    is_visible,
    more_may_follow,
    next_page,
    opening_question,
    parse,
    previous_page,
    suggested_answer,
    visible_on_page,
)


@dataclass
class Q:
    key: str
    kind: str
    page: int = 1
    required: bool = True
    options: list[dict[str, Any]] = field(default_factory=list)
    scale_min: int | None = None
    scale_max: int | None = None
    show_if: dict[str, Any] = field(default_factory=dict)


NPS = [
    Q("nps", "nps"),
    Q("fix", "text", page=2, show_if={"question": "nps", "min": 0, "max": 6}),
    Q("best", "text", page=2, required=False, show_if={"question": "nps", "min": 9, "max": 10}),
    Q(
        "topics",
        "multiple",
        page=3,
        required=False,
        options=[{"value": "price"}, {"value": "service"}],
    ),
]


def test_a_detractor_and_a_promoter_see_different_follow_ups() -> None:
    assert [q.key for q in visible_on_page(NPS, 2, {"nps": 3})] == ["fix"]
    assert [q.key for q in visible_on_page(NPS, 2, {"nps": 10})] == ["best"]


def test_a_passive_skips_the_follow_up_page() -> None:
    assert next_page(NPS, 1, {"nps": 8}) == 3
    assert next_page(NPS, 3, {"nps": 8}) is None


def test_going_back_skips_a_page_that_shows_nothing_and_the_first_page_has_none_before() -> None:
    assert previous_page(NPS, 3, {"nps": 8}) == 1
    assert previous_page(NPS, 3, {"nps": 3}) == 2
    assert previous_page(NPS, 1, {"nps": 3}) is None


def test_a_page_left_by_going_back_keeps_its_valid_answers_and_requires_none() -> None:
    page = [NPS[0], NPS[1], NPS[3]]
    values, cleared = answers_to_keep(page, {"nps": ["12"], "fix": [" "], "topics": ["price"]})
    assert values == {"topics": ["price"]}
    # the blank answer goes; the invalid score neither stays nor replaces an earlier one
    assert [q.key for q in cleared] == ["fix"]


def test_a_page_whose_answer_may_bring_a_follow_up_is_not_the_last() -> None:
    csat = [Q("csat", "csat"), Q("why", "text", page=2, show_if={"question": "csat", "max": 2})]
    # unanswered, or answered with a score that shows no follow-up: the score may still change
    assert more_may_follow(csat, 1, {})
    assert more_may_follow(csat, 1, {"csat": 5})
    assert not more_may_follow(csat, 2, {"csat": 1})
    assert not more_may_follow(csat[:1], 1, {})
    assert more_may_follow(NPS, 2, {"nps": 9})  # the topics page follows whatever is answered


def test_a_follow_up_is_hidden_until_its_question_is_answered() -> None:
    assert not is_visible(NPS[1], {})
    assert first_page(NPS, {}) == 1


def test_scores_must_be_on_the_scale() -> None:
    assert parse(NPS[:1], {"nps": ["11"]}) == ({}, {"nps": "Choose a number from 0 to 10."})
    assert parse(NPS[:1], {"nps": ["ten"]})[1] == {"nps": "Choose one of the numbers."}
    assert parse(NPS[:1], {"nps": ["0"]}) == ({"nps": 0}, {})


def test_required_questions_must_be_answered_and_optional_ones_may_be_skipped() -> None:
    assert parse([NPS[1]], {"fix": ["  "]})[1] == {"fix": "Please answer this question."}
    assert parse([NPS[2]], {}) == ({}, {})


def test_choices_must_come_from_the_options() -> None:
    assert parse([NPS[3]], {"topics": ["price", "service", "price"]}) == (
        {"topics": ["price", "service"]},
        {},
    )
    assert parse([NPS[3]], {"topics": ["weather"]})[1] == {
        "topics": "Choose among the options shown."
    }


def test_a_text_with_a_nul_character_is_refused_not_left_to_the_database() -> None:
    # PostgreSQL stores no NUL in a text column: the page said "Something went wrong"
    assert parse([NPS[1]], {"fix": ["bad\x00text"]}, "de") == (
        {},
        {"fix": "Ihre Antwort enthält ein unsichtbares Steuerzeichen; bitte tippen Sie sie neu."},
    )
    assert parse([NPS[1]], {"fix": ["bad text"]}) == ({"fix": "bad text"}, {})


def test_ratings_use_their_own_scale() -> None:
    rating = Q("service", "rating", scale_min=1, scale_max=5)
    assert parse([rating], {"service": ["6"]})[1] == {"service": "Choose a number from 1 to 5."}


def test_what_is_wrong_is_said_in_the_respondents_language() -> None:
    assert parse(NPS[:1], {}, "de")[1] == {"nps": "Bitte beantworten Sie diese Frage."}
    assert parse(NPS[:1], {"nps": ["11"]}, "de")[1] == {
        "nps": "Bitte wählen Sie eine Zahl von 0 bis 10."
    }
    assert parse(NPS[:1], {}, "xx")[1] == {"nps": "Please answer this question."}


def test_the_first_incomplete_page_has_a_required_question_shown_and_unanswered() -> None:
    assert first_incomplete_page(NPS, {}) == 1
    assert first_incomplete_page(NPS, {"nps": 3}) == 2  # the detractor's follow-up is required
    assert first_incomplete_page(NPS, {"nps": 3, "fix": "Billing"}) is None
    assert first_incomplete_page(NPS, {"nps": 10}) is None  # the promoter's is optional


def test_a_follow_up_condition_holds_only_for_answers_on_the_scale() -> None:
    assert condition_can_hold({"min": 0, "max": 6}, (0, 10))
    assert not condition_can_hold({"min": 8, "max": 2}, (0, 10))
    assert not condition_can_hold({"min": 6}, (1, 5))
    assert condition_can_hold({"max": 1}, (1, 5))


def test_staff_read_a_choice_by_its_labels_in_the_surveys_language() -> None:
    topics = Q(
        "topics",
        "multiple",
        options=[
            {"value": "delivery", "label": {"en": "Delivery", "de": "Die Lieferung"}},
            {"value": "price", "label": {"en": "Price and billing", "de": "Preis"}},
        ],
    )
    assert display(topics, ["delivery", "price"], "en") == "Delivery, Price and billing"
    assert display(topics, ["price"], "de") == "Preis"
    assert display(topics, ["gone"], "en") == "gone"  # an option since removed: its code
    assert display(Q("nps", "nps"), 7, "en") == "7"
    assert display(Q("why", "text"), "Late", "en") == "Late"


def test_an_invitation_asks_the_opening_question_when_it_is_answered_with_one_number() -> None:
    assert opening_question(NPS) is NPS[0]
    rating = [
        Q("intro", "text", page=1, show_if={"question": "x", "in": ["y"]}),
        Q("r", "rating", page=2),
    ]
    assert opening_question(rating) is rating[1]  # the first question anyone sees
    assert opening_question([Q("comment", "text"), Q("nps", "nps")]) is None
    assert opening_question([Q("pick", "single", options=[{"value": "a"}])]) is None
    assert opening_question([]) is None


def test_the_number_a_link_carries_is_taken_only_within_the_opening_question_s_scale() -> None:
    assert suggested_answer(NPS, "0") == (NPS[0], 0)
    assert suggested_answer(NPS, "10") == (NPS[0], 10)
    for refused in ("11", "-1", "", "nine", "9.5", " 9", "\u0669", "\u00b2"):
        assert suggested_answer(NPS, refused) is None, refused
    ces = [Q("ces", "ces")]
    assert suggested_answer(ces, "7") == (ces[0], 7)
    assert suggested_answer(ces, "0") is None
    zero_to_three = [Q("r", "rating", scale_min=0, scale_max=3)]
    assert suggested_answer(zero_to_three, "3") == (zero_to_three[0], 3)
    assert suggested_answer(zero_to_three, "4") is None
    assert suggested_answer([Q("comment", "text")], "1") is None
