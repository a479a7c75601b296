"""How the teams a team serves rate it (seed 001): the results of the surveys that rate the team
(``Survey.subject_team``, made from the internal-customer template), for the team's page, the
teams list and a team-rating survey's waves.

The latest results are those of the latest survey rating the team that has answers the reader
may see, and in it of the latest wave with answers (of every answer, where none came by
invitation). Every figure counts what the survey's own results count
(``results.responses_counted``), so each reader sees the ratings they may see, and one who may
see none sees no figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Case, Count, F, Max, Min, QuerySet, When
from django.utils import timezone

from centric.feedback import answers as answer_rules
from centric.feedback.models import Answer, Question, Response, Survey
from centric.feedback.results import BEHAVIOUR_NAMES, responses_counted
from centric.feedback.selectors import (
    HeadlineMetric,
    headline_metric,
    responses_visible_to,
    survey_list,
)
from centric.insights.metrics import Difference, Estimate, MeanScore, Metric, estimate
from centric.insights.metrics.compare import difference_of
from centric.insights.metrics.scores import summarise
from centric.people.models import Team, User
from centric.people.selectors import team_ids_of

# A rating team is shown apart from this many answers on: fewer are pooled with the other teams
# that have too few, so that no figure of one team rests on one or two people's answers.
SHOWN_APART_FROM = 3
OTHER_TEAMS = "Other teams"


@dataclass(frozen=True)
class Behaviour:
    """One of the six behaviours a survey asks about: its name and the statement rated."""

    key: str
    name: str
    statement: str


@dataclass(frozen=True)
class Figure:
    """A wave's figure (its headline, or a behaviour's average) with the change from the wave
    before: only where both waves' figures are reliable, as in the survey's waves table."""

    score: Estimate
    change: Difference | None = None

    @property
    def clear_change(self) -> bool:
        """Whether the change from the wave before is clear (significant at 95%)."""
        return self.change is not None and self.change.significant


@dataclass(frozen=True)
class RatedWave:
    """One wave's ratings: how many answered, the headline and each behaviour's average, in the
    order of ``SurveyRatings.behaviours``. ``number`` is None for every answer together (a
    survey none of whose answers came by invitation)."""

    number: int | None
    answered: int
    headline: Figure | None
    behaviours: tuple[Figure, ...]


@dataclass(frozen=True)
class RatingTeam:
    """How one team rates the team, in the latest results; or, as ``OTHER_TEAMS``, the teams
    with fewer than ``SHOWN_APART_FROM`` answers each, pooled."""

    name: str
    team_id: int | None  # None for the teams pooled
    teams: int  # how many teams: 1 for a team shown apart
    answered: int
    headline: Estimate | None
    behaviours: tuple[tuple[Behaviour, Estimate], ...]

    @property
    def shown(self) -> bool:
        """Whether its figures are shown: the teams pooled may still be too few."""
        return self.answered >= SHOWN_APART_FROM


@dataclass(frozen=True)
class SurveyRatings:
    """A team-rating survey's headline and behaviours wave by wave, of the answers the reader
    may see, and how each rating team rates the team in the latest wave."""

    survey: Survey
    behaviours: tuple[Behaviour, ...]
    headline: HeadlineMetric | None  # none for a survey that asks no NPS, CSAT or CES
    # wave 1 to the last with answers; or every answer together, where none came by invitation
    waves: tuple[RatedWave, ...]
    raters: tuple[RatingTeam, ...]  # of the latest wave: those shown apart, then the pooled

    @property
    def latest(self) -> RatedWave | None:
        return self.waves[-1] if self.waves else None

    @property
    def previous(self) -> RatedWave | None:
        """The wave before the latest, which its changes are from."""
        return self.waves[-2] if len(self.waves) > 1 else None

    @property
    def latest_rows(self) -> list[tuple[Behaviour, Figure, Figure | None]]:
        """Each behaviour with its figure in the latest results and in the wave before."""
        latest, previous = self.latest, self.previous
        if latest is None:
            return []
        return [
            (behaviour, figure, previous.behaviours[index] if previous else None)
            for index, (behaviour, figure) in enumerate(
                zip(self.behaviours, latest.behaviours, strict=True)
            )
        ]

    @property
    def headline_trend(self) -> list[tuple[RatedWave, Figure]]:
        """The headline in each wave, first to last (none without a headline)."""
        return [(wave, wave.headline) for wave in self.waves if wave.headline is not None]

    @property
    def trend_rows(self) -> list[tuple[Behaviour, list[tuple[RatedWave, Figure]]]]:
        """Each behaviour with its figure in each wave, first to last."""
        return [
            (behaviour, [(wave, wave.behaviours[index]) for wave in self.waves])
            for index, behaviour in enumerate(self.behaviours)
        ]


@dataclass(frozen=True)
class TeamRatings:
    """How the teams a team serves rate it, for its page: the surveys rating it and the latest
    results the reader may see (``ratings``: none when there are none)."""

    team: Team
    surveys: list[Survey]  # rating the team, newest first, drafts aside, with their counts
    ratings: SurveyRatings | None
    own_team: bool  # the reader leads or belongs to the team
    first_answer: dt.date | None  # the day of the first answer the reader may see

    @property
    def answered_anywhere(self) -> int:
        """The answers to the surveys, seen by the reader or not (as the surveys list says)."""
        return sum(survey.answered for survey in self.surveys)  # type: ignore[attr-defined]

    @property
    def hidden(self) -> bool:
        """Whether the team has been rated but the reader may see none of the answers."""
        return self.ratings is None and self.answered_anywhere > 0


@dataclass(frozen=True)
class TeamHeadline:
    """A team's latest rating in a word, for the teams list: the headline of its latest
    results (``team_ratings``)."""

    label: str
    unit: str
    score: Estimate
    survey_id: int
    wave: int | None


def team_ratings(*, actor: User, team: Team) -> TeamRatings:
    """How the teams ``team`` serves rate it, as ``actor`` may see it (see the module)."""
    surveys = list(
        survey_list(actor=actor)
        .filter(subject_team=team)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-created_at", "-pk")
    )
    answered = _answered(
        responses_visible_to(actor).filter(survey__in=surveys), "survey_id", "wave"
    ).annotate(first=Min("responded_at"))
    latest = _latest((survey_id, wave, last) for survey_id, wave, last, _ in answered)
    if latest is None:
        return TeamRatings(team, surveys, None, team.pk in team_ids_of(actor), None)
    survey_id, _ = latest
    survey = next(survey for survey in surveys if survey.pk == survey_id)
    first = min((when for pk, _, _, when in answered if pk == survey_id and when), default=None)
    return TeamRatings(
        team=team,
        surveys=surveys,
        ratings=survey_ratings(actor=actor, survey=survey),
        own_team=team.pk in team_ids_of(actor),
        first_answer=timezone.localdate(first) if first else None,
    )


def survey_ratings(*, actor: User, survey: Survey) -> SurveyRatings:
    """A team-rating survey's headline and behaviours, wave by wave, of the answers its results
    count for ``actor`` (``responses_counted``); and how each rating team rates the team in
    the latest wave."""
    questions = list(survey.questions.all())
    asked = {q.key: q for q in questions if q.kind == "rating" and q.key in BEHAVIOUR_NAMES}
    rated = [asked[key] for key in BEHAVIOUR_NAMES if key in asked]
    behaviours = tuple(
        Behaviour(
            question.key,
            BEHAVIOUR_NAMES[question.key],
            answer_rules.localised(question.text, survey.default_language) or question.key,
        )
        for question in rated
    )
    metrics = [_behaviour_metric(question) for question in rated]
    headline = headline_metric(survey, [(question.kind, question.key) for question in questions])
    if headline is not None and headline.kind == "centricity":
        headline = None  # an index of three answers, not a score a response holds
    responses = responses_counted(actor=actor, survey=survey)
    # one row per response: its wave, its team (the respondent's own) and its headline score
    found = list(
        responses.annotate(wave=_wave()).values_list(
            "pk", "wave", "customer__team_id", "customer__team__name", "score_type", "score"
        )
    )
    by_wave = any(wave is not None for _, wave, *_ in found)
    groups: dict[int | None, list[_Answers]] = defaultdict(list)
    of_response: dict[int, _Answers] = {}
    for pk, wave, team_id, team_name, score_type, score in found:
        if by_wave and wave is None:
            continue  # an answer by the open link or after a case, in no wave
        answers = _Answers(team_id, team_name or "", {})
        if headline is not None and score_type == headline.kind and score is not None:
            answers.values["headline"] = score
        groups[wave if by_wave else None].append(answers)
        of_response[pk] = answers
    for response_id, key, number in Answer.objects.filter(
        response__in=responses, question__in=rated, number__isnull=False
    ).values_list("response_id", "question__key", "number"):
        if response_id in of_response and number is not None:
            of_response[response_id].values[key] = number
    keys = ["headline", *(behaviour.key for behaviour in behaviours)]
    measures: list[Metric | None] = [headline.metric if headline else None, *metrics]
    # wave 1 to the last with answers, each compared with the one before; or every answer
    numbers: list[int | None] = [None] if groups else []
    if by_wave:
        numbers = list(range(1, max(wave for wave in groups if wave is not None) + 1))
    waves = []
    for number in numbers:
        here = groups.get(number, [])
        before = groups.get(number - 1) if number is not None and number > 1 else None
        figures = [
            _figure(here, before, key, metric) if metric is not None else None
            for key, metric in zip(keys, measures, strict=True)
        ]
        waves.append(
            RatedWave(
                number=number,
                answered=len(here),
                headline=figures[0],
                behaviours=tuple(figure for figure in figures[1:] if figure is not None),
            )
        )
    latest = groups.get(numbers[-1], []) if numbers else []
    return SurveyRatings(
        survey=survey,
        behaviours=behaviours,
        headline=headline,
        waves=tuple(waves),
        raters=_raters(
            latest,
            headline.metric if headline else None,
            list(zip(behaviours, metrics, strict=True)),
        ),
    )


def team_headlines(*, actor: User, teams: Iterable[Team]) -> dict[int, TeamHeadline]:
    """Each team's latest rating (the headline of ``team_ratings``'s latest results), for the
    teams that have one the reader may see; in three queries, however many the teams."""
    found = _answered(
        responses_visible_to(actor)
        .filter(survey__subject_team__in=[team.pk for team in teams])
        .exclude(survey__status=Survey.Status.DRAFT),
        "survey__subject_team_id",
        "survey_id",
        "wave",
        "score_type",
        "score",
    ).annotate(count=Count("pk"))
    rows: dict[int, list[tuple[int, int | None, str, int | None, int]]] = defaultdict(list)
    answered: dict[int, list[tuple[int, int | None, dt.datetime | None]]] = defaultdict(list)
    for team_id, survey_id, wave, score_type, score, last, count in found:
        rows[team_id].append((survey_id, wave, score_type, score, count))
        answered[team_id].append((survey_id, wave, last))
    chosen = {
        team_id: latest
        for team_id, lasts in answered.items()
        if (latest := _latest(lasts)) is not None
    }
    surveys = Survey.objects.filter(pk__in={survey_id for survey_id, _ in chosen.values()})
    headlines = {
        survey.pk: metric
        for survey in surveys.prefetch_related("questions")
        if (metric := headline_metric(survey, [(q.kind, q.key) for q in survey.questions.all()]))
        and metric.kind != "centricity"
    }
    shown = {}
    for team_id, (survey_id, wave) in chosen.items():
        headline = headlines.get(survey_id)
        if headline is None:
            continue
        low, high = headline.metric.input_range()
        scores = [
            score
            for pk, at, kind, score, count in rows[team_id]
            if pk == survey_id
            and (wave is None or at == wave)
            and kind == headline.kind
            and score is not None
            and low <= score <= high
            for _ in range(count)
        ]
        shown[team_id] = TeamHeadline(
            label=headline.label,
            unit=headline.unit,
            score=estimate(_frame(scores), headline.metric),
            survey_id=survey_id,
            wave=wave,
        )
    return shown


@dataclass
class _Answers:
    """One response's team and its answers, by question key ("headline" for its headline)."""

    team_id: int | None
    team_name: str
    values: dict[str, int]


