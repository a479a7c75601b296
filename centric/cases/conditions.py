"""Rule conditions: what a rule asks of a piece of feedback. Pure Python; imports no Django.

A condition is plain data, ``{"field": "score", "op": "lte", "value": 6}``. A rule holds two
lists: every condition in ``all`` must hold and, when ``any`` is not empty, at least one of those
too — "detractors (all) who mention billing or say they will cancel (any)". ``compile_rule``
turns the lists into one function of ``Facts``, checked once, so routing thousands of responses
against dozens of rules costs a few function calls each.

The values a choice field takes (account tiers, channels, …) are the models', which this module
cannot import: the caller passes them as ``choices`` (``routing.FIELD_CHOICES``), for ``validate``
to refuse any other and for ``describe`` to name each by its label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FIELDS",
    "Choices",
    "ConditionError",
    "Facts",
    "Field",
    "compile_rule",
    "describe",
    "validate",
]


@dataclass(frozen=True, slots=True)
class Facts:
    """What routing knows about one piece of feedback. Text fields are compared lower-cased."""

    score: int | None = None
    score_type: str = ""
    # each score the feedback has, whichever is its headline ``score`` (a survey that asks NPS
    # and CSAT has both)
    nps: int | None = None
    csat: int | None = None
    ces: int | None = None
    sentiment: str = ""
    sentiment_score: float | None = None
    themes: frozenset[str] = field(default_factory=frozenset)
    # the themes what the comment says of them is negative (or both ways): "billing" in "the
    # invoice was wrong again", not in "the invoices are clear, the portal is slow"
    complaints: frozenset[str] = field(default_factory=frozenset)
    care_signals: frozenset[str] = field(default_factory=frozenset)
    urgent: bool = False
    churn_risk: bool = False
    praise: bool = False
    segment: str = ""
    tier: str = ""
    stage: str = ""
    customer_kind: str = ""
    channel: str = ""
    kind: str = ""
    text: str = ""


Predicate = Callable[[Facts], bool]
# field → {value: label}, for the fields that take only these values
Choices = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Field:
    label: str
    type: str  # number, choice, set, flag or text
    choices: tuple[str, ...] = ()  # suggested values, for the editor; any word is accepted
    bounds: tuple[int, int] | None = None  # the scale a number lies on


NUMBER_OPS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "eq": ("is", lambda a, b: a == b),
    "ne": ("is not", lambda a, b: a != b),
    "lt": ("is below", lambda a, b: a < b),
    "lte": ("is at most", lambda a, b: a <= b),
    "gt": ("is above", lambda a, b: a > b),
    "gte": ("is at least", lambda a, b: a >= b),
}
OPS_BY_TYPE: dict[str, dict[str, str]] = {
    "number": {op: label for op, (label, _) in NUMBER_OPS.items()},
    "choice": {"in": "is one of", "not_in": "is none of"},
    "set": {"includes": "includes any of", "excludes": "includes none of"},
    "flag": {"is_true": "is set", "is_false": "is not set"},
    "text": {"contains": "contains any of", "not_contains": "contains none of"},
}
# a comparison with one value reads "is Key", not "is one of Key"
ONE_VALUE_OPS = {
    "in": "is",
    "not_in": "is not",
    "includes": "includes",
    "excludes": "does not include",
    "contains": "contains",
    "not_contains": "does not contain",
}
FIELDS: dict[str, Field] = {
    "score": Field("Score", "number"),
    "score_type": Field("Score type", "choice"),
    "nps": Field("NPS (0–10)", "number", bounds=(0, 10)),
    "csat": Field("CSAT (1–5)", "number", bounds=(1, 5)),
    "ces": Field("CES (1–7)", "number", bounds=(1, 7)),
    "sentiment": Field("Sentiment", "choice"),
    "sentiment_score": Field("Sentiment score (−1 to 1)", "number"),
    "themes": Field("Themes", "set"),
    "complaints": Field("Themes complained of", "set"),
    "care_signals": Field(
        "Care signals",
        "set",
        ("risk", "fear", "desire", "wish", "constraint", "hope", "opportunity"),
    ),
    "urgent": Field("Urgent flag", "flag"),
    "churn_risk": Field("Churn-risk flag", "flag"),
    "praise": Field("Praise flag", "flag"),
    "segment": Field("Segment", "choice"),
    "tier": Field("Account tier", "choice"),
    "stage": Field("Journey stage", "choice"),
    "customer_kind": Field("Customer", "choice"),
    "channel": Field("Channel", "choice"),
    "kind": Field("Feedback kind", "choice"),
    "text": Field("Comment", "text"),
}


class ConditionError(ValueError):
    """A condition that cannot be read; the message says which part is wrong."""


def validate(condition: Mapping[str, Any], choices: Choices | None = None) -> dict[str, Any]:
    """The condition in its canonical form (values lower-cased, lists de-duplicated), or a
    ``ConditionError`` naming what is wrong. A field in ``choices`` takes only its values."""
    name = condition.get("field")
    if name not in FIELDS:
        raise ConditionError(f"unknown field {name!r}; choose one of {', '.join(FIELDS)}")
    spec = FIELDS[str(name)]
    op = condition.get("op")
    ops = OPS_BY_TYPE[spec.type]
    if op not in ops:
        raise ConditionError(f"{spec.label}: unknown comparison {op!r}; use {', '.join(ops)}")
    value = condition.get("value")
    if spec.type == "flag":
        value = None
    elif spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ConditionError(f"{spec.label}: {value!r} is not a number")
        try:
            value = float(value)
        except ValueError:
            raise ConditionError(f"{spec.label}: {value!r} is not a number") from None
        value = int(value) if value.is_integer() else value
        if spec.bounds is not None and not spec.bounds[0] <= value <= spec.bounds[1]:
            low, high = spec.bounds
            raise ConditionError(f"{spec.label}: {value} is not on the scale, {low} to {high}")
    else:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
            raise ConditionError(f"{spec.label}: give a word or a list of words")
        value = sorted({v.strip().lower() for v in items if v.strip()})
        if not value:
            raise ConditionError(f"{spec.label}: give at least one value")
        allowed = (choices or {}).get(str(name))
        if allowed is not None and not set(value) <= set(allowed):
            unknown = ", ".join(repr(v) for v in value if v not in allowed)
            raise ConditionError(f"{spec.label}: unknown value {unknown}; use {', '.join(allowed)}")
    return {"field": name, "op": op, "value": value}


def compile_rule(
    all_of: Sequence[Mapping[str, Any]], any_of: Sequence[Mapping[str, Any]] = ()
) -> Predicate:
    """One predicate for a rule. A rule without conditions matches nothing, so that an empty
    rule cannot open a case for every response."""
    required = [_compile(validate(c)) for c in all_of]
    alternatives = [_compile(validate(c)) for c in any_of]
    if not required and not alternatives:
        return lambda facts: False
    if not alternatives:
        return lambda facts: all(check(facts) for check in required)
    return lambda facts: (
        all(check(facts) for check in required) and any(check(facts) for check in alternatives)
    )


def describe(condition: Mapping[str, Any], choices: Choices | None = None) -> str:
    """The condition (canonical, see ``validate``) in words, each value by its label in
    ``choices`` and in their order: "Score is at most 6", "Account tier is one of Strategic or
    Key"."""
    name, op, value = condition["field"], condition["op"], condition.get("value")
    spec = FIELDS[name]
    if value is None:
        return f"{spec.label} {OPS_BY_TYPE[spec.type][op]}"
    if not isinstance(value, list):
        return f"{spec.label} {OPS_BY_TYPE[spec.type][op]} {value}"
    labels = (choices or {}).get(name, {})
    order = {code: position for position, code in enumerate(labels)}
    # a value no longer offered keeps its code, after the others
    words = [labels.get(v, v) for v in sorted(value, key=lambda v: order.get(v, len(order)))]
    if len(words) == 1:
        return f"{spec.label} {ONE_VALUE_OPS[op]} {words[0]}"
    listed = f"{', '.join(words[:-1])} or {words[-1]}"
    return f"{spec.label} {OPS_BY_TYPE[spec.type][op]} {listed}"


def _compile(condition: dict[str, Any]) -> Predicate:
    name, op, value = condition["field"], condition["op"], condition["value"]
    kind = FIELDS[name].type
    if kind == "number":
        compare = NUMBER_OPS[op][1]

        def number(facts: Facts) -> bool:
            actual = getattr(facts, name)
            return actual is not None and bool(compare(actual, value))

        return number
    if kind == "flag":
        wanted = op == "is_true"
        return lambda facts: bool(getattr(facts, name)) is wanted
    if kind == "choice":
        values = frozenset(value)
        if op == "in":
            return lambda facts: str(getattr(facts, name)).lower() in values
        return lambda facts: str(getattr(facts, name)).lower() not in values
    if kind == "set":
        values = frozenset(value)
        if op == "includes":
            return lambda facts: not values.isdisjoint(getattr(facts, name))
        return lambda facts: values.isdisjoint(getattr(facts, name))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in value) + r")\b")
    if op == "contains":
        return lambda facts: pattern.search(facts.text) is not None
    return lambda facts: pattern.search(facts.text) is None
