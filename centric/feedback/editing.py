"""Changing a survey's questions. Questions change only while the survey is a draft: once people
answer, the questions they answered must stay as they were."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from centric.core.audit import audit_record
from centric.core.models import AuditEvent
from centric.core.permissions import require_org_wide
from centric.feedback import answers as answer_rules
from centric.feedback.models import Question, Survey
from centric.people.models import User


def _require_draft(actor: User, survey: Survey) -> None:
    require_org_wide(actor)
    if survey.status != Survey.Status.DRAFT:
        raise PermissionDenied("Questions can only change while the survey is a draft.")


def options_from_lines(text: str) -> list[dict[str, Any]]:
    """One option a line, ``English | German`` (the German part is optional)."""
    options: list[dict[str, Any]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        english, _, german = (part.strip() for part in line.partition("|"))
        value = slugify(english)[:40] or f"option-{len(options) + 1}"
        options.append({"value": value, "label": {"en": english, "de": german or english}})
    values = [option["value"] for option in options]
    if len(set(values)) != len(values):
        raise ValidationError("Two options have the same wording.")
    return options


def _validate(survey: Survey, question: Question) -> None:
    if (
        question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}
        and len(question.options) < 2
    ):
        raise ValidationError("A choice question needs at least two options, one a line.")
    if question.kind == Question.Kind.RATING:
        low, high = question.scale_min or 1, question.scale_max or 5
        if not 0 <= low < high <= 10:
            raise ValidationError(
                "A rating scale runs from a lower to a higher number, between 0 and 10."
            )
    condition = question.show_if
    if condition:
        earlier = survey.questions.filter(
            key=condition.get("question"), page__lt=question.page
        ).first()
        if earlier is None:
            raise ValidationError("A follow-up depends on a question on an earlier page.")
        if earlier.kind not in {"nps", "csat", "ces", "rating"}:
            raise ValidationError("A follow-up depends on a score question.")
        _require_condition_can_hold(condition, earlier)
    if question.pk is not None:
        _require_follow_ups_still_hold(survey, question)


def _require_condition_can_hold(condition: Mapping[str, Any], followed: Question) -> None:
    bounds = answer_rules.scale(followed)
    if bounds is not None and not answer_rules.condition_can_hold(condition, bounds):
        wanted = " and ".join(
            f"{word} {condition[bound]}"
            for bound, word in (("min", "at least"), ("max", "at most"))
            if bound in condition
        )
        raise ValidationError(
            f"No answer from {bounds[0]} to {bounds[1]} is {wanted}, so the follow-up would "
            "never show."
        )


def _require_follow_ups_still_hold(survey: Survey, question: Question) -> None:
    """A question that others follow up on stays a score on an earlier page than theirs, on a
    scale where their conditions can still hold: else they could never show."""
    bounds = answer_rules.scale(question)  # None: not a score any more
    broken = [
        follow_up
        for follow_up in survey.questions.filter(show_if__question=question.key)
        if bounds is None
        or follow_up.page <= question.page
        or not answer_rules.condition_can_hold(follow_up.show_if, bounds)
    ]
    if broken:
        names = ", ".join(f"“{item.text.get('en') or item.key}”" for item in broken)
        raise ValidationError(
            f"{names} follow{'s' if len(broken) == 1 else ''} up on this question and could "
            "never show after this change: it must stay a score, on an earlier page, whose "
            "answers can meet their condition. Change or delete the follow-ups first."
        )


@transaction.atomic
def question_save(
    *, actor: User, survey: Survey, values: Mapping[str, Any], question: Question | None = None
) -> Question:
    """Add a question at the end of the survey, or change one."""
    _require_draft(actor, survey)
    if question is None:
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = Question(survey=survey, position=(last or 0) + 1)
    for name, value in values.items():
        setattr(question, name, value)
    if not question.key:
        question.key = _free_key(survey, question)
    if survey.questions.filter(key=question.key).exclude(pk=question.pk).exists():
        raise ValidationError(f"Another question already uses the key “{question.key}”.")
    _validate(survey, question)
    question.full_clean()
    question.save()
    audit_record(
        organisation=survey.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=survey,
        changes={"question": [None, question.key]},
    )
    return question


def _free_key(survey: Survey, question: Question) -> str:
    """A key from the question's English wording, with a number added when another question
    of the survey has it already (wordings that start alike)."""
    base = slugify(question.text.get("en", ""))[:40].replace("-", "_") or f"q{question.position}"
    taken = set(survey.questions.exclude(pk=question.pk).values_list("key", flat=True))
    key, number = base, 1
    while key in taken:
        number += 1
        suffix = f"_{number}"
        key = base[: 40 - len(suffix)].rstrip("_") + suffix
    return key


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    survey = question.survey
    _require_draft(actor, survey)
    if survey.questions.filter(show_if__question=question.key).exists():
        raise ValidationError("Other questions follow up on this one; change them first.")
    audit_record(
        organisation=survey.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=survey,
        changes={"question": [question.key, None]},
    )
    question.delete()


@transaction.atomic
def question_move(*, actor: User, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above or below."""
    survey = question.survey
    _require_draft(actor, survey)
    neighbours = survey.questions.filter(
        position__lt=question.position if up else 10**6,
        position__gt=-1 if up else question.position,
    ).order_by("-position" if up else "position")
    neighbour = neighbours.first()
    if neighbour is None:
        return
    question.position, neighbour.position = neighbour.position, question.position
    Question.objects.bulk_update([question, neighbour], ["position"])
