"""Reads for the Insights pages: scores, segments, themes, drivers, spikes and comments. Every
query starts from ``responses_visible_to(actor)``, so a page never counts feedback its reader may
not see."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from centric.core import clock
from centric.core.periods import Window
from centric.feedback import answers as answer_rules
from centric.feedback.models import Answer, Question, Response, Survey
from centric.feedback.results import EVERY, Selection, question_name, responses_counted
from centric.feedback.selectors import (
    CENTRICITY_KEYS,
    centricity_frame,
    responses_visible_to,
    scores_asked,
    scores_of,
)
from centric.insights.metrics import (
    MEANINGFUL_SHIFT,
    CentricityIndex,
    Ces,
    Csat,
    Difference,
    Estimate,
    Metric,
    Nps,
    Period,
    compare,
    compare_segments,
    estimate,
    key_drivers,
    readable_trend,
    sentiment_shifts,
    trend_periods,
    volume_spikes,
)
from centric.insights.metrics.periods import period_grid, period_of, period_start
from centric.insights.metrics.scores import DEFAULT_MIN_N
from centric.insights.models import (
    ResponseAnalysis,
    ThemeMention,
)
from centric.insights.text.language import READ_NAMES
from centric.people.models import LANGUAGES as PEOPLE_LANGUAGES
from centric.people.models import User

# the comment explorer's orders
ORDERS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "negative": "Most negative first",
    "positive": "Most positive first",
}
DEFAULT_DAYS = 90
# Spikes are judged against each theme's own recent weeks, so the query reaches back this far
# before the period shown (the engine's default baseline of eight weeks).
BASELINE_WEEKS = 8
# the languages the engine reads, as the explorer offers them
LANGUAGES = READ_NAMES
FLAGS = {
    "urgent": "analysis__urgent",
    "churn": "analysis__churn_risk",
    "praise": "analysis__praise",
}
_SCORE = "__score"
_WHEN = "__when"
_SEGMENT = "__segment"
# The scores a response can carry, as the score cards show them: (score type, label, metric, unit)
SCORE_KINDS: tuple[tuple[str, str, Metric, str], ...] = (
    ("nps", "NPS", Nps(column=_SCORE), ""),
    ("csat", "CSAT", Csat(column=_SCORE), "%"),
    ("ces", "CES", Ces(column=_SCORE), ""),
)
# the customer-centricity index, a score a survey can ask besides those
CENTRICITY = "centricity"


TrendPoint = tuple[dt.date, float | None, float | None, float | None, int]


@dataclass(frozen=True)
class ScoreCard:
    """One headline figure now and in the period before, with the test between the two."""

    label: str
    unit: str
    current: Estimate
    previous: Estimate
    # Only set when both figures are reliable: a change between unreliable figures means nothing.
    difference: Difference | None
    bounds: tuple[float, float] = (0.0, 100.0)
    period: str = "week"
    # the finer periods the trend is not by, each with too few answers to draw one
    passed_over: tuple[str, ...] = ()
    # (period start, value if reliable, low, high, n), oldest first, for the trend chart
    points: tuple[TrendPoint, ...] = ()
    # the first and last day counted: the first and last periods may hold only part of theirs
    covers: tuple[dt.date, dt.date] | None = None
    # the answers a period needs for its figure to be drawn
    min_n: int = DEFAULT_MIN_N

    @property
    def trend(self) -> str:
        """ "up" or "down" when the change is statistically significant, otherwise ""."""
        if self.difference is None or not self.difference.significant:
            return ""
        return "up" if self.difference.difference > 0 else "down"


@dataclass(frozen=True)
class Driver:
    """A theme's association with NPS, in points, from ``key_drivers``."""

    effect: float | None
    low: float | None
    high: float | None
    significant: bool
    reliable: bool
    sentence: str


# Below this many mentions a theme's "% negative" is said as a count ("1 of 2"), not a share,
# and its association with a score is not estimated.
FEW_MENTIONS = 10


ThemePoint = tuple[dt.date, float | None, int]


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    volume: int
    share: float  # % of the analysed comments in the period
    negative: float  # % of this theme's mentions that are negative about it
    previous_volume: int
    previous_share: float | None  # % of the comments read in the period before; None: none read
    # its association with each score tested (of SCORE_KINDS, by kind; a kind missing was not
    # tested: the survey filtered to does not ask it)
    drivers: Mapping[str, Driver] = field(default_factory=dict)
    # by period: its start, the % of the comments read in it that mention the theme (None:
    # none read) and how many were read
    trend: tuple[ThemePoint, ...] = ()

    @property
    def share_change(self) -> float | None:
        """The change in share of comments, in percentage points: more or fewer comments in
        one period move every theme's mentions, not its share."""
        return None if self.previous_share is None else self.share - self.previous_share

    @property
    def negative_count(self) -> int:
        return round(self.negative * self.volume / 100)

    @property
    def few(self) -> bool:
        """Too few mentions for a share to mean much: the page gives the count instead."""
        return self.volume < FEW_MENTIONS


