"""The case page's chart: the customer's feedback over time, one dot per response at its
sentiment, drawn as inline SVG (no script, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from django.utils.safestring import SafeString, mark_safe

from centric.feedback.models import Response
from centric.insights.report.charts import GRID, MUTED, SENTIMENT_COLOURS

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 160, 70, 10, 10, 24


def sentiment_history(responses: Sequence[Response]) -> SafeString | None:
    """Oldest on the left; the line joins the dots so a worsening relationship shows."""
    points = [
        (r.responded_at, r.analysis.sentiment_score, r.analysis.sentiment_label, r)
        for r in responses
        if r.responded_at is not None and getattr(r, "analysis", None) is not None
    ]
    if len(points) < 2:
        return None
    points.sort(key=lambda point: point[0])
    first, last = points[0][0], points[-1][0]
    span = max((last - first).total_seconds(), 1.0)

    def x(moment: datetime) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (moment - first).total_seconds() / span

    def y(score: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score) / 2

    body = []
    for value, label in ((1, "positive"), (0, "neutral"), (-1, "negative")):
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{MUTED}" font-size="11">{label}</text>'
        )
    line = " ".join(f"{x(at):.1f},{y(score):.1f}" for at, score, _, _ in points)
    body.append(f'<polyline points="{line}" fill="none" stroke="{GRID}" stroke-width="2"/>')
    for at, score, label, response in points:
        title = f"{at:%d %b %Y}: {label}"
        rated = response.survey.subject_team if response.survey_id and response.survey else None
        if rated is not None:  # what it rated: a team may rate several teams that serve it
            title = f"{at:%d %b %Y}, on {rated}: {label}"
        if response.score is not None:
            # with its scale: a 4 is satisfied in CSAT (1–5) but a detractor in NPS (0–10)
            title += f", {response.get_score_type_display() or 'Score'} {response.score}"
        body.append(
            f'<circle cx="{x(at):.1f}" cy="{y(score):.1f}" r="5" fill="{SENTIMENT_COLOURS.get(label, MUTED)}">'
            f"<title>{escape(title)}</title></circle>"
        )
    # each date ends where the line does, so the last is not cut off at the drawing's edge
    for at, anchor in ((first, "start"), (last, "end")):
        body.append(
            f'<text x="{x(at):.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}" fill="{MUTED}" font-size="11">{at:%b %Y}</text>'
        )
    svg = (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-label="Sentiment of this customer\'s last {len(points)} responses, oldest first">'
        + "".join(body)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - the only text drawn is escaped or fixed
