"""The Insights pages' charts, drawn by the report's inline-SVG helpers (no script, no CDN)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from centric.insights.report import charts
from centric.insights.report.numbers import number, signed
from centric.insights.selectors import Driver, ScoreCard, ThemeRow


@dataclass(frozen=True)
class DriverChart:
    axis: SafeString
    # theme, its driver, the chart row and its figure written out (read without hovering)
    rows: list[tuple[str, Driver, SafeString, str]]


def driver_chart(themes: Sequence[ThemeRow], *, score: str = "nps") -> DriverChart | None:
    """One forest-plot row per theme with a tested association with the score ("nps" or
    "csat"), on one shared axis."""
    tested: list[tuple[ThemeRow, Driver]] = []
    for row in themes:
        driver = row.driver if score == "nps" else row.csat_driver
        if driver is not None and driver.effect is not None:
            tested.append((row, driver))
    if not tested:
        return None
    widest = max(
        abs(value)
        for _, driver in tested
        for value in (driver.effect, driver.low, driver.high)
        if value is not None
    )
    limit = charts.nice_limit(widest)
    rows = []
    for row, driver in sorted(tested, key=lambda pair: pair[1].effect or 0.0):
        effect = driver.effect or 0.0
        svg = charts.interval(
            effect,
            effect if driver.low is None else driver.low,
            effect if driver.high is None else driver.high,
            limit=limit,
            significant=driver.significant,
            label=driver.sentence,
        )
        figure = signed(effect, 0)
        if driver.low is not None and driver.high is not None:
            figure += f" ({number(driver.low, 0)} to {number(driver.high, 0)})"
        rows.append((row.theme, driver, _safe(svg), figure))
    return DriverChart(axis=_safe(charts.interval_axis(limit, "points")), rows=rows)


def score_trend(card: ScoreCard) -> SafeString | None:
    """The score per week or month: the line where a period's figure is reliable, its 95%
    interval as a band, and the number of answers as grey bars. Sized for a score card."""
    points = card.points
    if not any(point[4] for point in points):
        return None
    width, left, right, top, bottom, bars_top, bars_bottom = 320, 34, 6, 8, 96, 106, 130
    values = [v for p in points if p[1] is not None for v in (p[1], p[2], p[3]) if v is not None]
    low, high = (min(values), max(values)) if values else card.bounds
    margin = max((high - low) * 0.15, 1.0 if card.bounds[1] > 10 else 0.1)
    low, high = max(card.bounds[0], low - margin), min(card.bounds[1], high + margin)
    step = (width - left - right) / len(points)
    scale = card.bounds[1] - card.bounds[0]

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(value: float) -> float:
        return top + (bottom - top) * (high - value) / (high - low)

    body = [
        f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
        f'stroke="{charts.GRID}"/>'
        f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end">{_number(v, scale)}{escape(card.unit)}</text>'
        for v in (low, (low + high) / 2, high)
    ]
    for run in charts.runs(points):  # a period without a reliable figure breaks the line
        upper = " ".join(f"{x(j):.1f},{y(points[j][3] or 0):.1f}" for j in run)
        lower = " ".join(f"{x(j):.1f},{y(points[j][2] or 0):.1f}" for j in reversed(run))
        line = " ".join(f"{x(j):.1f},{y(points[j][1] or 0):.1f}" for j in run)
        if len(run) == 1:  # a band one point wide is invisible: draw its interval as a line
            j = run[0]
            body.append(charts.whisker(x(j), y(points[j][2] or 0), y(points[j][3] or 0), width=3))
        body.append(
            f'<polygon points="{upper} {lower}" fill="{charts.ACCENT}" fill-opacity="0.15"/>'
            f'<polyline points="{line}" fill="none" stroke="{charts.ACCENT}" stroke-width="2"/>'
            + "".join(
                f'<circle cx="{x(j):.1f}" cy="{y(points[j][1] or 0):.1f}" r="2.5" '
                f'fill="{charts.ACCENT}"/>'
                for j in run
            )
        )
    most = max(point[4] for point in points)
    for i, (start, value, low_i, high_i, n) in enumerate(points):
        h = (bars_bottom - bars_top) * n / most
        figure = "too few answers" if value is None else f"{_number(value, scale)}{card.unit}"
        if value is not None and low_i is not None and high_i is not None:
            figure += f" (95% CI {_number(low_i, scale)} to {_number(high_i, scale)})"
        body.append(
            f'<rect x="{x(i) - step * 0.3:.1f}" y="{bars_bottom - h:.1f}" '
            f'width="{step * 0.6:.1f}" height="{h:.1f}" fill="{charts.NEUTRAL}">'
            f"<title>{escape(_period_label(start, card.period))}: {escape(figure)}, n = {n:,}</title></rect>"
        )
    body.append(f'<text x="{left - 4}" y="{bars_bottom}" text-anchor="end">n</text>')
    for i in {0, len(points) - 1}:
        anchor = "start" if i == 0 and len(points) > 1 else "end" if i else "middle"
        body.append(
            f'<text x="{x(i):.1f}" y="146" text-anchor="{anchor}">'
            f"{escape(_period_label(points[i][0], card.period))}</text>"
        )
    label = f"{card.label} by {card.period}, with 95% intervals"
    return _safe(
        f'<svg viewBox="0 0 {width} 150" role="img" aria-label="{escape(label)}">'
        f"{''.join(body)}</svg>"
    )


def score_figures(card: ScoreCard) -> list[tuple[str, str, str, int]]:
    """What the trend chart draws, written out for those who cannot see it or hover over it:
    per period its label, the score (or "too few answers"), its 95% interval and n."""
    scale = card.bounds[1] - card.bounds[0]
    rows = []
    for start, value, low, high, n in card.points:
        if not n:
            continue
        shown, interval = "too few answers", ""
        if value is not None:
            shown = f"{_number(value, scale)}{card.unit}"
            if low is not None and high is not None:
                interval = f"{_number(low, scale)} to {_number(high, scale)}"
        rows.append((_period_label(start, card.period), shown, interval, n))
    return rows


def _number(value: float, scale: float = 100.0) -> str:
    """Whole numbers on a wide scale (NPS, CSAT %), one decimal on a narrow one (CES 1–7)."""
    return f"{value:.0f}" if scale > 10 or value == round(value) else f"{value:.1f}"


def _period_label(start: dt.date, period: str) -> str:
    return f"week of {start:%-d %b}" if period == "week" else f"{start:%b %Y}"


def negative_meter(share: float) -> SafeString:
    return _safe(charts.meter(share, colour=charts.NEGATIVE))


def _safe(svg: str) -> SafeString:
    # The report's chart helpers escape every label they draw.
    return mark_safe(svg)  # noqa: S308