@dataclass(frozen=True)
class Spike:
    week: dt.date
    theme: str
    count: int
    expected: float
    sentence: str


@dataclass(frozen=True)
class SpikeWeek:
    """The themes that spiked in one week, shown together: one incident often raises several
    (a double charge: billing and refunds), and ``shared`` says how many of the week's comments
    mention two or more of them."""

    week: dt.date
    spikes: tuple[Spike, ...]
    shared: int


@dataclass(frozen=True)
class Shift:
    week: dt.date
    theme: str
    mean: float
    baseline: float
    sentence: str

    @property
    def direction(self) -> str:
        return "down" if self.mean < self.baseline else "up"


@dataclass(frozen=True)
class SegmentRow:
    """One segment's score against all other customers' in a segment, from ``compare_segments``."""

    segment_id: int
    name: str
    n: int
    value: float | None
    low: float | None
    high: float | None
    # the segment minus the rest, with its 95% interval; None when too few answers to test
    difference: float | None
    difference_low: float | None
    difference_high: float | None
    significant: bool  # after the correction for the number of segments tested
    sentence: str

    @property
    def tested(self) -> bool:
        return self.difference is not None


@dataclass(frozen=True)
class SegmentComparison:
    """One score by segment: every segment with answers, largest first."""

    label: str
    unit: str
    decimals: int
    rows: list[SegmentRow]
    tested: int  # the segments with answers enough to test: the p-values are corrected for these
    unsegmented: int  # answers from customers in no segment, in no group
    min_n: int = DEFAULT_MIN_N

    @property
    def correction(self) -> str:
        """How the p-values were corrected, in plain words."""
        if self.tested == 1:
            return "one comparison, so nothing to correct for"
        return f"corrected for {self.tested} comparisons (Holm)"


# Whose feedback the pages read: every customer's, the external customers' (accounts), or the
# internal customers' (teams rating the teams that serve them), whose scores are not customers'.
WHO = {"external": "External customers", "internal": "Internal customers (teams)"}


@dataclass(frozen=True)
class InsightsOverview:
    window: Window
    segment_id: int | None
    analysed: int
    unread: int  # of those, comments in a language the engine does not read
    # those, by language (its name) and how many, most first
    unread_languages: list[tuple[str, int]]
    previous_read: int  # comments read in the period before, which the change in share is from
    scores: list[ScoreCard]
    themes: list[ThemeRow]
    spike_weeks: list[SpikeWeek]  # newest first
    shifts: list[Shift]
    # NPS, then CSAT and CES where there are answers; none for internal customers (teams)
    segments: list[SegmentComparison]
    who: str = ""  # a key of WHO, or every customer's
    survey_id: int | None = None  # one survey's responses, or all feedback
    # of the themes' trends, and of the score cards' but where their answers are too thin
    period: Period = "month"
    # the scores the survey filtered to asks (of SCORE_KINDS and CENTRICITY), whose cards,
    # segments and drivers are the only ones shown; None: every score, as for all feedback
    asked: frozenset[str] | None = None

    def asks(self, kind: str) -> bool:
        return asks(self.asked, kind)


def asks(asked: frozenset[str] | None, kind: str) -> bool:
    """Whether the score ``kind`` is shown: every score for all feedback (``asked`` None), else
    those the survey filtered to asks."""
    return asked is None or kind in asked


