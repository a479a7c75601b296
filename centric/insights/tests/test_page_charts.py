"""The Insights overview's trend charts name their periods as the report's do: months under a
chart by month or by week, the year under the first and each January."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from unittest import mock

import polars as pl
from django.test import SimpleTestCase
from django.urls import reverse

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights.metrics import Nps, estimate
from centric.insights.page_charts import score_trend, theme_trend
from centric.insights.report.charts import sparkline
from centric.insights.selectors import ScoreCard, ThemePoint, ThemeRow
from tests.personas import PersonasTestCase


def period_labels(svg: str) -> list[tuple[str, str]]:
    """The labels under a trend chart, in order, each with its class: not the score's ticks
    left of the plot (drawn with ``dx``)."""
    return re.findall(r'<text x="[^"]+" y="[\d.]+" text-anchor="\w+" class="([^"]+)">([^<]+)<', svg)


def nps_card(
    points: list[Any], *, period: str = "month", covers: tuple[dt.date, dt.date] | None = None
) -> ScoreCard:
    """An NPS card with only ``points`` to chart."""
    nothing = estimate(pl.DataFrame({"s": []}, schema={"s": pl.Int64}), Nps(column="s"))
    return ScoreCard(
        label="NPS",
        unit="",
        current=nothing,
        previous=nothing,
        difference=None,
        bounds=(-100.0, 100.0),
        period=period,
        points=tuple(points),
        covers=covers,
    )


class ScoreTrendTicksTest(SimpleTestCase):
    def test_a_year_by_week_is_labelled_by_month_with_the_year_under_each_january(self) -> None:
        mondays = [dt.date(2025, 9, 1) + dt.timedelta(weeks=i) for i in range(53)]
        card = nps_card(
            [(monday, 10.0, 0.0, 20.0, 40) for monday in mondays],
            period="week",
            covers=(dt.date(2025, 9, 4), dt.date(2026, 9, 2)),
        )

        chart = score_trend(card)

        assert chart is not None
        # a score card has room for every other month, from January
        self.assertEqual(
            [text for _, text in period_labels(chart)],
            ["4–7 Sep", "2025", "Jan", "2026", "Mar", "31 Aug–2 Sep"],
        )

    def test_a_few_weeks_are_each_named_by_their_monday(self) -> None:
        mondays = [dt.date(2026, 11, 2) + dt.timedelta(weeks=i) for i in range(5)]
        card = nps_card(
            [(monday, 10.0, 0.0, 20.0, 40) for monday in mondays],
            period="week",
            covers=(dt.date(2026, 11, 3), dt.date(2026, 12, 3)),
        )

        chart = score_trend(card)

        assert chart is not None
        self.assertIn(">9 Nov</text>", chart)
        self.assertIn(">3–8 Nov</text>", chart)
        self.assertIn(">30 Nov–3 Dec</text>", chart)


class OverviewTrendTest(PersonasTestCase):
    today = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        Response.objects.bulk_create(
            Response(
                organisation=cls.org,
                customer=acme,
                channel=Response.Channel.API,
                score=(10, 9, 3, 7)[i % 4],
                score_type="nps",
                responded_at=cls.today - dt.timedelta(days=1 + i % 360),
            )
            for i in range(720)
        )

    def test_a_year_of_scores_has_its_months_named_under_the_chart(self) -> None:
        self.login(self.owner)
        with mock.patch("centric.core.clock.now", return_value=self.today):
            page = self.client.get(reverse("insights:overview"), {"days": "365"})

        html = page.content.decode()
        chart = html[html.index('class="score-trend"') : html.index("</figure>")]
        labels = period_labels(chart)
        # every other month from January fits a score card; on a phone May and July stay
        self.assertEqual(
            [text for _, text in labels],
            ["4–31 Dec", "2025", "Mar", "May", "Jul", "Sep", "1–4 Dec", "2026"],
        )
        hidden_on_phones = {text for cls, text in labels if "hide-narrow" in cls}
        self.assertEqual(hidden_on_phones, {"Mar", "Sep"})


class ThemeTrendTest(SimpleTestCase):
    def row(self, trend: tuple[ThemePoint, ...]) -> ThemeRow:
        return ThemeRow("<b>billing</b>", 10, 20.0, 50.0, 0, None, trend=trend)

    def test_a_themes_share_by_period_is_a_sparkline_that_says_every_figure(self) -> None:
        months = [dt.date(2026, month, 1) for month in (9, 10, 11, 12)]
        row = self.row(
            ((months[0], 20.0, 50), (months[1], None, 0), *[(m, 40.0, 5) for m in months[2:]])
        )

        svg = theme_trend(row, "month", (dt.date(2026, 9, 5), dt.date(2026, 12, 4)))

        self.assertIn(
            'aria-label="&lt;b&gt;billing&lt;/b&gt;, share of comments by month: 5–30 Sep 2026 '
            "20% of 50, Oct 2026 no comments read, Nov 2026 40% of 5, 1–4 Dec 2026 40% of 5",
            svg,
        )
        # a period without comments breaks the line: one line, from November to December
        self.assertEqual(svg.count("<polyline"), 1)
        self.assertEqual(svg.count("<circle"), 1)  # the last period's dot
        self.assertNotIn("<b>", svg)

    def test_the_line_runs_from_nothing_to_the_highest_share(self) -> None:
        svg = sparkline([0.0, 10.0, 5.0], label="x")
        points = re.search(r'points="([^"]+)"', svg)
        assert points is not None
        ys = [float(point.split(",")[1]) for point in points.group(1).split()]
        self.assertEqual(ys, [21.0, 3.0, 12.0])  # 24 px high, 3 px in from each edge