def _behaviour_metric(question: Question) -> MeanScore:
    bounds = answer_rules.scale(question)
    assert bounds is not None  # a rating question has a scale
    return MeanScore(low=bounds[0], high=bounds[1])


def _values(group: Sequence[_Answers], key: str, metric: Metric) -> list[int]:
    """The answers to ``key`` in ``group`` on the metric's scale: an answer off it (the scale
    was changed while the survey was a draft) is no answer, as in the survey's results."""
    low, high = metric.input_range()
    return [
        value
        for answers in group
        if (value := answers.values.get(key)) is not None and low <= value <= high
    ]


def _frame(values: Sequence[int]) -> pl.DataFrame:
    return pl.DataFrame({"score": list(values)}, schema={"score": pl.Int64})


def _figure(
    group: Sequence[_Answers], before: Sequence[_Answers] | None, key: str, metric: Metric
) -> Figure:
    """The figure of ``key`` in ``group``, with the change from the wave ``before`` where both
    are reliable: the rule of the survey's waves table (``selectors.survey_waves``)."""
    now = _frame(_values(group, key, metric))
    score = estimate(now, metric)
    if before is None or not score.reliable:
        return Figure(score)
    then = _frame(_values(before, key, metric))
    if not estimate(then, metric).reliable:
        return Figure(score)
    return Figure(score, difference_of(summarise(now, metric), summarise(then, metric), metric))


