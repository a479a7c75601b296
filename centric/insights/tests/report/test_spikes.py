import datetime as dt

import polars as pl

from centric.insights.metrics.anomalies import SENTIMENT_SCHEMA, VOLUME_SCHEMA
from centric.insights.report.spikes import drop_runs, spike_runs, spike_sentence, spike_sentences

MONDAYS = [dt.date(2024, 8, 26) + dt.timedelta(weeks=i) for i in range(5)]


def volume_checks(*rows):
    """(monday, theme, count, expected, alarm) per check, among 660 checks."""
    return pl.DataFrame(
        [
            {
                "period": monday,
                "theme": theme,
                "count": count,
                "comments": 100,
                "expected": expected,
                "ratio": count / expected if expected else float("inf"),
                "p_value": 1e-9,
                "p_adjusted": 1e-8,
                "alarm": alarm,
                "sentence": None,
            }
            for monday, theme, count, expected, alarm in rows
        ]
        + [dict.fromkeys(VOLUME_SCHEMA) | {"alarm": False}] * (660 - len(rows)),
        schema=VOLUME_SCHEMA,
    )


def test_consecutive_weeks_of_one_theme_make_one_spike_over_their_dates():
    checks = volume_checks(
        (MONDAYS[0], "refunds", 6, 0.0, True),
        (MONDAYS[1], "refunds", 21, 0.7, True),
        (MONDAYS[2], "refunds", 30, 3.4, True),
        (MONDAYS[3], "refunds", 22, 7.2, True),
        (MONDAYS[2], "billing", 30, 3.5, True),
        (MONDAYS[4], "billing", 2, 3.5, False),
    )

    spikes = spike_runs(checks, "week")

    assert [(s.theme, s.first, s.last, s.value) for s in spikes] == [
        ("refunds", MONDAYS[0], MONDAYS[3], 79),
        ("billing", MONDAYS[2], MONDAYS[2], 30),
    ]


def test_a_spike_is_said_in_plain_words_with_dates_like_the_rest_of_the_report():
    refunds, billing = spike_runs(
        volume_checks(
            (MONDAYS[0], "refunds", 6, 0.0, True),
            (MONDAYS[1], "refunds", 21, 0.7, True),
            (MONDAYS[2], "billing", 30, 3.5, True),
        ),
        "week",
    )

    assert spike_sentence(refunds) == (
        "refunds: 27 mentions in the 2 weeks from 26 Aug to 8 Sep 2024, a theme not mentioned "
        "in the weeks before: more than chance explains, allowing for the 660 theme-weeks checked."
    )
    assert spike_sentence(billing) == (
        "billing: 30 mentions in the week of 9 Sep 2024, about 9 times its usual volume "
        "(4 expected): more than chance explains, allowing for the 660 theme-weeks checked."
    )


def test_a_drop_in_sentiment_over_consecutive_months_is_one_entry():
    months = [dt.date(2024, m, 1) for m in (11, 12)] + [dt.date(2025, 1, 1)]
    checks = pl.DataFrame(
        [
            {
                "period": month,
                "theme": "returns",
                "n": 10,
                "mean": mean,
                "baseline_n": 80,
                "baseline_mean": baseline,
                "difference": mean - baseline,
                "p_value": 1e-4,
                "p_adjusted": 1e-3,
                "alarm": True,
                "sentence": None,
            }
            for month, mean, baseline in zip(
                months, (-0.7, -0.5, -0.6), (-0.2, -0.3, -0.4), strict=True
            )
        ],
        schema=SENTIMENT_SCHEMA,
    )

    (drop,) = drop_runs(checks, "month")

    assert spike_sentence(drop) == (
        "returns: sentiment fell to −0.60 in the 3 months from Nov 2024 to Jan 2025, from −0.20 "
        "in the months before: more than chance explains, allowing for the 3 theme-months checked."
    )


def test_themes_that_spike_over_the_same_weeks_are_one_sentence():
    checks = volume_checks(
        (MONDAYS[2], "billing", 52, 12.0, True),
        (MONDAYS[2], "refunds", 22, 0.0, True),
        (MONDAYS[4], "delivery", 30, 6.0, True),
    )

    sentences = spike_sentences(spike_runs(checks, "week"))

    assert sentences == [
        "billing and refunds in the week of 9 Sep 2024: billing 52 mentions, about 4 times its "
        "usual volume (12 expected); refunds 22 mentions, a theme not mentioned in the weeks "
        "before: more than chance explains, allowing for the 660 theme-weeks checked.",
        "delivery: 30 mentions in the week of 23 Sep 2024, about 5 times its usual volume "
        "(6 expected): more than chance explains, allowing for the 660 theme-weeks checked.",
    ]
