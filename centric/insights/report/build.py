"""Turn a file's rows and the engine's readings into the figures of a report.

Everything here is data: ``render.py`` decides how it looks. Scores are estimated over
every row with an answer; themes, sentiment and signals over the rows with a comment;
drivers over rows with both, so a row without a comment never counts as "mentions no
theme".
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from centric.insights.metrics import (
    MEANINGFUL_SHIFT,
    Estimate,
    compare_segments,
    estimate,
    key_drivers,
    readable_trend,
    sentiment_shifts,
    trend_periods,
    volume_spikes,
)
from centric.insights.metrics.periods import Period, period_start
from centric.insights.report.columns import Columns, Scale
from centric.insights.report.scores import SCORE, Figure, figures
from centric.insights.report.spikes import Spike, drop_runs, spike_runs
from centric.insights.text import DEFAULT_TAXONOMY, Analysis, Signal, Taxonomy
from centric.insights.text.language import READ

# "unread": in a language the engine does not read (``language.READ``)
SENTIMENTS = ("positive", "mixed", "neutral", "negative", "unread")
CARE_SIGNALS = ("risk", "fear", "desire", "wish", "constraint", "hope", "opportunity")
DISCOVERY_SAMPLE = 5000
MIN_DISCOVERY = 20  # comments, fewer than which hold no topic worth proposing
_EXAMPLES = 3
_SNIPPET = 240


@dataclass(frozen=True)
class Headline:
    figure: Figure
    estimate: Estimate


@dataclass(frozen=True)
class Example:
    """A comment to quote: the row it came from, a snippet and the phrase to highlight."""

    row: int
    before: str
    phrase: str
    after: str


@dataclass(frozen=True)
class ThemeRow:
    name: str
    description: str
    mentions: int
    share: float
    sentiment: float
    negative_share: float
    driver: dict[str, Any] | None
    quote: Example | None


@dataclass(frozen=True)
class SignalGroup:
    kind: str
    label: str
    count: int
    share: float
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Proposal:
    name: str
    key_terms: tuple[str, ...]
    size: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Every figure of a report; lists of engine rows keep the engine's column names."""

    source: str
    columns: Columns
    rows: int
    comments: int
    scored: int
    off_scale: int
    headlines: tuple[Headline, ...]
    distribution: tuple[tuple[float, int], ...]
    sentiment: dict[str, int]
    sentiment_by_score: tuple[tuple[float, int, float], ...]
    themes: tuple[ThemeRow, ...]
    trend: tuple[dict[str, Any], ...]
    volume: tuple[tuple[dt.date, int], ...]  # comments per ``trend_period``
    segments: tuple[dict[str, Any], ...]
    segment_missing: int  # answers with no segment value, left out of the segments
    spike_period: str | None
    spikes: tuple[Spike, ...]
    shifts: tuple[Spike, ...]
    flags: tuple[SignalGroup, ...]
    care: tuple[SignalGroup, ...]
    proposals: tuple[Proposal, ...]
    discovery_sample: int  # the comments discovery read; 0 when it did not run
    date_range: tuple[dt.date, dt.date] | None
    calibration: str | None = None  # what a calibrated sentiment learnt from, if it was
    # what the trend and the volume are counted by, as on the Insights pages: by week over a
    # month or less, else by month, by quarter where too few months have answers enough; and
    # the finer periods passed over for that
    trend_period: Period = "month"
    trend_passed_over: tuple[Period, ...] = ()
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def build_report(
    table: pl.DataFrame,
    readings: Sequence[Analysis],
    columns: Columns,
    *,
    source: str,
    taxonomy: Taxonomy = DEFAULT_TAXONOMY,
    discover: bool = True,
    calibration: str | None = None,
) -> Report:
    """The report for ``table`` (from ``typed_frame``) and one reading per row;
    ``calibration`` says what the readings' sentiment learnt from, when it was calibrated."""
    if len(readings) != table.height:
        raise ValueError(f"{len(readings)} readings for {table.height} rows")
    frame = _with_readings(table, readings, taxonomy)
    commented = frame.filter(pl.col("has_text"))
    # A comment in another language is counted as such and left out of everything that
    # depends on its themes or sentiment, which are unknown.
    read = commented.filter(pl.col("sentiment_label") != "unread")
    scored = frame.filter(pl.col(SCORE).is_not_null())
    metrics = figures(columns.scale) if columns.scale else ()
    primary = metrics[0].metric if metrics else None
    mentioned = [t for t in taxonomy.names if read.get_column(t).any()]
    dated = frame.filter(pl.col("date").is_not_null())

    drivers: dict[str, dict[str, Any]] = {}
    both = read.filter(pl.col(SCORE).is_not_null())
    if primary is not None and both.height > len(mentioned) + 1 and mentioned:
        for row in key_drivers(both, primary, themes=mentioned).iter_rows(named=True):
            drivers[row["theme"]] = row

    date_range = _date_range(dated)
    spike_period = _spike_period(date_range)
    periods = trend_periods((date_range[1] - date_range[0]).days + 1) if date_range else ("month",)
    by_period = (
        readable_trend(scored, primary, date_column="date", periods=periods, span=date_range)
        if primary is not None and columns.date and scored.get_column("date").is_not_null().any()
        else None
    )
    trend_period = by_period.period if by_period else periods[0]
    proposals, discovery_sample = _proposals(read, taxonomy) if discover else ((), 0)
    return Report(
        source=source,
        columns=columns,
        rows=frame.height,
        comments=commented.height,
        scored=scored.height,
        off_scale=_off_scale(table),
        headlines=tuple(Headline(f, estimate(scored, f.metric)) for f in metrics),
        distribution=_distribution(scored, columns.scale),
        sentiment=_sentiments(commented),
        sentiment_by_score=_sentiment_by_score(both),
        themes=_themes(read, readings, mentioned, taxonomy, drivers),
        trend=tuple(by_period.rows.to_dicts()) if by_period else (),
        trend_period=trend_period,
        trend_passed_over=by_period.passed_over if by_period else (),
        volume=tuple(
            (d, int(n))
            for d, n in dated.group_by(period_start(dated, "date", trend_period).alias("date"))
            .len()
            .sort("date")
            .iter_rows()
        ),
        segments=(
            tuple(compare_segments(scored, primary, segment_column="segment").to_dicts())
            if primary is not None and columns.segment
            else ()
        ),
        segment_missing=scored.filter(pl.col("segment").is_null()).height if columns.segment else 0,
        spike_period=spike_period,
        spikes=_spikes(read, mentioned, spike_period),
        shifts=_shifts(read, readings, spike_period),
        flags=_flags(read, readings),
        care=_care(read, readings),
        proposals=proposals,
        discovery_sample=discovery_sample,
        date_range=date_range,
        calibration=calibration,
    )


