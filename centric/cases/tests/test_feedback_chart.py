"""The case page's chart of the customer's feedback: each dot's tooltip names the scale its score
was given on, and the dates under the line stay inside the drawing."""

from __future__ import annotations

import datetime as dt
import re

from django.test import SimpleTestCase

from centric.cases.charts import WIDTH, sentiment_history
from centric.feedback.models import Response
from centric.insights.models import ResponseAnalysis


def answered(day: dt.date, *, score: int | None, score_type: str, sentiment: float) -> Response:
    """A response given on ``day``, read by the engine; never saved, as the chart needs no
    database."""
    response = Response(
        responded_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        score=score,
        score_type=score_type,
    )
    response.analysis = ResponseAnalysis(
        sentiment_score=sentiment, sentiment_label="negative" if sentiment < 0 else "positive"
    )
    return response


def tooltips(svg: str) -> list[str]:
    return re.findall(r"<title>([^<]*)</title>", svg)


def date_labels(svg: str) -> list[tuple[str, float, float]]:
    """The dates under the line, each with how far left and right it reaches: its width taken
    generously, at 0.6 em a character of the 11 px type."""
    labels = []
    for x, anchor, text in re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)"[^>]*>(\w{3} \d{4})</text>', svg
    ):
        width = len(text) * 11 * 0.6
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        labels.append((text, left, left + width))
    return labels


class FeedbackChartTest(SimpleTestCase):
    def test_each_scores_tooltip_names_its_scale(self) -> None:
        svg = sentiment_history(
            [
                answered(dt.date(2026, 3, 2), score=4, score_type="ces", sentiment=0.2),
                answered(dt.date(2026, 7, 9), score=2, score_type="nps", sentiment=-0.6),
                answered(dt.date(2026, 9, 1), score=3, score_type="", sentiment=-0.1),
                answered(dt.date(2026, 12, 14), score=None, score_type="", sentiment=-0.8),
            ]
        )

        assert svg is not None
        self.assertEqual(
            tooltips(svg),
            [
                "02 Mar 2026: positive, CES (1–7) 4",
                "09 Jul 2026: negative, NPS (0–10) 2",
                "01 Sep 2026: negative, Score 3",
                "14 Dec 2026: negative",
            ],
        )

    def test_the_last_date_ends_at_the_lines_end_inside_the_drawing(self) -> None:
        svg = sentiment_history(
            [
                answered(dt.date(2026, 1, 5), score=9, score_type="nps", sentiment=0.7),
                answered(dt.date(2026, 12, 14), score=4, score_type="ces", sentiment=-0.5),
            ]
        )

        assert svg is not None
        (first, first_left, first_right), (last, last_left, last_right) = date_labels(svg)
        self.assertEqual((first, last), ("Jan 2026", "Dec 2026"))
        # a label centred on the last dot ran past the drawing's right edge and was cut off
        self.assertLessEqual(last_right, WIDTH)
        self.assertGreaterEqual(first_left, 0)
        self.assertLess(first_right, last_left)
