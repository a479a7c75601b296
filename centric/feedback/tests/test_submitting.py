"""What one submission on the public pages costs, and what it must still do under load: keep one
response per link, refuse forged posts, and announce the feedback once it is stored."""

from django.test import Client
from django.urls import reverse

from centric.feedback import editing, selectors, services
from centric.feedback.models import Response
from centric.feedback.signals import feedback_received
from centric.feedback.tests.test_surveys import SurveyTestCase


class SubmittingTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])
        self.answers = {"page": "1", "csat": "4", "why": "Quick delivery"}

    def test_a_first_submission_reads_the_link_and_writes_the_response_with_its_answers(
        self,
    ) -> None:
        self.client.get(self.url)  # the page the respondent answers; the questions stay cached
        # the invitation with its survey and response; then, in one transaction (a savepoint
        # here), the response and its answers
        with self.assertNumQueries(5):
            sent = self.client.post(self.url, self.answers)
        self.assertRedirects(
            sent, reverse("feedback:thanks", args=[self.invitation.token]), target_status_code=200
        )
        response = Response.objects.get()
        self.assertEqual((response.score, response.comment), (4, "Quick delivery"))
        self.assertIsNotNone(response.submitted_at)

    def test_a_second_visit_reads_the_answers_and_replaces_them(self) -> None:
        self.client.post(self.url, self.answers)
        # the invitation and its response, their answers; then the response, the page's old
        # answers out and the new ones in
        with self.assertNumQueries(7):
            self.client.post(self.url, {**self.answers, "csat": "2", "why": "Late"})
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"csat": 2, "why": "Late"})
        self.assertEqual((response.score, response.comment), (2, "Late"))

    def test_the_same_link_sent_twice_at_once_keeps_one_response(self) -> None:
        # both requests read the link before either stored anything
        stale = selectors.invitation_by_token(self.invitation.token)
        self.client.post(self.url, self.answers)
        following, errors = services.response_save_page(
            response=services.response_for_invitation(invitation=stale),
            page=1,
            data={"csat": ["5"], "why": ["Sent twice"]},
        )
        self.assertEqual((following, errors), (None, {}))
        self.assertEqual(
            services.response_answers(Response.objects.get()), {"csat": 5, "why": "Sent twice"}
        )

    def test_an_invalid_first_page_stores_no_response(self) -> None:
        refused = self.client.post(self.url, {"page": "1", "csat": "9", "why": "<b>x</b>"})
        self.assertContains(refused, "Choose a number from 1 to 5.", status_code=422)
        self.assertContains(refused, "&lt;b&gt;x&lt;/b&gt;", status_code=422)
        self.assertFalse(Response.objects.exists())

    def test_a_post_without_the_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post(self.url, self.answers).status_code, 403)
        page = client.get(self.url)
        token = page.context["csrf_token"]
        sent = client.post(self.url, {**self.answers, "csrfmiddlewaretoken": token})
        self.assertEqual(sent.status_code, 302)
        self.assertEqual(Response.objects.count(), 1)

    def test_the_feedback_is_announced_once_the_submission_commits(self) -> None:
        announced: list[int] = []

        def listen(sender: object, response_ids: list[int], **kwargs: object) -> None:
            announced.extend(response_ids)

        feedback_received.connect(listen)
        self.addCleanup(feedback_received.disconnect, listen)
        with self.captureOnCommitCallbacks() as pending:
            self.client.post(self.url, self.answers)
        self.assertEqual(announced, [])
        for callback in pending:
            callback()
        self.assertEqual(announced, [Response.objects.get().pk])

    def test_questions_changed_while_the_survey_was_a_draft_again_are_shown_once_it_reopens(
        self,
    ) -> None:
        self.assertContains(self.client.get(self.url), "How satisfied were you")
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="draft")
        question = self.survey.questions.get(key="csat")
        editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            question=question,
            values={"text": {"en": "How was the delivery?", "de": "Wie war die Lieferung?"}},
        )
        self.open_survey(self.survey)
        self.assertContains(self.client.get(self.url), "How was the delivery?")

    def test_the_open_link_stores_a_response_only_with_its_first_valid_page(self) -> None:
        survey = self.open_survey(self.make_survey(name="Open", open_link=True))
        url = reverse("feedback:respond_open", args=[survey.public_key])
        self.assertEqual(self.client.post(url, {"page": "1"}).status_code, 422)
        self.assertFalse(Response.objects.exists())
        self.assertRedirects(
            self.client.post(url, {"page": "1", "nps": "3"}),
            f"{url}?page=2",
            target_status_code=200,
        )
        self.assertContains(self.client.get(url), "What is the one thing we should fix first?")
        self.assertEqual(Response.objects.get().page, 2)
