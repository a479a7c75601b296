import datetime as dt
import io
import json
import re

import polars as pl
import pytest

from centric.insights.report import (
    ProgressBar,
    analyze_texts,
    build_report,
    charts,
    guess_columns,
    render_html,
    typed_frame,
    write_jsonl,
)
from centric.insights.report.findings import key_findings
from centric.insights.tests.report.samples import csv_text, nps_rows
from centric.insights.text import TextAnalyzer

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def report_for(rows, *, source="export.csv", discover=False, **overrides):
    frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    columns = guess_columns(frame, **overrides)
    table = typed_frame(frame, columns)
    readings = analyze_texts(table["text"].to_list(), TextAnalyzer())
    return build_report(table, readings, columns, source=source, discover=discover), readings


@pytest.fixture(scope="module")
def nps_report():
    return report_for(nps_rows(400))[0]


def test_an_nps_report_has_a_headline_with_interval_and_n(nps_report):
    headline = nps_report.headlines[0]

    assert headline.figure.metric.name == "NPS"
    assert headline.estimate.n == 400
    assert headline.estimate.low < headline.estimate.value < headline.estimate.high


def test_an_nps_report_trends_by_month_and_compares_segments(nps_report):
    html = render_html(nps_report)

    assert len(nps_report.trend) == 12
    assert {s["segment"] for s in nps_report.segments} == {"North", "South", "East"}
    assert "NPS by month" in html
    assert "NPS by region" in html
    assert "Holm-corrected" in html


def test_themes_carry_their_association_with_the_score_worded_as_association(nps_report):
    billing = next(t for t in nps_report.themes if t.name == "billing")
    html = render_html(nps_report)

    assert billing.driver is not None
    assert billing.driver["effect"] < 0
    assert "associations, not proof of cause" in html
    assert "Association with NPS" in html


def test_a_star_rating_report_shows_the_share_of_four_and_five_stars_and_the_mean():
    rows = [
        {"review": text, "stars": str(stars)}
        for text, stars in [
            ("Love it, fits perfectly and the fabric is lovely.", 5),
            ("Runs small and the seams came apart after one wash.", 1),
            ("Nice colour but a bit too long for me.", 3),
            ("Great quality for the price.", 4),
        ]
        * 15
    ]

    report, _ = report_for(rows)
    html = render_html(report)

    assert [h.figure.label for h in report.headlines] == ["Share of 4–5 stars", "Average rating"]
    assert report.headlines[1].estimate.value == pytest.approx(3.25)
    assert "Share of 4–5 stars" in html
    assert "3.25" in html


def test_a_file_without_scores_still_reports_sentiment_and_themes():
    rows = [{"feedback": r["comment"]} for r in nps_rows(40)]

    report, _ = report_for(rows)
    html = render_html(report)

    assert report.headlines == ()
    assert report.comments == 40
    assert "Sentiment of the comments" in html
    assert "billing" in html


def test_hostile_text_is_escaped_everywhere():
    rows = [{"comment": HOSTILE + " billing charged me twice", "nps": "2"}] * 5
    rows += [{"comment": r["comment"], "nps": r["likelihood_to_recommend"]} for r in nps_rows(60)]

    report, _ = report_for(rows, source=HOSTILE)
    html = render_html(report)

    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_the_page_loads_nothing_from_elsewhere(nps_report):
    html = render_html(nps_report)

    assert "http://" not in html
    assert "https://" not in html
    assert not re.search(r"<(script|link|iframe|img)\b", html)
    assert not re.search(r"\b(src|href)\s*=", html)


def test_proposed_themes_come_from_discovery():
    rows = [{"comment": f"The zipper on the {item} jammed", "nps": "3"} for item in ("bag", "coat")]
    rows = (rows + [{"comment": r["comment"], "nps": "9"} for r in nps_rows(40)]) * 3

    report, _ = report_for(rows, discover=True)

    assert any("zipper" in p.key_terms for p in report.proposals)
    assert "Proposed new themes" in render_html(report)


