"""Reading a respondent's answers: which questions they see (follow-ups depend on earlier answers),
which page comes next, and whether what they sent is valid. No database access here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


class QuestionLike(Protocol):
    key: str
    kind: str
    page: int
    required: bool
    options: list[dict[str, Any]]
    scale_min: int | None
    scale_max: int | None
    show_if: dict[str, Any]


Q = TypeVar("Q", bound=QuestionLike)


def scale(question: QuestionLike) -> tuple[int, int] | None:
    if question.kind in SCALES:
        return SCALES[question.kind]
    if question.kind == "rating":
        return (question.scale_min or 1, question.scale_max or 5)
    return None


def is_visible(question: QuestionLike, answers: Mapping[str, Any]) -> bool:
    condition = question.show_if
    if not condition:
        return True
    value = answers.get(condition["question"])
    if value is None or value == "" or value == []:
        return False
    if "in" in condition:
        values = value if isinstance(value, list) else [value]
        return any(item in condition["in"] for item in values)
    if isinstance(value, int):
        return bool(condition.get("min", value) <= value <= condition.get("max", value))
    return False


def visible_on_page(questions: Sequence[Q], page: int, answers: Mapping[str, Any]) -> list[Q]:
    return [
        question
        for question in questions
        if question.page == page and is_visible(question, answers)
    ]


def next_page(
    questions: Sequence[QuestionLike], page: int, answers: Mapping[str, Any]
) -> int | None:
    """The next page after ``page`` that shows at least one question, or None at the end."""
    later = sorted({question.page for question in questions if question.page > page})
    for candidate in later:
        if visible_on_page(questions, candidate, answers):
            return candidate
    return None


def first_page(questions: Sequence[QuestionLike], answers: Mapping[str, Any]) -> int:
    page = next_page(questions, 0, answers)
    return page if page is not None else 1


def parse(
    questions: Sequence[QuestionLike], data: Mapping[str, list[str]]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers to ``questions`` found in form ``data`` (name → list of values), and an error
    message for each question whose answer is missing or invalid."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = [item.strip() for item in data.get(question.key, []) if item.strip()]
        if not raw:
            if question.required:
                errors[question.key] = "Please answer this question."
            continue
        bounds = scale(question)
        allowed = {str(item["value"]) for item in question.options}
        if bounds is not None:
            try:
                number = int(raw[0])
            except ValueError:
                errors[question.key] = "Choose one of the numbers."
                continue
            if not bounds[0] <= number <= bounds[1]:
                errors[question.key] = f"Choose a number from {bounds[0]} to {bounds[1]}."
                continue
            values[question.key] = number
        elif question.kind == "single":
            if raw[0] not in allowed:
                errors[question.key] = "Choose one of the options."
                continue
            values[question.key] = raw[0]
        elif question.kind == "multiple":
            unknown = [item for item in raw if item not in allowed]
            if unknown:
                errors[question.key] = "Choose among the options shown."
                continue
            values[question.key] = sorted(set(raw), key=raw.index)
        else:
            text = raw[0]
            if len(text) > 5000:
                errors[question.key] = "Please keep your answer under 5,000 characters."
                continue
            values[question.key] = text
    return values, errors