def _raters(
    group: Sequence[_Answers],
    headline: Metric | None,
    behaviours: Sequence[tuple[Behaviour, Metric]],
) -> tuple[RatingTeam, ...]:
    """How each team rates the team in ``group``: those with ``SHOWN_APART_FROM`` answers or
    more apart, most answers first; then the others pooled, if any."""
    by_team: dict[int | None, list[_Answers]] = defaultdict(list)
    for answers in group:
        by_team[answers.team_id].append(answers)
    apart = sorted(
        (
            (team_id, answers)
            for team_id, answers in by_team.items()
            if team_id is not None and len(answers) >= SHOWN_APART_FROM
        ),
        key=lambda pair: (-len(pair[1]), pair[1][0].team_name),
    )
    shown = {team_id for team_id, _ in apart}
    pooled = [answers for answers in group if answers.team_id not in shown]
    raters = [
        _rater(answers[0].team_name, team_id, 1, answers, headline, behaviours)
        for team_id, answers in apart
    ]
    if pooled:
        teams = len({answers.team_id for answers in pooled})
        raters.append(_rater(OTHER_TEAMS, None, teams, pooled, headline, behaviours))
    return tuple(raters)


def _rater(
    name: str,
    team_id: int | None,
    teams: int,
    group: Sequence[_Answers],
    headline: Metric | None,
    behaviours: Sequence[tuple[Behaviour, Metric]],
) -> RatingTeam:
    return RatingTeam(
        name=name,
        team_id=team_id,
        teams=teams,
        answered=len(group),
        headline=_estimate(group, "headline", headline) if headline else None,
        behaviours=tuple(
            (behaviour, _estimate(group, behaviour.key, metric)) for behaviour, metric in behaviours
        ),
    )


