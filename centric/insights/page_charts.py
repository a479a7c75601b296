"""The Insights pages' charts, drawn by the report's inline-SVG helpers (no script, no CDN)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list

from centric.insights.report import charts
from centric.insights.report.numbers import interval_decimals, number, signed
from centric.insights.selectors import (
    Driver,
    ScoreCard,
    SegmentComparison,
    SegmentRow,
    ThemeRow,
    TrendPoint,
)

# px: the least width of a score card's plot on a page from 601 px wide (the least is at 900 px,
# where two cards first share a row) and on a phone (360 px), where centric.css hides the
# labels under it marked hide-narrow
_CARD_WIDE, _CARD_NARROW = 330, 236


@dataclass(frozen=True)
class DriverChart:
    axis: SafeString
    # theme, its driver, the chart row and its figure written out (read without hovering)
    rows: list[tuple[str, Driver, SafeString, str]]


def driver_chart(
    themes: Sequence[ThemeRow], *, score: str = "nps", decimals: int = 0
) -> DriverChart | None:
    """One forest-plot row per theme with a tested association with the score (a kind of
    SCORE_KINDS, shown with ``decimals``), on one shared axis."""
    tested: list[tuple[ThemeRow, Driver]] = []
    for row in themes:
        driver = row.drivers.get(score)
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
        rows.append((row.theme, driver, _safe(svg), impact_figure(driver, decimals=decimals)))
    return DriverChart(axis=_safe(charts.interval_axis(limit, "points")), rows=rows)


@dataclass(frozen=True)
class SegmentChart:
    comparison: SegmentComparison
    axis: SafeString | None  # None when no segment could be tested
    # each segment, its difference from the rest written out and its chart row (both empty
    # when it has too few answers to test)
    rows: list[tuple[SegmentRow, str, SafeString | None]]


def segment_chart(comparison: SegmentComparison) -> SegmentChart:
    """One forest-plot row per segment tested: its difference from all other customers in a
    segment, on one shared axis."""
    ends = [
        abs(end)
        for row in comparison.rows
        for end in (row.difference_low, row.difference_high)
        if end is not None
    ]
    limit = charts.nice_limit(max(ends, default=0.0))
    rows: list[tuple[SegmentRow, str, SafeString | None]] = []
    for row in comparison.rows:
        if row.difference is None or row.difference_low is None or row.difference_high is None:
            rows.append((row, "", None))
            continue
        svg = charts.interval(
            row.difference,
            row.difference_low,
            row.difference_high,
            limit=limit,
            significant=row.significant,
            label=row.sentence,
        )
        figure = effect_figure(
            row.difference,
            row.difference_low,
            row.difference_high,
            comparison.decimals,
            points=True,
        )
        rows.append((row, figure, _safe(svg)))
    axis = _safe(charts.interval_axis(limit, "points")) if ends else None
    return SegmentChart(comparison=comparison, axis=axis, rows=rows)


def impact_figure(driver: Driver | None, *, points: bool = False, decimals: int = 0) -> str:
    """``+8 (−43 to 60)``, or with ``points`` ``+8 points (−43 to 60)``: a theme's association
    with a score and its 95% interval (with ``decimals`` for a score such as CES)."""
    if driver is None or driver.effect is None:
        return ""
    return effect_figure(driver.effect, driver.low, driver.high, decimals, points=points)


def effect_figure(
    effect: float, low: float | None, high: float | None, decimals: int, *, points: bool = False
) -> str:
    """A difference and its 95% interval, with a decimal more where ``decimals`` would show an
    interval that leaves out zero as reaching it."""
    places = decimals
    if low is not None and high is not None:
        places = interval_decimals(low, high, decimals)
    shown = signed(effect, places)
    if points:
        shown += " point" if shown.lstrip("+−") == "1" else " points"
    if low is None or high is None:
        return shown
    return f"{shown} ({number(low, places)} to {number(high, places)})"


def score_trend(card: ScoreCard) -> SafeString | None:
    """The score per week, month or quarter: the line where a period's figure is reliable, its 95%
    interval as a band, and the number of answers as grey bars (an "n" beside them, not a
    scale: on a card this small, counts under the score's ticks read as one axis); the periods
    named as in the report. Sized for a score card. None when no period has answers enough to
    draw: ``trend_gaps`` says so instead."""
    points = card.points
    if all(point[1] is None for point in points):
        return None
    labels = [charts.period_label(point[0], card.period, card.covers) for point in points]
    titles = [
        f"{label}: {shown}{f' (95% CI {interval})' if interval else ''}, n = {n:,}"
        for label, (shown, interval, n) in zip(labels, _figures(card), strict=True)
    ]
    ticks = charts.period_ticks(
        [point[0] for point in points],
        card.period,
        card.covers,
        wide=_CARD_WIDE,
        narrow=_CARD_NARROW,
    )
    svg = charts.trend(
        points,
        bounds=card.bounds,
        unit=card.unit,
        label=f"{card.label} by {card.period}, with 95% intervals",
        titles=titles,
        plot_height=110,
        bars_height=28,
        most_ticks=4,
        period_ticks=ticks,
    )
    return _safe(svg)


def trend_period(card: ScoreCard) -> str:
    """The period the trend is drawn by, and why when it is coarser than the page's: "By
    quarter, as fewer than two months have the 30 answers a point needs"."""
    if not card.passed_over:
        return f"By {card.period}"
    thin = " or ".join(f"{period}s" for period in card.passed_over)
    return f"By {card.period}, as fewer than two {thin} have the {card.min_n} answers a point needs"


def trend_gaps(card: ScoreCard) -> str:
    """What the trend leaves out for too few answers, in a sentence: that no period has enough
    to draw, or which periods are left out (which are drawn, when that is the shorter list);
    "" when it leaves none out, or there are no answers at all."""
    points = card.points
    if not any(point[4] for point in points):
        return ""
    needed = f"at least {card.min_n} a {card.period} are needed"
    drawn = [point for point in points if point[1] is not None]
    left_out = [point for point in points if point[1] is None]
    if not drawn:
        return f"Too few answers in any {card.period} to draw a trend: {needed}."
    if not left_out:
        return ""
    if len(left_out) > len(drawn):
        named = get_text_list(_labels(card, drawn), "and")
        return (
            f"Only {named} {'has' if len(drawn) == 1 else 'have'} answers enough to draw "
            f"({needed}); the other {card.period}s are left out."
        )
    named = get_text_list(
        [
            f"{label} ({_answers(point[4])})"
            for label, point in zip(_labels(card, left_out), left_out, strict=True)
        ],
        "and",
    )
    return f"Left out of the line for too few answers ({needed}): {named}."


def _labels(card: ScoreCard, points: Sequence[TrendPoint]) -> list[str]:
    return [charts.period_label(point[0], card.period, card.covers) for point in points]


def _answers(n: int) -> str:
    return f"{n:,} answer{'' if n == 1 else 's'}" if n else "no answers"


def score_figures(card: ScoreCard) -> list[tuple[str, str, str, int]]:
    """What the trend chart draws, written out for those who cannot see it or hover over it:
    per period its label, the score (or "too few answers"), its 95% interval and n."""
    return [
        (charts.period_label(point[0], card.period, card.covers), shown, interval, n)
        for point, (shown, interval, n) in zip(card.points, _figures(card), strict=True)
        if n
    ]


def _figures(card: ScoreCard) -> list[tuple[str, str, int]]:
    """Per period: the score with its unit or "too few answers", its interval, and n."""
    decimals = 0 if card.bounds[1] - card.bounds[0] > 10 else 1
    figures = []
    for _, value, low, high, n in card.points:
        shown, interval = "too few answers", ""
        if value is not None:
            shown = f"{_number(value, decimals)}{card.unit}"
            if low is not None and high is not None:
                interval = f"{_number(low, decimals)} to {_number(high, decimals)}"
        figures.append((shown, interval, n))
    return figures


def _number(value: float, decimals: int) -> str:
    """Whole numbers on a wide scale (NPS, CSAT %), one decimal on a narrow one (CES 1–7)
    unless the value is whole."""
    return number(value, 0 if value == round(value) else decimals)


def theme_trend(row: ThemeRow, period: str, covers: tuple[dt.date, dt.date]) -> SafeString:
    """A theme's share of the comments read, period by period, as a sparkline whose label
    gives every figure: "billing, share of comments by month: Sep 2026 23% of 62, …"."""
    figures = ", ".join(
        f"{charts.period_label(start, period, covers)} "
        + ("no comments read" if share is None else f"{share:.0f}% of {read:,}")
        for start, share, read in row.trend
    )
    label = f"{row.theme}, share of comments by {period}: {figures}"
    return _safe(charts.sparkline([share for _, share, _ in row.trend], label=label))


def negative_meter(share: float) -> SafeString:
    return _safe(charts.meter(share, colour=charts.NEGATIVE))


def _safe(svg: str) -> SafeString:
    # The report's chart helpers escape every label they draw.
    return mark_safe(svg)  # noqa: S308
