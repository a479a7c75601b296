"""Changing a survey's questions. Questions change only while the survey is a draft: once people
answer, the questions they answered must stay as they were."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import get_text_list, slugify

from centric.core.audit import audit_record
from centric.core.models import AuditEvent
from centric.core.permissions import require_org_wide
from centric.feedback import answers as answer_rules
from centric.feedback.models import Question, Survey
from centric.people.models import LANGUAGES, User

LANGUAGE_NAMES = dict(LANGUAGES)


def _require_draft(actor: User, survey: Survey) -> None:
    require_org_wide(actor)
    if survey.status != Survey.Status.DRAFT:
        raise PermissionDenied("Questions can only change while the survey is a draft.")


def options_from_lines(
    text: str,
    languages: Sequence[str] = ("en", "de"),
    earlier: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """One option a line, its wording in each of ``languages`` (the survey's default language
    first, as ``question_languages`` orders them) separated by ``|``; a language may be left out
    (``Price | | Prix``), the first may not. An option keeps the code and the other languages'
    labels of the ``earlier`` option worded as it is in the first language, so that a follow-up
    or an export naming the code holds; a new option's code is made from that wording."""
    first = languages[0]
    name = LANGUAGE_NAMES.get(first, first)
    kept = {option["label"].get(first): option for option in earlier if option["label"].get(first)}
    options: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > len(languages):
            raise ValidationError(
                f"Line {number} has {len(parts)} wordings, and the survey has "
                f"{len(languages)} language{'s' if len(languages) != 1 else ''} "
                f"({', '.join(languages)}): separate its languages by “|”, one option a line."
            )
        if not parts[0]:
            raise ValidationError(
                f"Line {number} has no {name} wording. {name} is the survey's default language, "
                "the first wording on each line, and every option needs it."
            )
        label = {code: part for code, part in zip(languages, parts, strict=False) if part}
        same = kept.get(parts[0])
        if same is not None:
            # the words of languages the survey does not offer now wait for when it does again
            waiting = {
                code: words for code, words in same["label"].items() if code not in languages
            }
            options.append({"value": same["value"], "label": {**label, **waiting}})
        else:
            value = slugify(parts[0])[:40] or f"option-{len(options) + 1}"
            options.append({"value": value, "label": label})
    values = [option["value"] for option in options]
    if len(set(values)) != len(values):
        raise ValidationError("Two options have the same wording.")
    return options


def options_as_lines(options: Sequence[Mapping[str, Any]], languages: Sequence[str]) -> str:
    """``options`` as ``options_from_lines`` reads them: one a line, its wording in each of
    ``languages`` separated by `` | ``, the empty ones at the end left out."""
    return "\n".join(
        " | ".join(item["label"].get(code, "") for code in languages).rstrip(" |")
        for item in options
    )


# The kinds of question that use the fields beyond those every question has: options, and a
# scale of their own (NPS, CSAT and CES have fixed scales).
KINDS_WITH_OPTIONS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
KINDS_WITH_A_SCALE = (Question.Kind.RATING,)


def _require_only_the_kinds_fields(question: Question) -> None:
    """A question holds only the fields its kind uses: options on an NPS question, say, would be
    kept and never shown. Errors name the form's field."""
    kind = dict(Question.Kind.choices).get(question.kind, question.kind)
    errors: dict[str, str] = {}
    if question.options and question.kind not in KINDS_WITH_OPTIONS:
        errors["options"] = (
            f"Only single and multiple choice questions have options, not “{kind}”: clear "
            "them, or choose one of those kinds."
        )
    if question.kind not in KINDS_WITH_A_SCALE:
        errors |= {
            field: f"Only a rating question sets its scale, not “{kind}”: clear it, or choose "
            "“Rating”."
            for field in ("scale_min", "scale_max")
            if getattr(question, field) is not None
        }
    if errors:
        raise ValidationError(errors)


def _validate(survey: Survey, question: Question) -> None:
    _require_only_the_kinds_fields(question)
    if question.kind in KINDS_WITH_OPTIONS and len(question.options) < 2:
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
        bounds = answer_rules.scale(earlier)
        if bounds is None:
            raise ValidationError("A follow-up depends on a score question.")
        _require_condition_on_scale(condition, earlier, bounds)
    if question.pk is not None:
        _require_follow_ups_still_hold(survey, question)


# The fields of ``QuestionForm`` that hold a follow-up's lowest and highest score, and their names
# in messages: errors are reported on them.
CONDITION_FIELDS = {"min": ("show_min", "At least"), "max": ("show_max", "At most")}