def test_discovery_reads_a_files_german_comments_in_german_words():
    from centric.insights.tests.text.test_discovery import GERMAN

    rows = [{"comment": text, "nps": "5"} for text in GERMAN * 3]
    rows += [
        {"comment": f"The zipper on the {item} jammed", "nps": "3"} for item in ("bag", "coat")
    ]
    rows += [{"comment": r["comment"], "nps": "9"} for r in nps_rows(40)]

    report, readings = report_for(rows, discover=True)

    assert {reading.language for reading in readings} == {"en", "de"}
    terms = {term for proposal in report.proposals for term in proposal.key_terms}
    assert "co2-bilanz" in terms
    assert not {"die", "der", "den", "wir"} & terms
    assert report.discovery_sample == len(rows)


def test_the_score_distribution_lists_every_point_of_the_scale_even_those_nobody_gave():
    rows = [{"comment": "Fine", "nps": score} for score in ("0", "4", "4", "6", "10")]

    report, _ = report_for(rows)

    assert [value for value, _ in report.distribution] == [float(v) for v in range(11)]
    assert dict(report.distribution)[5.0] == 0
    assert dict(report.distribution)[4.0] == 2


def test_discovery_that_finds_nothing_new_says_so():
    rows = [{"comment": "The invoice was wrong and billing charged me twice", "nps": "3"}] * 30

    report, _ = report_for(rows, discover=True)
    html = render_html(report)

    assert report.proposals == ()
    assert "None: every topic found in these comments (a sample of 30) is one the current " in html
    assert "New themes" in html  # the method, since it ran
    quiet = render_html(report_for(rows)[0])
    assert "Proposed new themes" not in quiet
    assert "New themes" not in quiet


def test_jsonl_has_one_reading_per_input_row(tmp_path):
    rows = nps_rows(6)
    rows[2]["comment"] = ""
    _, readings = report_for(rows)
    path = tmp_path / "out.jsonl"

    write_jsonl(path, readings)

    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["row"] for line in lines] == [1, 2, 3, 4, 5, 6]
    assert set(lines[0]) >= {"sentiment", "sentences", "themes", "care_signals", "flags"}
    assert lines[2]["sentences"] == []


def test_the_progress_bar_reports_each_quarter_off_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(100, stream)

    for done in range(0, 101, 5):
        bar.update(done)

    lines = stream.getvalue().splitlines()
    assert len(lines) == 5
    assert lines[-1].startswith("Reading [##############################] 100%")


def test_the_key_findings_name_every_segment_that_differs_largest_first(nps_report):
    from dataclasses import replace

    from centric.insights.report.findings import key_findings

    differences = {
        "Tops": -1,
        "Dresses": -2,
        "Bottoms": 2.5,
        "Intimate": 3,
        "Jackets": 3.5,
        "Trend": -12,
    }
    segments = [
        {"segment": n, "difference": d, "significant": True} for n, d in differences.items()
    ]
    segments.append({"segment": "Other", "difference": 20, "significant": False})

    found = key_findings(replace(nps_report, segments=tuple(segments)))

    assert (
        "Segments that differ from the rest after correction: Trend (lower), Jackets (higher), "
        "Intimate (higher), Bottoms (higher), Dresses (lower), Tops (lower)."
    ) in found


def test_comments_in_another_language_are_counted_as_unread_and_said_so():
    from centric.insights.report.findings import key_findings

    rows = nps_rows(60)
    for row in rows[:6]:
        row["comment"] = "Supporten löste vårt problem direkt, tack och hej."
    report, _ = report_for(rows)

    assert report.sentiment["unread"] == 6
    found = " ".join(key_findings(report))
    assert "6 comments are in a language the engine does not read, and not read: it reads " in found
    assert "English, German, French, Spanish, Italian, Portuguese and Dutch." in found
    assert "other languages, not read 10%" in render_html(report)


