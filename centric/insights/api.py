"""The JSON API for Insights: the overview's figures, the comments with what the engine read in
them, what a survey's free-text answers speak of, the taxonomy with its proposals and
re-analysis, and the sentiment learnt from scores. The same selectors, services, forms, roles
and scopes as the pages."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.
from datetime import date, datetime
from enum import IntEnum
from typing import Any, Literal, get_args

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    ErrorOut,
    Id,
    InvalidOut,
    Page,
    refuse_query,
    validate_with_form,
)
from centric.core.periods import PeriodError
from centric.core.permissions import require_org_wide
from centric.customers.models import Segment
from centric.customers.selectors import customer_access
from centric.feedback.models import Response, Survey
from centric.feedback.query_params import period_query
from centric.feedback.selectors import response_access, survey_access
from centric.feedback.survey_api import ScoreOut, survey_selection
from centric.insights import selectors, services, theme_selectors
from centric.insights.forms import ThemeForm
from centric.insights.models import (
    Reanalysis,
    ResponseAnalysis,
    SentimentCalibration,
    ThemeDefinition,
    ThemeProposal,
)
from centric.insights.text.language import READ_IN_WORDS
from centric.people.models import User

router = Router(tags=["insights"])

REFUSED = WRITE_ERRORS
# what an endpoint of no record of its own (a list, say) may answer instead: nothing is missing
LISTED: dict[int, type[Schema]] = {401: ErrorOut, 422: InvalidOut}
# ... and one for admins and CX leads only
LEADS_ONLY: dict[int, type[Schema]] = {**LISTED, 403: ErrorOut}
Who = Literal["external", "internal"]
Sentiment = Literal["positive", "negative", "neutral", "mixed", "unread"]
Flag = Literal["urgent", "churn", "praise"]
Order = Literal["newest", "oldest", "negative", "positive"]
Language = Literal["en", "de", "fr", "es", "it", "pt", "nl"]  # language.READ


class Days(IntEnum):
    """The last so many days, up to now, as the pages offer them: 30, 90 or 365."""

    LAST_30 = 30
    LAST_90 = 90
    LAST_365 = 365


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


# The overview


class ChangeOut(Schema):
    """This period's figure minus the period before's, where both are reliable."""

    difference: float
    low: float
    high: float
    p_value: float
    significant: bool = Field(description="At 95%, by the two-sample test for the metric.")


class TrendPointOut(Schema):
    period_start: date
    value: float | None = Field(description="None where the period has too few answers.")
    low: float | None
    high: float | None
    n: int


class ScoreCardOut(Schema):
    label: str
    unit: str
    current: ScoreOut
    previous: ScoreOut
    change: ChangeOut | None
    period: str = Field(
        description="The trend's periods: the overview's, or a coarser one (month, quarter) "
        "where those have too few answers."
    )
    passed_over: list[str] = Field(
        description="The finer periods the trend is not by, for too few answers in each: "
        "['month'] for a trend by quarter."
    )
    trend: list[TrendPointOut]

    @staticmethod
    def resolve_change(card: selectors.ScoreCard) -> Any:
        return card.difference

    @staticmethod
    def resolve_trend(card: selectors.ScoreCard) -> list[dict[str, Any]]:
        return [
            {"period_start": start, "value": value, "low": low, "high": high, "n": n}
            for start, value, low, high, n in card.points
        ]


class ImpactOut(Schema):
    """How much higher or lower the score is among comments that speak of the theme than among
    those that do not: an association, not a cause."""

    points: float | None = Field(description="None when too few answers to estimate.")
    low: float | None
    high: float | None
    significant: bool = Field(description="After correcting for the number of themes tested.")
    sentence: str

    @staticmethod
    def resolve_points(driver: selectors.Driver) -> float | None:
        return driver.effect


class ThemeTrendPointOut(Schema):
    period_start: date
    share: float | None = Field(description="% of the comments read that mention the theme.")
    comments: int = Field(description="The comments read in the period.")


class ThemeRowOut(Schema):
    theme: str
    mentions: int
    share: float = Field(description="% of the comments read in the period.")
    negative: float = Field(description="% of its mentions that are negative about it.")
    previous_mentions: int
    previous_share: float | None = Field(description="None when no comment was read before.")
    nps_impact: ImpactOut | None
    csat_impact: ImpactOut | None
    ces_impact: ImpactOut | None = Field(
        description="In points of the 1-7 scale; the others in points of their percentage."
    )
    trend: list[ThemeTrendPointOut] = Field(description="Its share by the overview's period.")

    @staticmethod
    def resolve_trend(row: selectors.ThemeRow) -> list[dict[str, Any]]:
        return [
            {"period_start": start, "share": share, "comments": read}
            for start, share, read in row.trend
        ]

    @staticmethod
    def resolve_mentions(row: selectors.ThemeRow) -> int:
        return row.volume

    @staticmethod
    def resolve_previous_mentions(row: selectors.ThemeRow) -> int:
        return row.previous_volume

    @staticmethod
    def resolve_nps_impact(row: selectors.ThemeRow) -> Any:
        return row.drivers.get("nps")

    @staticmethod
    def resolve_csat_impact(row: selectors.ThemeRow) -> Any:
        return row.drivers.get("csat")

    @staticmethod
    def resolve_ces_impact(row: selectors.ThemeRow) -> Any:
        return row.drivers.get("ces")


class SpikeOut(Schema):
    week: date = Field(description="The Monday of the week.")
    theme: str
    count: int
    expected: float = Field(description="The theme's usual count for a week, from its baseline.")
    sentence: str


class ShiftOut(Schema):
    week: date
    theme: str
    mean: float = Field(description="The week's mean sentiment about the theme, −1 to 1.")
    baseline: float
    direction: Literal["up", "down"]
    sentence: str


class SegmentRowOut(Schema):
    segment_id: int
    name: str
    n: int
    value: float | None
    low: float | None
    high: float | None
    difference: float | None = Field(
        description="The segment minus all other customers in a segment; None: too few to test."
    )
    difference_low: float | None
    difference_high: float | None
    significant: bool = Field(description="After Holm's correction across the segments tested.")
    sentence: str


class SegmentComparisonOut(Schema):
    label: str
    unit: str
    rows: list[SegmentRowOut]
    tested: int
    unsegmented: int = Field(description="Answers from customers in no segment, in no group.")
    correction: str


class OverviewOut(Schema):
    days: int | None = Field(description="The last so many days; None for chosen dates.")
    period: str = Field(
        description="The themes' trends' periods, and the scores' where they have answers "
        "enough: week (up to 31 days) or month."
    )
    start: datetime
    end: datetime
    who: str
    segment_id: int | None
    survey_id: int | None
    analysed: int = Field(description="Comments the engine analysed in the period.")
    unread: int = Field(
        description=f"Of those, comments in a language it does not read (it reads {READ_IN_WORDS})."
    )
    scores: list[ScoreCardOut]
    segments: list[SegmentComparisonOut]
    themes: list[ThemeRowOut]
    spikes: list[SpikeOut] = Field(description="Theme volumes above their baseline, newest first.")
    shifts: list[ShiftOut] = Field(description="Theme sentiment away from its baseline.")

    @staticmethod
    def resolve_days(overview: selectors.InsightsOverview) -> int | None:
        return overview.window.days

    @staticmethod
    def resolve_start(overview: selectors.InsightsOverview) -> datetime:
        return overview.window.start

    @staticmethod
    def resolve_end(overview: selectors.InsightsOverview) -> datetime:
        return overview.window.end

    @staticmethod
    def resolve_spikes(overview: selectors.InsightsOverview) -> list[selectors.Spike]:
        return [spike for week in overview.spike_weeks for spike in week.spikes]


class ScopeQuery(Schema):
    days: Days = Field(Days.LAST_90, description="The last 30, 90 or 365 days, up to now.")
    start: date | None = Field(
        None, description="Instead of `days`: the first local day of the period, inclusive."
    )
    end: date | None = Field(None, description="With `start`: its last day, inclusive (today).")
    who: Who | None = Field(None, description="External customers (accounts) or internal (teams).")
    segment_id: Id | None = None
    survey_id: Id | None = None
    customer_id: Id | None = Field(None, description="One customer's feedback (an account's).")


def _scope(actor: User, scope: ScopeQuery) -> dict[str, Any]:
    """The pages' filters, each checked: days that cannot be a period are a 422, a segment or
    survey the actor's organisation does not have a 404, and segments group accounts, so
    internal customers have none."""
    window = period_query(scope.start, scope.end)
    if scope.survey_id is not None:
        survey_access(actor=actor, survey_id=scope.survey_id)
    if scope.customer_id is not None:
        customer_access(actor=actor, customer_id=scope.customer_id)
    if scope.segment_id is not None:
        if not Segment.objects.filter(pk=scope.segment_id, organisation_id=actor.organisation_id):
            raise Http404("No such segment")
        if scope.who == "internal":
            raise Http404("Internal customers (teams) are in no segment")
    return {
        "days": int(scope.days),
        "window": window,
        "who": scope.who or "",
        "segment_id": scope.segment_id,
        "survey_id": scope.survey_id,
        "customer_id": scope.customer_id,
    }


@router.get(
    "/insights/overview",
    response={200: OverviewOut, **READ_ERRORS},
    summary="Scores, segments, themes and spikes over a period, as the Insights page shows them",
    description="Within the feedback you may see, over the last `days` (or from `start` to "
    "`end`) against as long a stretch before it. `who` narrows to external customers (accounts) or internal ones (teams), "
    "`segment_id` to one segment's accounts, `survey_id` to one survey's responses. An empty "
    "value is no filter; a value that is not one of a filter's is a 422 naming it.",
)
def overview(request: HttpRequest, scope: Query[ScopeQuery]) -> selectors.InsightsOverview:
    actor = _actor(request)
    return selectors.insights_overview(actor=actor, **_scope(actor, scope))


# Comments


class MentionOut(Schema):
    theme: str
    confidence: float
    sentiment: str = Field(description="The sentiment of what the comment says about the theme.")
    sentiment_score: float

    @staticmethod
    def resolve_sentiment(mention: Any) -> str:
        return str(mention.sentiment_label)


class CommentOut(Schema):
    id: int = Field(description="The response's id (as in /api/feedback/{id}).")
    kind: Response.Kind
    channel: Response.Channel
    survey_id: int | None
    customer_id: int | None
    responded_at: datetime | None
    score: int | None
    score_type: str
    comment: str
    read: bool = Field(description="False until the engine has read the comment.")
    sentiment: str | None = Field(description="positive, negative, neutral, mixed, or unread.")
    sentiment_score: float | None
    themes: list[MentionOut]
    urgent: bool
    churn_risk: bool
    praise: bool
    journey_stage: str
    care_signals: list[dict[str, Any]]

    @staticmethod
    def resolve_read(response: Response) -> bool:
        return _analysis(response) is not None

    @staticmethod
    def resolve_sentiment(response: Response) -> str | None:
        analysis = _analysis(response)
        return analysis.sentiment_label if analysis else None

    @staticmethod
    def resolve_sentiment_score(response: Response) -> float | None:
        analysis = _analysis(response)
        return analysis.sentiment_score if analysis else None

    @staticmethod
    def resolve_themes(response: Response) -> list[Any]:
        return list(response.theme_mentions.all())

    @staticmethod
    def resolve_urgent(response: Response) -> bool:
        analysis = _analysis(response)
        return bool(analysis and analysis.urgent)

    @staticmethod
    def resolve_churn_risk(response: Response) -> bool:
        analysis = _analysis(response)
        return bool(analysis and analysis.churn_risk)

    @staticmethod
    def resolve_praise(response: Response) -> bool:
        analysis = _analysis(response)
        return bool(analysis and analysis.praise)

    @staticmethod
    def resolve_journey_stage(response: Response) -> str:
        analysis = _analysis(response)
        return analysis.journey_stage if analysis else ""

    @staticmethod
    def resolve_care_signals(response: Response) -> list[dict[str, Any]]:
        analysis = _analysis(response)
        return analysis.care_signals if analysis else []


class CommentDetailOut(CommentOut):
    reading: dict[str, Any] | None = Field(
        description="The engine's whole reading: sentences with their sentiment and offsets, the "
        "words that drove the sentiment, each theme's evidence, signals with their phrases."
    )
    engine_version: str | None

    @staticmethod
    def resolve_reading(response: Response) -> dict[str, Any] | None:
        analysis = _analysis(response)
        return analysis.reading if analysis else None

    @staticmethod
    def resolve_engine_version(response: Response) -> str | None:
        analysis = _analysis(response)
        return analysis.engine_version if analysis else None


def _analysis(response: Response) -> ResponseAnalysis | None:
    try:
        return response.analysis
    except ResponseAnalysis.DoesNotExist:
        return None


@router.get(
    "/insights/comments",
    response={200: list[CommentOut], **READ_ERRORS},
    summary="The comment explorer: comments you may see with what the engine read, newest first",
    description="Filters as on the page. With a `theme`, `sentiment` is that of what a comment "
    "says about the theme, not of the whole comment. `week` (any day of it) gives one week's "
    "comments instead of the period. `flag` is urgent, churn (risk) or praise. `order`: newest "
    "(first), oldest, negative or positive (by sentiment; with a `theme`, about it). `language`: "
    "the comments the engine read in one of the languages it reads, by code: "
    f"{', '.join(get_args(Language))} ({READ_IN_WORDS}). An empty value is no filter; a value "
    "that is not one of a filter's is a 422 naming it.",
)
@paginate(Page)
def comments(
    request: HttpRequest,
    scope: Query[ScopeQuery],
    theme: str = "",
    sentiment: Sentiment | None = None,
    flag: Flag | None = None,
    q: str = "",
    week: date | None = None,
    order: Order = "newest",
    language: Language | None = None,
) -> QuerySet[Response]:
    actor = _actor(request)
    return selectors.comment_list(
        language=language or "",
        actor=actor,
        theme=theme.strip(),
        sentiment=sentiment or "",
        flag=flag or "",
        search=q.strip(),
        week=_week(week),
        order=order,
        **_scope(actor, scope),
    )


def _week(week: date | None) -> date | None:
    """``week``, or a 422 naming it for a week at the very ends of the calendar."""
    if week is not None:
        try:
            selectors.week_window(week)
        except (OverflowError, PeriodError):
            refuse_query(
                "week", f"The week of {week} lies beyond the days there are: give another day."
            )
    return week


@router.get(
    "/insights/comments/{response_id}",
    response={200: CommentDetailOut, **READ_ERRORS},
    summary="One response's comment with the engine's whole reading of it",
)
def comment(request: HttpRequest, response_id: Id) -> Response:
    response = response_access(actor=_actor(request), response_id=response_id)
    # the reading and mentions of this one response
    return (
        Response.objects.select_related("analysis")
        .prefetch_related("theme_mentions")
        .get(pk=response.pk)
    )


# A survey's free-text answers


class AnswerThemeOut(Schema):
    theme: str
    answers: int = Field(description="Answers that speak of the theme.")
    share: float = Field(description="% of the answers the engine has read.")
    negative: int = Field(description="Of those answers, the ones negative about the theme.")

    @staticmethod
    def resolve_answers(row: selectors.AnswerTheme) -> int:
        return row.volume

    @staticmethod
    def resolve_negative(row: selectors.AnswerTheme) -> int:
        return row.negative_count


class QuestionThemesOut(Schema):
    key: str
    answered: int
    read: int = Field(
        description=f"Of the answers, those the engine has read (in {READ_IN_WORDS})."
    )
    themed: int = Field(description="Of those read, the ones that speak of some theme.")
    themes: list[AnswerThemeOut]


@router.get(
    "/insights/surveys/{survey_id}/themes",
    response={200: list[QuestionThemesOut], **READ_ERRORS},
    summary="What a survey's free-text answers speak of, question by question",
    description=(
        "Of the submitted responses you may see: every one, or those to one `wave`'s "
        "invitations, and those given between `start` and `end` (local days, inclusive). A wave "
        "the survey does not have, or dates that cannot be a period, get 422 naming the "
        "parameter; an empty value is no filter."
    ),
)
def survey_themes(
    request: HttpRequest,
    survey_id: Id,
    wave: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, Any]]:
    actor = _actor(request)
    survey: Survey = survey_access(actor=actor, survey_id=survey_id)
    selection = survey_selection(survey, wave=wave, start=start, end=end)
    found = []
    for question in survey.questions.filter(kind="text"):
        themes = selectors.answer_themes(actor=actor, question=question, selection=selection)
        found.append(
            {
                "key": question.key,
                "answered": themes.answered,
                "read": themes.read,
                "themed": themes.themed,
                "themes": themes.themes,
            }
        )
    return found


# The taxonomy


class ThemeOut(Schema):
    id: int
    name: str
    description: str
    seed_words: list[str]
    examples: list[str]
    parent_id: int | None


class ThemeIn(Body):
    name: str
    description: str = ""
    seed_words: list[str] = Field(
        default_factory=list, description="Words or short phrases; give these or examples."
    )
    examples: list[str] = Field(default_factory=list, description="Comments typical of it.")
    parent_id: Id | None = Field(None, description="A sub-theme counts under its parent too.")


class ThemePatch(Body):
    name: str | None = None
    description: str | None = None
    seed_words: list[str] | None = None
    examples: list[str] | None = None
    parent_id: Id | None = None


class ProposalOut(Schema):
    id: int
    name: str
    key_terms: list[str]
    examples: list[str]
    size: int = Field(description="Comments of the sample that discovery grouped under it.")
    language: str = Field(description="The language of the comments it was found in (ISO 639-1).")


class ProposalMergeIn(Body):
    theme_id: Id = Field(description="The theme it joins.")
    terms: list[str] = Field(
        min_length=1, description="Those of its key terms that become the theme's seed words."
    )


class ReanalysisOut(Schema):
    id: int
    status: Reanalysis.Status
    reason: str
    total: int
    done: int
    percent: int
    created_at: datetime
    finished_at: datetime | None


@router.get("/insights/themes", response={200: list[ThemeOut], **LISTED}, summary="The taxonomy")
def themes(request: HttpRequest) -> QuerySet[ThemeDefinition]:
    return theme_selectors.theme_list(actor=_actor(request))


@router.get(
    "/insights/themes/{theme_id}", response={200: ThemeOut, **READ_ERRORS}, summary="A theme"
)
def theme(request: HttpRequest, theme_id: Id) -> ThemeDefinition:
    return theme_selectors.theme_access(actor=_actor(request), theme_id=theme_id)


# the form's field names as the API takes them
FIELD_NAMES = {"parent": "parent_id"}


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    """The API's lists as the form takes them: seed words by commas, examples one a line."""
    if "seed_words" in data:
        data["seed_words"] = ", ".join(data["seed_words"] or [])
    if "examples" in data:
        data["examples"] = "\n".join(data["examples"] or [])
    if "parent_id" in data:
        data["parent"] = data.pop("parent_id")
    return data