def insights_overview(
    *,
    actor: User,
    days: int = DEFAULT_DAYS,
    segment_id: int | None = None,
    who: str = "",
    survey_id: int | None = None,
    window: Window | None = None,
    customer_id: int | None = None,
) -> InsightsOverview:
    """Scores, segments compared, themes with their NPS drivers, and volume spikes over the last
    ``days`` (or a ``window`` of chosen dates), against as long a stretch before it, within the
    feedback the actor may see (of one survey's responses with a ``survey_id``, with only the
    scores that survey asks).

    The segment comparison is of every segment, whatever ``segment_id`` narrows the rest to."""
    asked = None if survey_id is None else survey_scores(actor=actor, survey_id=survey_id)
    window = window or Window.last(days)
    since, now, before = window.start, window.end, window.previous.start
    scope = _scope(actor, segment_id, who, survey_id, customer_id)
    current = scope.filter(responded_at__gte=since, responded_at__lt=now)
    previous = scope.filter(responded_at__gte=before, responded_at__lt=since)
    readings = ResponseAnalysis.objects.filter(response__in=current).aggregate(
        analysed=Count("pk"),
        unread=Count("pk", filter=Q(sentiment_label=ResponseAnalysis.Label.UNREAD)),
    )
    analysed, unread = readings["analysed"], readings["unread"]
    names = dict(PEOPLE_LANGUAGES)
    unread_languages = (
        [
            (names.get(row["language"], row["language"]), row["count"])
            for row in ResponseAnalysis.objects.filter(
                response__in=current, sentiment_label=ResponseAnalysis.Label.UNREAD
            )
            .values("language")
            .annotate(count=Count("pk"))
            .order_by("-count", "language")
        ]
        if unread
        else []
    )
    with_baseline = scope.filter(
        responded_at__gte=since - dt.timedelta(weeks=BASELINE_WEEKS), responded_at__lt=now
    )
    periods = trend_periods(window.length)
    covers = (window.first, window.last_day)
    previous_read = _read(previous).count()
    return InsightsOverview(
        window=window,
        segment_id=segment_id,
        who=who,
        survey_id=survey_id,
        analysed=analysed,
        unread=unread,
        unread_languages=unread_languages,
        previous_read=previous_read,
        scores=_score_cards(current, previous, asked, periods=periods, covers=covers),
        segments=[]
        if who == "internal"  # segments group accounts; teams have none
        else _segment_comparisons(
            _scope(actor, None, who, survey_id).filter(
                responded_at__gte=since, responded_at__lt=now
            ),
            asked,
        ),
        period=periods[0],
        themes=_theme_rows(
            current,
            previous,
            analysed - unread,
            previous_read,
            period=periods[0],
            covers=covers,
            # the scores whose drivers are estimated
            scores={kind for kind, *_ in SCORE_KINDS if asks(asked, kind)},
        ),
        spike_weeks=_spike_weeks(with_baseline, shown_from=timezone.localdate(since)),
        shifts=_shifts(with_baseline, shown_from=timezone.localdate(since)),
        asked=asked,
    )


def survey_scores(*, actor: User, survey_id: int) -> frozenset[str] | None:
    """The scores a survey of the actor's organisation asks (``scores_asked``: the score types
    of SCORE_KINDS, and CENTRICITY); None for no such survey."""
    survey = Survey.objects.filter(organisation_id=actor.organisation_id, pk=survey_id).first()
    if survey is None:
        return None
    return frozenset(
        score.kind for score in scores_asked(survey, survey.questions.values_list("kind", "key"))
    )


def week_window(day: dt.date) -> Window:
    """The local calendar week, Monday to Sunday, that ``day`` is in, as the spikes count weeks;
    ``PeriodError`` (or ``OverflowError``) for one at the very ends of the calendar."""
    monday = day - dt.timedelta(days=day.weekday())
    return Window.between(monday, monday + dt.timedelta(days=6))


def comment_list(
    *,
    actor: User,
    theme: str = "",
    sentiment: str = "",
    flag: str = "",
    search: str = "",
    segment_id: int | None = None,
    who: str = "",
    days: int = DEFAULT_DAYS,
    week: dt.date | None = None,
    survey_id: int | None = None,
    window: Window | None = None,
    order: str = "",
    customer_id: int | None = None,
    language: str = "",
) -> QuerySet[Response]:
    """The comments of the last ``days`` (or of a ``window`` of chosen dates) the actor may see,
    or of the ``week`` starting that Monday (a spike's), with their readings, in an ``order`` of
    ``ORDERS`` (newest first by default); of one survey's responses with a ``survey_id``; in
    one of the ``LANGUAGES`` the engine reads, with a ``language``. With a ``theme``,
    ``sentiment`` is that of what a comment says about the theme, not of the whole comment."""
    if week is not None:
        window = week_window(week)
    if window is None:
        when = Q(responded_at__gte=clock.now() - dt.timedelta(days=days))
    else:
        when = Q(responded_at__gte=window.start, responded_at__lt=window.end)
    comments = _scope(actor, segment_id, who, survey_id, customer_id).filter(when)
    comments = comments.exclude(comment="")
    if theme and sentiment and sentiment != ResponseAnalysis.Label.UNREAD:
        # what the comment says about the theme, as the theme table's share counts it
        comments = comments.filter(
            theme_mentions__theme=theme, theme_mentions__sentiment_label=sentiment
        )
    else:
        if theme:
            comments = comments.filter(theme_mentions__theme=theme)
        if sentiment:
            comments = comments.filter(analysis__sentiment_label=sentiment)
    if flag in FLAGS:
        comments = comments.filter(**{FLAGS[flag]: True})
    if search:
        comments = comments.filter(comment__icontains=search)
    if language in LANGUAGES:
        comments = comments.filter(analysis__language=language)
    return _ordered(
        comments.select_related("analysis", "customer__account", "customer__team"),
        order,
        theme,
    ).prefetch_related("theme_mentions")


