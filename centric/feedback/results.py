"""A survey's results question by question, of the submitted responses the reader may see: how
many answered, the question's figure with its interval (NPS, CSAT, CES, the average of a
rating), how the answers spread over the scale or the options, and NPS's three groups. A
question that measures something the product names (one of the six behaviours, say) is named."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import polars as pl
from django.db.models import Count, QuerySet

from centric.core.periods import Window
from centric.feedback import answers as answer_rules
from centric.feedback.models import Answer, Question, Response, Survey
from centric.feedback.scales import SCALE_ENDS
from centric.feedback.selectors import (
    CENTRICITY_TEMPLATE,
    centricity_frame,
    headline_metric,
    responses_visible_to,
)
from centric.insights.metrics import Ces, Csat, Estimate, MeanScore, Metric, Nps, estimate
from centric.people.models import User

# NPS's groups, by the answers each takes
NPS_GROUPS = (("Detractors", 0, 6), ("Passives", 7, 8), ("Promoters", 9, 10))

INTERNAL_CUSTOMER_TEMPLATE = "internal-customer"
# What each of the six behaviours an internal customer rates a team on is called (seed 001),
# by its question's key in the internal-customer template; each question is a statement about
# the team ("They put themselves in our shoes"), which the results show after the name.
BEHAVIOUR_NAMES = {
    "self_awareness": "Self-awareness",
    "listening": "Listening",
    "questioning": "Questioning",
    "empathy": "Empathy",
    "responsiveness": "Responsiveness",
    "receives_feedback": "Receiving feedback",
}
# the customer-centricity survey's three questions (seed 003), which make its index
CENTRICITY_NAMES = {"discovery": "Discovery", "service": "Service", "engagement": "Engagement"}
# the rating questions named in the results, by the template a survey was made from
QUESTION_NAMES = {
    INTERNAL_CUSTOMER_TEMPLATE: BEHAVIOUR_NAMES,
    CENTRICITY_TEMPLATE: CENTRICITY_NAMES,
}


def question_name(survey: Survey, question: Question) -> str:
    """What a rating question of ``survey`` measures, by name ("Empathy"), where its template
    names it; else empty."""
    if question.kind != "rating":
        return ""
    return QUESTION_NAMES.get(survey.template, {}).get(question.key, "")


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float  # percent of those who answered the question


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    wording: str
    answered: int
    figure: Estimate | None = None
    unit: str = ""  # after the figure: "%" for CSAT
    bars: tuple[Bar, ...] = ()  # each point of the scale, or each option
    groups: tuple[Bar, ...] = ()  # NPS's detractors, passives and promoters
    several: bool = False  # a question of several choices: its shares add up to more than 100%
    ends: tuple[str, str] | None = None  # what the lowest and highest point of a scale mean
    name: str = ""  # what it measures, where the product names it (``question_name``)


@dataclass(frozen=True)
class Selection:
    """Which submitted responses a survey's results count: those answering the invitations of
    one ``wave`` or every one, given within a ``window`` of time or at any time."""

    wave: int | None = None
    window: Window | None = None


EVERY = Selection()


def responses_counted(
    *, actor: User, survey: Survey, selection: Selection = EVERY
) -> QuerySet[Response]:
    """The responses a survey's results count: every submitted one the actor may see, of the
    ``selection``."""
    responses = responses_visible_to(actor).filter(survey=survey, submitted_at__isnull=False)
    if selection.wave is not None:
        responses = responses.filter(invitation__wave=selection.wave, invitation__follow_up=False)
    if selection.window is not None:
        responses = responses.filter(
            responded_at__gte=selection.window.start, responded_at__lt=selection.window.end
        )
    return responses


def survey_results(
    *, actor: User, survey: Survey, selection: Selection = EVERY
) -> list[QuestionResult]:
    """Every question of ``survey``, in order, with the results of its answers (see
    ``responses_counted``)."""
    responses = responses_counted(actor=actor, survey=survey, selection=selection)
    answers = Answer.objects.filter(question__survey=survey, response__in=responses).order_by()
    numbers: dict[int, Counter[int]] = {}
    for question_id, number, count in (
        answers.filter(number__isnull=False)
        .values_list("question_id", "number")
        .annotate(count=Count("pk"))
    ):
        numbers.setdefault(question_id, Counter())[number] = count
    # a single choice is kept as its option's value in ``text``
    picked: dict[int, Counter[str]] = {}
    for question_id, value, count in (
        answers.filter(question__kind="single")
        .exclude(text="")
        .values_list("question_id", "text")
        .annotate(count=Count("pk"))
    ):
        picked.setdefault(question_id, Counter())[value] = count
    written = dict(
        answers.filter(question__kind="text")
        .exclude(text="")
        .values_list("question_id")
        .annotate(count=Count("pk"))
        .values_list("question_id", "count")
    )
    chosen: dict[int, Counter[str]] = {}
    lists: dict[int, int] = Counter()
    for question_id, choices in answers.filter(question__kind="multiple").values_list(
        "question_id", "choices"
    ):
        if choices:
            chosen.setdefault(question_id, Counter()).update(choices)
            lists[question_id] += 1
    language = survey.default_language
    results = []
    for question in survey.questions.order_by("page", "position"):
        wording = answer_rules.localised(question.text, language) or question.key
        if question.kind in ("nps", "csat", "ces", "rating"):
            ends = SCALE_ENDS.get(language, SCALE_ENDS["en"])[question.kind]
            found = numbers.get(question.pk, Counter())
            results.append(_scored(question, wording, found, ends, question_name(survey, question)))
        elif question.kind == "single":
            counts = picked.get(question.pk, Counter())
            results.append(_chosen(question, wording, counts, sum(counts.values()), language))
        elif question.kind == "multiple":
            counts = chosen.get(question.pk, Counter())
            results.append(_chosen(question, wording, counts, lists[question.pk], language))
        else:
            results.append(QuestionResult(question, wording, written.get(question.pk, 0)))
    return results


def centricity_result(
    *, actor: User, survey: Survey, selection: Selection = EVERY
) -> Estimate | None:
    """The customer-centricity index of the responses a customer-centricity survey's results
    count (see ``responses_counted``); none for any other survey."""
    headline = headline_metric(survey, survey.questions.values_list("kind", "key"))
    if headline is None or headline.kind != "centricity":
        return None
    responses = responses_counted(actor=actor, survey=survey, selection=selection)
    return estimate(centricity_frame(responses, "survey_id"), headline.metric)


def _scored(
    question: Question, wording: str, found: Counter[int], ends: tuple[str, str], name: str = ""
) -> QuestionResult:
    bounds = answer_rules.scale(question)
    assert bounds is not None  # a score question has a scale
    low, high = bounds
    # answers are checked against the scale as they are given, and a survey's questions are
    # fixed once it opens: anything off the scale is no answer to this question
    counts = Counter({point: n for point, n in found.items() if low <= point <= high})
    answered = sum(counts.values())
    metric, unit = _metric(question, low, high)
    figure = None
    if answered:
        frame = pl.DataFrame({"value": list(counts), "count": list(counts.values())})
        values = frame.select(pl.col("value").repeat_by("count").explode().alias(_column(metric)))
        figure = estimate(values, metric)
    bars = tuple(Bar(str(point), counts[point], _share(counts[point], answered))
                 for point in range(low, high + 1))  # fmt: skip
    groups: tuple[Bar, ...] = ()
    if question.kind == "nps":
        groups = tuple(
            Bar(name, n := sum(counts[p] for p in range(a, b + 1)), _share(n, answered))
            for name, a, b in NPS_GROUPS
        )
    return QuestionResult(
        question, wording, answered, figure, unit, bars, groups, ends=ends, name=name
    )


def _metric(question: Question, low: int, high: int) -> tuple[Metric, str]:
    if question.kind == "nps":
        return Nps(), ""
    if question.kind == "csat":
        return Csat(), "%"
    if question.kind == "ces":
        return Ces(), ""
    return MeanScore(low=low, high=high), ""


def _column(metric: Metric) -> str:
    (column,) = metric.columns()
    return column


def _chosen(
    question: Question, wording: str, counts: Counter[str], answered: int, language: str
) -> QuestionResult:
    """The options in the order the question lists them, then any answer no longer an option."""
    values = [str(option["value"]) for option in question.options]
    values += [value for value in counts if value not in values]
    bars = tuple(
        Bar(answer_rules.display(question, value, language), counts[value],
            _share(counts[value], answered))
        for value in values
    )  # fmt: skip
    return QuestionResult(
        question, wording, answered, bars=bars, several=question.kind == "multiple"
    )


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0
