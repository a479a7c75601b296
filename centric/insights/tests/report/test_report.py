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
from centric.insights.tests.report.samples import nps_rows
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


def test_a_star_rating_report_shows_the_satisfied_share_and_the_mean():
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

    assert [h.figure.label for h in report.headlines] == ["Satisfied (4–5★)", "Average rating"]
    assert report.headlines[1].estimate.value == pytest.approx(3.25)
    assert "Satisfied (4–5★)" in html
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
        row["comment"] = "Der Support hat unser Problem sofort gelöst, danke."
    report, _ = report_for(rows)

    assert report.sentiment["unread"] == 6
    assert "6 comments are in another language than English and were not read" in " ".join(
        key_findings(report)
    )
    assert "not English, not read 10%" in render_html(report)


def test_unread_comments_are_left_out_of_theme_shares_and_drivers():
    # the English comments all speak of billing; the unread ones are the only others
    rows = [
        {"score": "2", "comment": "We were charged twice for the same invoice."} for _ in range(20)
    ] + [
        {"score": "10", "comment": "Die Rechnung war doppelt, der Support hat nicht geantwortet."}
        for _ in range(20)
    ]
    report, _ = report_for(rows)

    billing = next(theme for theme in report.themes if theme.name == "billing")
    assert report.sentiment["unread"] == 20
    assert billing.share == 100.0
    assert billing.driver is None
    assert "which were not read, are left out of the shares" in render_html(report)


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