def _ordered(comments: QuerySet[Response], order: str, theme: str) -> QuerySet[Response]:
    """Newest first, oldest first, or by sentiment: with a ``theme``, that of what each comment
    says about it. Comments not yet read come last; the newest first among equals."""
    if order == "oldest":
        return comments.order_by("responded_at", "id")
    if order not in ("negative", "positive"):
        return comments.order_by("-responded_at", "-id")
    score: F | Subquery = F("analysis__sentiment_score")
    if theme:
        score = Subquery(
            ThemeMention.objects.filter(response=OuterRef("pk"), theme=theme).values(
                "sentiment_score"
            )[:1]
        )
    comments = comments.annotate(sentiment_order=score)
    first = F("sentiment_order")
    by = first.asc(nulls_last=True) if order == "negative" else first.desc(nulls_last=True)
    return comments.order_by(by, "-responded_at", "-id")


@dataclass(frozen=True)
class AnswerTheme:
    theme: str
    volume: int  # answers that speak of it
    share: float  # % of the answers read
    negative_count: int  # of them, negative about it

    @property
    def negative(self) -> float:
        return 100.0 * self.negative_count / self.volume

    @property
    def few(self) -> bool:
        return self.volume < FEW_MENTIONS


@dataclass(frozen=True)
class AnswerThemes:
    """What the answers to one free-text question speak of."""

    answered: int
    read: int  # of the answers, those the engine read (not: those not yet read or unread)
    themed: int  # of those read, the ones that speak of some theme
    themes: list[AnswerTheme]


def answer_themes(*, actor: User, question: Question, selection: Selection = EVERY) -> AnswerThemes:
    """The themes of the answers to a free-text ``question`` that its survey's results count
    (``responses_counted``), most spoken of first, each with how many answers speak of it and
    how many of those are negative about it. A response's comment is its free-text answers
    one after another; where it holds other answers too, only the themes the engine found in
    this answer's part of it count."""
    responses = responses_counted(actor=actor, survey=question.survey, selection=selection)
    given = Answer.objects.filter(question=question, response__in=responses).exclude(text="")
    read = _read(Response.objects.filter(pk__in=given.values("response_id")))
    shared = set(
        Answer.objects.filter(
            response__in=read, question__survey_id=question.survey_id, question__kind="text"
        )
        .exclude(question=question)
        .exclude(text="")
        .values_list("response_id", flat=True)
    )
    alone = ThemeMention.objects.filter(response__in=read.exclude(pk__in=shared))
    volume: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for row in alone.values("theme").annotate(
        volume=Count("id"), negative=Count("id", filter=Q(sentiment_label="negative"))
    ):
        volume[row["theme"]] += row["volume"]
        negative[row["theme"]] += row["negative"]
    themed = alone.order_by().values("response_id").distinct().count()
    for comment, text, reading in given.filter(response_id__in=shared).values_list(
        "response__comment", "text", "response__analysis__reading"
    ):
        found = _themes_within(reading, comment.find(text), len(text))
        for theme, label in found:
            volume[theme] += 1
            negative[theme] += label == ResponseAnalysis.Label.NEGATIVE
        themed += bool(found)
    answers_read = read.count()
    return AnswerThemes(
        answered=given.count(),
        read=answers_read,
        themed=themed,
        themes=[
            AnswerTheme(theme, count, 100.0 * count / answers_read, negative[theme])
            for theme, count in sorted(volume.items(), key=lambda item: (-item[1], item[0]))
        ],
    )


def _themes_within(reading: dict[str, Any], start: int, length: int) -> list[tuple[str, str]]:
    """The themes (with the sentiment of what is said about each) that the engine found in a
    sentence of ``reading`` beginning within ``length`` characters of ``start``."""
    if start < 0:
        return []  # the comment no longer holds the answer as given
    sentences = reading.get("sentences", [])
    return [
        (theme["name"], theme["sentiment"]["label"])
        for theme in reading.get("themes", [])
        if any(
            start <= sentences[index]["start"] < start + length
            for index in theme["sentences"]
            if index < len(sentences)
        )
    ]


