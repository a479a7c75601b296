"""The overview filtered to one survey shows the scores that survey asks, and no others: their
cards, their segments, and the impact of themes on them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import services as feedback_services
from centric.feedback.models import Question, Response, Survey
from centric.insights import selectors, services
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase


class SurveyScoresTest(PersonasTestCase):
    acme: Customer
    csat: Survey
    ces: Survey
    centricity: Survey
    open_question: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.csat = feedback_services.survey_create_from_template(
            actor=cls.cx_lead, template="touchpoint-csat", values={"name": "After delivery"}
        )
        cls.ces = feedback_services.survey_create_from_template(
            actor=cls.cx_lead, template="ces", values={"name": "Support effort"}
        )
        cls.centricity = feedback_services.survey_create_from_template(
            actor=cls.cx_lead, template="customer-centricity", values={"name": "How we work"}
        )
        cls.open_question = Survey.objects.create(organisation=cls.org, name="Tell us anything")
        Question.objects.create(
            survey=cls.open_question, key="comment", position=1, kind=Question.Kind.TEXT
        )
        now = timezone.now()
        answers = [
            cls.answer(cls.csat, "csat", 2 if i % 2 else 5, "Billing charged me twice.", now, i)
            for i in range(12)
        ]
        answers += [
            cls.answer(None, "nps", 9, "Support was friendly and fast.", now, i) for i in range(12)
        ]
        services.responses_analyse(response_ids=[response.pk for response in answers])

    @classmethod
    def answer(
        cls, survey: Survey | None, kind: str, score: int, comment: str, now: dt.datetime, days: int
    ) -> Response:
        return Response.objects.create(
            organisation=cls.org,
            customer=cls.acme,
            survey=survey,
            channel=Response.Channel.API,
            score=score,
            score_type=kind,
            comment=comment,
            responded_at=now - dt.timedelta(days=1 + days),
        )

    def overview(self, survey: Survey | None = None) -> Any:
        self.login(self.owner)
        query = {"survey": str(survey.pk)} if survey else {}
        return self.client.get(reverse("insights:overview"), query)

    def test_a_csat_survey_shows_csat_alone(self) -> None:
        page = self.overview(self.csat)

        self.assertEqual([card.label for card in page.context["insights"].scores], ["CSAT"])
        self.assertNotContains(page, "NPS: no responses")
        self.assertNotContains(page, "CES: no responses")
        self.assertNotContains(page, "Customer-centricity index")
        self.assertContains(page, "CSAT by segment")
        self.assertNotContains(page, "NPS by segment")
        self.assertNotContains(page, "NPS impact")
        self.assertNotContains(page, 'data-label="NPS impact"')
        self.assertNotContains(page, "What goes with NPS")
        # the impact column falls back to the score the survey asks
        self.assertContains(page, "CSAT impact (95% CI)")
        self.assertContains(page, "CSAT impact is the difference in the score, in points,")
        self.assertContains(page, "What goes with CSAT")

    def test_a_ces_survey_has_a_ces_impact_column_alone(self) -> None:
        page = self.overview(self.ces)

        self.assertNotContains(page, "filter to one survey to compare like with like")

        self.assertEqual([card.label for card in page.context["insights"].scores], ["CES"])
        self.assertContains(page, "CES by segment")
        self.assertContains(page, "CES impact (95% CI)")
        self.assertContains(page, "CES impact is the difference in the score, in points,")
        self.assertNotContains(page, "NPS impact (95% CI)")
        self.assertNotContains(page, "CSAT impact (95% CI)")
        self.assertContains(page, "What goes with CES")
        self.assertContains(page, "a CES impact above zero goes with easier experiences")
        self.assertNotContains(page, "What goes with NPS")

    def test_a_survey_that_asks_no_score_has_no_impact_column_and_says_why(self) -> None:
        page = self.overview(self.open_question)

        self.assertNotContains(page, "impact (95% CI)")
        self.assertNotContains(page, "What goes with")
        self.assertContains(
            page,
            "There is no impact column: a theme's impact is estimated on NPS, CSAT and CES, and "
            "this survey asks none of them.",
        )

    def test_a_customer_centricity_survey_shows_its_index_and_nps(self) -> None:
        page = self.overview(self.centricity)

        self.assertEqual(
            [card.label for card in page.context["insights"].scores],
            ["NPS", "Customer-centricity index"],
        )
        self.assertContains(page, "NPS impact (95% CI)")
        self.assertNotContains(page, "CSAT impact (95% CI)")

    def test_a_survey_that_asks_no_score_says_so_and_compares_no_segments(self) -> None:
        page = self.overview(self.open_question)

        self.assertEqual(page.context["insights"].scores, [])
        self.assertContains(
            page,
            "Tell us anything asks no NPS, CSAT, CES or customer-centricity questions, so there "
            "are no scores to show.",
        )
        self.assertNotContains(page, 'id="segments-h"')
        self.assertNotContains(page, "An arrow appears only")

    def test_without_a_survey_every_score_is_shown_as_before(self) -> None:
        page = self.overview()

        self.assertEqual(
            [card.label for card in page.context["insights"].scores],
            ["NPS", "CSAT", "CES", "Customer-centricity index"],
        )
        self.assertContains(page, "CES: no responses in this period")
        self.assertContains(page, "NPS by segment")
        self.assertContains(page, "NPS impact (95% CI)")
        self.assertContains(page, "What goes with NPS")
        self.assertContains(page, "filter to one survey to compare like with like")
        # every CSAT comment here mentions billing, so no theme could be tested against CSAT
        self.assertNotContains(page, "CSAT impact (95% CI)")
        self.assertNotContains(page, "What goes with CSAT")

    def test_the_scores_asked_are_read_from_the_surveys_questions(self) -> None:
        self.assertEqual(
            selectors.survey_scores(actor=self.owner, survey_id=self.csat.pk), {"csat"}
        )
        self.assertEqual(
            selectors.survey_scores(actor=self.owner, survey_id=self.centricity.pk),
            {"nps", "centricity"},
        )
        self.assertEqual(
            selectors.survey_scores(actor=self.owner, survey_id=self.open_question.pk), set()
        )

    def test_another_organisations_survey_tells_nothing_of_what_it_asks(self) -> None:
        theirs = feedback_services.survey_create_from_template(
            actor=self.stranger, template="ces", values={"name": "Their effort"}
        )
        self.assertIsNone(selectors.survey_scores(actor=self.owner, survey_id=theirs.pk))
        page = self.overview(theirs)
        self.assertEqual(len(page.context["insights"].scores), 4)
        self.assertNotContains(page, "Their effort")

    def test_the_api_gives_the_scores_the_page_shows(self) -> None:
        _, secret = api_token_create(user=self.owner, name="test")
        overview = self.client.get(
            "/api/insights/overview",
            {"survey_id": self.csat.pk},
            headers={"Authorization": f"Bearer {secret}"},
        ).json()
        self.assertEqual([card["label"] for card in overview["scores"]], ["CSAT"])
        self.assertEqual([table["label"] for table in overview["segments"]], ["CSAT"])