def _estimate(group: Sequence[_Answers], key: str, metric: Metric) -> Estimate:
    return estimate(_frame(_values(group, key, metric)), metric)


def _wave() -> Case:
    """A response's wave: its invitation's; None for an answer by the open link or a case's
    re-survey, which belong to no wave (as in ``selectors.survey_waves``)."""
    return Case(When(invitation__follow_up=False, then=F("invitation__wave")), default=None)


def _answered(responses: QuerySet[Response], *fields: str) -> QuerySet[Response, Any]:
    """The submitted ``responses`` grouped by ``fields`` (``wave`` is the response's wave), each
    group with when it was last answered (``last``)."""
    return (
        responses.filter(submitted_at__isnull=False)
        .annotate(wave=_wave())
        .order_by()
        .values_list(*fields)
        .annotate(last=Max("responded_at"))
    )


def _latest(
    rows: Iterable[tuple[int, int | None, dt.datetime | None]],
) -> tuple[int, int | None] | None:
    """Of (survey, wave, when last answered) rows, the survey answered last and its latest wave
    with answers (None where none came by invitation); None without rows."""
    last: dict[int, tuple[dt.datetime, int]] = {}
    waves: dict[int, list[int]] = defaultdict(list)
    for survey_id, wave, when in rows:
        key = (when or EARLIEST, survey_id)
        last[survey_id] = max(last.get(survey_id, key), key)
        if wave is not None:
            waves[survey_id].append(wave)
    if not last:
        return None
    survey_id = max(last, key=last.__getitem__)
    return survey_id, max(waves[survey_id], default=None)


# before every answer: what an answer without a time (none is stored so) is taken as
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)
