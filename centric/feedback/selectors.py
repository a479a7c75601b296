"""Reads: surveys are visible to everyone in the organisation; responses follow the customers a
person may see (their accounts' contacts, their teams' internal customers), except the answers
to a survey that rates a team, which belong to that team (``responses_visible_to``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import polars as pl
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from centric.core import clock
from centric.core.permissions import sees_whole_organisation
from centric.core.queries import CompiledQuery
from centric.customers.models import Contact
from centric.customers.selectors import customers_visible_to
from centric.feedback.answers import localised
from centric.feedback.models import (
    Answer,
    Invitation,
    JourneyStage,
    OptOut,
    Question,
    Response,
    Survey,
)
from centric.feedback.wording import SURVEY_LANGUAGES, day_in_words
from centric.insights.metrics import (
    CentricityIndex,
    Ces,
    Csat,
    Difference,
    Estimate,
    Metric,
    Nps,
)
from centric.insights.metrics.compare import difference_of
from centric.insights.metrics.scores import (
    Summary,
    estimate_from_summary,
    summary_aggregations,
    summary_from_row,
)
from centric.people.models import User
from centric.people.selectors import team_ids_of

# A reminder goes to those invited at least this long ago who have not answered.
REMINDER_AFTER = timedelta(days=3)
# A wave runs this long after its last invitation was emailed before the next is offered: time
# for its one reminder (REMINDER_AFTER on) and for answering it. Only the current wave is
# reminded, so a wave started sooner leaves the one before without its reminder.
WAVE_RUNS_FOR = timedelta(weeks=1)


def survey_list(*, actor: User) -> QuerySet[Survey]:
    """The organisation's surveys, each with how many were invited, how many answered, and how
    many of those answered their invitation (the others came by the open link)."""
    answered = Response.objects.filter(survey=OuterRef("pk"), submitted_at__isnull=False)
    return Survey.objects.filter(organisation_id=actor.organisation_id).annotate(
        invited=_count(Invitation.objects.filter(survey=OuterRef("pk"))),
        answered=_count(answered),
        answered_invited=_count(answered.filter(invitation__isnull=False)),
        answered_by_link=_count(answered.filter(invitation__isnull=True)),
    )


def _count(rows: QuerySet[Invitation] | QuerySet[Response]) -> Coalesce:
    """How many ``rows`` a survey has, as a subquery: counts over two joins in one query would
    read every invitation with every response."""
    per_survey = rows.order_by().values("survey").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(per_survey), 0)


@dataclass(frozen=True)
class Wave:
    """One wave of a relationship survey: how many were invited in it, emailed, and answered
    their invitation, when its invitations were emailed, the survey's headline score among its
    answers and the change from the wave before."""

    number: int
    invited: int = 0
    emailed: int = 0
    answered: int = 0
    first_sent: datetime | None = None
    last_sent: datetime | None = None
    # the survey's headline score (none for a survey that asks no NPS, CSAT or CES question)
    score: Estimate | None = None
    unit: str = ""  # of the score: "%" for CSAT
    # from the wave before, where both waves' scores are reliable
    change: Difference | None = None

    @property
    def next_wave_from(self) -> datetime | None:
        """When the wave after this one may start: ``WAVE_RUNS_FOR`` after this one's last
        invitation was emailed; None while none has been."""
        return self.last_sent + WAVE_RUNS_FOR if self.last_sent else None

    def has_run(self, now: datetime) -> bool:
        """Whether the wave is done by ``now``, so the next may start unconfirmed: everyone in
        it has answered, or ``next_wave_from`` has come."""
        if self.invited and self.answered == self.invited:
            return True
        starts = self.next_wave_from
        return starts is not None and starts <= now


# the customer-centricity survey (seed 003): its three questions, each a rating of 1-5, make the
# customer-centricity index, which is its headline
CENTRICITY_TEMPLATE = "customer-centricity"
CENTRICITY_KEYS = ("discovery", "service", "engagement")


@dataclass(frozen=True)
class HeadlineMetric:
    """What a survey is summed up by: the kind of score (a response's ``score_type``, or
    "centricity"), its metric, its unit and its short name."""

    kind: str
    metric: Metric
    unit: str
    label: str


# NPS, else CSAT, else CES: the first a survey asks, in the order a response's headline is chosen
_SCORE_HEADLINES = (
    HeadlineMetric("nps", Nps(column="score"), "", "NPS"),
    HeadlineMetric("csat", Csat(column="score"), "%", "CSAT"),
    HeadlineMetric("ces", Ces(column="score"), "", "CES"),
)
_CENTRICITY = HeadlineMetric("centricity", CentricityIndex(), "", "Centricity index")


def scores_asked(survey: Survey, asked: Iterable[tuple[str, str]]) -> list[HeadlineMetric]:
    """Every score ``survey`` asks, given the (kind, key) of each of its questions, its headline
    first: the customer-centricity index for a customer-centricity survey that asks its three
    questions, then NPS, CSAT and CES, those it asks."""
    asked = list(asked)
    keys = {key for kind, key in asked if kind == "rating"}
    found = []
    if survey.template == CENTRICITY_TEMPLATE and keys.issuperset(CENTRICITY_KEYS):
        found.append(_CENTRICITY)
    kinds = {kind for kind, _ in asked}
    return found + [score for score in _SCORE_HEADLINES if score.kind in kinds]


def headline_metric(survey: Survey, asked: Iterable[tuple[str, str]]) -> HeadlineMetric | None:
    """The headline of ``survey``, given the (kind, key) of each of its questions: the first of
    ``scores_asked``; none for a survey that asks none of these."""
    return next(iter(scores_asked(survey, asked)), None)


def centricity_frame(
    responses: QuerySet[Response], group: str, dtype: pl.DataType | type[pl.DataType] = pl.Int64
) -> pl.DataFrame:
    """One row per response to a customer-centricity survey among ``responses``: its three
    answers (null where skipped) and, as ``group`` of ``dtype``, the response's value of the
    ``group`` lookup (its survey, wave or date)."""
    answered: dict[int, dict[str, Any]] = defaultdict(dict)
    for response_id, key, number, value in Answer.objects.filter(
        response__in=responses.filter(survey__template=CENTRICITY_TEMPLATE),
        question__key__in=CENTRICITY_KEYS,
        question__kind="rating",
        number__isnull=False,
    ).values_list("response_id", "question__key", "number", f"response__{group}"):
        answered[response_id][key] = number
        answered[response_id]["group"] = value
    rows = list(answered.values())
    columns = (*CENTRICITY_KEYS, "group")
    return pl.DataFrame(
        {column: [row.get(column) for row in rows] for column in columns},
        schema={**dict.fromkeys(CENTRICITY_KEYS, pl.Int64), "group": dtype},
    )


def scores_of(responses: QuerySet[Response], kind: str, *fields: str) -> list[tuple[Any, ...]]:
    """Each of ``responses`` that has a score of ``kind``: that score, then its values of the
    ``fields`` lookups. The score is the headline when it is of ``kind``; else the answer to the
    survey's first question of ``kind``: a survey that asks NPS and CSAT has NPS for headline
    and its CSAT among the answers, and each response counts once for each."""
    rows = list(
        responses.filter(score_type=kind, score__isnull=False).values_list("score", *fields)
    )
    # the headline is the first kind answered in this order (``services.response_summarise``),
    # so an answer of ``kind`` is another's only in a survey that asks a kind before it
    before = Response.ScoreType.values[: Response.ScoreType.values.index(kind)]
    if not before:
        return rows
    questions = Question.objects.filter(
        Exists(Question.objects.filter(survey=OuterRef("survey"), kind__in=before)), kind=kind
    )
    answers = (
        Answer.objects.filter(
            question__in=questions,
            number__isnull=False,
            response__in=responses.exclude(score_type=kind),
        )
        .order_by("response_id", "question__position")
        .values_list("response_id", "number", *(f"response__{field}" for field in fields))
    )
    counted: set[int] = set()
    for response_id, number, *values in answers:
        if response_id not in counted:
            counted.add(response_id)
            rows.append((number, *values))
    return rows


def _headline_summaries(
    responses: QuerySet[Response], headline: HeadlineMetric, group: str
) -> dict[Any, Summary]:
    """The summary of ``headline`` over the submitted ``responses``, per value of the
    ``group`` lookup (``survey_id``, ``invitation__wave``)."""
    submitted = responses.filter(submitted_at__isnull=False)
    if headline.kind == "centricity":
        frame = centricity_frame(submitted, group)
    else:
        counted = (
            submitted.filter(score_type=headline.kind, score__isnull=False)
            .order_by()
            .values_list(group, "score")
            .annotate(count=Count("pk"))
        )
        frame = (
            pl.DataFrame(
                list(counted),
                schema={"group": pl.Int64, "score": pl.Int64, "count": pl.Int64},
                orient="row",
            )
            .select("group", pl.col("score").repeat_by("count"))
            .explode("score")
        )
    summaries = frame.group_by("group").agg(summary_aggregations(headline.metric.expression()))
    return {row["group"]: summary_from_row(row) for row in summaries.iter_rows(named=True)}


@dataclass(frozen=True)
class Headline:
    """A survey's headline score over every submitted answer the reader may see."""

    score: Estimate
    unit: str
    label: str


