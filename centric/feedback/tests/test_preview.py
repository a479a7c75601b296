"""A survey previewed by staff as its respondents see it: every page, follow-up and check, in
each language, before it opens; nothing is stored."""

from django.urls import reverse

from centric.feedback.models import Answer, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase


class SurveyPreviewTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey()  # a draft: not open to respondents yet
        self.url = reverse("feedback:survey_preview", args=[self.survey.pk])

    def test_a_cx_lead_walks_a_draft_survey_through_as_a_detractor_and_nothing_is_kept(
        self,
    ) -> None:
        self.login(self.cx_lead)
        first = self.client.get(self.url)
        self.assertContains(first, "Preview: this is what respondents see.")
        self.assertContains(first, "How likely are you to recommend us")

        missing = self.client.post(self.url, {"page": "1"})
        self.assertContains(missing, "Please answer this question.", status_code=422)

        following = self.client.post(self.url, {"page": "1", "nps": "3"})
        self.assertRedirects(following, f"{self.url}?page=2", fetch_redirect_response=False)
        second = self.client.get(following["Location"])
        self.assertContains(second, "What is the one thing we should fix first?")  # a detractor's
        self.assertNotContains(second, "What do we do best?")  # a promoter's
        back = self.client.post(self.url, {"page": "2", "back": "1"})
        self.assertRedirects(back, f"{self.url}?page=1", fetch_redirect_response=False)
        self.assertContains(self.client.get(f"{self.url}?page=1"), 'value="3" checked')

        required = self.client.post(self.url, {"page": "2"})  # the detractor's is required
        self.assertContains(required, "Please answer this question.", status_code=422)
        sent = self.client.post(self.url, {"page": "2", "fix_first": "<b>Faster</b> invoices"})
        self.assertContains(sent, "Preview it again")
        self.assertEqual((Response.objects.count(), Answer.objects.count()), (0, 0))
        self.assertNotIn(f"survey-preview-{self.survey.pk}", self.client.session)
        self.assertContains(self.client.get(self.url), 'name="nps" value="3">')  # forgotten

    def test_opened_again_the_preview_starts_at_the_beginning_with_the_answers_so_far(
        self,
    ) -> None:
        self.login(self.cx_lead)
        self.client.post(self.url, {"page": "1", "nps": "3"})
        again = self.client.get(self.url)
        self.assertContains(again, "How likely are you to recommend us")
        self.assertContains(again, 'value="3" checked')
        self.assertContains(self.client.get(self.url, {"page": "2"}), "fix first")

    def test_the_preview_speaks_each_of_the_surveys_languages(self) -> None:
        self.login(self.cx_lead)
        german = self.client.get(self.url, {"lang": "de"})
        self.assertContains(german, "Wie wahrscheinlich ist es")
        self.assertContains(german, '<html lang="de">')
        self.assertContains(german, "Preview: this is what respondents see.")

    def test_a_later_page_is_not_shown_before_the_answers_reach_it(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.url, {"page": "2"})
        self.assertContains(page, "How likely are you to recommend us")  # page 1 still to answer

    def test_anyone_who_may_read_the_survey_previews_it_and_no_one_else(self) -> None:
        self.login(self.owner)  # a member: reads surveys, cannot build them
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)  # to sign in
        theirs = Survey.objects.create(organisation=self.other_org, name="Theirs")
        self.login(self.cx_lead)
        elsewhere = reverse("feedback:survey_preview", args=[theirs.pk])
        self.assertEqual(self.client.get(elsewhere).status_code, 404)
        self.assertEqual(self.client.post(elsewhere, {"page": "1", "nps": "3"}).status_code, 404)

    def test_the_survey_page_links_to_its_preview(self) -> None:
        self.login(self.owner)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, f'<a href="{self.url}">Preview</a>', html=True)