@router.post(
    "/insights/themes",
    response={201: ThemeOut, **REFUSED},
    summary="Add a theme; past comments are read again in the background",
)
def create_theme(request: HttpRequest, payload: ThemeIn) -> Status[ThemeDefinition]:
    actor = _actor(request)
    require_org_wide(actor)
    values = validate_with_form(
        ThemeForm,
        _form_data(payload.dict()),
        organisation_id=actor.organisation_id,
        names=FIELD_NAMES,
    )
    return Status(201, services.theme_save(actor=actor, values=values))


@router.patch(
    "/insights/themes/{theme_id}",
    response={200: ThemeOut, **REFUSED},
    summary="Change a theme; past comments are read again in the background",
)
def update_theme(request: HttpRequest, theme_id: Id, payload: ThemePatch) -> ThemeDefinition:
    actor = _actor(request)
    found = theme_selectors.theme_access(actor=actor, theme_id=theme_id)
    require_org_wide(actor)
    values = validate_with_form(
        ThemeForm,
        _form_data(payload.dict(exclude_unset=True)),
        instance=found,
        organisation_id=actor.organisation_id,
        names=FIELD_NAMES,
    )
    return services.theme_save(actor=actor, values=values, theme=found)


@router.delete(
    "/insights/themes/{theme_id}",
    response={204: None, **REFUSED},
    summary="Delete a theme without sub-themes; past comments are read again",
)
def delete_theme(request: HttpRequest, theme_id: Id) -> Status[None]:
    actor = _actor(request)
    services.theme_delete(
        actor=actor, theme=theme_selectors.theme_access(actor=actor, theme_id=theme_id)
    )
    return Status(204, None)