def survey_headlines(*, actor: User, surveys: Iterable[Survey]) -> dict[int, Headline]:
    """Each survey's headline score (see ``headline_metric``) with its interval, of the answers
    the reader may see; none for a survey that has no headline."""
    surveys = list(surveys)
    asked: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for survey_id, kind, key in Question.objects.filter(survey__in=surveys).values_list(
        "survey_id", "kind", "key"
    ):
        asked[survey_id].append((kind, key))
    chosen = {
        survey.pk: found
        for survey in surveys
        if (found := headline_metric(survey, asked[survey.pk]))
    }
    visible = responses_visible_to(actor)
    headlines = {}
    for headline in {found.kind: found for found in chosen.values()}.values():
        ids = [pk for pk, found in chosen.items() if found is headline]
        summaries = _headline_summaries(visible.filter(survey_id__in=ids), headline, "survey_id")
        for survey_id in ids:
            summary = summaries.get(survey_id, Summary(0, 0.0, 0.0, 0, 0))
            score = estimate_from_summary(summary, headline.metric)
            headlines[survey_id] = Headline(score, headline.unit, headline.label)
    return headlines


def survey_waves(*, actor: User, survey: Survey) -> list[Wave]:
    """Each wave of the survey, the first to the current (which may have no invitations yet),
    counted like ``survey_list``: every invitation, visible to the reader or not. The scores are
    of the answers the reader may see (``responses_visible_to``), as on the Insights pages. A
    case's re-survey (a follow-up) is no wave's sample, and an answer by the open link belongs
    to no invitation, so neither is counted in a wave."""
    counts = _wave_counts(survey)
    numbers = range(1, survey.current_wave + 1)
    headline = headline_metric(survey, survey.questions.values_list("kind", "key"))
    if headline is None:
        return [Wave(number, **counts.get(number, {})) for number in numbers]
    metric = headline.metric
    answered = responses_visible_to(actor).filter(survey=survey, invitation__follow_up=False)
    scores = _headline_summaries(answered, headline, "invitation__wave")
    empty = Summary(0, 0.0, 0.0, 0, 0)
    waves: list[Wave] = []
    for number in numbers:
        summary, before = scores.get(number, empty), scores.get(number - 1, empty)
        score = estimate_from_summary(summary, metric)
        change = None
        if waves and waves[-1].score and waves[-1].score.reliable and score.reliable:
            change = difference_of(summary, before, metric)
        waves.append(
            Wave(number, **counts.get(number, {}), score=score, unit=headline.unit, change=change)
        )
    return waves