def test_unread_comments_are_left_out_of_theme_shares_and_drivers():
    # the English comments all speak of billing; the unread ones are the only others
    rows = [
        {"score": "2", "comment": "We were charged twice for the same invoice."} for _ in range(20)
    ] + [
        {"score": "10", "comment": "Fakturan var dubbel och supporten har inte svarat oss."}
        for _ in range(20)
    ]
    report, _ = report_for(rows)

    billing = next(theme for theme in report.themes if theme.name == "billing")
    assert report.sentiment["unread"] == 20
    assert billing.share == 100.0
    assert billing.driver is None
    assert (
        "(it reads English, German, French, Spanish, Italian, Portuguese and Dutch) are left out"
        in (render_html(report))
    )


def test_a_small_share_that_is_there_reads_below_one_percent_not_zero():
    from centric.insights.report.numbers import share

    assert (share(93, 22_641), share(0, 22_641), share(1, 2), share(1, 0)) == (
        "<1%",
        "0%",
        "50%",
        "–",
    )


def test_a_month_between_two_thin_months_still_shows_its_interval():
    months = [dt.date(2025, m, 1) for m in (1, 2, 3)]
    chart = charts.trend(
        [
            (months[0], None, None, None, 5),
            (months[1], 20.0, 5.0, 35.0, 60),
            (months[2], None, None, None, 4),
        ],
        bounds=(-100.0, 100.0),
        unit="",
        label="NPS by month",
    )

    assert 'class="whisker"' in chart


def test_the_key_findings_read_an_nps_not_a_nps(nps_report):
    found = " ".join(key_findings(nps_report))

    assert "go with an NPS" in found
    assert "a NPS" not in found


def test_an_axis_has_round_ticks_that_cover_the_values():
    assert charts.nice_ticks(-34, 50) == [-50, -25, 0, 25, 50]
    assert charts.nice_ticks(-34, 50, most=4) == [-50, 0, 50]
    assert charts.nice_ticks(3.9, 5.5, bounds=(1, 7)) == [3.5, 4, 4.5, 5, 5.5]
    assert charts.nice_ticks(-5, 105, bounds=(0, 100)) == [0, 25, 50, 75, 100]


def test_a_first_or_last_period_covered_only_in_part_names_its_days():
    covers = (dt.date(2026, 9, 4), dt.date(2026, 12, 3))

    assert charts.period_label(dt.date(2026, 9, 1), "month", covers) == "4–30 Sep 2026"
    assert charts.period_label(dt.date(2026, 10, 1), "month", covers) == "Oct 2026"
    assert charts.period_label(dt.date(2026, 12, 1), "month", covers) == "1–3 Dec 2026"
    assert charts.period_label(dt.date(2026, 8, 31), "week", covers) == "4–6 Sep"
    assert charts.period_label(dt.date(2026, 9, 7), "week", covers) == "week of 7 Sep"
    assert charts.period_label(dt.date(2026, 11, 30), "week", covers) == "30 Nov–3 Dec"


def test_the_trend_names_a_month_the_file_covers_only_in_part_by_its_days():
    rows = nps_rows(400)
    for row in rows:  # from 14 January 2024 to 12 January 2025
        row["submitted_at"] = (
            dt.date.fromisoformat(row["submitted_at"]) + dt.timedelta(days=13)
        ).isoformat()
    report, _ = report_for(rows)
    html = render_html(report)

    assert ">14–31 Jan</text>" in html
    assert ">2024</text>" in html
    assert ">1–12 Jan</text>" in html
    assert "1–12 Jan 2025: " in html
    assert ">Jan 2024<" not in html