@dataclass(frozen=True)
class CustomerVoice:
    """What one customer told us over the last ``days``: its scores, what its comments speak
    of, and its latest comments, of the feedback the reader may see."""

    days: int
    scores: list[tuple[str, Estimate, str]]  # label, figure, unit
    read: int  # comments the engine read
    themes: list[AnswerTheme]
    latest: list[Response]
    commented: int  # comments, read or not
    # each of the latest with a score, by id: the score as its line says it (``_score_said``)
    scores_said: dict[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.commented and not any(figure.n for _, figure, _ in self.scores)


def customer_voice(*, actor: User, customer_id: int, days: int = 365) -> CustomerVoice:
    responses = responses_visible_to(actor).filter(
        customer_id=customer_id, responded_at__gte=clock.now() - dt.timedelta(days=days)
    )
    read = _read(responses)
    answers_read = read.count()
    counts = (
        ThemeMention.objects.filter(response__in=read)
        .values("theme")
        .annotate(volume=Count("id"), negative=Count("id", filter=Q(sentiment_label="negative")))
        .order_by("-volume", "theme")
    )
    commented = responses.exclude(comment="")
    latest = list(
        commented.select_related("analysis", "customer__account", "customer__team", "survey")
        .prefetch_related("theme_mentions")
        .order_by("-responded_at", "-id")[:5]
    )
    return CustomerVoice(
        days=days,
        scores=[
            *(
                (label, estimate(_scores(responses, kind), metric), unit)
                for kind, label, metric, unit in SCORE_KINDS
            ),
            ("Customer-centricity index", estimate(_centricity(responses), CentricityIndex()), ""),
        ],
        read=answers_read,
        themes=[
            AnswerTheme(
                row["theme"], row["volume"], 100.0 * row["volume"] / answers_read, row["negative"]
            )
            for row in counts
        ],
        latest=latest,
        commented=commented.count(),
        scores_said=_scores_said(latest),
    )


def _scores_said(responses: list[Response]) -> dict[int, str]:
    """The headline score of each of ``responses`` that has one, as a line about it says it:
    "NPS (0–10) 9"; a survey's rating by its survey and what it rates ("Customer-centricity
    survey · Discovery 5 of 5"), for "Rating (1–5) 5" says neither, and a rating's scale is
    its question's own."""
    said = {
        response.pk: f"{response.get_score_type_display()} {response.score}"
        for response in responses
        if response.score is not None and response.score_type
    }
    rated = {
        response.pk: response
        for response in responses
        if response.pk in said
        and response.score_type == Response.ScoreType.RATING
        and response.survey is not None
    }
    # the headline rating is the first rating question answered (``response_summarise``)
    answers = Answer.objects.filter(
        response_id__in=list(rated), question__kind=Question.Kind.RATING, number__isnull=False
    ).select_related("question")
    for answer in answers.order_by("response_id", "question__position"):
        response = rated.pop(answer.response_id, None)
        if response is None or answer.number != response.score:
            continue  # not its first rating, or not the one its score was taken from
        assert response.survey is not None  # rated are a survey's
        bounds = answer_rules.scale(answer.question)
        top = f" of {bounds[1]}" if bounds else ""
        what = question_name(response.survey, answer.question) or "rating"
        said[response.pk] = f"{response.survey.name} · {what} {response.score}{top}"
    return said


def themes_seen(*, actor: User) -> list[str]:
    """Every theme found in the feedback the actor may see, for the explorer's filter."""
    return list(
        ThemeMention.objects.filter(response__in=responses_visible_to(actor))
        .values_list("theme", flat=True)
        .distinct()
        .order_by("theme")
    )


def _scope(
    actor: User,
    segment_id: int | None,
    who: str = "",
    survey_id: int | None = None,
    customer_id: int | None = None,
) -> QuerySet[Response]:
    responses = responses_visible_to(actor)
    if survey_id is not None:
        responses = responses.filter(survey_id=survey_id)
    if customer_id is not None:
        responses = responses.filter(customer_id=customer_id)
    if segment_id:
        responses = responses.filter(customer__account__segment_id=segment_id)
    if who in WHO:
        responses = responses.filter(customer__kind=who)
    return responses


def _scores(responses: QuerySet[Response], score_type: str) -> pl.DataFrame:
    rows = scores_of(responses, score_type, "responded_at")
    return pl.DataFrame(
        {
            _SCORE: [score for score, _ in rows],
            _WHEN: [timezone.localdate(when) if when else None for _, when in rows],
        },
        schema={_SCORE: pl.Int64, _WHEN: pl.Date},
    )


def _centricity(responses: QuerySet[Response]) -> pl.DataFrame:
    """One row per answer to the customer-centricity survey: its three answers (null where
    skipped) and its date."""
    frame = centricity_frame(responses, "responded_at", pl.Object)
    days = [timezone.localdate(when) if when else None for when in frame["group"]]
    return frame.select(*CENTRICITY_KEYS, pl.Series(_WHEN, days, dtype=pl.Date))


def _score_cards(
    current: QuerySet[Response],
    previous: QuerySet[Response],
    asked: frozenset[str] | None,
    *,
    periods: tuple[Period, ...],
    covers: tuple[dt.date, dt.date],
) -> list[ScoreCard]:
    """NPS, CSAT, CES and the customer-centricity index, or those of them a survey ``asked``."""
    cards = [
        _score_card(
            _scores(current, kind),
            _scores(previous, kind),
            label,
            metric,
            periods,
            covers,
            unit,
        )
        for kind, label, metric, unit in SCORE_KINDS
        if asks(asked, kind)
    ]
    if asks(asked, CENTRICITY):
        cards.append(
            _score_card(
                _centricity(current),
                _centricity(previous),
                "Customer-centricity index",
                CentricityIndex(),
                periods,
                covers,
            )
        )
    return cards


def _score_card(
    now_frame: pl.DataFrame,
    before_frame: pl.DataFrame,
    label: str,
    metric: Metric,
    periods: tuple[Period, ...],
    covers: tuple[dt.date, dt.date],
    unit: str = "",
) -> ScoreCard:
    """A headline figure of ``metric`` now and before, and its trend by the finest of
    ``periods`` with two or more periods of answers enough (``readable_trend``)."""
    now, before = estimate(now_frame, metric), estimate(before_frame, metric)
    difference = (
        compare(now_frame, before_frame, metric) if now.reliable and before.reliable else None
    )
    # every period of the window, so the cards by the same period line up
    by_period = readable_trend(
        now_frame, metric, date_column=_WHEN, periods=periods, span=covers, min_n=DEFAULT_MIN_N
    )
    return ScoreCard(
        label=label,
        unit=unit,
        current=now,
        previous=before,
        difference=difference,
        bounds=metric.bounds,
        period=by_period.period,
        passed_over=by_period.passed_over,
        # an unreliable period keeps its bar of answers but breaks the line
        points=tuple(
            (
                row["period"],
                row["value"] if row["reliable"] else None,
                row["low"],
                row["high"],
                row["n"],
            )
            for row in by_period.rows.iter_rows(named=True)
        ),
        covers=covers,
        min_n=DEFAULT_MIN_N,
    )


def _segment_comparisons(
    responses: QuerySet[Response], asked: frozenset[str] | None = None
) -> list[SegmentComparison]:
    """Each segment against all other customers in a segment (Holm-corrected across segments):
    NPS always, CSAT and CES where there are answers of the kind; with the scores a survey
    ``asked``, those and no others."""
    comparisons = []
    for kind, label, metric, unit in SCORE_KINDS:
        if not asks(asked, kind):
            continue
        answers = scores_of(
            responses, kind, "customer__account__segment_id", "customer__account__segment__name"
        )
        if not answers and kind != "nps" and asked is None:
            continue
        frame = pl.DataFrame(
            {_SCORE: [score for score, _, _ in answers], _SEGMENT: [name for *_, name in answers]},
            schema={_SCORE: pl.Int64, _SEGMENT: pl.String},
        )
        # a segment's name is unique in its organisation, and every answer here is of one
        ids = {name: segment_id for _, segment_id, name in answers if segment_id is not None}
        found = compare_segments(
            frame, metric, segment_column=_SEGMENT, correction="holm", min_n=DEFAULT_MIN_N
        )
        rows = [
            SegmentRow(
                segment_id=ids[row["segment"]],
                name=row["segment"],
                n=row["n"],
                value=row["value"],
                low=row["low"],
                high=row["high"],
                difference=row["difference"],
                difference_low=row["difference_low"],
                difference_high=row["difference_high"],
                significant=row["significant"],
                sentence=row["sentence"],
            )
            for row in found.iter_rows(named=True)
        ]
        comparisons.append(
            SegmentComparison(
                label=label,
                unit=unit,
                decimals=metric.decimals,
                rows=rows,
                tested=sum(row.tested for row in rows),
                unsegmented=sum(segment_id is None for _, segment_id, _ in answers),
            )
        )
    return comparisons


def _theme_rows(
    current: QuerySet[Response],
    previous: QuerySet[Response],
    read: int,
    previous_read: int,
    *,
    period: Period,
    covers: tuple[dt.date, dt.date],
    scores: set[str],
) -> list[ThemeRow]:
    """Each theme's volume, its share of the comments read (and in the period before, and by
    ``period`` over the days ``covers``), and what goes with it of the ``scores`` (kinds of
    SCORE_KINDS)."""
    counts = (
        ThemeMention.objects.filter(response__in=current)
        .values("theme")
        .annotate(volume=Count("id"), negative=Count("id", filter=Q(sentiment_label="negative")))
        .order_by("-volume", "theme")
    )
    before = dict(
        ThemeMention.objects.filter(response__in=previous)
        .values("theme")
        .annotate(volume=Count("id"))
        .values_list("theme", "volume")
    )
    names = [row["theme"] for row in counts]
    trends = _theme_trends(current, period, covers)
    read_now = _read(current)
    mentioned = _themes_by_response(read_now) if scores and names else {}
    drivers = {
        kind: _drivers(read_now, mentioned, names, kind, metric)
        for kind, _, metric, _ in SCORE_KINDS
        if kind in scores
    }
    return [
        ThemeRow(
            theme=row["theme"],
            volume=row["volume"],
            share=100.0 * row["volume"] / read if read else 0.0,
            negative=100.0 * row["negative"] / row["volume"],
            previous_volume=before.get(row["theme"], 0),
            previous_share=100.0 * before.get(row["theme"], 0) / previous_read
            if previous_read
            else None,
            drivers={
                kind: found[row["theme"]]
                for kind, found in drivers.items()
                if row["theme"] in found
            },
            trend=trends.get(row["theme"], ()),
        )
        for row in counts
    ]


def _theme_trends(
    responses: QuerySet[Response], period: Period, covers: tuple[dt.date, dt.date]
) -> dict[str, tuple[ThemePoint, ...]]:
    """Each theme's share of the comments read, period by period over the days ``covers``."""
    read = _read(responses)
    days = [timezone.localdate(when) for when in read.values_list("responded_at", flat=True)]
    mentions = list(
        ThemeMention.objects.filter(response__in=read).values_list(
            "theme", "response__responded_at"
        )
    )
    if not days or not mentions:
        return {}
    grid = period_grid(period_of(covers[0], period), period_of(covers[1], period), period)
    read_days = pl.DataFrame({_WHEN: days}, schema={_WHEN: pl.Date})
    comments = read_days.group_by(period_start(read_days, _WHEN, period).alias("period")).len(
        "comments"
    )
    found = pl.DataFrame(
        {
            "theme": [theme for theme, _ in mentions],
            _WHEN: [timezone.localdate(w) for _, w in mentions],
        },
        schema={"theme": pl.String, _WHEN: pl.Date},
    )
    counts = found.group_by("theme", period_start(found, _WHEN, period).alias("period")).len("n")
    shares = (
        counts.select("theme")
        .unique()
        .join(grid.to_frame(), how="cross")
        .join(counts, on=["theme", "period"], how="left")
        .join(comments, on="period", how="left")
        .with_columns(
            pl.when(pl.col("comments") > 0)
            .then(100.0 * pl.col("n").fill_null(0) / pl.col("comments"))
            .alias("share"),
            pl.col("comments").fill_null(0),
        )
        .sort("theme", "period")
    )
    return {
        theme: tuple(group.select("period", "share", "comments").iter_rows())
        for (theme,), group in shares.group_by("theme", maintain_order=True)
    }


def _themes_by_response(responses: QuerySet[Response]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for response_id, theme in ThemeMention.objects.filter(response__in=responses).values_list(
        "response_id", "theme"
    ):
        found[response_id].add(theme)
    return found


def _read(responses: QuerySet[Response]) -> QuerySet[Response]:
    """The responses whose comment was read: a comment in another language is analysed but not
    read, so which themes it speaks of is unknown, and it belongs on neither side of a
    comparison between comments that mention a theme and those that do not."""
    return responses.filter(analysis__isnull=False).exclude(
        analysis__sentiment_label=ResponseAnalysis.Label.UNREAD
    )


def _drivers(
    read: QuerySet[Response],
    mentioned: dict[int, set[str]],
    themes: list[str],
    score_type: str,
    metric: Metric,
) -> dict[str, Driver]:
    """Which themes go with a higher or lower score among the ``read`` responses with a score
    of that kind, given the themes ``mentioned`` in each."""
    rows = scores_of(read, score_type, "pk") if themes else []
    if not rows:
        return {}
    frame = pl.DataFrame(
        {
            _SCORE: [score for score, _ in rows],
            **{theme: [theme in mentioned[pk] for _, pk in rows] for theme in themes},
        },
        schema={_SCORE: pl.Int64, **dict.fromkeys(themes, pl.Boolean)},
    )
    result = key_drivers(frame, metric, themes=themes, min_mentions=FEW_MENTIONS)
    return {
        row["theme"]: Driver(
            effect=row["effect"],
            low=row["low"],
            high=row["high"],
            significant=bool(row["significant"]),
            reliable=bool(row["reliable"]),
            sentence=row["sentence"],
        )
        for row in result.iter_rows(named=True)
    }


def organisation_alarms(
    *, organisation_id: int, since: dt.date, now: dt.datetime
) -> tuple[list[SpikeWeek], list[Shift]]:
    """The spikes and sentiment shifts of every customer's feedback of the organisation in the
    weeks from the one of ``since`` to ``now``, each against its theme's own previous weeks, as
    the overview finds them: for the alerts, which no person's scope narrows."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    responses = Response.objects.filter(
        organisation_id=organisation_id,
        responded_at__gte=start - dt.timedelta(weeks=BASELINE_WEEKS),
        responded_at__lt=now,
    )
    return _spike_weeks(responses, shown_from=since), _shifts(responses, shown_from=since)


def _spike_weeks(responses: QuerySet[Response], *, shown_from: dt.date) -> list[SpikeWeek]:
    """Weekly theme volumes against each theme's own baseline; alarms in the period shown,
    grouped by week."""
    commented = _read(responses)
    rows = list(commented.values_list("pk", "responded_at"))
    mentioned = _themes_by_response(commented)
    themes = sorted({theme for found in mentioned.values() for theme in found})
    if not rows or not themes:
        return []
    frame = pl.DataFrame(
        {
            _WHEN: [timezone.localdate(when) for _, when in rows],
            **{theme: [theme in mentioned[pk] for pk, _ in rows] for theme in themes},
        },
        schema={_WHEN: pl.Date, **dict.fromkeys(themes, pl.Boolean)},
    )
    checks = volume_spikes(frame, date_column=_WHEN, themes=themes, period="week")
    alarms = checks.filter(pl.col("alarm") & (pl.col("period") >= shown_from)).sort(
        "period", "count", descending=True
    )
    weeks: dict[dt.date, list[Spike]] = defaultdict(list)
    for row in alarms.iter_rows(named=True):
        weeks[row["period"]].append(_spike(row))
    frame = frame.with_columns(period_start(frame, _WHEN, "week").alias("__week"))
    return [
        SpikeWeek(week=week, spikes=tuple(spikes), shared=_shared(frame, week, spikes))
        for week, spikes in weeks.items()
    ]


def _shared(frame: pl.DataFrame, week: dt.date, spikes: list[Spike]) -> int:
    """How many of the week's comments mention two or more of the themes that spiked in it."""
    if len(spikes) < 2:
        return 0
    mentions = pl.sum_horizontal(pl.col(spike.theme).cast(pl.Int8) for spike in spikes)
    return frame.filter((pl.col("__week") == week) & (mentions >= 2)).height


def _shifts(responses: QuerySet[Response], *, shown_from: dt.date) -> list[Shift]:
    """Weeks in which what people said about a theme turned markedly more negative or positive
    than in its own previous weeks."""
    rows = list(
        ThemeMention.objects.filter(response__in=responses).values_list(
            "response__responded_at", "theme", "sentiment_score"
        )
    )
    if not rows:
        return []
    frame = pl.DataFrame(
        {
            _WHEN: [timezone.localdate(when) if when else None for when, _, _ in rows],
            "theme": [theme for _, theme, _ in rows],
            "sentiment": [score for _, _, score in rows],
        },
        schema={_WHEN: pl.Date, "theme": pl.String, "sentiment": pl.Float64},
    )
    checks = sentiment_shifts(
        frame,
        date_column=_WHEN,
        theme_column="theme",
        sentiment_column="sentiment",
        period="week",
        direction="both",
        min_difference=MEANINGFUL_SHIFT,
    )
    alarms = checks.filter(pl.col("alarm") & (pl.col("period") >= shown_from)).sort(
        "period", descending=True
    )
    return [
        Shift(
            week=row["period"],
            theme=row["theme"],
            mean=row["mean"],
            baseline=row["baseline_mean"],
            sentence=row["sentence"],
        )
        for row in alarms.iter_rows(named=True)
    ]


def _spike(row: dict[str, Any]) -> Spike:
    return Spike(
        week=row["period"],
        theme=row["theme"],
        count=row["count"],
        expected=row["expected"],
        sentence=row["sentence"],
    )
