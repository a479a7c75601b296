"""Rule conditions: validation with clear errors, and the compiled predicate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centric.cases.conditions import ConditionError, Facts, compile_rule, describe, validate


def test_validate_canonicalises_values() -> None:
    assert validate(
        {"field": "themes", "op": "includes", "value": ["Billing ", "billing", "Delivery"]}
    ) == {
        "field": "themes",
        "op": "includes",
        "value": ["billing", "delivery"],
    }
    assert validate({"field": "score", "op": "lte", "value": "6"})["value"] == 6
    assert validate({"field": "urgent", "op": "is_true", "value": "ignored"})["value"] is None


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"field": "mood", "op": "eq", "value": 1}, "unknown field 'mood'"),
        ({"field": "score", "op": "includes", "value": 1}, "Score: unknown comparison 'includes'"),
        ({"field": "score", "op": "lt", "value": "six"}, "Score: 'six' is not a number"),
        ({"field": "score", "op": "lt", "value": True}, "Score: True is not a number"),
        ({"field": "text", "op": "contains", "value": ["  "]}, "Comment: give at least one value"),
        ({"field": "segment", "op": "in", "value": 3}, "Segment: give a word or a list of words"),
        ({"field": "ces", "op": "lte", "value": 9}, r"CES \(1–7\): 9 is not on the scale, 1 to 7"),
        ({"field": "nps", "op": "gt", "value": -1}, r"NPS \(0–10\): -1 is not on the scale"),
    ],
)
def test_validate_names_what_is_wrong(condition: dict[str, object], message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        validate(condition)


def test_all_and_any() -> None:
    rule = compile_rule(
        [{"field": "score", "op": "lte", "value": 6}],
        [
            {"field": "themes", "op": "includes", "value": ["billing"]},
            {"field": "churn_risk", "op": "is_true"},
        ],
    )
    assert rule(Facts(score=3, themes=frozenset({"billing"})))
    assert rule(Facts(score=3, churn_risk=True))
    assert not rule(Facts(score=3, themes=frozenset({"delivery"})))
    assert not rule(Facts(score=9, churn_risk=True))
    assert not rule(Facts(score=None, churn_risk=True)), (
        "no score never satisfies a score condition"
    )


def test_a_theme_complained_of_is_not_any_theme_spoken_of() -> None:
    rule = compile_rule([{"field": "complaints", "op": "includes", "value": ["Billing"]}])
    assert rule(Facts(themes=frozenset({"billing"}), complaints=frozenset({"billing"})))
    assert not rule(
        Facts(themes=frozenset({"billing", "reliability"}), complaints=frozenset({"reliability"}))
    )
    assert describe(validate({"field": "complaints", "op": "includes", "value": ["billing"]})) == (
        "Themes complained of includes billing"
    )


def test_keywords_match_whole_words_case_insensitively() -> None:
    rule = compile_rule([{"field": "text", "op": "contains", "value": ["refund", "charged twice"]}])
    assert rule(Facts(text="i was charged twice this month"))
    assert rule(Facts(text="where is my refund?"))
    assert not rule(Facts(text="refunds are slow")), "whole words only"
    excluded = compile_rule([{"field": "text", "op": "not_contains", "value": ["test"]}])
    assert excluded(Facts(text="real complaint"))
    assert not excluded(Facts(text="just a test"))


def test_choice_fields_compare_lower_case() -> None:
    rule = compile_rule([{"field": "segment", "op": "in", "value": ["Enterprise"]}])
    assert rule(Facts(segment="enterprise"))
    assert compile_rule([{"field": "tier", "op": "not_in", "value": ["long_tail"]}])(
        Facts(tier="core")
    )


def test_an_empty_rule_matches_nothing() -> None:
    assert not compile_rule([], [])(Facts(score=0, urgent=True))


def test_describe() -> None:
    assert describe({"field": "score", "op": "lte", "value": 6}) == "Score is at most 6"
    assert describe({"field": "care_signals", "op": "includes", "value": ["fear", "risk"]}) == (
        "Care signals includes any of fear or risk"
    )
    assert describe({"field": "care_signals", "op": "excludes", "value": ["fear"]}) == (
        "Care signals does not include fear"
    )
    assert describe({"field": "urgent", "op": "is_true", "value": None}) == "Urgent flag is set"


TIERS = {"strategic": "Strategic", "key": "Key", "core": "Core", "long_tail": "Long tail"}


def test_describe_names_each_value_by_its_label_in_the_order_of_the_choices() -> None:
    def tier(op: str, *values: str) -> str:
        return describe({"field": "tier", "op": op, "value": list(values)}, {"tier": TIERS})

    assert tier("in", "long_tail") == "Account tier is Long tail"
    assert tier("not_in", "long_tail") == "Account tier is not Long tail"
    assert tier("in", "key", "strategic") == "Account tier is one of Strategic or Key"
    assert tier("not_in", "core", "key", "long_tail") == (
        "Account tier is none of Key, Core or Long tail"
    )
    assert tier("in", "gold") == "Account tier is gold", "a value no longer offered stays readable"


def test_a_value_outside_the_fields_choices_is_refused_naming_the_field_and_its_values() -> None:
    condition = {"field": "tier", "op": "in", "value": ["Key", "gold"]}
    with pytest.raises(
        ConditionError,
        match="Account tier: unknown value 'gold'; use strategic, key, core, long_tail",
    ):
        validate(condition, {"tier": TIERS})
    written = {"field": "tier", "op": "in", "value": ["Long_Tail", "key"]}
    assert validate(written, {"tier": TIERS})["value"] == ["key", "long_tail"]
    assert validate(condition)["value"] == ["gold", "key"], "without choices any word is read"


@given(score=st.integers(0, 10), threshold=st.integers(0, 10))
def test_number_comparisons_agree_with_python(score: int, threshold: int) -> None:
    for op, expected in (
        ("lt", score < threshold),
        ("lte", score <= threshold),
        ("gte", score >= threshold),
    ):
        assert (
            compile_rule([{"field": "score", "op": op, "value": threshold}])(Facts(score=score))
            is expected
        )
