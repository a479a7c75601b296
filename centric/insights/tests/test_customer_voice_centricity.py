"""An account that answered the customer-centricity survey has its index on its page, beside NPS,
CSAT and CES, and its latest comments say what a rating rated; a team's page says the voice is
the team's, as a customer of the teams serving it."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from django.urls import reverse

from centric.customers.models import Customer
from centric.feedback import editing, services
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import CentricityIndex, estimate
from centric.insights.report.numbers import number

KEYS = ("discovery", "service", "engagement")


class CustomerVoiceCentricityTest(SurveyTestCase):
    def setUp(self) -> None:
        self.customer = Customer.objects.get(account=self.account)

    def centricity_survey(self, *, without_nps: bool = False) -> Survey:
        """The customer-centricity survey (seed 003); ``without_nps``, its NPS question taken
        out, so that a response's headline score is its first rating."""
        survey = self.make_survey("customer-centricity", name="How we work with you")
        if without_nps:
            editing.question_delete(actor=self.cx_lead, question=survey.questions.get(key="nps"))
        return self.open_survey(survey)

    def answer(self, survey: Survey, ratings: Sequence[int], comment: str = "") -> Response:
        """A contact of Acme answers ``survey`` through its invitation, page by page."""
        invitation = Invitation.objects.create(
            organisation=self.org,
            survey=survey,
            customer=self.customer,
            contact=self.contact,
            email=f"answer-{Invitation.objects.count()}@acme.example",  # one a wave each
        )
        response = services.response_for_invitation(invitation=invitation)
        data = {key: [str(rating)] for key, rating in zip(KEYS, ratings, strict=True)}
        data |= {"nps": ["8"], "one_thing": [comment]}
        page: int | None = 1
        while page is not None:
            page, errors = services.response_save_page(response=response, page=page, data=data)
            self.assertEqual(errors, {})
        response.refresh_from_db()
        return response

    def voice(self) -> str:
        self.login(self.owner)
        page = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
        self.assertEqual(page.status_code, 200)
        return " ".join(page.content.decode().split())

    def test_an_accounts_page_gives_its_customer_centricity_index_with_n(self) -> None:
        survey = self.centricity_survey()
        answers = [(5, 5, 5), (3, 4, 2), (1, 2, 3)]
        for ratings in answers:
            self.answer(survey, ratings)

        voice = self.voice()

        index = estimate(pl.DataFrame(answers, schema=list(KEYS), orient="row"), CentricityIndex())
        assert index.value is not None
        self.assertIn(f'<div class="stat">{number(index.value, 0)}</div>', voice)
        self.assertIn("Customer-centricity index · n = 3 · too few answers to rely on", voice)

    def test_its_index_from_enough_answers_has_its_interval(self) -> None:
        survey = self.centricity_survey()
        answers = [(5, 4, 4), (2, 3, 3), (4, 4, 5)] * 10
        for ratings in answers:
            self.answer(survey, ratings)

        voice = self.voice()

        index = estimate(pl.DataFrame(answers, schema=list(KEYS), orient="row"), CentricityIndex())
        assert index.low is not None
        assert index.high is not None
        self.assertTrue(index.reliable)
        self.assertIn(
            f"Customer-centricity index · n = 30 · 95% CI {number(index.low, 0)} to "
            f"{number(index.high, 0)}</div>",
            voice,
        )

    def test_an_account_that_did_not_answer_it_shows_no_index(self) -> None:
        Response.objects.create(
            organisation=self.org,
            customer=self.customer,
            channel="api",
            score=9,
            score_type="nps",
            comment="Fine.",
        )
        self.assertNotIn("Customer-centricity index", self.voice())

    def test_a_comments_rating_is_named_by_its_survey_and_what_it_rates(self) -> None:
        survey = self.centricity_survey(without_nps=True)
        response = self.answer(survey, (5, 3, 4), comment="Call us back sooner.")
        self.assertEqual((response.score_type, response.score), ("rating", 5))

        voice = self.voice()

        self.assertIn("Call us back sooner.", voice)
        self.assertIn(" · How we work with you · Discovery 5 of 5</div>", voice)
        self.assertNotIn("Rating (1–5)", voice)

    def test_a_comments_nps_is_said_as_before(self) -> None:
        self.answer(self.centricity_survey(), (5, 3, 4), comment="Call us back sooner.")
        self.assertIn(" · NPS (0–10) 8</div>", self.voice())

    def test_a_teams_page_says_the_voice_is_the_teams_as_a_customer(self) -> None:
        Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(team=self.team),
            channel="api",
            comment="Finance answered our question within the hour, thank you.",
        )
        self.login(self.cx_lead)

        page = self.client.get(reverse("people:team_detail", args=[self.team.pk]))

        self.assertContains(
            page, "What Customer Success told the teams that serve it, last 12 months"
        )
        self.assertNotContains(page, "What they told us")
        self.assertContains(
            self.client.get(reverse("customers:account_detail", args=[self.account.pk])),
            "What they told us, last 12 months",
        )
