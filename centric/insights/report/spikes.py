"""Spikes in how often a theme is mentioned, and drops in how people feel about it, as the
report says them.

The metrics library decides which theme-periods are unusual (``volume_spikes`` and
``sentiment_shifts``); here the unusual periods of a theme that follow one another become one
entry, as one event usually spans several weeks, and each entry is said in plain words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from centric.insights.metrics.periods import Period


@dataclass(frozen=True)
class Spike:
    """Consecutive unusual periods of one theme: in volume (``value`` mentions where its usual
    rate gives ``usual``) or in sentiment (a mean of ``value`` where it was ``usual``)."""

    kind: Literal["volume", "sentiment"]
    theme: str
    period: Period
    first: dt.date  # the start of the first period
    last: dt.date  # the start of the last period
    periods: int
    value: float
    usual: float
    new: bool  # the theme was not mentioned in the periods before
    checks: int  # theme-periods checked, which the test is corrected for


def spike_runs(checks: pl.DataFrame, period: Period) -> tuple[Spike, ...]:
    """One ``Spike`` per run of alarms in ``checks`` (from ``metrics.volume_spikes``)."""
    spikes = []
    for run in _runs(checks, period):
        spikes.append(
            Spike(
                kind="volume",
                theme=run[0]["theme"],
                period=period,
                first=run[0]["period"],
                last=run[-1]["period"],
                periods=len(run),
                value=sum(row["count"] for row in run),
                usual=sum(row["expected"] for row in run),
                new=run[0]["expected"] == 0,
                checks=checks.height,
            )
        )
    return tuple(spikes)


def drop_runs(checks: pl.DataFrame, period: Period) -> tuple[Spike, ...]:
    """One ``Spike`` per run of alarms in ``checks`` (from ``metrics.sentiment_shifts``): the
    mean over the run against the baseline before it."""
    spikes = []
    for run in _runs(checks, period):
        mentions = sum(row["n"] for row in run)
        spikes.append(
            Spike(
                kind="sentiment",
                theme=run[0]["theme"],
                period=period,
                first=run[0]["period"],
                last=run[-1]["period"],
                periods=len(run),
                value=sum(row["mean"] * row["n"] for row in run) / mentions,
                usual=run[0]["baseline_mean"],
                new=False,
                checks=checks.height,
            )
        )
    return tuple(spikes)


def spike_sentence(spike: Spike) -> str:
    """``refunds: 27 mentions in the 2 weeks from 26 Aug to 8 Sep 2024, a theme not mentioned
    in the weeks before: more than chance explains, allowing for the 660 theme-weeks checked.``"""
    when = _when(spike)
    if spike.kind == "sentiment":
        what = (
            f"sentiment {'fell' if spike.value < spike.usual else 'rose'} to "
            f"{_signed(spike.value)} {when}, from {_signed(spike.usual)} in the "
            f"{spike.period}s before"
        )
    else:
        what = _volume(spike, f" {when}")
    return f"{spike.theme}: {what}: {_tested(spike)}"


def spike_sentences(spikes: Sequence[Spike]) -> list[str]:
    """A sentence per spike, but one for the themes whose volume spiked over the same periods:
    one event often raises several (a double charge: billing and refunds)."""
    groups: dict[tuple[object, ...], list[Spike]] = {}
    for spike in spikes:
        key = (spike.first, spike.last) if spike.kind == "volume" else (id(spike),)
        groups.setdefault(key, []).append(spike)
    return [
        spike_sentence(group[0]) if len(group) == 1 else _together(group)
        for group in groups.values()
    ]


def _together(spikes: Sequence[Spike]) -> str:
    """``billing and refunds in the week of 26 Oct 2026: billing 52 mentions, about 4 times
    its usual volume (12 expected); refunds 22 mentions, a theme not mentioned in the weeks
    before: more than chance explains, …``"""
    names = f"{', '.join(s.theme for s in spikes[:-1])} and {spikes[-1].theme}"
    volumes = "; ".join(f"{s.theme} {_volume(s)}" for s in spikes)
    return f"{names} {_when(spikes[0])}: {volumes}: {_tested(spikes[0])}"


def _volume(spike: Spike, when: str = "") -> str:
    if spike.new:
        return f"{spike.value:,.0f} mentions{when}, a theme not mentioned in the {spike.period}s before"
    return (
        f"{spike.value:,.0f} mentions{when}, about {_times(spike.value / spike.usual)} its "
        f"usual volume ({_whole(spike.usual):,} expected)"
    )


def _tested(spike: Spike) -> str:
    return (
        f"more than chance explains, allowing for the {spike.checks:,} "
        f"theme-{spike.period}s checked."
    )


def _runs(checks: pl.DataFrame, period: Period) -> list[list[dict[str, Any]]]:
    """The alarms of ``checks`` in runs of one theme's consecutive periods, earliest first."""
    runs: list[list[dict[str, Any]]] = []
    for row in checks.filter(pl.col("alarm")).sort("theme", "period").iter_rows(named=True):
        last = runs[-1][-1] if runs else None
        if (
            last
            and last["theme"] == row["theme"]
            and _next(last["period"], period) == row["period"]
        ):
            runs[-1].append(row)
        else:
            runs.append([row])
    return sorted(runs, key=lambda run: (run[0]["period"], run[0]["theme"]))


def _next(start: dt.date, period: Period) -> dt.date:
    if period == "day":
        return start + dt.timedelta(days=1)
    if period == "week":
        return start + dt.timedelta(weeks=1)
    months = 3 if period == "quarter" else 1
    year, month = divmod(start.month - 1 + months, 12)
    return dt.date(start.year + year, month + 1, 1)


def _when(spike: Spike) -> str:
    """``in the week of 9 Sep 2024``, ``in the 2 weeks from 26 Aug to 8 Sep 2024``,
    ``in Sep 2024``, ``in the 3 months from Nov 2024 to Jan 2025``."""
    monthly = spike.period in ("month", "quarter")
    if spike.periods == 1:
        return (
            f"in {spike.first:%b %Y}"
            if monthly
            else f"in the {spike.period} of {_day(spike.first)}"
        )
    first, last = spike.first, _next(spike.last, spike.period) - dt.timedelta(days=1)
    if monthly:
        start = f"{first:%b}" if first.year == last.year else f"{first:%b %Y}"
        return f"in the {spike.periods} {spike.period}s from {start} to {last:%b %Y}"
    start = f"{first.day} {first:%b}" if first.year == last.year else _day(first)
    return f"in the {spike.periods} {spike.period}s from {start} to {_day(last)}"


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _whole(value: float) -> int:
    return math.floor(value + 0.5)


def _times(ratio: float) -> str:
    return f"{_whole(ratio):,} times" if ratio >= 3 else f"{ratio:.1f} times"


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "\u2212")
