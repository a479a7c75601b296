"""The few sentences at the top of a report: what a reader should take away."""

from __future__ import annotations

from centric.insights.report.build import Report, ThemeRow
from centric.insights.report.numbers import (
    figure_text,
    interval_decimals,
    number,
    percent,
    share,
    span,
)
from centric.insights.report.spikes import spike_sentences
from centric.insights.text.language import READ_IN_WORDS


def key_findings(report: Report) -> list[str]:
    """Plain sentences, most important first; every figure keeps its interval or its n."""
    found: list[str] = []
    if report.headlines:
        parts = [f"{h.figure.label}: {figure_text(h)}" for h in report.headlines]
        found.append("; ".join(parts) + ".")
    if report.comments:
        mix = report.sentiment
        found.append(
            f"Of {report.comments:,} comments, {share(mix['positive'], report.comments)} read "
            f"positive, {share(mix['negative'], report.comments)} negative and "
            f"{share(mix['mixed'], report.comments)} mixed."
        )
        if mix["unread"]:
            found.append(
                f"{mix['unread']:,} comment{' is' if mix['unread'] == 1 else 's are'} in a "
                f"language the engine does not read, and not read: it reads {READ_IN_WORDS}."
            )
    if report.themes:
        top = ", ".join(f"{t.name} ({percent(t.share)})" for t in report.themes[:3])
        found.append(f"Most talked about: {top}.")
    drivers = [
        t for t in report.themes if t.driver and t.driver["significant"] and t.driver["reliable"]
    ]
    if drivers:
        metric = report.headlines[0].figure.metric.phrase  # "an NPS", "a share of 4–5 stars"
        # the themes that weigh most on the whole score: each one's difference times its
        # share, so that one of 9% of the comments 35 points lower comes before one of 1% 43
        # lower; the two that pull it down most (the ones to act on), the one that lifts it most
        lower = sorted((t for t in drivers if _weight(t) < 0), key=_weight)[:2]
        higher = sorted((t for t in drivers if _weight(t) > 0), key=_weight)[-1:]
        for theme in (*lower, *higher):
            assert theme.driver is not None
            effect = theme.driver["effect"]
            near, far = sorted((abs(theme.driver["low"]), abs(theme.driver["high"])))
            places = interval_decimals(near, far, 0)
            found.append(
                f"Comments about {theme.name} ({theme.mentions:,}, {percent(theme.share)} "
                f"of the comments) go with {metric} "
                f"{number(abs(effect), places)} points {'lower' if effect < 0 else 'higher'} "
                f"(95% CI {span(near, far, places)}) "
                "than comments that do not — an association, not proof of cause."
            )
    # the largest differences first, and every one of them: a finding left out is one unseen
    segments = sorted(
        (s for s in report.segments if s["significant"]), key=lambda s: -abs(s["difference"])
    )
    if segments:
        names = ", ".join(
            f"{s['segment']} ({'higher' if s['difference'] > 0 else 'lower'})" for s in segments
        )
        found.append(f"Segments that differ from the rest after correction: {names}.")
    flags = {g.kind: g for g in report.flags}
    if report.comments:
        urgent, churn = flags["urgent"].count, flags["churn_risk"].count
        found.append(
            f"{urgent:,} comment{'s need' if urgent != 1 else ' needs'} urgent attention "
            f"(safety, legal, privacy or money lost) and {churn:,} "
            f"signal{'s' if churn == 1 else ''} a risk of leaving."
        )
    if report.spikes or report.shifts:
        found.append(
            f"{len(spike_sentences(report.spikes)) + len(report.shifts)} unusual spikes or "
            "sentiment drops stand out against each theme's own history."
        )
    return found


def _weight(theme: ThemeRow) -> float:
    """How much a theme's association moves the whole score: its difference in points times
    the share of comments that mention it."""
    return theme.driver["effect"] * theme.share if theme.driver else 0.0