def test_an_interval_that_leaves_out_zero_is_never_rounded_onto_it(nps_report):
    from dataclasses import replace

    from centric.insights.report.numbers import effect_text

    tops = {
        "segment": "Tops",
        "n": 10_468,
        "value": 77.0,
        "low": 76.0,
        "high": 78.0,
        "reliable": True,
        "difference": -1.42,
        "difference_low": -2.76,
        "difference_high": -0.08,
        "significant": True,
        "sentence": "Tops: lower",
    }
    html = render_html(replace(nps_report, segments=(tops,)))

    assert "−1.4<" in html
    assert "−2.8 to −0.1" in html
    assert effect_text(-1.42, -2.76, -0.08, 0) == ("−1.4", "−2.8 to −0.1")
    assert effect_text(-8.1, -16.2, 0.3, 0) == ("−8", "−16 to 0")  # it does reach zero
    assert effect_text(4.2, 2.6, 5.3, 0) == ("+4", "3–5")
    assert effect_text(0.3, -8.0, 9.0, 0) == ("0", "−8 to 9")


def test_one_urgent_comment_needs_attention_in_the_singular(nps_report):
    from dataclasses import replace

    flags = tuple(
        replace(group, count=1) if group.kind in ("urgent", "churn_risk") else group
        for group in nps_report.flags
    )
    found = " ".join(key_findings(replace(nps_report, flags=flags)))

    assert "1 comment needs urgent attention" in found
    assert "and 1 signals a risk of leaving" in found


def test_a_percentage_rounds_half_up_and_is_never_zero_for_something_there():
    from centric.insights.report.numbers import percent

    assert [percent(v) for v in (0.0, 0.375, 0.5, 2.5, 12.5, 99.4, 99.6, 100.0)] == [
        "0%",
        "<1%",
        "1%",
        "3%",
        "13%",
        "99%",
        ">99%",
        "100%",
    ]


def test_the_sentiment_legend_never_shows_zero_for_comments_that_are_there():
    rows = nps_rows(300)
    rows[0]["comment"] = "Supporten löste vårt problem direkt, tack och hej."

    html = render_html(report_for(rows)[0])

    assert "other languages, not read &lt;1%" in html


def methods_of(html):
    return html[html.index('<section id="methods">') :]


def test_the_methods_list_the_columns_under_what_was_read_and_write_dates_plainly():
    rows = [
        {**row, "submitted_at": f"{1 + i % 28:02d}/03/2024"} for i, row in enumerate(nps_rows(60))
    ]

    methods = methods_of(render_html(report_for(rows, discover=True)[0]))

    read, columns = methods.index("What was read"), methods.index("text: &#x27;comment&#x27;")
    assert read < columns < methods.index("<dt>", read + 1)
    assert "dates as day/month/year" in methods
    assert "%d" not in methods


def test_the_methods_leave_out_spikes_and_segments_when_the_file_has_no_date_or_segment():
    rows = [{"comment": r["comment"], "nps": r["likelihood_to_recommend"]} for r in nps_rows(60)]

    methods = methods_of(render_html(report_for(rows)[0]))

    assert "<dt>Spikes</dt>" not in methods
    assert "<dt>Segments</dt>" not in methods
    assert "<dt>Associations</dt>" in methods


def test_answers_without_a_segment_value_are_counted_under_the_segment_table():
    rows: list[dict[str, str | None]] = [{**row} for row in nps_rows(120)]
    for row in rows[:7]:
        row["region"] = None

    html = render_html(report_for(rows)[0])

    assert "7 answers have no region value and are left out of this table." in html


def test_a_segments_verdict_shows_beside_its_name_where_a_phone_hides_the_verdict_column(
    nps_report,
):
    html = render_html(nps_report)
    rows = re.findall(
        r"<tr><td class=\"theme-name segment-name\">(.*?)</td>", html[html.index('id="segments"') :]
    )

    assert rows
    assert all(
        "no clear difference" in cell or "higher" in cell or "lower" in cell for cell in rows
    )


def test_a_section_with_one_part_spans_the_width_not_half_of_it():
    rows = [{"feedback": r["comment"]} for r in nps_rows(40)]

    html = render_html(report_for(rows)[0])

    assert "grid-2" not in html[html.index('id="sentiment"') :]