@router.get(
    "/insights/proposals",
    response={200: list[ProposalOut], **LEADS_ONLY},
    summary="Themes discovery proposes, waiting for a decision (admins and CX leads)",
)
def proposals(request: HttpRequest) -> QuerySet[ThemeProposal]:
    return theme_selectors.proposal_list(actor=_actor(request))


@router.post(
    "/insights/proposals/discover",
    response={202: None, **LEADS_ONLY},
    summary="Look for new themes in your comments, in the background",
)
def discover(request: HttpRequest) -> Status[None]:
    services.theme_discovery_request(actor=_actor(request))
    return Status(202, None)


@router.post(
    "/insights/proposals/{proposal_id}/accept",
    response={201: ThemeOut, **REFUSED},
    summary="The proposal becomes a theme (its key terms the seed words)",
)
def accept_proposal(request: HttpRequest, proposal_id: Id) -> Status[ThemeDefinition]:
    actor = _actor(request)
    proposal = theme_selectors.proposal_access(actor=actor, proposal_id=proposal_id)
    return Status(201, services.proposal_accept(actor=actor, proposal=proposal))


@router.post(
    "/insights/proposals/{proposal_id}/merge",
    response={200: ThemeOut, **REFUSED},
    summary="The proposal joins a theme there is already (chosen key terms become seed words)",
)
def merge_proposal(
    request: HttpRequest, proposal_id: Id, payload: ProposalMergeIn
) -> ThemeDefinition:
    actor = _actor(request)
    proposal = theme_selectors.proposal_access(actor=actor, proposal_id=proposal_id)
    theme = theme_selectors.theme_access(actor=actor, theme_id=payload.theme_id)
    return services.proposal_merge(actor=actor, proposal=proposal, theme=theme, terms=payload.terms)