def _with_readings(
    table: pl.DataFrame, readings: Sequence[Analysis], taxonomy: Taxonomy
) -> pl.DataFrame:
    names = [{t.name for t in r.themes} for r in readings]
    return table.with_columns(
        pl.Series("index", range(table.height), dtype=pl.Int64),
        (pl.col("text").str.strip_chars() != "").alias("has_text"),
        pl.Series("sentiment_label", [r.label for r in readings], dtype=pl.String),
        pl.Series("sentiment_score", [r.score for r in readings], dtype=pl.Float64),
        pl.Series("language", [r.language for r in readings], dtype=pl.String),
        *(
            pl.Series(theme, [theme in found for found in names], dtype=pl.Boolean)
            for theme in taxonomy.names
        ),
    )


def _off_scale(table: pl.DataFrame) -> int:
    """Rows with an answer in the score column that is not on the scale (or not a number)."""
    return int(table.select((pl.col("score_given") & pl.col(SCORE).is_null()).sum()).item())


def _sentiments(commented: pl.DataFrame) -> dict[str, int]:
    counts = dict(commented.group_by("sentiment_label").len().iter_rows())
    return {label: int(counts.get(label, 0)) for label in SENTIMENTS}


def _sentiment_by_score(both: pl.DataFrame) -> tuple[tuple[float, int, float], ...]:
    """Per score value: comments and the share read as negative (a check on the reading)."""
    grouped = (
        both.group_by(SCORE)
        .agg(pl.len().alias("n"), (pl.col("sentiment_label") == "negative").mean().alias("neg"))
        .sort(SCORE)
    )
    return tuple((float(s), int(n), float(neg)) for s, n, neg in grouped.iter_rows())


