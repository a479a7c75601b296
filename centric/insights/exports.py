"""The comment explorer's rows as a spreadsheet: what was said, and what the engine read in it.
Written through ``feedback.exports.csv_lines``, which keeps every cell from becoming a formula."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from operator import attrgetter

from django.db.models import QuerySet

from centric.feedback.exports import Cell
from centric.feedback.models import Response

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
