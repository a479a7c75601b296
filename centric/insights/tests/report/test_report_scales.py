"""The report names the scale it reads: a star rating is never called CSAT or NPS, CSAT is
called CSAT, and a scale read off the answers alone says so beside the headline."""

import re
from html import unescape

import pytest

from centric.insights.report import render_html
from centric.insights.report.findings import key_findings
from centric.insights.tests.report.samples import nps_rows
from centric.insights.tests.report.test_report import report_for


def rows_scored(column, to_scale=lambda score: score, n=400):
    """The sample rows, their 0–10 score put on another scale in a column named ``column``."""
    rows = []
    for row in nps_rows(n):
        score = int(row.pop("likelihood_to_recommend"))
        rows.append({**row, column: str(to_scale(score))})
    return rows


def stars(score):
    return 1 + score * 4 // 10  # 0–1 → 1, 8 → 4, 10 → 5: the happy rows give 4 or 5 stars


def text_of(html):
    """What a reader sees: the text, the tooltips and the charts' labels, without the CSS."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    labels = re.findall(r'(?:title|aria-label)="([^"]*)"', html)
    return unescape(re.sub(r"<[^>]+>", " ", html) + " ".join(labels))


def cards_of(html):
    """The page from below its title to the key findings: the headline figures."""
    return html[html.index("</header>") : html.index('<section id="findings">')]


@pytest.fixture(scope="module")
def star_report():
    return report_for(rows_scored("stars", stars))[0]


def test_a_star_rating_report_never_calls_its_score_csat_or_nps(star_report):
    shown = text_of(render_html(star_report)) + " ".join(key_findings(star_report))

    assert "CSAT" not in shown
    assert "NPS" not in shown


def test_a_star_rating_report_names_the_share_of_four_and_five_stars_everywhere(star_report):
    html = render_html(star_report)

    assert [h.figure.label for h in star_report.headlines] == [
        "Share of 4–5 stars",
        "Average rating",
    ]
    assert "<h2>Share of 4–5 stars by month</h2>" in html
    assert "<h2>Share of 4–5 stars by region</h2>" in html
    assert "Association with the share of 4–5 stars" in html
    assert "Share of 4–5 stars (95%&nbsp;CI)" in html
    assert "how much higher or lower a share of 4–5 stars is among the comments" in html
    assert "associated with a share of 4–5 stars" in html  # each theme's tooltip
    assert "Wilson for the share of 4–5 stars, Student t for the average rating" in html
    assert any("go with a share of 4–5 stars" in found for found in key_findings(star_report))


def test_a_scale_named_by_its_column_says_nothing_was_assumed(star_report):
    assert "assumed" not in cards_of(render_html(star_report))


def test_an_unnamed_one_to_five_column_is_read_as_stars_and_says_so_beside_the_headline():
    report, _ = report_for(rows_scored("q3", stars), segment="none")

    cards = text_of(cards_of(render_html(report)))

    assert "Star rating assumed: the column 'q3' does not say what it measures" in cards
    assert "--score-type" in cards


def test_an_nps_report_says_nps_and_never_csat():
    report, _ = report_for(rows_scored("likelihood_to_recommend"))
    html = render_html(report)

    assert "CSAT" not in text_of(html)
    assert "<h2>NPS by month</h2>" in html
    assert "Association with NPS" in html
    assert "adjusted Wald for NPS." in html
    assert "assumed" not in cards_of(html)


def test_an_unnamed_zero_to_ten_column_says_nps_was_assumed_beside_the_headline():
    report, _ = report_for(rows_scored("q3"))

    html = render_html(report)

    assert [h.figure.label for h in report.headlines] == ["Net Promoter Score"]
    assert "NPS assumed: the column 'q3' does not say what it measures" in text_of(cards_of(html))
    assert html.index('class="assumed"') < html.index(">Net Promoter Score<")  # just above it
    assert "NPS assumed" in methods_of(html)  # and in the notes, as before


def test_a_csat_report_still_says_csat():
    report, _ = report_for(rows_scored("csat", stars))
    html = render_html(report)

    assert [h.figure.label for h in report.headlines] == ["CSAT (4–5)", "Average score"]
    assert "<h2>CSAT by month</h2>" in html
    assert "<h2>CSAT by region</h2>" in html
    assert "Association with CSAT" in html
    assert "Wilson for CSAT, Student t for the average score" in html
    assert "stars" not in text_of(html)
    assert "NPS" not in text_of(html)
    assert "assumed" not in cards_of(html)


def test_a_one_to_ten_rating_is_named_as_a_share_of_nine_and_ten():
    report, _ = report_for(rows_scored("rating", lambda score: max(score, 1)))
    html = render_html(report)

    assert [h.figure.label for h in report.headlines] == [
        "Share of 9–10 ratings",
        "Average rating",
    ]
    assert "<h2>Share of 9–10 ratings by month</h2>" in html
    assert "CSAT" not in text_of(html)


def test_too_few_star_ratings_are_too_few_for_a_reliable_share_not_a_csat():
    report, _ = report_for(rows_scored("stars", stars, n=12), segment="none")

    assert report.headlines[0].estimate.reason == (
        "Only 12 responses; at least 30 are needed for a reliable share of 4–5 stars."
    )
    assert report.headlines[1].estimate.reason == (
        "Only 12 responses; at least 30 are needed for a reliable average rating."
    )


def methods_of(html):
    return html[html.index('<section id="methods">') :]


def test_an_export_of_several_surveys_reports_the_nps_of_its_nps_rows_only():
    rows = []
    for i, row in enumerate(nps_rows(300)):
        nps = row.pop("likelihood_to_recommend")
        kind = "nps" if i % 3 else "ces"
        rows.append({**row, "score": nps if kind == "nps" else "7", "score_type": kind})
    report = report_for(rows)[0]

    assert report.headlines[0].figure.metric.name == "NPS"
    assert report.headlines[0].estimate.n == 200
    assert report.off_scale == 0  # an effort score is no stray NPS answer
