"""The comment explorer's rows as a spreadsheet: what was said, and what the engine read in it;
and the overview's theme table. Written through ``feedback.exports.csv_lines`` (or
``xlsx_bytes``), which keep every cell from becoming a formula."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from operator import attrgetter

from django.db.models import QuerySet

from centric.feedback.exports import Cell
from centric.feedback.models import Response
from centric.insights.report.charts import period_label
from centric.insights.selectors import SCORE_KINDS, Driver, InsightsOverview

COLUMNS = [
    "id",
    "responded_at (UTC)",
    "customer",
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


def comment_rows(comments: QuerySet[Response]) -> Iterator[list[Cell]]:
    yield list(COLUMNS)
    for response in comments.iterator(chunk_size=500):
        analysis = getattr(response, "analysis", None)
        yield [
            response.pk,
            _utc(response.responded_at),
            response.customer.name if response.customer else "",
            response.score_type,
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


def _utc(moment: datetime | None) -> datetime | None:
    # spreadsheets have no time zones, so every moment is written in UTC
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def theme_table_rows(overview: InsightsOverview) -> Iterator[list[Cell]]:
    """The overview's theme table: each theme's mentions, share and how negative, its NPS, CSAT
    and CES impact with their 95% intervals, the change in share, and its share period by period."""
    window = overview.window
    covers = (window.first, window.last_day)
    starts = [start for start, _, _ in overview.themes[0].trend] if overview.themes else []
    yield [
        "theme",
        "mentions",
        "share of comments (%)",
        "negative about it (%)",
        *(column for _, label, _, _ in SCORE_KINDS for column in _impact_columns(label)),
        "mentions in the period before",
        "change in share (points)",
        *(f"share {period_label(start, overview.period, covers)} (%)" for start in starts),
    ]
    for row in overview.themes:
        shares = {start: share for start, share, _ in row.trend}
        yield [
            row.theme,
            row.volume,
            _rounded(row.share),
            _rounded(row.negative),
            *(cell for kind, *_ in SCORE_KINDS for cell in _impact(row.drivers.get(kind))),
            row.previous_volume,
            _rounded(row.share_change),
            *(_rounded(shares.get(start)) for start in starts),
        ]


def _impact_columns(score: str) -> list[str]:
    return [f"{score} impact (points)", "95% CI low", "95% CI high", f"{score} impact significant"]


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
