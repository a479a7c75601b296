"""Inline SVG charts for the report and the Insights pages: no script, no external file,
printable.

Each function returns an ``<svg>`` as wide as its container. Text and dots are drawn in CSS
pixels, so they read the same on a phone as on a wide screen: across, everything is placed in
percent of the width, and a band or a line that must stretch with it is drawn in a nested,
stretched ``<svg>`` whose strokes keep their width. Every label passes through ``html.escape``
because labels come from the customer's file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
from collections.abc import Sequence
from html import escape

from centric.insights.report.numbers import percent

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

# (period start, value if reliable, low, high, n)
TrendPoint = tuple[dt.date, float | None, float | None, float | None, int]
# A label under a chart by period: the period's index, its name, a year to write under the name
# ("" for none), and whether a narrow page shows it too (a wide one shows every label).
Tick = tuple[int, str, str, bool]
_CHAR = 7.5  # px: about the width of a character of a label at 13 px
_GAP = 8  # px: the least room between two labels
# px: the least width of a chart's plot on a wide page (1,040 px and up, where report.css
# shows every label) and on a phone (360 px)
_WIDE, _NARROW = 900, 260
_STEPS = (1, 2, 3, 6, 12)  # months between two labels, counted from January


def _svg(width: int, height: int, body: str, label: str, *, cls: str = "") -> str:
    """A drawing that scales as a whole (no text in it)."""
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<svg{klass} viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'preserveAspectRatio="xMinYMid meet">{body}</svg>'
    )


def _fluid(height: int, body: str, label: str, *, left: int = 0, right: int = 0) -> str:
    """An ``<svg>`` as wide as its container and ``height`` pixels high, drawn in pixels down
    and percent across. ``left`` and ``right`` pixels of padding hold what is drawn beside the
    plot, such as an axis's labels or a dot at its very end."""
    style = (
        f"display:block;width:100%;height:{height}px;padding:0 {right}px 0 {left}px;"
        "box-sizing:border-box;overflow:visible"
    )
    return f'<svg style="{style}" role="img" aria-label="{escape(label)}">{body}</svg>'


def _pc(value: float) -> str:
    return f"{value:.2f}%"


def _text(x: str, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def stacked_bar(parts: Sequence[tuple[str, float, str]], *, label: str) -> str:
    """One 100% bar of (name, share in %, colour) parts, each share printed where it fits."""
    height = 34
    body, x = [], 0.0
    for name, share, colour in parts:
        if share <= 0:
            continue
        body.append(
            f'<rect x="{_pc(x)}" y="0" width="{_pc(share)}" height="{height}" fill="{colour}">'
            f"<title>{escape(f'{name}: {percent(share)}')}</title></rect>"
        )
        if share >= 9:  # "12%" fits in a tenth of a phone's width
            body.append(
                _text(
                    _pc(x + share / 2),
                    22,
                    percent(share),
                    anchor="middle",
                    cls="value" if colour == GRID else "on-colour",  # white would not show on grey
                )
            )
        x += share
    return _fluid(height, "".join(body), label)


def columns(bars: Sequence[tuple[str, int, str]], *, label: str) -> str:
    """Vertical bars of (label, count, colour), the count above and the label below. With many
    bars, every other count sits higher, so that neighbours never overlap on a phone."""
    height, top, bottom = 200, 40, 28
    most = max((n for _, n, _ in bars), default=0) or 1
    slot = 100.0 / max(len(bars), 1)
    dense = len(bars) > 6
    body = []
    for i, (name, n, colour) in enumerate(bars):
        h = (height - top - bottom) * n / most
        x = i * slot + slot * 0.15
        y = height - bottom - h
        centre = _pc(x + slot * 0.35)
        body.append(
            f'<rect x="{_pc(x)}" y="{y:.1f}" width="{_pc(slot * 0.7)}" height="{h:.1f}" '
            f'rx="3" fill="{colour}"><title>{escape(name)}: {n:,}</title></rect>'
        )
        raised = 16 if dense and i % 2 else 0
        body.append(_text(centre, y - 6 - raised, f"{n:,}", anchor="middle", cls="value"))
        body.append(_text(centre, height - 8, name, anchor="middle", cls="axis"))
    return _fluid(height, "".join(body), label)


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


def sparkline(values: Sequence[float | None], *, label: str, colour: str = ACCENT) -> str:
    """A small line of values for a table cell (a theme's share of comments by period), from
    0 at the bottom to its own highest value at the top: a period without a value breaks the
    line, and the last value has a dot."""
    width, height, pad = 120, 24, 3
    top = max((value for value in values if value is not None), default=0.0) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = [
        None if value is None else (pad + i * step, height - pad - (height - 2 * pad) * value / top)
        for i, value in enumerate(values)
    ]
    body = [f'<line x1="0" x2="{width}" y1="{height - 1}" y2="{height - 1}" stroke="{GRID}"/>']
    for drawn, run in itertools.groupby(points, key=lambda point: point is not None):
        line = [point for point in run if point is not None]
        if drawn and len(line) > 1:
            body.append(
                f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in line)}" fill="none" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
    last = next((point for point in reversed(points) if point is not None), None)
    if last is not None:
        body.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{colour}"/>')
    return _svg(width, height, "".join(body), label, cls="sparkline")