def survey_current_wave(survey: Survey) -> Wave:
    """The survey's current wave, counted as in ``survey_waves`` (no scores)."""
    counts = _wave_counts(survey, wave=survey.current_wave)
    return Wave(survey.current_wave, **counts.get(survey.current_wave, {}))


def _wave_counts(survey: Survey, wave: int | None = None) -> dict[int, dict[str, Any]]:
    invitations = Invitation.objects.filter(survey=survey, follow_up=False)
    if wave is not None:
        invitations = invitations.filter(wave=wave)
    rows = (
        invitations.order_by()
        .values("wave")
        .annotate(
            invited=Count("pk"),
            emailed=Count("pk", filter=Q(sent_at__isnull=False)),
            answered=Count("pk", filter=Q(response__submitted_at__isnull=False)),
            first_sent=Min("sent_at"),
            last_sent=Max("sent_at"),
        )
    )
    return {row.pop("wave"): row for row in rows}


def survey_access(*, actor: User, survey_id: int) -> Survey:
    try:
        return (
            survey_list(actor=actor)
            .select_related("stage", "touchpoint", "subject_team", "organisation")
            .get(pk=survey_id)
        )
    except Survey.DoesNotExist:
        raise Http404("No such survey") from None


def responses_visible_to(actor: User) -> QuerySet[Response]:
    """The feedback the actor may see: all of the organisation's for admins and CX leads. For
    anyone else, the answers to a survey that rates a team (``Survey.subject_team``) if it is
    one of theirs (as its lead, a member or a viewer), and nobody else's: they carry their
    respondents' names to the team rated, and serving the respondent's team is no reason to
    read how that team rates another. Any other feedback, if it is of a customer they may see
    (``customers_visible_to``: their accounts' and their teams' internal customers)."""
    responses = Response.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return responses
    return responses.filter(
        Q(survey__subject_team__in=team_ids_of(actor))
        # no survey, or one that rates no team (a left join: feedback without a survey counts)
        | Q(survey__subject_team__isnull=True, customer__in=customers_visible_to(actor))
    )


