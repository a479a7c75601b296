"""The survey list gives each survey's headline score as the survey's page does: with its 95%
interval and n, and below 30 answers how many more it needs, never a bare "only 20 answers"."""

from __future__ import annotations

import polars as pl
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response, Survey
from centric.feedback.tests.test_results_at_small_n import number
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import Ces, Csat, Estimate, Metric, Nps, estimate


class SurveyListFiguresTest(SurveyTestCase):
    def answered(self, survey: Survey, score_type: str, scores: list[int]) -> None:
        customer = Customer.objects.get(account=self.account)
        Response.objects.bulk_create(
            Response(
                organisation=self.org,
                survey=survey,
                customer=customer,
                channel="link",
                score=score,
                score_type=score_type,
                submitted_at=timezone.now(),
            )
            for score in scores
        )

    def listed(self) -> str:
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:survey_list"))
        self.assertEqual(page.status_code, 200)
        return " ".join(page.content.decode().split())

    def figure(self, column: str, scores: list[int], metric: Metric) -> Estimate:
        return estimate(pl.DataFrame({column: scores}), metric)

    def test_a_score_from_too_few_answers_has_its_interval_and_the_answers_it_needs(self) -> None:
        survey = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        scores = [5] * 6 + [4] * 5 + [2] * 9  # 11 of 20 satisfied
        self.answered(survey, "csat", scores)
        csat = self.figure("csat", scores, Csat())
        assert csat.low is not None
        assert csat.high is not None

        listed = self.listed()

        self.assertIn("CSAT 55%</span>", listed)
        self.assertIn(
            f'<div class="muted small">95% CI {number(csat.low, 0)} to {number(csat.high, 0)}% '
            "· only 20 answers, 30 needed to rely on it</div>",
            listed,
        )

    def test_a_score_from_enough_answers_has_its_interval_and_n(self) -> None:
        survey = self.open_survey(self.make_survey(name="Relationship"))
        scores = [10] * 20 + [8] * 5 + [3] * 15
        self.answered(survey, "nps", scores)
        nps = self.figure("nps", scores, Nps())
        assert nps.low is not None
        assert nps.high is not None

        listed = self.listed()

        self.assertIn(
            f'<div class="muted small">95% CI {number(nps.low, 0)} to {number(nps.high, 0)} '
            "· n = 40</div>",
            listed,
        )

    def test_an_average_of_one_answer_has_no_interval_to_give(self) -> None:
        survey = self.open_survey(self.make_survey("ces", name="Getting help"))
        self.answered(survey, "ces", [6])
        self.assertEqual(self.figure("ces", [6], Ces()).low, None)

        listed = self.listed()

        self.assertIn(
            '<div class="muted small">only 1 answer, 30 needed to rely on it</div>', listed
        )
