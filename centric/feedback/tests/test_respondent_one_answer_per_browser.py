"""The open link takes one answer per browser, unless the survey says otherwise (a tablet at a
counter, answered by one customer after another): a browser that sent its answers is thanked on
coming back, not given a fresh form, and a new form sent from it stores nothing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from centric.feedback.models import Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase

ALREADY = "You have already answered this survey. Thank you."


class OneAnswerPerBrowserTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(open_link=True))
        self.url = reverse("feedback:respond_open", args=[self.survey.public_key])

    def answer(self, client: Client | None = None) -> str:
        """Answer through the open link, both pages; the attempt sent."""
        client = client or self.client
        attempt = str(client.get(self.url).context["attempt"])
        client.post(self.url, {"page": "1", "nps": "9", "attempt": attempt})
        sent = client.post(self.url, {"page": "2", "best": "Delivery", "attempt": attempt})
        self.assertRedirects(sent, reverse("feedback:thanks_open", args=[self.survey.public_key]))
        return attempt

    def test_a_browser_that_sent_its_answers_is_thanked_not_asked_again(self) -> None:
        self.answer()
        again = self.client.get(self.url)
        self.assertContains(again, f"<p>{ALREADY}</p>", html=True)
        self.assertNotContains(again, "<form")
        self.assertContains(
            self.client.get(self.url, {"lang": "de"}),
            "Sie haben diese Umfrage bereits beantwortet. Vielen Dank.",
        )
        self.assertContains(self.client.get(self.url, {"answer": "3"}), ALREADY)
        self.assertEqual(Response.objects.count(), 1)

    def test_a_new_form_sent_from_that_browser_stores_nothing(self) -> None:
        self.answer()
        refused = self.client.post(
            self.url, {"page": "1", "nps": "0", "attempt": "b" * 22}, follow=True
        )
        self.assertContains(refused, ALREADY)
        self.assertEqual(list(Response.objects.values_list("score", flat=True)), [9])

    def test_the_form_it_sent_sent_again_still_edits_its_one_response(self) -> None:
        # a double click on the last page, or the page sent again from the browser's history
        attempt = self.answer()
        again = self.client.post(self.url, {"page": "2", "best": "Support", "attempt": attempt})
        self.assertRedirects(again, reverse("feedback:thanks_open", args=[self.survey.public_key]))
        self.assertEqual(Response.objects.get().comment, "Support")

    def test_another_browser_answers_as_before(self) -> None:
        self.answer()
        self.answer(Client())
        self.assertEqual(Response.objects.count(), 2)

    def test_an_unfinished_answer_does_not_count_as_one(self) -> None:
        attempt = str(self.client.get(self.url).context["attempt"])
        self.client.post(self.url, {"page": "1", "nps": "9", "attempt": attempt})
        self.assertContains(self.client.get(self.url), 'name="attempt"')

    def test_a_cookie_not_signed_by_the_site_is_ignored(self) -> None:
        self.client.cookies[f"answered-{self.survey.pk}"] = "b" * 22
        self.assertContains(self.client.get(self.url), 'name="attempt"')

    def test_the_browser_keeps_a_signed_cookie_for_this_open_link_alone(self) -> None:
        self.answer()
        cookie = self.client.cookies[f"answered-{self.survey.pk}"]
        self.assertEqual(cookie["path"], self.url)
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertGreater(int(cookie["max-age"]), 300 * 24 * 3600)
        other = self.open_survey(self.make_survey(name="Another", open_link=True))
        other_url = reverse("feedback:respond_open", args=[other.public_key])
        self.assertContains(self.client.get(other_url), 'name="attempt"')

    def test_a_survey_answered_in_turn_on_one_device_asks_each_time(self) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(one_answer_per_browser=False)
        first = self.answer()
        self.assertNotIn(f"answered-{self.survey.pk}", self.client.cookies)
        self.assertNotEqual(self.answer(), first)
        self.assertEqual(Response.objects.count(), 2)

    def test_a_closed_survey_says_it_is_closed(self) -> None:
        self.answer()
        Survey.objects.filter(pk=self.survey.pk).update(status=Survey.Status.CLOSED)
        self.assertContains(self.client.get(self.url), "This survey is closed.", status_code=410)


class OneAnswerPerBrowserSettingTest(SurveyTestCase):
    def test_it_is_on_by_default_and_turned_off_in_the_settings(self) -> None:
        survey = self.make_survey(open_link=True)
        self.assertTrue(survey.one_answer_per_browser)
        self.login(self.cx_lead)
        url = reverse("feedback:survey_edit", args=[survey.pk])
        self.assertContains(self.client.get(url), "One answer per browser on the open link")
        values = {"name": survey.name, "fatigue_days": "30", "languages": ["en", "de"]}
        self.client.post(url, {**values, "open_link": "on"})
        survey.refresh_from_db()
        self.assertFalse(survey.one_answer_per_browser)
        self.client.post(url, {**values, "open_link": "on", "one_answer_per_browser": "on"})
        survey.refresh_from_db()
        self.assertTrue(survey.one_answer_per_browser)
