"""The comment explorer's rows as a spreadsheet: what was said, where it came from, and what the
engine read in it; and the overview's theme table. Written through ``feedback.exports.csv_lines``
(or ``xlsx_bytes``), which keep every cell from becoming a formula. Each cell holds what the page
shows, as the page writes it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from operator import attrgetter

from django.db.models import QuerySet

from centric.feedback.exports import Cell
from centric.feedback.models import Response
from centric.insights.report.charts import period_label
from centric.insights.selectors import LANGUAGES, SCORE_KINDS, Driver, InsightsOverview
from centric.people.models import LANGUAGES as PEOPLE_LANGUAGES

COLUMNS = [
    "id",
    "responded_at (UTC)",
    "customer",
    "segment",
    "survey",
    "language",  # the one the engine found the comment written in
    "score_type",
    "score",
    "sentiment",
    "themes",  # each with the sentiment of what is said about it: "billing: negative"
    "urgent",
    "churn_risk",
    "praise",
    "praised",  # the organisation's people and teams the comment praises by name
    "comment",
]
# a comment may be in a language the engine does not read, named where people's are
LANGUAGE_NAMES = {**dict(PEOPLE_LANGUAGES), **LANGUAGES}
SCORE_LABELS = {kind: label for kind, label, *_ in SCORE_KINDS}


def comment_rows(comments: QuerySet[Response]) -> Iterator[list[Cell]]:
    yield list(COLUMNS)
    comments = comments.select_related("survey", "customer__account__segment")
    for response in comments.iterator(chunk_size=500):
        analysis = getattr(response, "analysis", None)
        yield [
            response.pk,
            _utc(response.responded_at),
            # as the explorer writes it
            str(response.customer) if response.customer else "anonymous",
            _segment(response),
            response.survey.name if response.survey else "",
            LANGUAGE_NAMES.get(analysis.language, analysis.language) if analysis else "",
            response.get_score_type_display(),
            response.score,
            analysis.sentiment_label if analysis else "",
            "; ".join(
                f"{m.theme}: {m.sentiment_label}"
                for m in sorted(response.theme_mentions.all(), key=attrgetter("theme"))
            ),
            _yes(analysis.urgent) if analysis else "",
            _yes(analysis.churn_risk) if analysis else "",
            _yes(analysis.praise) if analysis else "",
            "; ".join(m["name"] for m in analysis.reading.get("praised", [])) if analysis else "",
            response.comment,
        ]


def _segment(response: Response) -> str:
    # segments group accounts: a team, or an anonymous respondent, is in none
    account = response.customer.account if response.customer else None
    return account.segment.name if account and account.segment else ""


def _utc(moment: datetime | None) -> datetime | None:
    # spreadsheets have no time zones, so every moment is written in UTC
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def theme_table_rows(
    overview: InsightsOverview, *, scores: Sequence[str], covers: str
) -> Iterator[list[Cell]]:
    """The overview's theme table: each theme's mentions, share and how negative, its impact on
    each of the ``scores`` (of ``SCORE_KINDS``: those the page shows) with its 95% interval, the
    change in share, and its share period by period; then what the table ``covers`` (its
    period and filters, in words), so that the file says so wherever it goes."""
    window = overview.window
    period = (window.first, window.last_day)
    starts = [start for start, _, _ in overview.themes[0].trend] if overview.themes else []
    yield [
        "theme",
        "mentions",
        "share of comments (%)",
        "negative about it (%)",
        *(column for kind in scores for column in _impact_columns(SCORE_LABELS[kind])),
        "mentions in the period before",
        "change in share (points)",
        *(f"share {period_label(start, overview.period, period)} (%)" for start in starts),
        "covers",
    ]
    for row in overview.themes:
        shares = {start: share for start, share, _ in row.trend}
        yield [
            row.theme,
            row.volume,
            _rounded(row.share),
            _rounded(row.negative),
            *(cell for kind in scores for cell in _impact(row.drivers.get(kind))),
            row.previous_volume,
            _rounded(row.share_change),
            *(_rounded(shares.get(start)) for start in starts),
            covers,
        ]


def _impact_columns(score: str) -> list[str]:
    impact = f"{score} impact"
    return [
        f"{impact} (points)",
        f"{impact} 95% CI low",
        f"{impact} 95% CI high",
        f"{impact} significant",
    ]


def _impact(driver: Driver | None) -> list[Cell]:
    if driver is None or driver.effect is None:
        return ["", "", "", ""]
    return [
        _rounded(driver.effect),
        _rounded(driver.low),
        _rounded(driver.high),
        _yes(driver.significant),
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