def nice_limit(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above ``value`` (at least
    1): an axis to ``value`` that wastes little of its width."""
    if value <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    steps = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
    return next(step * power for step in steps if step * power >= value)


# room for a dot at either end of an interval row, and for its axis, which shares it to line up
INTERVAL_PAD = 8


def interval(
    effect: float, low: float, high: float, *, limit: float, significant: bool, label: str
) -> str:
    """A point with its interval on a symmetric axis around zero (a forest-plot row)."""
    height = 28

    def x(v: float) -> str:
        return _pc(50 + 50 * max(-limit, min(limit, v)) / limit)

    colour = (POSITIVE if effect > 0 else NEGATIVE) if significant else NEUTRAL
    fill = colour if significant else "#fff"
    middle = height / 2
    body = (
        f'<line x1="50%" y1="1" x2="50%" y2="{height - 1}" stroke="{MUTED}" '
        f'stroke-width="1" stroke-dasharray="2 2"/>'
        f'<line x1="{x(low)}" y1="{middle}" x2="{x(high)}" y2="{middle}" '
        f'stroke="{colour}" stroke-width="3" stroke-linecap="round"/>'
        f'<circle cx="{x(effect)}" cy="{middle}" r="6" fill="{fill}" '
        f'stroke="{colour}" stroke-width="2"/>'
    )
    return _fluid(height, body, label, left=INTERVAL_PAD, right=INTERVAL_PAD)


def interval_axis(limit: float, unit: str) -> str:
    """The scale over a column of ``interval`` charts: -limit, 0, +limit."""
    body = (
        _text("0%", 14, f"−{limit:g}", cls="axis")
        + _text("50%", 14, "0", anchor="middle", cls="axis")
        + _text("100%", 14, f"+{limit:g} {unit}", anchor="end", cls="axis")
    )
    return _fluid(
        18,
        body,
        f"axis from −{limit:g} to +{limit:g} {unit}",
        left=INTERVAL_PAD,
        right=INTERVAL_PAD,
    )


def trend(
    points: Sequence[TrendPoint],
    *,
    bounds: tuple[float, float],
    unit: str,
    label: str,
    labels: Sequence[str] = (),
    titles: Sequence[str] = (),
    plot_height: int = 170,
    bars_height: int = 40,
    every: int = 0,
    most_ticks: int = 5,
    period_ticks: Sequence[Tick] = (),
    count_axis: bool = False,
) -> str:
    """The value per period with its interval as a band, and the number of answers as bars.

    ``labels`` name the periods (``Mar 2025`` by default); the first and the last are always
    written, and every ``every``-th between them too, marked ``minor`` so that a narrow page
    can leave them out; ``period_ticks`` (from the function of that name) choose them
    instead. ``titles`` are the bars' tooltips (``n answers`` by default). With ``count_axis`` the bars have a scale, at the right,
    from 0 to a round number, else an "n" beside them. A period without a reliable value keeps
    its bar but breaks the line."""
    if not points:
        return ""
    top, gutter = 10, 44
    plot_bottom = top + plot_height
    bars_top = plot_bottom + (24 if count_axis else 14)  # room for the bars' top label
    bars_bottom = bars_top + bars_height
    height = bars_bottom + (42 if any(year for _, _, year, _ in period_ticks) else 26)
    values = [v for p in points if p[1] is not None for v in p[1:4] if v is not None]
    low, high = (min(values), max(values)) if values else bounds
    margin = (high - low) * 0.05 or (1.0 if bounds[1] > 10 else 0.1)
    ticks = nice_ticks(low - margin, high + margin, bounds=bounds, most=most_ticks)
    low, high = ticks[0], ticks[-1]
    step = 100.0 / len(points)

    def x(i: float) -> float:
        return step * (i + 0.5)

    def y(v: float) -> float:
        return top + plot_height * (high - v) / (high - low)

    decimals = _decimals(ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    body = []
    for tick in ticks:
        body.append(
            f'<line x1="0" x2="100%" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID}"/>'
            f'<text x="0" dx="-6" y="{y(tick) + 4:.1f}" text-anchor="end" class="axis">'
            f"{escape(_tick_text(tick, decimals, unit))}</text>"
        )
    # The band and the line, stretched across in a nested drawing of one unit per period; the
    # dots and whiskers are drawn in pixels so that they stay round and thin.
    stretched, dots = [], []
    for run in runs(points):
        if len(run) == 1:  # a band one point wide is invisible: draw its interval as a line
            i = run[0]
            dots.append(whisker(_pc(x(i)), y(points[i][2] or 0), y(points[i][3] or 0), width=4))
        upper = " ".join(f"{i + 0.5},{y(points[i][3] or 0) - top:.1f}" for i in run)
        lower = " ".join(f"{i + 0.5},{y(points[i][2] or 0) - top:.1f}" for i in reversed(run))
        line = " ".join(f"{i + 0.5},{y(points[i][1] or 0) - top:.1f}" for i in run)
        stretched.append(
            f'<polygon points="{upper} {lower}" fill="{ACCENT}" fill-opacity="0.15"/>'
            f'<polyline points="{line}" fill="none" stroke="{ACCENT}" stroke-width="2" '
            'vector-effect="non-scaling-stroke"/>'
        )
        dots.extend(
            f'<circle cx="{_pc(x(i))}" cy="{y(points[i][1] or 0):.1f}" r="3" fill="{ACCENT}"/>'
            for i in run
        )
    body.append(
        f'<svg x="0" y="{top}" width="100%" height="{plot_height}" '
        f'viewBox="0 0 {len(points)} {plot_height}" preserveAspectRatio="none" '
        f'overflow="visible">{"".join(stretched)}</svg>'
    )
    body.extend(dots)
    most = max((p[4] for p in points), default=0) or 1
    if count_axis:
        most = int(nice_limit(most))
        # on the right: under the score's ticks on the left, a scale of counts reads as one axis
        body.append(
            f'<line x1="0" x2="100%" y1="{bars_top}" y2="{bars_top}" stroke="{GRID}"/>'
            f'<text x="100%" dx="6" y="{bars_top + 4}" text-anchor="start" class="axis">'
            f"{_count(most)}</text>"
            f'<text x="100%" dx="6" y="{bars_bottom:.1f}" text-anchor="start" class="axis">'
            "0</text>"
        )
    else:
        body.append(
            f'<text x="0" dx="-6" y="{bars_bottom:.1f}" text-anchor="end" class="axis">n</text>'
        )
    for i, point in enumerate(points):
        h = bars_height * point[4] / most
        title = titles[i] if i < len(titles) else f"{point[4]:,} answers"
        body.append(
            f'<rect x="{_pc(x(i) - step * 0.3)}" y="{bars_bottom - h:.1f}" '
            f'width="{_pc(step * 0.6)}" height="{h:.1f}" fill="{NEUTRAL}">'
            f"<title>{escape(title)}</title></rect>"
        )
    if period_ticks:
        body.extend(_drawn_ticks(period_ticks, len(points), y=height - 6))
    else:
        body.extend(_period_ticks(points, labels, every, y=height - 6))
    return _fluid(height, "".join(body), label, left=gutter, right=40 if count_axis else 4)


def _count(value: int) -> str:
    return f"{value // 1000:,}k" if value >= 10_000 else f"{value:,}"


def period_ticks(
    starts: Sequence[dt.date],
    period: str,
    covers: tuple[dt.date, dt.date] | None,
    *,
    wide: int = _WIDE,
    narrow: int = _NARROW,
) -> list[Tick]:
    """The labels under a chart by month or by week, whose plot is at least ``wide`` px across
    where a page shows every label and ``narrow`` px on a phone. Weeks are each named by their
    Monday (``9 Nov``) where every one fits on a phone; otherwise, as for months, the months
    are named: every month where they fit, else every second, third, sixth or twelfth month
    from January, fewer on a phone than on a wide page. The first and the last period are
    always named (``14–31 Jan`` when the figures cover it only in part, as ``period_label``
    says), and the year is written under the first period and the first of each year, and
    under the last if no label on a phone shows its year."""
    if not starts:
        return []
    last = len(starts) - 1
    new_year = {0} | {i for i in range(1, len(starts)) if starts[i].year != starts[i - 1].year}
    if period == "week":
        names = [period_label(start, "week", covers).removeprefix("week of ") for start in starts]
        room = _room(names, new_year)
        on_phones = _shown(room, narrow, range(1, last))
        if on_phones:
            return _ticks(starts, names, _shown(room, wide, range(1, last)), on_phones, new_year)
        # too many weeks to name each: name the first week of each month by its month
        names = [name if i in (0, last) else f"{starts[i]:%b}" for i, name in enumerate(names)]
    else:
        names = [period_label(start, period, covers).rsplit(" ", 1)[0] for start in starts]
    room = _room(names, new_year)
    month_starts = [i for i in range(1, last) if starts[i].month != starts[i - 1].month]

    def every(step: int) -> list[int]:
        return [i for i in month_starts if (starts[i].month - 1) % step == 0]

    wide_step = next((s for s in _STEPS if _shown(room, wide, every(s))), 0)
    narrow_step = next(
        (s for s in _STEPS if wide_step and s % wide_step == 0 and _shown(room, narrow, every(s))),
        0,
    )
    shown = _shown(room, wide, every(wide_step)) if wide_step else set()
    on_phones = _shown(room, narrow, every(narrow_step)) if narrow_step else set()
    return _ticks(starts, names, shown or {0, last}, on_phones or {0, last}, new_year)


def _room(names: Sequence[str], new_year: set[int]) -> list[int]:
    """The characters each label takes: its name, or a year under it (the last may have one)."""
    last = len(names) - 1
    return [
        max(len(name), 4) if i in new_year or i == last else len(name)
        for i, name in enumerate(names)
    ]


def _ticks(
    starts: Sequence[dt.date],
    names: Sequence[str],
    shown: set[int],
    on_phones: set[int],
    new_year: set[int],
) -> list[Tick]:
    """The labels ``shown``, with the year under the first period and the first of each year,
    and under the last where no label on a phone shows its year."""
    last = len(starts) - 1
    years = {i: str(starts[i].year) for i in shown if i in new_year}
    if last not in years and starts[last].year not in {
        starts[i].year for i in years if i in on_phones
    }:
        years[last] = str(starts[last].year)
    return [(i, names[i], years.get(i, ""), i in on_phones) for i in sorted(shown)]


def _shown(room: Sequence[int], width: int, between: Sequence[int]) -> set[int]:
    """The labels shown at ``width`` px, each ``room`` characters wide: the first, the last
    and those ``between`` that are not too close to either; none where two of them overlap."""
    last, slot = len(room) - 1, width / len(room)

    def extent(i: int) -> tuple[float, float]:
        wide = room[i] * _CHAR
        if i == 0:
            return (0.0, wide)
        if i == last:
            return (width - wide, float(width))
        return (slot * (i + 0.5) - wide / 2, slot * (i + 0.5) + wide / 2)

    # a label too close to the first or the last gives way to it
    kept = [
        i
        for i in between
        if extent(0)[1] + _GAP <= extent(i)[0] and extent(i)[1] + _GAP <= extent(last)[0]
    ]
    if any(extent(a)[1] + _GAP > extent(b)[0] for a, b in itertools.pairwise(kept)):
        return set()
    if last and not kept and extent(0)[1] + _GAP > extent(last)[0]:
        return set()
    return {0, last, *kept}


def _drawn_ticks(ticks: Sequence[Tick], count: int, *, y: float) -> list[str]:
    """``ticks`` under the plot: the first from the left edge, the last to the right edge and
    the others centred under their period; those a phone leaves out are marked ``minor``."""
    drawn = []
    for i, name, year, on_phones in ticks:
        if count == 1:
            x, anchor = "50%", "middle"
        elif i == 0:
            x, anchor = "0", "start"
        elif i == count - 1:
            x, anchor = "100%", "end"
        else:
            x, anchor = _pc(100.0 * (i + 0.5) / count), "middle"
        # report.css hides a minor label below 1,040 px, the Insights pages' CSS a hide-narrow
        # one on a phone
        cls = "axis" if on_phones else "axis minor hide-narrow"
        drawn.append(
            _text(x, y - 16 if any(t[2] for t in ticks) else y, name, anchor=anchor, cls=cls)
        )
        if year:
            drawn.append(_text(x, y, year, anchor=anchor, cls=cls))
    return drawn


def _period_ticks(
    points: Sequence[TrendPoint], labels: Sequence[str], every: int, *, y: float
) -> list[str]:
    """The first period's label from the left edge, the last's to the right edge, and, with
    ``every``, some between them."""
    last = len(points) - 1
    names = list(labels) or [f"{p[0]:%b %Y}" for p in points]
    if last == 0:
        return [_text("50%", y, names[0], anchor="middle", cls="axis")]
    ticks = [
        _text("0", y, names[0], cls="axis"),
        _text("100%", y, names[last], anchor="end", cls="axis"),
    ]
    if every:
        step = 100.0 / len(points)
        ticks.extend(
            _text(_pc(step * (i + 0.5)), y, names[i], anchor="middle", cls="axis minor")
            for i in range(every, last - 1, every)  # none right beside the last
        )
    return ticks


def whisker(x: str, y_low: float, y_high: float, *, width: float) -> str:
    """A period's interval drawn as a vertical line, where a band one point wide would not
    show."""
    return (
        f'<line class="whisker" x1="{x}" x2="{x}" y1="{y_low:.1f}" y2="{y_high:.1f}" '
        f'stroke="{ACCENT}" stroke-opacity="0.5" stroke-width="{width}"/>'
    )


def runs(points: Sequence[TrendPoint]) -> list[list[int]]:
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


def nice_ticks(
    low: float, high: float, *, bounds: tuple[float, float] | None = None, most: int = 5
) -> list[float]:
    """Round ticks from at or below ``low`` to at or above ``high``, in steps of 1, 2, 2.5 or
    5 x 10^k, at most ``most`` of them, kept within ``bounds``: -34 to 50 gives -50, -25, 0,
    25, 50."""
    if bounds is not None:
        low, high = max(bounds[0], low), min(bounds[1], high)
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
        low, high = low - span / 2, high + span / 2
    step = _nice_step(span / (most - 1))
    while True:
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        if bounds is not None:
            first, last = max(first, bounds[0]), min(last, bounds[1])
        count = round((last - first) / step) + 1
        if count <= most:
            break
        step = _nice_step(step * 1.0001)
    return [round(first + i * step, 10) for i in range(count)]


def _nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(s * power for s in (1.0, 2.0, 2.5, 5.0, 10.0) if s * power >= value * (1 - 1e-9))


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


def _tick_text(value: float, decimals: int, unit: str) -> str:
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = "0"
    return text.replace("-", "−") + unit


def period_label(start: dt.date, period: str, covers: tuple[dt.date, dt.date] | None = None) -> str:
    """``Sep 2026``, ``week of 7 Sep`` or ``Q3 2026``; a period the figures cover only part of,
    the first or the last, names the days covered: ``4–30 Sep 2026``, ``30 Nov–3 Dec``."""
    end = _period_end(start, period)
    first, last = start, end
    if covers is not None:
        first, last = max(start, covers[0]), min(end, covers[1])
    if (first, last) == (start, end) or first > last:
        if period == "week":
            return f"week of {start:%-d %b}"
        if period == "quarter":
            return f"Q{(start.month - 1) // 3 + 1} {start:%Y}"
        return f"{start:%-d %b %Y}" if period == "day" else f"{start:%b %Y}"
    if first == last:
        days = f"{last:%-d %b}"
    elif (first.year, first.month) == (last.year, last.month):
        days = f"{first.day}–{last:%-d %b}"
    else:
        days = f"{first:%-d %b}–{last:%-d %b}"
    return days if period == "week" else f"{days} {last:%Y}"


def _period_end(start: dt.date, period: str) -> dt.date:
    if period == "day":
        return start
    if period == "week":
        return start + dt.timedelta(days=6)
    months = 3 if period == "quarter" else 1
    year, month = divmod(start.month - 1 + months - 1, 12)
    last_month = dt.date(start.year + year, month + 1, 1)
    return last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
