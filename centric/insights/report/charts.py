"""Inline SVG charts for the report: no script, no external file, printable.

Each function returns an ``<svg>`` string that scales to its container (``viewBox``);
every label passes through ``html.escape`` because labels come from the customer's file.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

POSITIVE = "#2e7d4f"
NEGATIVE = "#c0392b"
MIXED = "#d68910"
NEUTRAL = "#9aa5b1"
ACCENT = "#2f5d8a"
GRID = "#e3e7ee"
MUTED = "#5b6675"
SENTIMENT_COLOURS = {
    "positive": POSITIVE,
    "mixed": MIXED,
    "neutral": NEUTRAL,
    "negative": NEGATIVE,
    "unread": GRID,
}


def _svg(width: int, height: int, body: str, label: str, *, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<svg{klass} viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'preserveAspectRatio="xMinYMid meet">{body}</svg>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def stacked_bar(parts: Sequence[tuple[str, float, str]], *, label: str) -> str:
    """One 100% bar of (name, share in %, colour) parts, each share printed when it fits."""
    width, height = 600, 34
    body, x = [], 0.0
    for name, share, colour in parts:
        w = width * share / 100.0
        if w <= 0:
            continue
        body.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}">'
            f"<title>{escape(name)}: {share:.0f}%</title></rect>"
        )
        if w > 44:
            body.append(_text(x + w / 2, 22, f"{share:.0f}%", anchor="middle", cls="on-colour"))
        x += w
    return _svg(width, height, "".join(body), label)


def columns(bars: Sequence[tuple[str, int, str]], *, label: str) -> str:
    """Vertical bars of (label, count, colour), the count above and the label below."""
    width, height, top, bottom = 600, 190, 26, 30
    most = max((n for _, n, _ in bars), default=0) or 1
    slot = width / max(len(bars), 1)
    body = []
    for i, (name, n, colour) in enumerate(bars):
        h = (height - top - bottom) * n / most
        x = i * slot + slot * 0.15
        y = height - bottom - h
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
            f'rx="3" fill="{colour}"/>'
        )
        body.append(_text(x + slot * 0.35, y - 6, f"{n:,}", anchor="middle", cls="value"))
        body.append(_text(x + slot * 0.35, height - 8, name, anchor="middle", cls="axis"))
    return _svg(width, height, "".join(body), label, cls="large")


def meter(share: float, *, colour: str = ACCENT, scale: float = 100.0) -> str:
    """A thin horizontal bar for a share out of ``scale`` (table cells)."""
    w = 120 * max(0.0, min(share / scale, 1.0)) if scale > 0 else 0.0
    return _svg(
        120,
        10,
        f'<rect x="0" y="2" width="120" height="6" rx="3" fill="{GRID}"/>'
        f'<rect x="0" y="2" width="{w:.1f}" height="6" rx="3" fill="{colour}"/>',
        f"{share:.0f}%",
    )


def nice_limit(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 2.5, 5.0, 10.0) if step * power >= value)


def interval(
    effect: float, low: float, high: float, *, limit: float, significant: bool, label: str
) -> str:
    """A point with its interval on a symmetric axis around zero (a forest-plot row)."""
    width, height, pad = 200, 22, 6

    def x(v: float) -> float:
        return pad + (width - 2 * pad) * (max(-limit, min(limit, v)) + limit) / (2 * limit)

    colour = (POSITIVE if effect > 0 else NEGATIVE) if significant else NEUTRAL
    fill = colour if significant else "#fff"
    body = (
        f'<line x1="{x(0):.1f}" y1="1" x2="{x(0):.1f}" y2="{height - 1}" stroke="{MUTED}" '
        f'stroke-width="1" stroke-dasharray="2 2"/>'
        f'<line x1="{x(low):.1f}" y1="{height / 2}" x2="{x(high):.1f}" y2="{height / 2}" '
        f'stroke="{colour}" stroke-width="2.5" stroke-linecap="round"/>'
        f'<circle cx="{x(effect):.1f}" cy="{height / 2}" r="5" fill="{fill}" '
        f'stroke="{colour}" stroke-width="2"/>'
    )
    return _svg(width, height, body, label)


def interval_axis(limit: float, unit: str) -> str:
    """The scale under a column of ``interval`` charts: -limit, 0, +limit."""
    width, pad = 200, 6
    body = (
        _text(pad, 12, f"−{limit:g}", cls="axis")
        + _text(width / 2, 12, "0", anchor="middle", cls="axis")
        + _text(width - pad, 12, f"+{limit:g} {unit}", anchor="end", cls="axis")
    )
    return _svg(width, 16, body, f"axis from −{limit:g} to +{limit:g} {unit}")


def trend(
    points: Sequence[tuple[dt.date, float | None, float | None, float | None, int]],
    *,
    bounds: tuple[float, float],
    unit: str,
    label: str,
) -> str:
    """Monthly values with their interval as a band, and the number of answers as bars."""
    width, height, left, right, top = 640, 260, 44, 12, 14
    plot_bottom, bars_top, bars_bottom = 180, 196, 236
    values = [v for p in points for v in p[1:4] if v is not None]
    if not values:
        return ""
    low = max(bounds[0], min(values))
    high = min(bounds[1], max(values))
    margin = max((high - low) * 0.1, 1.0 if bounds[1] > 10 else 0.05)
    low, high = max(bounds[0], low - margin), min(bounds[1], high + margin)
    step = (width - left - right) / max(len(points), 1)

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        return top + (plot_bottom - top) * (high - v) / (high - low)

    body = []
    for tick in _ticks(low, high):
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y(tick) + 4, _tick_text(tick, unit), anchor="end", cls="axis"))
    # The band and the line break where a month has no reliable figure.
    for run in runs(points):
        if len(run) == 1:  # a band one point wide is invisible: draw its interval as a line
            i = run[0]
            body.append(whisker(x(i), y(points[i][2] or 0), y(points[i][3] or 0), width=4))
        upper = " ".join(f"{x(i):.1f},{y(points[i][3] or 0):.1f}" for i in run)
        lower = " ".join(f"{x(i):.1f},{y(points[i][2] or 0):.1f}" for i in reversed(run))
        body.append(f'<polygon points="{upper} {lower}" fill="{ACCENT}" fill-opacity="0.15"/>')
        line = " ".join(f"{x(i):.1f},{y(points[i][1] or 0):.1f}" for i in run)
        body.append(f'<polyline points="{line}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
        body.extend(
            f'<circle cx="{x(i):.1f}" cy="{y(points[i][1] or 0):.1f}" r="3" fill="{ACCENT}"/>'
            for i in run
        )
    most = max((p[4] for p in points), default=0) or 1
    for i, point in enumerate(points):
        h = (bars_bottom - bars_top) * point[4] / most
        body.append(
            f'<rect x="{x(i) - step * 0.3:.1f}" y="{bars_bottom - h:.1f}" width="{step * 0.6:.1f}" '
            f'height="{h:.1f}" fill="{NEUTRAL}"><title>{point[4]:,} answers</title></rect>'
        )
    every = max(1, math.ceil(len(points) / 8))
    for i, point in enumerate(points):
        if i % every == 0:
            body.append(_text(x(i), height - 6, f"{point[0]:%b %Y}", anchor="middle", cls="axis"))
    body.append(_text(left - 6, bars_bottom, "n", anchor="end", cls="axis"))
    return _svg(width, height, "".join(body), label)


def whisker(x: float, y_low: float, y_high: float, *, width: float) -> str:
    """A period's interval drawn as a vertical line, where a band one point wide would not
    show."""
    return (
        f'<line class="whisker" x1="{x:.1f}" x2="{x:.1f}" y1="{y_low:.1f}" y2="{y_high:.1f}" '
        f'stroke="{ACCENT}" stroke-opacity="0.5" stroke-width="{width}"/>'
    )


def runs(
    points: Sequence[tuple[dt.date, float | None, float | None, float | None, int]],
) -> list[list[int]]:
    """The indices of ``points`` in runs of periods with a figure and its interval; a period
    without one breaks the line and the band."""
    runs: list[list[int]] = [[]]
    for i, point in enumerate(points):
        if point[1] is None or point[2] is None or point[3] is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(i)
    return [run for run in runs if run]


def _ticks(low: float, high: float) -> list[float]:
    step = nice_limit((high - low) / 4) if high - low > 4 else _small_step(high - low)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _small_step(span: float) -> float:
    return next(s for s in (0.05, 0.1, 0.2, 0.25, 0.5, 1.0) if span / s <= 5)


def _tick_text(value: float, unit: str) -> str:
    text = f"{value:g}" if abs(value) >= 10 or value == int(value) else f"{value:.2f}"
    return text.replace("-", "−") + unit