def sees_ratings_of(*, actor: User, team_id: int) -> bool:
    """Whether the actor sees the answers to a survey rating the team (``responses_visible_to``):
    seeing the whole organisation, or being of the team."""
    return sees_whole_organisation(actor) or team_id in team_ids_of(actor)


def feedback_list(
    *,
    actor: User,
    kind: str = "",
    score_type: str = "",
    since: datetime | None = None,
    received_since: datetime | None = None,
    source_ref: str | None = None,
    customer_id: int | None = None,
    contact_email: str | None = None,
) -> QuerySet[Response]:
    """Every kind of feedback the actor may see that has been given (not a survey's answers
    begun and not yet sent), newest first: given (``responded_at``) since a moment, received or
    changed since one (received by Centric, or a survey's answers sent or changed by their
    respondent: what a sync has not seen yet), and the one with a ``source_ref``, a customer's
    or a contact's (by address, whatever its case), if asked."""
    responses = (
        responses_visible_to(actor)
        .exclude(survey__isnull=False, submitted_at__isnull=True, responded_at__isnull=True)
        .select_related("stage", "touchpoint")
    )
    if kind:
        responses = responses.filter(kind=kind)
    if score_type:
        responses = responses.filter(score_type=score_type)
    if since:
        responses = responses.filter(responded_at__gte=since)
    if received_since:
        responses = responses.filter(
            Q(created_at__gte=received_since)
            | Q(submitted_at__gte=received_since)
            | Q(edited_at__gte=received_since)
        )
    if source_ref is not None:
        # stored without the spaces around it, as the ingestion API and the import keep it
        responses = responses.filter(source_ref=source_ref.strip())
    if customer_id is not None:
        responses = responses.filter(customer_id=customer_id)
    if contact_email is not None:
        responses = responses.filter(contact__email__iexact=contact_email.strip())
    return responses.order_by("-responded_at", "-id")


def response_list(*, actor: User, survey: Survey) -> QuerySet[Response]:
    return (
        responses_visible_to(actor)
        .filter(survey=survey)
        .select_related("customer__account", "customer__team", "contact", "person")
        .prefetch_related("answers__question")
    )


def response_access(*, actor: User, response_id: int) -> Response:
    try:
        return (
            responses_visible_to(actor)
            .select_related(
                "survey", "contact", "person", "customer", "feedback_import__created_by"
            )
            .get(pk=response_id)
        )
    except Response.DoesNotExist:
        raise Http404("No such response") from None


def journey(*, actor: User) -> QuerySet[JourneyStage]:
    """The organisation's journey stages in order, with their touchpoints."""
    return JourneyStage.objects.filter(organisation_id=actor.organisation_id).prefetch_related(
        "touchpoints"
    )