def _require_condition_on_scale(
    condition: Mapping[str, Any], followed: Question, bounds: tuple[int, int]
) -> None:
    """The scores that show a follow-up lie on the scale of the question it follows and run from
    a lower to a higher number, as a rating's scale does; errors name the form's field."""
    low, high = bounds
    errors = {
        field: f"“{label}” must be a score from {low} to {high}, the scale of “{_name(followed)}”; "
        f"{condition[bound]} is not on it."
        for bound, (field, label) in CONDITION_FIELDS.items()
        if bound in condition and not low <= condition[bound] <= high
    }
    if not errors and condition.get("min", low) > condition.get("max", high):
        errors["show_max"] = (
            f"“At most” ({condition['max']}) is below “at least” ({condition['min']}): the "
            "scores that show a follow-up run from a lower to a higher number."
        )
    if errors:
        raise ValidationError(errors)


def _name(question: Question) -> str:
    """A question as staff know it: its wording in the survey's default language."""
    return answer_rules.localised(question.text, question.survey.default_language) or question.key


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
        names = ", ".join(f"“{_name(item)}”" for item in broken)
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
    # a new question goes at the end of its page, a changed page moves it there
    _renumber(_in_page_order(survey))
    question.refresh_from_db(fields=["position"])
    audit_record(
        organisation=survey.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=survey,
        changes={"question": [None, question.key]},
    )
    return question


def _free_key(survey: Survey, question: Question) -> str:
    """A key from the question's wording in the survey's default language, with a number added
    when another question of the survey has it already (wordings that start alike). Made once:
    a question's key never changes, whatever its wording becomes."""
    wording = answer_rules.localised(question.text, survey.default_language)
    base = slugify(wording)[:40].replace("-", "_") or f"q{question.position}"
    taken = set(survey.questions.exclude(pk=question.pk).values_list("key", flat=True))
    key, number = base, 1
    while key in taken:
        number += 1
        suffix = f"_{number}"
        key = base[: 40 - len(suffix)].rstrip("_") + suffix
    return key


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    """Delete a draft's question; refused, naming them, while other questions follow up on it."""
    survey = question.survey
    _require_draft(actor, survey)
    follow_ups = list(
        survey.questions.filter(show_if__question=question.key).order_by("page", "position")
    )
    if follow_ups:
        raise ValidationError(followed_up(question, follow_ups, survey))
    audit_record(
        organisation=survey.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=survey,
        changes={"question": [question.key, None]},
    )
    question.delete()


def worded(question: Question, survey: Survey) -> str:
    """A question as staff know it: its wording in the survey's default language (else in
    English, else any), or its key."""
    return answer_rules.localised(question.text, survey.default_language) or question.key


def followed_up(question: Question, follow_ups: Sequence[Question], survey: Survey) -> str:
    """Why ``question`` cannot be deleted: the questions that follow up on it, named."""
    names = get_text_list([f"“{worded(item, survey)}”" for item in follow_ups], "and")
    one = len(follow_ups) == 1
    return (
        f"“{worded(question, survey)}” cannot be deleted: {names} {'follows' if one else 'follow'} "
        f"up on it. Change {'it' if one else 'them'} to show always, or delete "
        f"{'it' if one else 'them'}, first."
    )


def _in_page_order(survey: Survey) -> list[Question]:
    """The survey's questions as respondents meet them: page by page, each page in its order."""
    return list(survey.questions.order_by("page", "position"))


def _renumber(questions: list[Question]) -> None:
    """Number the questions in the order given. Given in page order, no question comes before one
    on an earlier page, and so no follow-up before the question it depends on (always on an
    earlier page), wherever questions are read by position: the survey's page, a response's
    answers, the exports."""
    changed = []
    for position, question in enumerate(questions):
        if question.position != position:
            question.position = position
            changed.append(question)
    Question.objects.bulk_update(changed, ["position"])


@transaction.atomic
def question_move(*, actor: User, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above or below on the same page. A question moves to
    another page by changing its page, so a move never breaks the order of pages."""
    survey = question.survey
    _require_draft(actor, survey)
    ordered = _in_page_order(survey)
    index = next(index for index, item in enumerate(ordered) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    if ordered[other].page != ordered[index].page:
        _refuse_move_across_pages(ordered[index], ordered[other], up=up)
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)


def _refuse_move_across_pages(question: Question, neighbour: Question, *, up: bool) -> NoReturn:
    first_or_last, before_or_after = ("first", "before") if up else ("last", "after")
    message = (
        f"“{_name(question)}” is the {first_or_last} question on page {question.page}, and page "
        f"{neighbour.page} comes {before_or_after} it."
    )
    if question.show_if.get("question") == neighbour.key:
        message += f" It follows up on “{_name(neighbour)}”, so it stays after it."
    elif neighbour.show_if.get("question") == question.key:
        message += f" “{_name(neighbour)}” follows up on it, so it stays before it."
    else:
        message += f" To move it to page {neighbour.page}, edit it and change its page."
    raise ValidationError(message)
