"""What one submission on the public pages costs, and what it must still do under load: keep one
response per link, refuse forged posts, and announce the feedback once it is stored."""

from django.test import Client
from django.urls import reverse

from centric.feedback import editing, selectors, services
from centric.feedback.models import Response
from centric.feedback.signals import feedback_received
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.factories import ContactFactory


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


class GoingBackTest(SurveyTestCase):
    """A respondent goes back a page with the form's Back button: what they gave on the page they
    leave is kept if valid, nothing is required, and the response is not sent."""

    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())  # page 1: the score; 2: the follow-up
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])
        self.client.post(self.url, {"page": "1", "nps": "3"})

    def test_back_keeps_the_valid_answers_of_the_page_without_asking_for_the_required_ones(
        self,
    ) -> None:
        # the detractor's follow-up is required and left blank; a topic is chosen
        back = self.client.post(self.url, {"page": "2", "back": "1", "topics": ["price"]})
        self.assertRedirects(back, f"{self.url}?page=1")
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 3, "topics": ["price"]})
        self.assertIsNone(response.submitted_at)

    def test_back_keeps_no_invalid_answer_and_no_invalid_answer_replaces_a_kept_one(self) -> None:
        self.client.post(self.url, {"page": "2", "back": "1", "fix_first": "Billing"})
        self.client.post(
            self.url,
            {"page": "2", "back": "1", "fix_first": "x" * 5001, "topics": ["price", "<nope>"]},
        )
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 3, "fix_first": "Billing"})
        self.assertEqual((response.score, response.comment), (3, "Billing"))
        # an answer cleared on the page is what the respondent gave: it goes
        self.client.post(self.url, {"page": "2", "back": "1", "fix_first": " "})
        self.assertEqual(services.response_answers(Response.objects.get()), {"nps": 3})

    def test_back_lands_on_the_previous_page_with_its_answers_and_forward_finds_them_again(
        self,
    ) -> None:
        back = self.client.post(self.url, {"page": "2", "back": "1", "fix_first": "Billing"})
        previous = self.client.get(back["Location"])
        self.assertContains(previous, "How likely are you to recommend us")
        self.assertContains(previous, 'value="3" checked')
        self.assertNotContains(previous, 'name="back"')  # the first page has no Back
        step = self.client.post(self.url, {"page": "1", "nps": "3"})
        self.assertContains(self.client.get(step["Location"]), "Billing</textarea>")

    def test_back_follows_the_send_button_so_enter_goes_forward(self) -> None:
        page = self.client.get(f"{self.url}?page=2").content.decode()
        self.assertIn('name="back"', page)
        self.assertLess(page.index("Send my answers"), page.index('name="back"'))
        self.assertIn(">Zurück<", self.client.get(f"{self.url}?page=2&lang=de").content.decode())

    def test_a_changed_score_after_going_back_changes_the_follow_up(self) -> None:
        self.client.post(self.url, {"page": "2", "back": "1", "fix_first": "Billing"})
        step = self.client.post(self.url, {"page": "1", "nps": "10"})
        follow_up = self.client.get(step["Location"])
        self.assertContains(follow_up, "What do we do best?")
        self.assertNotContains(follow_up, "What is the one thing we should fix first?")
        self.assertEqual(services.response_answers(Response.objects.get()), {"nps": 10})

    def test_back_on_the_first_page_changes_nothing(self) -> None:
        back = self.client.post(self.url, {"page": "1", "back": "1", "nps": "7"})
        self.assertRedirects(back, f"{self.url}?page=1")
        self.assertEqual(services.response_answers(Response.objects.get()), {"nps": 3})
        url = self.another_link()
        self.client.post(url, {"page": "1", "back": "1", "nps": "7"})
        self.assertEqual(Response.objects.count(), 1)  # a new respondent's first page stores none

    def test_back_before_the_page_was_reached_keeps_nothing(self) -> None:
        self.client.post(self.url, {"page": "3", "back": "1"})
        url = self.another_link()
        self.assertRedirects(
            self.client.post(url, {"page": "2", "back": "1", "topics": ["price"]}),
            f"{url}?page=1",
        )
        self.assertEqual(Response.objects.count(), 1)

    def test_back_on_the_open_link_keeps_the_attempts_answers(self) -> None:
        survey = self.open_survey(self.make_survey(name="Open", open_link=True))
        url = reverse("feedback:respond_open", args=[survey.public_key])
        attempt = str(self.client.get(url).context["attempt"])
        self.client.post(url, {"page": "1", "nps": "9", "attempt": attempt})
        back = self.client.post(
            url, {"page": "2", "back": "1", "best": "Fast delivery", "attempt": attempt}
        )
        self.assertRedirects(back, f"{url}?page=1")
        self.assertContains(self.client.get(back["Location"]), 'value="9" checked')
        kept = Response.objects.get(survey=survey)
        self.assertEqual(services.response_answers(kept), {"nps": 9, "best": "Fast delivery"})
        self.assertIsNone(kept.submitted_at)

    def test_a_sent_response_whose_comment_changes_on_the_way_back_is_read_again(self) -> None:
        self.client.post(self.url, {"page": "2", "fix_first": "Billing"})  # sent
        announced: list[int] = []

        def listen(sender: object, response_ids: list[int], **kwargs: object) -> None:
            announced.extend(response_ids)

        feedback_received.connect(listen)
        self.addCleanup(feedback_received.disconnect, listen)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"page": "2", "back": "1", "fix_first": "Billing"})
        self.assertEqual(announced, [])  # nothing changed, nothing to read again
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"page": "2", "back": "1", "fix_first": "The invoices"})
        response = Response.objects.get()
        self.assertEqual((announced, response.comment), ([response.pk], "The invoices"))
        self.assertIsNotNone(response.submitted_at)

    def another_link(self) -> str:
        """The link of another contact, who has answered nothing yet."""
        contact = ContactFactory.create(account=self.account)
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[contact]
        )
        return reverse("feedback:respond", args=[invitation.token])


