"""The survey page's latest responses put each answer after its question's wording and a colon,
unless the wording already leads into it ("good or bad:" is not given a second colon)."""

from __future__ import annotations

from django.utils import timezone

from centric.customers.services import customer_ensure_for_team
from centric.feedback.models import Answer, Response
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.feedback.views import _leading_in


class AnswerLabelsTest(SurveyTestCase):
    def test_a_wording_ending_in_a_colon_or_a_question_mark_gets_no_colon_of_its_own(
        self,
    ) -> None:
        self.assertEqual(_leading_in("They listen to what we need"), "They listen to what we need:")
        for led in ("Good or bad:", "Why?", "印象に残っている出来事：", "なぜですか？", "What we…"):
            self.assertEqual(_leading_in(led), led)

    def test_the_latest_responses_give_one_colon_after_a_wording_that_ends_in_one(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        questions = {question.key: question for question in survey.questions.all()}
        now = timezone.now()
        response = Response.objects.create(
            organisation=self.org,
            survey=survey,
            customer=customer_ensure_for_team(team=self.team),
            person=self.teammate,
            channel=Response.Channel.EMAIL,
            submitted_at=now,
            responded_at=now,
        )
        Answer.objects.create(response=response, question=questions["listening"], number=4)
        Answer.objects.create(
            response=response, question=questions["example"], text="Invoices go out late."
        )
        self.login(self.cx_lead)
        page = " ".join(self.client.get(survey.get_absolute_url()).content.decode().split())
        self.assertIn(
            '<span class="muted" title="An example that stayed with you, good or bad:">'
            "An example that stayed with you, good or bad:</span> Invoices go out late.",
            page,
        )
        self.assertIn(">They listen to what we need:</span> 4", page)
        self.assertNotIn("bad::", page)
