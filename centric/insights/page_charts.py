"""The Insights pages' charts, drawn by the report's inline-SVG helpers (no script, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from centric.insights.report import charts
from centric.insights.selectors import ThemeRow


@dataclass(frozen=True)
class DriverChart:
    axis: SafeString
    rows: list[tuple[ThemeRow, SafeString]]


def driver_chart(themes: Sequence[ThemeRow]) -> DriverChart | None:
    """One forest-plot row per theme with a tested NPS association, on one shared axis."""
    tested = [
        (row, row.driver)
        for row in themes
        if row.driver is not None and row.driver.effect is not None
    ]
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
        rows.append((row, _safe(svg)))
    return DriverChart(axis=_safe(charts.interval_axis(limit, "points")), rows=rows)


def negative_meter(share: float) -> SafeString:
    return _safe(charts.meter(share, colour=charts.NEGATIVE))


def _safe(svg: str) -> SafeString:
    # The report's chart helpers escape every label they draw.
    return mark_safe(svg)  # noqa: S308