_INVITATION_BY_TOKEN = CompiledQuery(
    lambda token: Invitation.objects.select_related("survey", "response").filter(token=token)
)


def invitation_by_token(token: str) -> Invitation:
    """The invitation behind a link, with its survey and the response it started (if any). Every
    page and submission of a link starts here, so the read is compiled once per process (see
    ``CompiledQuery``). What only the pages show (the organisation's name, the rated team) is
    read when a page is shown, not with every submission."""
    invitation = _INVITATION_BY_TOKEN.one(token)
    if invitation is None:
        raise Http404("This link is not valid.")
    return invitation


_SURVEY_BY_PUBLIC_KEY = CompiledQuery(
    lambda public_key: Survey.objects.select_related("subject_team", "organisation").filter(
        public_key=public_key
    )
)


def survey_by_open_link(public_key: str) -> Survey:
    """The survey behind an open link, with what its pages show; compiled once per process, as
    every page and submission of the link starts here."""
    survey = _SURVEY_BY_PUBLIC_KEY.one(public_key)
    if survey is None or not survey.open_link:
        raise Http404("This link is not valid.")
    return survey


def invitation_response(invitation: Invitation) -> Response | None:
    """The response an earlier visit with this invitation started, or None."""
    try:
        response = invitation.response
    except Response.DoesNotExist:
        return None
    response.survey = invitation.survey  # the same survey, so reading it costs no query
    return response


def open_link_response(survey: Survey, attempt: str) -> Response | None:
    """The response an earlier page of this attempt at the open link's form stored, or None."""
    if not attempt:
        return None
    response = Response.objects.filter(survey=survey, attempt=attempt).first()
    if response is not None:
        response.survey = survey  # the same survey, so reading it costs no query
    return response


def survey_not_sending(survey: Survey, *, what: str = "invitation or reminder") -> str:
    """Why the survey emails no ``what`` now, said to whoever would send it; empty while it may:
    it is open and its last day has not passed. Past its last day it sends nothing, even before
    the scheduled task has marked it closed."""
    if survey.status == Survey.Status.DRAFT:
        return "Open the survey before sending invitations."
    if survey.last_day is not None and survey.past_last_day:
        day = day_in_words(survey.last_day, "en")
        return f"The survey closed on {day}, its last day: no {what} is sent after it."
    if survey.status == Survey.Status.CLOSED:
        return "The survey is closed: open it again to send invitations or reminders."
    return ""