def _themes(
    read: pl.DataFrame,
    readings: Sequence[Analysis],
    mentioned: list[str],
    taxonomy: Taxonomy,
    drivers: dict[str, dict[str, Any]],
) -> tuple[ThemeRow, ...]:
    scores: dict[str, list[float]] = {t: [] for t in mentioned}
    # each theme's most negative sentence, or where none is negative its most positive
    worst: dict[str, tuple[float, int, int]] = {}
    best: dict[str, tuple[float, int, int]] = {}
    for index in read.get_column("index").to_list():
        for mention in readings[index].themes:
            scores[mention.name].append(mention.score)
            if not mention.sentences:
                continue
            sentence = readings[index].sentiment.sentences[mention.sentences[0]]
            if not 40 <= len(sentence.text) <= _SNIPPET:
                continue
            found = (mention.score, index, mention.sentences[0])
            if mention.score < worst.get(mention.name, (0.0, 0, 0))[0]:
                worst[mention.name] = found
            if mention.score > best.get(mention.name, (0.0, 0, 0))[0]:
                best[mention.name] = found
    rows = []
    for theme in mentioned:
        values = scores[theme]
        quote = None
        if theme in worst or theme in best:
            _, index, number = worst.get(theme) or best[theme]
            sentence = readings[index].sentiment.sentences[number]
            quote = Example(index + 1, "", sentence.text, "")
        rows.append(
            ThemeRow(
                name=theme,
                description=taxonomy.by_name[theme].description,
                mentions=len(values),
                share=100.0 * len(values) / read.height,
                sentiment=sum(values) / len(values),
                negative_share=100.0 * sum(v < -0.05 for v in values) / len(values),
                driver=drivers.get(theme),
                quote=quote,
            )
        )
    rows.sort(key=lambda r: -r.mentions)
    return tuple(rows)


def _date_range(dated: pl.DataFrame) -> tuple[dt.date, dt.date] | None:
    if dated.height == 0:
        return None
    first, last = dated["date"].min(), dated["date"].max()
    assert isinstance(first, dt.date)
    assert isinstance(last, dt.date)
    return first, last


def _spike_period(date_range: tuple[dt.date, dt.date] | None) -> Period | None:
    if date_range is None:
        return None
    span = (date_range[1] - date_range[0]).days
    if span >= 365:
        return "month"
    return "week" if span >= 42 else None


def _spikes(commented: pl.DataFrame, themes: list[str], period: Period | None) -> tuple[Spike, ...]:
    if period is None or not themes:
        return ()
    checks = volume_spikes(commented, date_column="date", themes=themes, period=period)
    return spike_runs(checks, period)


def _shifts(
    commented: pl.DataFrame, readings: Sequence[Analysis], period: Period | None
) -> tuple[Spike, ...]:
    if period is None:
        return ()
    rows = [
        (date, mention.name, mention.score)
        for index, date in commented.select("index", "date").iter_rows()
        if date is not None
        for mention in readings[index].themes
    ]
    if not rows:
        return ()
    mentions = pl.DataFrame(
        rows, schema={"date": pl.Date, "theme": pl.String, "score": pl.Float64}, orient="row"
    )
    checks = sentiment_shifts(
        mentions,
        date_column="date",
        theme_column="theme",
        sentiment_column="score",
        period=period,
        min_difference=MEANINGFUL_SHIFT,
    )
    return drop_runs(checks, period)


def _flags(commented: pl.DataFrame, readings: Sequence[Analysis]) -> tuple[SignalGroup, ...]:
    indices = commented.get_column("index").to_list()
    groups = []
    for kind, label in (("urgent", "Urgent"), ("churn_risk", "Churn risk")):
        found = [
            (readings[i].score, i, flag)
            for i in indices
            for flag in readings[i].flags
            if flag.kind == kind
        ]
        # One example per comment: keep each comment's first finding of this kind.
        found = list({i: (s, i, f) for s, i, f in reversed(found)}.values())
        found.sort(key=lambda item: item[0])
        groups.append(_group(kind, label, found, readings, len(indices)))
    praised = [
        (-readings[i].score, i, _praise_signal(readings[i])) for i in indices if readings[i].praise
    ]
    praised.sort(key=lambda item: item[0])
    groups.append(_group("praise", "Praise", praised, readings, len(indices)))
    return tuple(groups)