@router.post(
    "/insights/proposals/{proposal_id}/reject",
    response={204: None, **REFUSED},
    summary="Reject the proposal; it is not proposed again",
)
def reject_proposal(request: HttpRequest, proposal_id: Id) -> Status[None]:
    actor = _actor(request)
    proposal = theme_selectors.proposal_access(actor=actor, proposal_id=proposal_id)
    services.proposal_reject(actor=actor, proposal=proposal)
    return Status(204, None)


@router.get(
    "/insights/reanalysis",
    response={200: ReanalysisOut, **READ_ERRORS},
    summary="The latest re-analysis of past comments, with its progress",
)
def reanalysis(request: HttpRequest) -> Reanalysis:
    latest = theme_selectors.reanalysis_latest(actor=_actor(request))
    if latest is None:
        raise Http404("No re-analysis yet")
    return latest


@router.post(
    "/insights/reanalysis",
    response={202: ReanalysisOut, **LEADS_ONLY},
    summary="Read every past comment again, in the background, chunked across the workers",
)
def start_reanalysis(request: HttpRequest) -> Status[Reanalysis]:
    return Status(202, services.reanalysis_request(actor=_actor(request)))


# Sentiment learnt from scores


class CalibrationLanguageOut(Schema):
    language: str = Field(description="A language the engine reads, learnt from its comments.")
    positive: int
    negative: int
    held_out: int
    learnt_f1: float | None
    default_f1: float | None
    in_use: bool = Field(description="Whether its comments are read with what it learnt.")
    reason: str = Field(description="Why not, when not.")