class EditingASentResponseTest(SurveyTestCase):
    """A respondent who sent their answers comes back by the same link and changes them: what
    Insights and the case rules read (the score, the comment) is read again as it changes, even
    when the respondent leaves before sending the last page again."""

    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())  # page 1: the score; 2: the follow-up
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])
        self.client.post(self.url, {"page": "1", "nps": "10"})
        self.client.post(self.url, {"page": "2", "best": "Mr Weber was brilliant"})  # sent
        self.announced: list[int] = []

        def listen(sender: object, response_ids: list[int], **kwargs: object) -> None:
            self.announced.extend(response_ids)

        feedback_received.connect(listen)
        self.addCleanup(feedback_received.disconnect, listen)

    def test_a_changed_score_is_announced_at_once_though_more_pages_follow(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            step = self.client.post(self.url, {"page": "1", "nps": "2"})
        self.assertRedirects(step, f"{self.url}?page=2", fetch_redirect_response=False)
        response = Response.objects.get()
        # the promoter's praise went with the promoter's score
        self.assertEqual((response.score, response.comment), (2, ""))
        self.assertEqual(self.announced, [response.pk])
        self.assertIsNotNone(response.submitted_at)

    def test_a_page_sent_again_unchanged_is_not_announced(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"page": "1", "nps": "10"})
        self.assertEqual(self.announced, [])


class LinkNotValidTest(SurveyTestCase):
    """A link that leads nowhere gets a page in the respondent's look and language, not the back
    office's "Not found"."""

    def test_a_mistyped_link_says_so_in_the_browsers_language(self) -> None:
        url = reverse("feedback:respond", args=["invalidtoken123"])
        for method in ("get", "post"):
            with self.subTest(method):
                english = getattr(self.client, method)(url)
                self.assertContains(english, "This link is not valid", status_code=404)
                self.assertContains(english, '<html lang="en">', status_code=404)
                self.assertNotContains(english, reverse("login"), status_code=404)
                self.assertNotContains(english, "home page", status_code=404)
                german = getattr(self.client, method)(
                    url, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.8"
                )
                self.assertContains(german, "Dieser Link ist nicht gültig", status_code=404)
                self.assertContains(german, '<html lang="de">', status_code=404)

    def test_every_public_page_of_a_bad_link_says_so(self) -> None:
        closed_link = self.open_survey(self.make_survey(open_link=False)).public_key
        urls = [
            reverse("feedback:thanks", args=["nope"]),
            reverse("feedback:unsubscribe", args=["nope"]),
            reverse("feedback:respond_open", args=[closed_link]),
            reverse("feedback:thanks_open", args=[closed_link]),
            reverse("feedback:respond_open", args=["nope"]),
            "/r/abc/def/",  # cut short or run together with other text
            "/r/abc",
            "/s/abc/thanks/more/",
        ]
        for url in urls:
            with self.subTest(url):
                page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="de")
                self.assertContains(page, "Dieser Link ist nicht gültig", status_code=404)
        self.assertFalse(Response.objects.exists())

    def test_nothing_from_the_link_is_echoed(self) -> None:
        page = self.client.get("/r/%3Cscript%3Ealert(1)%3B/", {"lang": '"><script>x</script>'})
        self.assertContains(page, "This link is not valid", status_code=404)
        self.assertNotContains(page, "script", status_code=404)