def test_a_chart_by_month_names_every_month_on_a_wide_page_and_every_other_on_a_phone():
    months = [dt.date(2024, m, 1) for m in range(1, 13)]

    ticks = charts.period_ticks(months, "month", (dt.date(2024, 1, 1), dt.date(2024, 12, 31)))

    assert [name for _, name, _, _ in ticks] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    ]  # fmt: skip
    assert [name for _, name, _, narrow in ticks if narrow] == [
        "Jan", "Mar", "May", "Jul", "Sep", "Dec"
    ]  # fmt: skip
    assert [year for _, _, year, _ in ticks if year] == ["2024"]


def test_a_chart_by_month_writes_the_year_under_each_january_and_part_months_by_their_days():
    months = [dt.date(2024, 11, 1), dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 2, 1)]

    ticks = charts.period_ticks(months, "month", (dt.date(2024, 11, 14), dt.date(2025, 2, 9)))

    assert [(name, year) for _, name, year, _ in ticks] == [
        ("14–30 Nov", "2024"),
        ("Dec", ""),
        ("Jan", "2025"),
        ("1–9 Feb", ""),
    ]


def test_a_year_by_week_names_its_months_with_the_year_under_the_first_week_of_january():
    mondays = [dt.date(2024, 10, 7) + dt.timedelta(weeks=i) for i in range(52)]

    ticks = charts.period_ticks(mondays, "week", (dt.date(2024, 10, 7), dt.date(2025, 10, 5)))

    assert [(name, year) for _, name, year, _ in ticks] == [
        ("7 Oct", "2024"), ("Nov", ""), ("Dec", ""), ("Jan", "2025"), ("Feb", ""), ("Mar", ""),
        ("Apr", ""), ("May", ""), ("Jun", ""), ("Jul", ""), ("Aug", ""), ("Sep", ""),
        ("29 Sep", ""),
    ]  # fmt: skip
    assert mondays[ticks[3][0]] == dt.date(2025, 1, 6)  # "Jan" under the first week of January
    assert [name for _, name, _, narrow in ticks if narrow] == [
        "7 Oct", "Jan", "Mar", "May", "29 Sep"
    ]  # fmt: skip


def test_a_few_weeks_are_each_named_by_their_days_across_the_new_year():
    mondays = [dt.date(2024, 12, 16) + dt.timedelta(weeks=i) for i in range(5)]

    ticks = charts.period_ticks(mondays, "week", (dt.date(2024, 12, 18), dt.date(2025, 1, 15)))

    assert ticks == [
        (0, "18–22 Dec", "2024", True),
        (1, "23 Dec", "", False),
        (2, "30 Dec", "", True),
        (3, "6 Jan", "2025", False),
        (4, "13–15 Jan", "2025", True),  # no label a phone shows has the year
    ]


def test_months_across_a_new_year_on_a_narrower_chart_name_fewer_of_them():
    months = [dt.date(2025, 12, 1)] + [dt.date(2026, m, 1) for m in range(1, 13)]

    ticks = charts.period_ticks(
        months, "month", (dt.date(2025, 12, 4), dt.date(2026, 12, 4)), wide=330, narrow=236
    )

    assert [(name, year, narrow) for _, name, year, narrow in ticks] == [
        ("4–31 Dec", "2025", True),
        ("Mar", "", False),
        ("May", "", True),
        ("Jul", "", True),
        ("Sep", "", False),
        ("1–4 Dec", "2026", True),
    ]


def test_the_trend_in_the_report_names_its_months(nps_report):
    html = render_html(nps_report)
    chart = html[html.index('id="trend"') : html.index('id="segments"')]

    assert ">Mar</text>" in chart
    assert ">2024</text>" in chart


def test_the_bars_of_answers_in_the_trend_have_a_scale(nps_report):
    html = render_html(nps_report)
    chart = html[html.index('id="trend"') : html.index('id="segments"')]

    top = charts.nice_limit(max(r["n"] for r in nps_report.trend))
    # at the right of the plot: under the score's ticks at the left they would read as one axis
    right = re.findall(r'dx="6" y="[\d.]+" text-anchor="start" class="axis">([^<]+)<', chart)
    assert right == [f"{top:,.0f}", "0"]
    gutter = re.findall(r'dx="-6" y="[\d.]+" text-anchor="end" class="axis">([^<]+)<', chart)
    assert f"{top:,.0f}" not in gutter[-1:]