class CalibrationOut(Schema):
    id: int
    status: SentimentCalibration.Status
    positive: int = Field(description="Scored comments it learnt from as positive.")
    negative: int
    learnt_f1: float | None = Field(
        description="How well the learnt reading agreed with the scores held back (macro-F1), "
        "over the languages put in use."
    )
    default_f1: float | None = Field(description="The built-in reading's, on the same comments.")
    held_out: int
    languages: list[CalibrationLanguageOut] = Field(
        description="Each language learnt from its own scored comments."
    )
    error: str
    created_at: datetime
    finished_at: datetime | None


class ScoredLanguageOut(Schema):
    language: str
    positive: int
    negative: int
    enough: bool = Field(description="Enough on both sides to learn this language from.")


class SentimentLearningOut(Schema):
    in_use: CalibrationOut | None = Field(
        description="The learnt sentiment comments are read with."
    )
    latest: CalibrationOut | None
    positive: int = Field(
        description="Scored comments it could learn from now, as positive, in the languages "
        "with enough of them."
    )
    negative: int
    minimum: int = Field(description="Comments needed on each side, in one language.")
    can_learn: bool
    languages: list[ScoredLanguageOut] = Field(description="The scored comments of each language.")


@router.get(
    "/insights/sentiment-learning",
    response={200: SentimentLearningOut, **LEADS_ONLY},
    summary="The sentiment learnt from your scored comments (admins and CX leads)",
)
def sentiment_learning(request: HttpRequest) -> theme_selectors.SentimentLearning:
    return theme_selectors.sentiment_learning(actor=_actor(request))


@router.post(
    "/insights/sentiment-learning",
    response={202: CalibrationOut, **REFUSED},
    summary="Learn how your customers write from their scored comments, in the background",
    description="Refused (422) with too few scored comments on either side, or while learning.",
)
def learn_sentiment(request: HttpRequest) -> Status[SentimentCalibration]:
    return Status(202, services.calibration_request(actor=_actor(request)))


@router.post(
    "/insights/sentiment-learning/stop",
    response={204: None, **LEADS_ONLY},
    summary="Read with the built-in sentiment again (every comment is read again)",
)
def stop_learnt_sentiment(request: HttpRequest) -> Status[None]:
    services.calibration_stop(actor=_actor(request))
    return Status(204, None)