def _mailable(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return _not_opted_out(
        invitations.filter(survey__status=Survey.Status.OPEN).exclude(
            survey__closes_at__lte=clock.now()
        )
    )


def _not_opted_out(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    opted_out = OptOut.objects.filter(
        organisation_id=OuterRef("organisation_id"), email=OuterRef("email")
    )
    return invitations.exclude(Exists(opted_out))


def invitations_unsent(survey_id: int) -> QuerySet[Invitation]:
    """The invitations of an open survey not emailed yet, to addresses that did not opt out. An
    earlier wave's are over with it (held back by the fatigue window, say, when the next wave
    began): only the current wave's are sent, and any case's re-survey."""
    return _mailable(_unsent(survey_id))


def _unsent(survey_id: int) -> QuerySet[Invitation]:
    """The survey's invitations of its current wave (and re-surveys) not emailed yet."""
    return Invitation.objects.filter(_in_current_wave(), survey_id=survey_id, sent_at__isnull=True)


def _in_current_wave() -> Q:
    """Invitations of their survey's current wave, and re-surveys after a case (in no wave)."""
    return Q(wave=F("survey__current_wave")) | Q(follow_up=True)


def _asked_since(since: datetime) -> Q:
    """Invitations that asked their address something since ``since``: emailed or answered. An
    invitation not sent yet (its survey still a draft) has asked nobody anything."""
    return Q(sent_at__gte=since) | Q(response__responded_at__gte=since)


def emails_asked_since(
    *, organisation_id: int, emails: set[str], since: datetime, survey: Survey | None = None
) -> set[str]:
    """The addresses that were emailed a survey (``survey``, if given), or answered one, since
    ``since``."""
    invitations = Invitation.objects.filter(organisation_id=organisation_id, email__in=emails)
    if survey is not None:
        invitations = invitations.filter(survey=survey)
    return set(invitations.filter(_asked_since(since)).values_list("email", flat=True))


def _asked_elsewhere_in_window(survey: Survey) -> Exists:
    """Whether another invitation asked the invitation's address within ``survey``'s fatigue
    window."""
    since = clock.now() - timedelta(days=survey.fatigue_days)
    return Exists(
        Invitation.objects.filter(
            organisation_id=OuterRef("organisation_id"), email=OuterRef("email")
        )
        .exclude(pk=OuterRef("pk"))
        .filter(_asked_since(since))
    )


# what became of an invitation, as the list of a survey's invitations filters by it
INVITATION_STATES = {
    "waiting": "Not emailed yet",
    "emailed": "Emailed, no answer yet",
    "started": "Started, not finished",
    "answered": "Answered",
    "opted_out": "Unsubscribed",
}


def survey_invitations(
    survey: Survey, *, wave: int | None = None, state: str = ""
) -> QuerySet[Invitation]:
    """The survey's invitations, newest first, each with its ``state``, what became of it (a
    key of ``INVITATION_STATES``, the first that holds of: answered, its address unsubscribed,
    a response begun, emailed; else waiting); of one ``wave`` and one ``state`` if asked. A
    case's re-survey is in no wave, as in ``survey_waves``."""
    responses = Response.objects.filter(invitation=OuterRef("pk"))
    unsubscribed = OptOut.objects.filter(
        organisation_id=OuterRef("organisation_id"), email=OuterRef("email")
    )
    invitations = (
        survey.invitations.annotate(
            state=Case(
                When(Exists(responses.filter(submitted_at__isnull=False)), then=Value("answered")),
                When(Exists(unsubscribed), then=Value("opted_out")),
                When(Exists(responses), then=Value("started")),
                When(sent_at__isnull=False, then=Value("emailed")),
                default=Value("waiting"),
            )
        )
        .select_related("contact__account", "person", "customer__team")
        .order_by("-created_at", "-pk")
    )
    if wave is not None:
        invitations = invitations.filter(wave=wave, follow_up=False)
    return invitations.filter(state=state) if state else invitations


def invitations_held_back(survey: Survey) -> QuerySet[Invitation]:
    """The survey's unsent invitations whose address another survey asked within this one's
    fatigue window, since they were made: they are not emailed until the window has passed."""
    return invitations_unsent(survey.pk).filter(_asked_elsewhere_in_window(survey))


def invitations_ready(survey: Survey) -> QuerySet[Invitation]:
    """The survey's unsent invitations that may be emailed now: not held back by its fatigue
    window (``invitations_held_back``)."""
    return invitations_unsent(survey.pk).exclude(_asked_elsewhere_in_window(survey))


def invitations_on_opening(survey: Survey) -> tuple[int, int]:
    """For a survey not open, what opening it would do with the invitations made meanwhile (of
    its current wave, and re-surveys; not emailed yet, to addresses that did not opt out): how
    many it emails at once, and how many the fatigue window holds back until it has passed."""
    waiting = _not_opted_out(_unsent(survey.pk))
    held = waiting.filter(_asked_elsewhere_in_window(survey)).count()
    return waiting.count() - held, held


def surveys_with_unsent_invitations() -> QuerySet[Survey]:
    """Open surveys, of every organisation, with invitations not emailed yet."""
    unsent = invitations_unsent(OuterRef("pk"))  # type: ignore[arg-type]
    return Survey.objects.filter(Exists(unsent))


def invitation_held_back(invitation: Invitation) -> bool:
    """Whether emailing ``invitation`` now would ask its address twice within its survey's
    fatigue window (``invitations_held_back``)."""
    asked = _asked_elsewhere_in_window(invitation.survey)
    return Invitation.objects.filter(pk=invitation.pk).filter(asked).exists()


def invitations_due_reminder(
    survey_id: int, *, after: timedelta = REMINDER_AFTER
) -> QuerySet[Invitation]:
    """The invitations of an open survey emailed at least ``after`` ago, not answered and not
    reminded yet, to addresses that did not opt out. An earlier wave is over: only the current
    wave's invitations are reminded (and the re-surveys that follow up on a case, whichever
    wave they were made in), so nobody hears of two waves at once."""
    return _mailable(
        Invitation.objects.filter(
            _in_current_wave(),
            survey_id=survey_id,
            sent_at__lte=clock.now() - after,
            reminded_at__isnull=True,
            response__submitted_at__isnull=True,
        )
    )


@dataclass(frozen=True)
class MissingWording:
    """What a survey lacks in one of its languages, which its respondents there read in its
    default language instead: the ``questions`` not worded in it, the ``options`` (each as its
    question and its label in the default language) not labelled in it, and the survey's own
    ``parts`` ("intro", "thank_you") that have words in another language but not in it."""

    questions: tuple[Question, ...] = ()
    options: tuple[tuple[Question, str], ...] = ()
    parts: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.questions or self.options or self.parts)


# the words of a survey that are written per language, besides its questions
SURVEY_PARTS = ("title", "intro", "thank_you")


def survey_missing_wording(
    survey: Survey, questions: Iterable[Question]
) -> dict[str, MissingWording]:
    """For each language the survey offers, what has no wording in it (see ``MissingWording``):
    respondents who read that language see it in the default language (else English, else any
    language it is written in). The introduction and the thank-you message count only where
    they have words in some language: a survey without them has none to translate."""
    questions = list(questions)
    default = survey.default_language
    missing = {}
    for language in survey.languages:
        found = MissingWording(
            questions=tuple(
                question for question in questions if not _has_words(question.text, language)
            ),
            options=tuple(
                (question, localised(option.get("label") or {}, default) or str(option["value"]))
                for question in questions
                for option in question.options
                if not _has_words(option.get("label") or {}, language)
            ),
            parts=tuple(
                part
                for part in SURVEY_PARTS
                if any(_has_words(getattr(survey, part), code) for code in survey.languages)
                and not _has_words(getattr(survey, part), language)
            ),
        )
        if found:
            missing[language] = found
    return missing


def _has_words(texts: dict[str, str], language: str) -> bool:
    return bool(str(texts.get(language) or "").strip())


def question_follow_ups(question: Question) -> list[Question]:
    """The questions of its survey shown only after an answer to ``question``, in order."""
    return list(
        Question.objects.filter(
            survey_id=question.survey_id, show_if__question=question.key
        ).order_by("page", "position")
    )


def survey_wave_numbers(survey: Survey) -> list[int]:
    """The waves a survey's pages speak of, 1 to its current one: a relationship survey's; none
    for a transactional survey, nor for one that has asked only after cases (their re-surveys
    belong to no wave, so it has no waves to speak of)."""
    if survey.kind != Survey.Kind.RELATIONSHIP:
        return []
    invitations = Invitation.objects.filter(survey=survey)
    only_re_surveys = (
        survey.current_wave == 1
        and invitations.exists()
        and not invitations.filter(follow_up=False).exists()
    )
    return [] if only_re_surveys else list(range(1, survey.current_wave + 1))


def survey_questions(survey: Survey) -> list[Question]:
    """The survey's questions in order. An open survey's questions are fixed (see editing.py), so
    each process keeps them, keyed by the survey and the time it last changed, which opening it
    again changes; a public page then reads no questions from the database."""
    if survey.status != Survey.Status.OPEN:
        return list(survey.questions.all())
    return list(_open_survey_questions(survey.pk, survey.updated_at))


@lru_cache(maxsize=256)
def _open_survey_questions(survey_id: int, updated_at: datetime) -> tuple[Question, ...]:
    return tuple(Question.objects.filter(survey_id=survey_id))


def languages_read(organisation_id: int) -> list[str]:
    """The languages a survey can be written in that the organisation's contacts or people
    read, English among them: what a new survey is offered in unless chosen otherwise."""
    read = {"en"}
    read.update(
        Contact.objects.filter(organisation_id=organisation_id)
        .values_list("language", flat=True)
        .distinct()
    )
    read.update(
        User.objects.filter(organisation_id=organisation_id, is_active=True)
        .values_list("language", flat=True)
        .distinct()
    )
    return [code for code in SURVEY_LANGUAGES if code in read]