def test_html_in_the_file_is_read_once_and_escaped_on_the_page(tmp_path):
    from centric.insights.report import read_table

    rows = [
        {"comment": "It doesn&#39;t fit &lt;script&gt;alert(1)&lt;/script&gt;", "nps": "3"},
        *({"comment": r["comment"], "nps": r["likelihood_to_recommend"]} for r in nps_rows(40)),
    ]
    path = tmp_path / "export.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    frame = read_table(path)
    columns = guess_columns(frame)
    table = typed_frame(frame, columns)
    readings = analyze_texts(table["text"].to_list(), TextAnalyzer())

    html = render_html(build_report(table, readings, columns, source="export.csv", discover=False))

    assert "doesn&#x27;t fit &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;#39;" not in html
    assert "<script" not in html


def test_empty_attention_cards_keep_their_own_height():
    assert ".attention { display: grid; align-items: start;" in charts_css()


def test_an_interval_in_a_table_never_wraps_onto_a_second_line():
    css = charts_css()

    assert "td.num .small { white-space: normal" not in css
    assert re.search(r"td\.num, th\.num \{[^}]*white-space: nowrap", css)


def charts_css():
    from importlib.resources import files

    return files("centric.insights.report").joinpath("report.css").read_text(encoding="utf-8")


def test_a_theme_that_spikes_for_two_weeks_running_is_one_entry_in_plain_words():
    start = dt.date(2024, 1, 1)
    calm = ("Lovely dress, the fabric is soft.", "Great fit and a fair price.")
    rows = [
        {"date": (start + dt.timedelta(days=i // 3)).isoformat(), "comment": calm[i % 2]}
        for i in range(3 * 140)
    ]
    for week, per_day in ((14, 1), (15, 3)):
        for day in range(7 * per_day):
            rows.append(
                {
                    "date": (start + dt.timedelta(weeks=week, days=day // per_day)).isoformat(),
                    "comment": "I was charged twice and the invoice is wrong.",
                }
            )
    report, _ = report_for(rows)
    html = render_html(report)
    section = html[html.index('id="spikes"') : html.index('id="attention"')]

    assert [(s.theme, s.first, s.periods) for s in report.spikes] == [
        ("billing", dt.date(2024, 4, 8), 2)
    ]
    assert "billing: 28 mentions in the 2 weeks from 8 Apr to 21 Apr 2024" in section
    assert "p =" not in section
    assert "Benjamini" not in section


def test_a_one_to_ten_rating_is_reported_as_a_rating_not_as_csat_or_nps():
    rows = [
        {"comment": r["comment"], "rating": str(1 + i % 10)} for i, r in enumerate(nps_rows(60))
    ]

    report, _ = report_for(rows)

    assert [h.figure.label for h in report.headlines] == ["Share of 9–10 ratings", "Average rating"]
    assert report.headlines[1].figure.unit == " / 10"


def test_a_share_printed_on_a_light_part_of_the_sentiment_bar_is_dark_to_be_read():
    bar = charts.stacked_bar(
        [("positive", 75.0, charts.POSITIVE), ("unread", 25.0, charts.GRID)], label="mix"
    )

    assert '<text x="87.50%" y="22.0" text-anchor="middle" class="value">25%</text>' in bar


def test_a_theme_nobody_complains_about_is_quoted_at_its_best():
    rows = nps_rows(120)
    for i, row in enumerate(rows[:30]):
        row["comment"] = (
            "The staff at the counter were friendly and so helpful, thank you."
            if i % 2
            else "Our account manager was polite and patient with every question."
        )
    report = report_for(rows)[0]

    staff = next(theme for theme in report.themes if theme.name == "staff")
    assert staff.negative_share == 0
    assert staff.quote is not None
    assert staff.quote.phrase in {rows[1]["comment"], rows[0]["comment"]}


def test_a_change_reads_as_the_difference_of_the_figures_shown():
    from centric.insights.report.numbers import change

    assert change(12.6, 11.4, 0) == "+2"  # shown as 11 and 13, though 1.2 apart
    assert change(-0.6, 0.4, 0) == "−1"  # "−1" and "0"
    assert change(11.46, 11.36, 1) == "+0.1"
    assert change(11.44, 11.36, 1) == "0.0"
    assert change(11.2, 10.8, 0) == "0"  # both read 11
    assert change(1_234.4, 1_233.6, 0) == "0"


def test_the_key_findings_name_the_themes_that_weigh_most_on_the_score_not_the_rarest(
    nps_report,
):
    from dataclasses import replace

    from centric.insights.report.build import ThemeRow

    def theme(name, mentions, effect):
        driver = {"effect": effect, "low": effect - 3, "high": effect + 3}
        driver |= {"significant": True, "reliable": True, "sentence": f"{name} differs"}
        share = 100 * mentions / 1000
        return ThemeRow(name, "", mentions, share, 0.0, 0.0, driver, None)

    themes = (
        theme("billing", 10, -43),  # the largest difference, in 1% of the comments
        theme("returns", 90, -35),
        theme("quality", 400, -2),
        theme("colour", 8, 30),
        theme("fit", 300, 12),
    )
    report = replace(nps_report, themes=themes)
    found = " ".join(key_findings(report))
    assert "Comments about returns (90, 9% of the comments) go with an NPS 35 points lower" in found
    assert "Comments about fit (300, 30% of the comments) go with an NPS 12 points higher" in found
    assert (
        "Comments about quality (400, 40% of the comments) go with an NPS 2 points lower" in found
    )
    assert found.index("about returns") < found.index("about quality")
    assert "about billing" not in found
    assert "about colour" not in found

    # a phone, which has no room for the dots, reads which differences are significant
    html = render_html(report)
    assert html.count('<div class="show-narrow"><span class="badge down">lower</span>') == 3
    assert html.count('<div class="show-narrow"><span class="badge up">higher</span>') == 2
    chance = replace(themes[0], driver={**themes[0].driver, "significant": False})
    unclear = '<span class="badge none">no clear difference</span></div>'
    before = html.count(unclear)  # the segments' table has its own
    html = render_html(replace(report, themes=(chance, *themes[1:])))
    assert html.count(unclear) == before + 1


def _spread(rows, start, days_apart):
    for i, row in enumerate(rows):
        row["submitted_at"] = (start + dt.timedelta(days=i * days_apart // len(rows))).isoformat()
    return rows


def test_a_file_of_three_weeks_trends_by_week_as_the_insights_pages_do():
    rows = _spread(nps_rows(300), dt.date(2024, 3, 4), 21)

    report, _ = report_for(rows)
    html = render_html(report)

    assert report.trend_period == "week"
    assert [point["period"] for point in report.trend] == [
        dt.date(2024, 3, 4),
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 18),
    ]
    assert [d for d, _ in report.volume] == [point["period"] for point in report.trend]
    assert "<h2>NPS by week</h2>" in html
    assert "NPS per week" in html
    assert "by month" not in html


def test_years_of_thin_months_trend_by_quarter_and_say_why():
    # 1,200 answers over six years: about 17 a month, too few for a line, 50 a quarter
    rows = _spread(nps_rows(1200), dt.date(2018, 1, 1), 6 * 365)

    report, _ = report_for(rows)
    html = render_html(report)

    assert report.trend_period == "quarter"
    assert report.trend_passed_over == ("month",)
    assert report.trend[0]["period"] == dt.date(2018, 1, 1)
    assert "<h2>NPS by quarter</h2>" in html
    assert "By quarter, as too few months have answers enough to draw a line." in html
    assert ">Q1</text>" in html or "Q1 2018" in html
