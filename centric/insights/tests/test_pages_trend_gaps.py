"""A score's trend draws only the periods with answers enough, and says which it leaves out: a
card whose every period has too few answers says so instead of drawing empty axes."""

from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights.page_charts import score_figures, score_trend, trend_gaps
from centric.insights.tests.test_page_charts import nps_card
from tests.personas import PersonasTestCase

MONTHS = [dt.date(2026, month, 1) for month in (1, 2, 3, 4)]


class TrendGapsTest(SimpleTestCase):
    def test_with_too_few_answers_in_every_period_there_is_a_sentence_not_a_chart(self) -> None:
        card = nps_card([(month, None, None, None, 12) for month in MONTHS])

        self.assertIsNone(score_trend(card))
        self.assertEqual(
            trend_gaps(card),
            "Too few answers in any month to draw a trend: at least 30 a month are needed.",
        )
        # the figures are still written out
        self.assertEqual(len(score_figures(card)), 4)

    def test_the_periods_left_out_are_named_with_their_answers(self) -> None:
        card = nps_card(
            [
                (MONTHS[0], 20.0, 10.0, 30.0, 40),
                (MONTHS[1], None, None, None, 1),
                (MONTHS[2], 25.0, 15.0, 35.0, 45),
                (MONTHS[3], None, None, None, 0),
            ]
        )

        self.assertIsNotNone(score_trend(card))
        self.assertEqual(
            trend_gaps(card),
            "Left out of the line for too few answers (at least 30 a month are needed): "
            "Feb 2026 (1 answer) and Apr 2026 (no answers).",
        )

    def test_when_most_periods_are_left_out_the_ones_drawn_are_named(self) -> None:
        card = nps_card(
            [(MONTHS[0], 20.0, 10.0, 30.0, 40)]
            + [(month, None, None, None, 5) for month in MONTHS[1:]],
            period="week",
        )

        self.assertEqual(
            trend_gaps(card),
            "Only week of 1 Jan has answers enough to draw (at least 30 a week are needed); the "
            "other weeks are left out.",
        )

    def test_nothing_is_said_when_every_period_is_drawn_or_there_are_no_answers(self) -> None:
        self.assertEqual(trend_gaps(nps_card([(MONTHS[0], 20.0, 10.0, 30.0, 40)])), "")
        self.assertEqual(
            trend_gaps(nps_card([(month, None, None, None, 0) for month in MONTHS])), ""
        )


class OverviewTrendGapsTest(PersonasTestCase):
    def test_a_card_whose_months_all_have_too_few_answers_says_so(self) -> None:
        acme = Customer.objects.get(account=self.account)
        now = timezone.now()
        # 40 answers in the last 90 days, fewer than 30 in any month
        for i in range(40):
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                score=5 if i % 3 else 2,
                score_type="csat",
                responded_at=now - dt.timedelta(days=1 + i * 2),
            )
        self.login(self.owner)

        page = self.client.get(reverse("insights:overview"), {"days": "90"})

        csat = next(card for card in page.context["insights"].scores if card.label == "CSAT")
        self.assertTrue(csat.current.reliable)  # the headline has answers enough
        self.assertContains(
            page, "Too few answers in any month to draw a trend: at least 30 a month are needed."
        )
        self.assertNotContains(page, "CSAT by month, with 95% intervals")  # no empty chart
        self.assertContains(page, "CSAT by month in figures")
