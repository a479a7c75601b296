"""A survey's results name what a question measures where the product names it: each of the six
behaviours of the internal-customer survey, then the statement rated; the customer-centricity
survey's discovery, service and engagement. Other questions go by their wording alone."""

from __future__ import annotations

from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import editing
from centric.feedback.models import Answer, Response, Survey
from centric.feedback.results import survey_results
from centric.feedback.tests.test_team_ratings import TeamRatingsTestCase


class NamedResultsTest(TeamRatingsTestCase):
    def names(self, survey: Survey) -> dict[str, str]:
        return {
            result.question.key: result.name
            for result in survey_results(actor=self.cx_lead, survey=survey)
        }

    def heading(self, survey: Survey, key: str) -> str:
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url()).content.decode()
        return page.split(f'id="result-{key}-h"')[1].split("</h3>")[0]

    def test_each_behaviour_is_named_then_its_statement(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team)
        self.assertEqual(
            self.names(survey),
            {
                "csat": "",
                "self_awareness": "Self-awareness",
                "listening": "Listening",
                "questioning": "Questioning",
                "empathy": "Empathy",
                "responsiveness": "Responsiveness",
                "receives_feedback": "Receiving feedback",
                "example": "",
            },
        )
        self.assertEqual(
            self.heading(survey, "empathy"),
            ' style="margin-top:0">Empathy <span class="muted">· They put themselves in our '
            "shoes</span>",
        )
        self.assertEqual(
            self.heading(survey, "csat"),
            ' style="margin-top:0">Overall, how satisfied are you with the service you get from '
            "this team?",
        )

    def test_the_customer_centricity_survey_names_discovery_service_and_engagement(
        self,
    ) -> None:
        survey = self.open_survey(self.make_survey("customer-centricity"))
        customer = Customer.objects.get(account=self.account)
        now = timezone.now()
        response = Response.objects.create(
            organisation=self.org,
            survey=survey,
            customer=customer,
            channel="link",
            submitted_at=now,
            responded_at=now,
        )
        for question in survey.questions.filter(kind="rating"):
            Answer.objects.create(response=response, question=question, number=4)
        names = self.names(survey)
        self.assertEqual(
            (names["discovery"], names["service"], names["engagement"], names["nps"]),
            ("Discovery", "Service", "Engagement", ""),
        )
        self.assertIn(
            'Service <span class="muted">· We deliver what we commit to, on quality and on '
            "time.</span>",
            self.heading(survey, "service"),
        )

    def test_a_question_of_another_survey_is_not_named_whatever_its_key(self) -> None:
        survey = self.make_survey(name="Our own")
        editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"key": "empathy", "kind": "rating", "text": {"en": "Did we listen?"}},
        )
        self.assertEqual(self.names(survey)["empathy"], "")