def _praise_signal(reading: Analysis) -> Signal:
    sentence = max(reading.sentiment.sentences, key=lambda s: s.score)
    return Signal("praise", "praise", sentence.text, sentence.start, sentence.end)


def _care(commented: pl.DataFrame, readings: Sequence[Analysis]) -> tuple[SignalGroup, ...]:
    indices = commented.get_column("index").to_list()
    found: dict[str, list[tuple[float, int, Signal]]] = {kind: [] for kind in CARE_SIGNALS}
    for i in indices:
        seen = set()
        for signal in readings[i].care_signals:
            if signal.kind in found and signal.kind not in seen:
                seen.add(signal.kind)
                # Longer phrases say more; among them prefer the more strongly felt comment.
                weight = -abs(readings[i].score) - min(len(signal.phrase), 80) / 80
                found[signal.kind].append((weight, i, signal))
    groups = []
    for kind, items in found.items():
        items.sort(key=lambda item: item[0])
        groups.append(_group(kind, kind.capitalize(), items, readings, len(indices)))
    return tuple(sorted(groups, key=lambda g: -g.count))


def _group(
    kind: str,
    label: str,
    found: list[tuple[float, int, Signal]],
    readings: Sequence[Analysis],
    comments: int,
) -> SignalGroup:
    """``found`` holds one (rank, row index, signal) per comment, best example first."""
    examples: list[Example] = []
    seen: set[str] = set()
    for _, i, signal in found:
        if len(examples) == _EXAMPLES:
            break
        # Copies of one comment (templates, repeated submissions) make a poor second example.
        if readings[i].text not in seen:
            seen.add(readings[i].text)
            examples.append(_example(i, signal, readings[i].text))
    return SignalGroup(
        kind=kind,
        label=label,
        count=len(found),
        share=100.0 * len(found) / comments if comments else 0.0,
        examples=tuple(examples),
    )


def _example(index: int, signal: Signal, text: str) -> Example:
    """A snippet of the comment around the phrase, cut at word boundaries."""
    room = max(0, _SNIPPET - len(signal.phrase)) // 2
    start, end = max(0, signal.start - room), min(len(text), signal.end + room)
    before, after = text[start : signal.start], text[signal.end : end]
    if start > 0:
        before = "…" + before.split(" ", 1)[-1]
    if end < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return Example(index + 1, before, text[signal.start : signal.end], after)


def _distribution(scored: pl.DataFrame, scale: Scale | None) -> tuple[tuple[float, int], ...]:
    """How many answers gave each score; on a scale of whole numbers every point of it is
    listed, those nobody gave with 0 (a chart that skipped them would jump from 4 to 6)."""
    counts = {
        float(value): int(n)
        for value, n in scored.group_by(SCORE).len().iter_rows()
        if value is not None
    }
    if scale is not None and all(value.is_integer() for value in counts):
        counts = {
            float(v): counts.get(float(v), 0) for v in range(scale.low, scale.high + 1)
        } | counts
    return tuple(sorted(counts.items()))


def _proposals(commented: pl.DataFrame, taxonomy: Taxonomy) -> tuple[tuple[Proposal, ...], int]:
    """Topics the themes do not cover, largest first, found in the comments of each language
    the engine reads in its own words; and how many comments discovery read."""
    from centric.insights.text import ThemeDiscovery  # scikit-learn loads only when needed

    proposals: list[Proposal] = []
    read = 0
    for language in READ:
        texts = commented.filter(pl.col("language") == language).get_column("text").to_list()
        if len(texts) < MIN_DISCOVERY:
            continue
        sample = texts
        if len(texts) > DISCOVERY_SAMPLE:
            sample = random.Random(0).sample(texts, DISCOVERY_SAMPLE)  # noqa: S311 - not security
        read += len(sample)
        discovery = ThemeDiscovery(n_themes=10, taxonomy=taxonomy, seed=0, language=language)
        scale = len(texts) / len(sample)
        proposals += [
            Proposal(p.name, p.key_terms, round(p.size * scale), p.examples)
            for p in discovery.fit(sample).proposals_
        ]
    return tuple(sorted(proposals, key=lambda proposal: -proposal.size)), read
