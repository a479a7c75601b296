"""A score whose months are too thin to draw a trend is drawn by quarter, and its card says why;
each quarter drawn still has at least 30 answers and the interval of its own answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from unittest import mock

import polars as pl
from django.test import SimpleTestCase
from django.urls import reverse

from centric.customers.models import Customer
from centric.feedback import services as feedback_services
from centric.feedback.models import Response, Survey
from centric.insights.metrics import Csat, estimate
from centric.insights.page_charts import score_figures, trend_period
from centric.insights.tests.test_page_charts import nps_card
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

TODAY = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)
# 160 CSAT answers, about one every 2.3 days over the year: some 13 a month, some 40 a quarter
ANSWERED = [TODAY - dt.timedelta(days=1 + i * 364 / 160) for i in range(160)]


class TrendPeriodTest(SimpleTestCase):
    quarters = [(dt.date(2026, month, 1), 20.0, 10.0, 30.0, 40) for month in (1, 4, 7)]

    def test_a_trend_by_quarter_for_thin_months_says_so(self) -> None:
        card = dataclasses.replace(
            nps_card(self.quarters, period="quarter"), passed_over=("month",)
        )

        self.assertEqual(
            trend_period(card),
            "By quarter, as fewer than two months have the 30 answers a point needs",
        )

    def test_it_names_every_finer_period_passed_over(self) -> None:
        card = dataclasses.replace(
            nps_card(self.quarters, period="quarter"), passed_over=("week", "month")
        )

        self.assertEqual(
            trend_period(card),
            "By quarter, as fewer than two weeks or months have the 30 answers a point needs",
        )

    def test_a_trend_by_the_pages_period_names_it_alone(self) -> None:
        self.assertEqual(trend_period(nps_card(self.quarters)), "By month")

    def test_quarters_are_named_by_number_and_a_part_quarter_by_its_days(self) -> None:
        card = nps_card(
            self.quarters, period="quarter", covers=(dt.date(2026, 1, 1), dt.date(2026, 8, 9))
        )

        labels = [label for label, *_ in score_figures(card)]

        self.assertEqual(labels, ["Q1 2026", "Q2 2026", "1 Jul–9 Aug 2026"])


class OverviewTrendFallbackTest(PersonasTestCase):
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        cls.survey = feedback_services.survey_create_from_template(
            actor=cls.cx_lead, template="touchpoint-csat", values={"name": "After delivery"}
        )
        Response.objects.bulk_create(
            Response(
                organisation=cls.org,
                customer=acme,
                survey=cls.survey,
                channel=Response.Channel.API,
                score=(5, 4, 2)[i % 3],
                score_type="csat",
                responded_at=when,
            )
            for i, when in enumerate(ANSWERED)
        )

    def overview(self) -> Any:
        self.login(self.owner)
        with mock.patch("centric.core.clock.now", return_value=TODAY):
            return self.client.get(
                reverse("insights:overview"), {"survey": str(self.survey.pk), "days": "365"}
            )

    def test_a_year_too_thin_by_month_is_drawn_by_quarter_and_says_why(self) -> None:
        page = self.overview()

        card = page.context["insights"].scores[0]
        self.assertEqual((card.label, card.current.n), ("CSAT", 160))
        self.assertEqual((card.period, card.passed_over), ("quarter", ("month",)))
        self.assertContains(
            page, "By quarter, as fewer than two months have the 30 answers a point needs"
        )
        self.assertContains(page, "CSAT by quarter, with 95% intervals")
        self.assertContains(page, "CSAT by quarter in figures")
        self.assertContains(page, '<th scope="row">Q2 2026</th>', html=False)
        self.assertNotContains(page, "Too few answers in any month")
        # the part-quarters at either end have too few answers and are left out, by name
        self.assertContains(
            page,
            "Left out of the line for too few answers (at least 30 a quarter are needed): "
            "4–31 Dec 2025 (12 answers) and 1 Oct–4 Dec 2026 (28 answers).",
        )

    def test_each_quarter_drawn_has_answers_enough_and_its_own_interval(self) -> None:
        page = self.overview()

        card = page.context["insights"].scores[0]
        drawn = [point for point in card.points if point[1] is not None]
        self.assertEqual(
            [start for start, *_ in drawn], [dt.date(2026, month, 1) for month in (1, 4, 7)]
        )
        scores = pl.DataFrame(
            {
                "score": [(5, 4, 2)[i % 3] for i in range(160)],
                "day": [when.date() for when in ANSWERED],
            }
        )
        for start, value, low, high, n in drawn:
            quarter = scores.filter(
                (pl.col("day") >= start) & (pl.col("day") < start.replace(month=start.month + 3))
            )
            alone = estimate(quarter, Csat(column="score"))
            self.assertGreaterEqual(n, 30)
            self.assertEqual((value, low, high, n), (alone.value, alone.low, alone.high, alone.n))

    def test_the_api_says_the_trend_is_by_quarter(self) -> None:
        _, secret = api_token_create(user=self.owner, name="test")
        with mock.patch("centric.core.clock.now", return_value=TODAY):
            found = self.client.get(
                "/api/insights/overview",
                {"survey_id": str(self.survey.pk), "days": "365"},
                headers={"Authorization": f"Bearer {secret}"},
            ).json()

        (card,) = found["scores"]
        self.assertEqual((card["period"], card["passed_over"]), ("quarter", ["month"]))
        self.assertEqual(found["period"], "month")  # the themes' trends keep to months
        self.assertEqual(card["trend"][2]["period_start"], "2026-04-01")
